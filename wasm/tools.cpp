#include "tools.hpp"

#include "tconv/tconv.hpp"

namespace tconv::wasm {
namespace {

using emscripten::val;

val error_value(const Error& error) { return val(error_json(error)); }

val object_with(const char* key, const std::string& text) {
  val out = val::object();
  out.set(key, text);
  return out;
}

}  // namespace

val figure_svg_text(const std::string& spec_json, const std::string& view, const std::string& step,
                    const std::string& theme, val palette) {
  Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  const Result<FigureView> figure_view = figure_view_named(view);
  if (!figure_view.ok()) return error_value(figure_view.error());
  const TraceSession session(std::move(spec).value());
  const Result<int> state = figure_step_named(session, figure_view.value(), step);
  if (!state.ok()) return error_value(state.error());
  const Result<FigurePalette> theme_palette = figure_palette_named(theme);
  if (!theme_palette.ok()) return error_value(theme_palette.error());
  FigureOptions options;
  options.view = figure_view.value();
  options.step = state.value();
  options.palette = theme_palette.value();
  const std::pair<const char*, std::string FigurePalette::*> fields[] = {{"bg", &FigurePalette::bg},
                                                                         {"fg", &FigurePalette::fg},
                                                                         {"muted", &FigurePalette::muted},
                                                                         {"cell", &FigurePalette::cell},
                                                                         {"line", &FigurePalette::line},
                                                                         {"win", &FigurePalette::win},
                                                                         {"tap", &FigurePalette::tap},
                                                                         {"cur", &FigurePalette::cur},
                                                                         {"multi", &FigurePalette::multi},
                                                                         {"cut", &FigurePalette::cut},
                                                                         {"op", &FigurePalette::op},
                                                                         {"tapTint", &FigurePalette::tap_tint},
                                                                         {"cutTint", &FigurePalette::cut_tint},
                                                                         {"font", &FigurePalette::font},
                                                                         {"mono", &FigurePalette::mono}};
  if (!palette.isUndefined() && !palette.isNull())
    for (const auto& [name, field] : fields) {
      const val value = palette[name];
      if (value.isUndefined()) continue;
      if (!value.isString()) return error_value(Error{std::string("palette.") + name + " must be a string", "palette"});
      options.palette.*field = value.as<std::string>();
    }
  const Result<std::string> svg = tconv::figure_svg(session, options);
  if (!svg.ok()) return error_value(svg.error());
  return object_with("svg", svg.value());
}

val explain_text(const std::string& spec_json, const std::string& format, bool standalone, int step, bool result) {
  const Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  ExplainOptions options;
  options.format = format == "latex"      ? ExplainFormat::latex
                   : format == "markdown" ? ExplainFormat::markdown
                                          : ExplainFormat::text;
  options.standalone = standalone;
  if (step != every_step) options.step = step;
  options.result = result;
  const Result<std::string> text = tconv::explain(spec.value(), options);
  if (!text.ok()) return error_value(text.error());
  return object_with("text", text.value());
}

std::string display_number(double value) { return tconv::display_number(value); }

}  // namespace tconv::wasm
