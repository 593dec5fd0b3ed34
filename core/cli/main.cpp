// tconv: the core on the command line. `tconv compute` and `tconv explain [--latex]` read one
// JSON spec on stdin. A thin user of the core: reading stdin and choosing the output is all it does.

#include <cstdio>
#include <string>
#include <string_view>

#include "tconv/tconv.hpp"

namespace {

constexpr int exit_invalid_spec = 2;
constexpr int exit_usage = 64;

const char* const usage =
    "usage: tconv compute            < spec.json   prints {\"shape\": [...], \"output\": [...]}\n"
    "       tconv explain [--latex]  < spec.json   prints the worked example step by step\n"
    "Invalid specs print {\"error\": \"...\"} (compute) or \"error: ...\" (explain) and exit 2.\n"
    "Spec keys: dims, input, weight | kernel, bias, stride, padding, output_padding, dilation, groups.\n";

// Reads stdin, stopping one byte past the limit so that huge input cannot exhaust memory.
std::string read_stdin() {
  std::string text;
  char chunk[65536];
  const auto cap = static_cast<size_t>(tconv::limits().max_json_bytes) + 1;
  size_t got = 0;
  while (text.size() < cap && (got = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) text.append(chunk, got);
  return text;
}

int print(const std::string& text, std::FILE* stream, int code) {
  std::fputs(text.c_str(), stream);
  std::fputc('\n', stream);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  const std::string_view option = argc > 2 ? argv[2] : "";
  const bool compute = command == "compute" && argc == 2;
  const bool explain = command == "explain" && (argc == 2 || (argc == 3 && option == "--latex"));
  if (!compute && !explain) return print(usage, stderr, exit_usage);

  tconv::Result<tconv::Spec> spec = tconv::parse_spec(read_stdin());
  if (compute) {
    if (!spec.ok()) return print(tconv::error_json(spec.error().message), stdout, exit_invalid_spec);
    return print(tconv::result_json(tconv::compute(spec.value())), stdout, 0);
  }
  if (!spec.ok()) return print("error: " + spec.error().message, stderr, exit_invalid_spec);
  const auto format = option == "--latex" ? tconv::ExplainFormat::latex : tconv::ExplainFormat::text;
  tconv::Result<std::string> text = tconv::explain(spec.value(), format);
  if (!text.ok()) return print("error: " + text.error().message, stderr, exit_invalid_spec);
  std::fputs(text.value().c_str(), stdout);
  return 0;
}
