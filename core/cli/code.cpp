// tconv code --framework F: a program that builds the spec's layer in F, runs its input and prints the output.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_code(const Args& args) {
  std::string_view name;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--framework" && i + 1 < args.size())
      name = args[++i];
    else
      return usage_error("code takes --framework pytorch|keras|jax|onnx|tfjs, got " + std::string(args[i]));
  }
  const std::optional<CodeTarget> target = code_target_named(name.empty() ? "pytorch" : name);
  if (!target) return usage_error("unknown framework " + std::string(name) + ": pytorch, keras, jax, onnx or tfjs");
  const Result<Spec> spec = parse_spec(read_stdin());
  if (!spec.ok()) return print_error_text(spec.error().message);
  const Result<std::string> text = code(spec.value(), *target);
  if (!text.ok()) return print_error_text(text.error().message);
  return write_stdout(text.value());
}

}  // namespace tconv::cli
