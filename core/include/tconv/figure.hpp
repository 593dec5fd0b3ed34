#pragma once
/// @file Figures: any state of any view of a trace session as one self-contained SVG. This is the
/// one renderer of a figure: the CLI (`tconv figure --svg`), the element's toSVG/toPNG/toGIF and
/// the page's Export menu all call figure_svg(), so they can never draw different pictures. The
/// grids, their order and their marks are those the page draws for the same state (web/viz.js).

#include <cstdint>
#include <string>
#include <string_view>

#include "tconv/result.hpp"
#include "tconv/trace.hpp"

namespace tconv {

/// The three ways the page draws a transposed convolution.
enum class FigureView {
  scatter,  ///< states 0..n+1 (n+2 with a bias): empty intermediate output, one per input element, the carve (the
            ///< output when there is no bias), the output with the bias
  gather,   ///< states 0..m+1: nothing computed, one per output cell (channel outer, row-major), the output
  matrix,   ///< states 0..n+1: C^T, x and an empty y; one per column of C^T; y = C^T x (+ bias)
};

/// The theme's colours and fonts as CSS strings, named after web/viz.css's colours (--c-*, --t-*;
/// each can be set by a --tconv-* property of the same name). The defaults are viz.css's light theme
/// resolved to sRGB (a browser test resolves viz.css and compares). Besides hex and rgb(), oklab()
/// and color(srgb ...) (what getComputedStyle returns for viz.css's mixes) are converted to hex.
struct FigurePalette {
  std::string bg = "#ffffff";        ///< the figure's background (--tconv-bg)
  std::string fg = "#1b1e23";        ///< text (--tconv-fg)
  std::string muted = "#4e5155";     ///< secondary text: cells no copy reached, headers, notes
  std::string cell = "#ffffff";      ///< a grid cell
  std::string line = "#a0a1a4";      ///< grid lines
  std::string win = "#1f425f";       ///< this step's window; at the carve, what is kept
  std::string tap = "#6c4c29";       ///< the corner of a cell this copy adds to
  std::string cur = "#7c4326";       ///< the ring of the current input element (or output cell)
  std::string multi = "#1f3e58";     ///< the opposite corner of a sum of several copies
  std::string cut = "#6d6f73";       ///< the hatching of cells cut off by padding (and of the gather view's padding)
  std::string op = "#652f4c";        ///< output_padding cells' ring and dashes
  std::string tap_tint = "#e6e0da";  ///< the background of tapped and current cells (--t-tap)
  std::string cut_tint = "#e8e8e9";  ///< the background of cut and padding cells (--t-cut)
  std::string font = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";  ///< captions and notes
  std::string mono = "ui-monospace, \"SF Mono\", Menlo, Consolas, \"DejaVu Sans Mono\", monospace";  ///< numbers
};

/// viz.css's light theme (the defaults of FigurePalette).
FigurePalette light_palette();
/// viz.css's dark theme (its prefers-color-scheme: dark block), on a dark background.
FigurePalette dark_palette();

/// "light" | "dark": that palette; an error with field "theme" and the valid names otherwise.
Result<FigurePalette> figure_palette_named(std::string_view theme);

/// The state figure_svg() draws when asked for "end": the view's last state.
inline constexpr int figure_end = -1;

/// What to draw.
struct FigureOptions {
  FigureView view = FigureView::scatter;
  int step = figure_end;  ///< a state index of the view (see FigureView), or figure_end
  FigurePalette palette;
};

/// C^T is drawn whole up to this many cells; beyond, the matrix view draws the current column
/// (TraceSession::matrix_column), x and y, with a note naming C^T's size.
inline constexpr std::int64_t max_figure_matrix_cells = 1600;

/// Largest number of grid cells one figure draws (a stack of 64 output channels of 67 x 67 is
/// 287,296): beyond it figure_svg() returns an error naming the count.
inline constexpr std::int64_t max_figure_cells = 300000;

/// The number of states of a view, as the page counts them (web/steps.js): n + 2, or n + 3 with a bias
/// (scatter), m + 2 (gather), n + 2 (matrix), with
/// n = step_count() and m = C_out x output area. The last state is count - 1.
std::int64_t figure_state_count(const TraceSession& session, FigureView view);

/// "scatter" | "gather" | "matrix"; an error with field "view" and the valid names otherwise.
Result<FigureView> figure_view_named(std::string_view name);
/// The view's name, as figure_view_named() reads it.
std::string_view figure_view_name(FigureView view);

/// A step as the element's step attribute takes it: "end" (figure_end) or a whole number
/// 0 ... (count - 1) of the view's states; an error with field "step" and the range otherwise.
Result<int> figure_step_named(const TraceSession& session, FigureView view, std::string_view text);

/// One state of one view as a self-contained SVG document: numbers as <text>, colours inlined,
/// a <title> and a <desc> (the state's description in words), a viewBox with width and height, no
/// external reference. Every state of a view has the same width and height, so that the frames of
/// an animation line up. Errors (field "step", "view", "palette"): a state out of range, a colour
/// or font that is not a plain CSS value, a figure over max_figure_cells.
Result<std::string> figure_svg(const TraceSession& session, const FigureOptions& options);

/// A number as the page displays it (web/dom.js `fmt`): JavaScript's shortest text for the double
/// ("0.1", "1e-7", "1e+21", "-0" shown as "0") when it is at most 7 characters long, otherwise
/// "≈" and the number rounded to 4 significant digits as `Number(v.toPrecision(4))` writes it.
std::string display_number(double value);

/// JavaScript's String(value) for a double: the shortest round-trip digits, written as
/// Number::toString does ("1e-7", "0.000001", "1e+21", "123456789012345680000").
std::string js_number_text(double value);

}  // namespace tconv
