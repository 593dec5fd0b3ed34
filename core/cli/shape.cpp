// tconv shape: the output shape of a spec given by sizes (or by values), as JSON.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_shape(const Args& args) {
  if (!args.empty()) return usage_error("shape takes no options, got " + std::string(args[0]));
  const Result<Spec> spec = parse_shape_spec(read_stdin());
  if (!spec.ok()) return print_error_json(spec.error());
  return write_stdout(shape_json(spec.value()) + "\n");
}

}  // namespace tconv::cli
