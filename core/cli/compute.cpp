// tconv compute: the result of one spec as JSON.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_compute(const Args& args) {
  if (!args.empty()) return usage_error("compute takes no options, got " + std::string(args[0]));
  const Result<Spec> spec = parse_spec(read_stdin());
  if (!spec.ok()) return print_error_json(spec.error());
  return write_stdout(result_json(compute(spec.value())) + "\n");
}

}  // namespace tconv::cli
