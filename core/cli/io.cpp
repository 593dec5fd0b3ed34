// Reading the spec and writing results for every command: a failed write (a full disk, a closed
// pipe) is an error with its own exit status, never a silent success.

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli.hpp"
#include "tconv/format.hpp"
#include "tconv/spec.hpp"

namespace tconv::cli {

std::string read_stdin() {
  std::string text;
  char chunk[65536];
  const auto cap = static_cast<size_t>(limits().max_json_bytes) + 1;
  size_t got = 0;
  while (text.size() < cap && (got = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) text.append(chunk, got);
  return text;
}

int write_stdout(std::string_view text) {
  errno = 0;
  const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  if (written && std::fflush(stdout) == 0 && !std::ferror(stdout)) return exit_ok;
  const int cause = errno;
  std::fprintf(stderr, "tconv: cannot write the output: %s\n", cause ? std::strerror(cause) : "write error");
  return exit_write_failed;
}

int print_error_json(const Error& error) {
  const int written = write_stdout(error_json(error) + "\n");
  return written == exit_ok ? exit_invalid : written;
}

int print_error_text(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return exit_invalid;
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "tconv: %s\n\n%s", message.c_str(), usage().c_str());
  return exit_invalid;
}

}  // namespace tconv::cli
