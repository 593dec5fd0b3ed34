// tconv solve: every parameter set that gives the output size asked for, as JSON.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_solve(const Args& args) {
  if (!args.empty()) return usage_error("solve takes no options, got " + std::string(args[0]));
  const Result<SolveQuery> query = parse_solve_query(read_stdin());
  if (!query.ok()) return print_error_json(query.error());
  return write_stdout(solve_json(solve(query.value())) + "\n");
}

}  // namespace tconv::cli
