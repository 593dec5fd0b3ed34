// tconv translate --to F | --from F: one framework's transposed-convolution arguments as a crop of the
// full buffer, and in another framework's arguments, as JSON.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_translate(const Args& args) {
  std::string_view from, to;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    std::string_view* slot = arg == "--from" ? &from : arg == "--to" ? &to : nullptr;
    if (slot == nullptr || i + 1 == args.size())
      return usage_error(slot == nullptr ? "translate does not know the option " + std::string(arg)
                                         : std::string(arg) + " needs a framework: pytorch, keras, tf, jax or onnx");
    *slot = args[++i];
  }
  for (std::string_view name : {from, to})
    if (!name.empty() && !framework_named(name))
      return usage_error("unknown framework " + std::string(name) + ": pytorch, keras, tf, jax or onnx");
  const Framework source = from.empty() ? Framework::pytorch : *framework_named(from);
  const Framework target = to.empty() ? source : *framework_named(to);
  const Result<Translation> t = translate(read_stdin(), source, target);
  if (!t.ok()) return print_error_json(t.error());
  return write_stdout(translation_json(t.value()) + "\n");
}

}  // namespace tconv::cli
