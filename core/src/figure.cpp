// figure_svg(): checks the options, asks the view for the picture of the state, writes the SVG.

#include "tconv/figure.hpp"

#include <string>

#include "figure_draw.hpp"
#include "tconv/format.hpp"

namespace tconv {

FigurePalette light_palette() { return FigurePalette{}; }

FigurePalette dark_palette() {
  FigurePalette p;
  p.bg = "#17191e";
  p.fg = "#e8eaee";
  p.muted = "#abadb2";
  p.cell = "#17191e";
  p.line = "#5e6065";
  p.win = "#8fb4d5";
  p.tap = "#dab48d";
  p.cur = "#e3a080";
  p.multi = "#99bad8";
  p.cut = "#8c8e93";
  p.op = "#d594b2";
  p.tap_tint = "#312f2e";
  p.cut_tint = "#26282e";
  return p;
}

std::int64_t figure_state_count(const TraceSession& session, FigureView view) {
  switch (view) {
    // As the page (web/steps.js): n+1 is the carve, which is the output when there is no bias; n+2
    // the output with the bias added, only when there is one.
    case FigureView::scatter: return std::int64_t{session.step_count()} + (session.spec().bias.empty() ? 2 : 3);
    case FigureView::gather: return static_cast<std::int64_t>(session.carved().values.size()) + 2;
    case FigureView::matrix: return std::int64_t{session.step_count()} + 2;
  }
  return 0;
}

std::string_view figure_view_name(FigureView view) {
  switch (view) {
    case FigureView::scatter: return "scatter";
    case FigureView::gather: return "gather";
    case FigureView::matrix: return "matrix";
  }
  return "";
}

Result<FigureView> figure_view_named(std::string_view name) {
  for (FigureView view : {FigureView::scatter, FigureView::gather, FigureView::matrix})
    if (name == figure_view_name(view)) return view;
  return Error{"view must be scatter, gather or matrix, got " + quoted(name), "view", -1,
               Valid{std::nullopt, std::nullopt, {"\"scatter\"", "\"gather\"", "\"matrix\""}}};
}

Result<FigurePalette> figure_palette_named(std::string_view theme) {
  if (theme == "light") return light_palette();
  if (theme == "dark") return dark_palette();
  return Error{"theme must be light or dark, got " + quoted(theme), "theme", -1,
               Valid{std::nullopt, std::nullopt, {"\"light\"", "\"dark\""}}};
}

Result<int> figure_step_named(const TraceSession& session, FigureView view, std::string_view text) {
  const std::int64_t last = figure_state_count(session, view) - 1;
  const Error error{"step must be end or a whole number from 0 to " + std::to_string(last) + " in the " +
                        std::string(figure_view_name(view)) + " view, got " + quoted(text),
                    "step", -1, Valid{0.0, static_cast<double>(last), {}}};
  if (text == "end") return figure_end;
  if (text.empty() || text.size() > 10) return error;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return error;
    value = value * 10 + (c - '0');
  }
  if (value > last) return error;
  return static_cast<int>(value);
}

Result<std::string> figure_svg(const TraceSession& session, const FigureOptions& options) {
  const std::int64_t count = figure_state_count(session, options.view);
  const std::int64_t last = count - 1;
  if (options.step != figure_end && (options.step < 0 || options.step > last))
    return Error{"step must be from 0 to " + std::to_string(last) + " (or end) in the " +
                     std::string(figure_view_name(options.view)) + " view, got " + std::to_string(options.step),
                 "step", -1, Valid{0.0, static_cast<double>(last), {}}};
  const Result<bool> palette = detail::check_palette(options.palette);
  if (!palette.ok()) return palette.error();
  const std::int64_t cells = detail::estimated_cells(session, options.view);
  if (cells > max_figure_cells)
    return Error{"the " + std::string(figure_view_name(options.view)) + " figure would draw " + std::to_string(cells) +
                     " cells, over the limit of " + std::to_string(max_figure_cells) + "; use a smaller example",
                 "view"};
  const int state = options.step == figure_end ? static_cast<int>(last) : options.step;
  const auto build = [&](int s) {
    switch (options.view) {
      case FigureView::scatter: return detail::scatter_picture(session, s);
      case FigureView::gather: return detail::gather_picture(session, s);
      case FigureView::matrix: break;
    }
    return detail::matrix_picture(session, s);
  };
  detail::Picture picture = build(state);
  // The words of the first, second, last-but-one and last states, whose lines every state keeps:
  // the view's states differ in their numbers only.
  const int representatives[] = {0, 1, static_cast<int>(last) - 2, static_cast<int>(last) - 1, static_cast<int>(last)};
  for (const int other : representatives) {
    if (other < 0 || other == state) continue;
    detail::Picture words = build(other);
    picture.heading_variants.push_back(std::move(words.heading));
    picture.note_variants.push_back(std::move(words.notes));
  }
  return detail::render_svg(picture, options.palette);
}

}  // namespace tconv
