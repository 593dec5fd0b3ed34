#pragma once
// What every command of the tconv CLI shares: its arguments, reading the spec on stdin, writing
// results so that a failed write is an error, and the exit codes.

#include <string>
#include <string_view>
#include <vector>

#include "tconv/result.hpp"

namespace tconv::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_write_failed = 1;  ///< stdout could not be written (a full disk, a closed pipe)
inline constexpr int exit_invalid = 2;       ///< an invalid spec, query or command line

/// The arguments after the command's name.
using Args = std::vector<std::string_view>;

/// One command: its name, its line of the usage text, and what it does.
struct Command {
  std::string_view name;
  std::string_view usage;  ///< "compute            < spec.json   prints {...}"
  int (*run)(const Args& args);
};

/// Every command, in the order the usage lists them (main.cpp).
const std::vector<Command>& commands();

/// The whole usage text.
std::string usage();

/// Reads stdin, stopping one byte past the spec length limit so that huge input cannot exhaust memory.
std::string read_stdin();

/// Writes text to stdout and flushes it; exit_ok, or exit_write_failed with a note on stderr.
int write_stdout(std::string_view text);

/// `{"error": ..., "field": ..., "axis": ..., "valid": ...}` on stdout, exit_invalid (or exit_write_failed).
int print_error_json(const Error& error);

/// "error: ..." on stderr, exit_invalid.
int print_error_text(const std::string& message);

/// A command line the command does not understand: the message and the usage on stderr, exit_invalid.
int usage_error(const std::string& message);

}  // namespace tconv::cli
