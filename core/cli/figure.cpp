// tconv figure: one state of one view as a self-contained SVG document (tconv/figure.hpp), the
// same figure the element's toSVG() returns for the same spec and step.

#include <optional>
#include <string>

#include "cli.hpp"
#include "tconv/tconv.hpp"

namespace tconv::cli {

int run_figure(const Args& args) {
  std::optional<std::string_view> step_text;
  std::string_view view_text = "scatter";
  std::string_view theme = "light";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    // "--step 3" or "--step=3".
    auto value = [&](std::string_view name) -> std::optional<std::string_view> {
      if (arg == name && i + 1 < args.size()) return args[++i];
      if (arg.size() > name.size() + 1 && arg.substr(0, name.size()) == name && arg[name.size()] == '=')
        return arg.substr(name.size() + 1);
      return std::nullopt;
    };
    if (arg == "--svg") continue;
    if (std::optional<std::string_view> v = value("--step")) {
      step_text = *v;
    } else if (std::optional<std::string_view> w = value("--view")) {
      view_text = *w;
    } else if (std::optional<std::string_view> t = value("--theme")) {
      theme = *t;
    } else {
      return usage_error("figure does not know the option " + std::string(arg));
    }
  }
  const Result<FigurePalette> palette = figure_palette_named(theme);
  if (!palette.ok()) return print_error_json(palette.error());
  const Result<FigureView> view = figure_view_named(view_text);
  if (!view.ok()) return print_error_json(view.error());
  const Result<Spec> spec = parse_spec(read_stdin());
  if (!spec.ok()) return print_error_json(spec.error());
  const TraceSession session(spec.value());
  FigureOptions options;
  options.view = view.value();
  options.palette = palette.value();
  if (step_text) {
    const Result<int> step = figure_step_named(session, options.view, *step_text);
    if (!step.ok()) return print_error_json(step.error());
    options.step = step.value();
  }
  const Result<std::string> svg = figure_svg(session, options);
  if (!svg.ok()) return print_error_json(svg.error());
  return write_stdout(svg.value());
}

}  // namespace tconv::cli
