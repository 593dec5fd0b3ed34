// tconv explain: the worked example step by step, as text, LaTeX (a fragment, or with --standalone
// a document for pdflatex) or Markdown; --step N one state of it, --result the final equation only.

#include <optional>
#include <string>

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_explain(const Args& args) {
  ExplainOptions options;
  bool latex = false, markdown = false;
  std::optional<std::string_view> step_text;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--latex") {
      latex = true;
    } else if (arg == "--markdown") {
      markdown = true;
    } else if (arg == "--standalone") {
      options.standalone = true;
    } else if (arg == "--result") {
      options.result = true;
    } else if (arg == "--step" && i + 1 < args.size()) {
      step_text = args[++i];
    } else if (arg.substr(0, 7) == "--step=") {
      step_text = arg.substr(7);
    } else {
      return usage_error("explain does not know the option " + std::string(arg));
    }
  }
  if (latex && markdown) return usage_error("explain writes --latex or --markdown, not both");
  if (options.standalone && markdown)
    return usage_error("--standalone makes a LaTeX document: use it without --markdown");
  if (options.result && step_text) return usage_error("explain takes --step or --result, not both");
  // --standalone alone means a LaTeX document.
  options.format = markdown                      ? ExplainFormat::markdown
                   : latex || options.standalone ? ExplainFormat::latex
                                                 : ExplainFormat::text;
  if (step_text) {
    if (*step_text == "end") {
      options.step = explain_end;
    } else {
      int value = 0;
      bool digits = !step_text->empty() && step_text->size() <= 9;
      for (const char c : *step_text) {
        digits = digits && c >= '0' && c <= '9';
        if (digits) value = value * 10 + (c - '0');
      }
      if (!digits) return usage_error("--step takes a whole number or end, got " + std::string(*step_text));
      options.step = value;
    }
  }
  const Result<Spec> spec = parse_spec(read_stdin());
  if (!spec.ok()) return print_error_text(spec.error().message);
  const Result<std::string> text = explain(spec.value(), options);
  if (!text.ok()) return print_error_text(text.error().message);
  return write_stdout(text.value());
}

}  // namespace tconv::cli
