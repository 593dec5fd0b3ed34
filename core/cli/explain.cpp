// tconv explain: the worked example step by step, as text or LaTeX.

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_explain(const Args& args) {
  ExplainFormat format = ExplainFormat::text;
  for (std::string_view arg : args) {
    if (arg == "--latex")
      format = ExplainFormat::latex;
    else
      return usage_error("explain does not know the option " + std::string(arg));
  }
  const Result<Spec> spec = parse_spec(read_stdin());
  if (!spec.ok()) return print_error_text(spec.error().message);
  const Result<std::string> text = explain(spec.value(), format);
  if (!text.ok()) return print_error_text(text.error().message);
  return write_stdout(text.value());
}

}  // namespace tconv::cli
