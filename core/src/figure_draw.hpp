#pragma once
// The figure's drawing model: a picture is rows of panels (stacks of grids), arrows and signs,
// with a heading and notes; render_svg() lays it out and writes the SVG. The views
// (figure_views.cpp) only say which grids hold which numbers with which marks, as viz.js does.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tconv/figure.hpp"

namespace tconv::detail {

/// What a cell shows besides its number, as the page's classes do (viz.css).
enum Mark : unsigned {
  mark_muted = 1u << 0,    ///< "z", "done", "gz": secondary text
  mark_tap = 1u << 1,      ///< "tap": filled with the tap colour
  mark_multi = 1u << 2,    ///< "m": stripes (a sum of several copies), never behind the digits
  mark_cur = 1u << 3,      ///< "cur": the current element, a ring
  mark_cut = 1u << 4,      ///< "cut": cut by padding (cut colour, struck through)
  mark_op = 1u << 5,       ///< "op": output_padding, a dashed outline
  mark_value = 1u << 6,    ///< "gv": an input value in the padded input, bold
  mark_padding = 1u << 7,  ///< "gp": padding in the padded input, hatched
};

struct FigureCell {
  std::optional<double> value;  ///< nothing: an empty cell
  unsigned marks = 0;
};

/// A rectangle of cells, inclusive, outlined in the window colour.
struct CellBox {
  int top = 0, left = 0, bottom = 0, right = 0;
};

struct FigureGrid {
  std::string key;      ///< the page's grid class: in, kern, copy, buf, out, rot, padded, ct, x, y
  std::string caption;  ///< "Input: 2 × 2"
  int rows = 1, cols = 1;
  std::vector<FigureCell> cells;       ///< rows x cols, row-major
  std::vector<std::string> row_names;  ///< row headers; empty: indices when rows > 1, else none
  std::vector<std::string> col_names;  ///< column headers; empty: indices
  std::vector<CellBox> boxes;          ///< outlined regions (this step's window, the kept region)
  int width_chars = 1;                 ///< the widest number this grid shows in any state
  int caption_chars = 0;               ///< the longest caption it has in any state
};

/// A vertical stack of grids (one per channel), or an arrow or sign between panels.
struct FigureItem {
  enum class Kind { panel, arrow, sign } kind = Kind::panel;
  std::vector<FigureGrid> grids;  ///< panel
  std::string text;               ///< arrow or sign: "→", "·", "="
  std::string label;              ///< above an arrow: "rotate 180°"
  bool reserved = false;          ///< a panel drawn in no state of this one: its space kept, nothing drawn
};

struct Picture {
  std::string title;  ///< <title>
  std::string desc;   ///< <desc>: the state in words
  std::string heading;
  std::vector<std::vector<FigureItem>> rows;
  std::vector<std::string> notes;  ///< lines under the grids (the gather view's sum first)
  int note_lines = 0;              ///< lines reserved for notes in every state, so frames line up
  bool mono_notes = false;         ///< the first note in the number font (a sum)
  /// Other states' headings and notes: as many lines are kept for them, so that every state of a
  /// view has one size (the frames of an animation line up).
  std::vector<std::string> heading_variants;
  std::vector<std::vector<std::string>> note_variants;
};

/// The SVG of a picture, in the palette's colours. Colours and fonts must be checked first.
std::string render_svg(const Picture& picture, const FigurePalette& palette);

/// The checked form of a palette colour or font: an error unless it is a plain CSS value.
Result<bool> check_palette(const FigurePalette& palette);

/// Grid cells of a picture.
std::int64_t picture_cells(const Picture& picture);

/// Characters of a number as the figure shows it (UTF-8 aware: "≈" is one).
int display_width(double value);
/// Characters (code points) of UTF-8 text.
int text_width(std::string_view text);

/// The picture of one state (figure_views.cpp). `state` is within 0 .. figure_state_count - 1.
Picture scatter_picture(const TraceSession& session, int state);
Picture gather_picture(const TraceSession& session, int state);
Picture matrix_picture(const TraceSession& session, int state);

/// An estimate of the cells a view draws, checked before anything is built.
std::int64_t estimated_cells(const TraceSession& session, FigureView view);

}  // namespace tconv::detail
