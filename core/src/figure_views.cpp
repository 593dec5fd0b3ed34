// The three views' states as pictures: which grids, in which order, holding which numbers, with
// which marks (the page draws the same: web/viz.js for the scatter view). Every number is asked of
// the trace session; this file only decides layout (which cells a window covers, which rows the
// carve keeps) the way the page does.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "figure_draw.hpp"
#include "index.hpp"
#include "tconv/geometry.hpp"
#include "tconv/scatter.hpp"

namespace tconv::detail {
namespace {

constexpr const char* kTimes = " \xC3\x97 ";    // " × "
constexpr const char* kMinus = "\xE2\x88\x92";  // −
constexpr const char* kDash = "\xE2\x80\x93";   // –
constexpr const char* kDot = "\xC2\xB7";        // ·

std::string str(std::int64_t v) { return std::to_string(v); }

// "2 × 3", or "5" for one axis.
std::string size_text(const std::vector<int>& sizes) {
  std::string text;
  for (size_t a = 0; a < sizes.size(); ++a) text += (a ? kTimes : "") + str(sizes[a]);
  return text;
}

// "5 cells" in 1D, "5 × 5" in 2D (the page's `sz`).
std::string cells_text(const std::vector<int>& sizes, const char* unit = "cell") {
  return sizes.size() == 1 ? str(sizes[0]) + " " + unit + (sizes[0] == 1 ? "" : "s") : size_text(sizes);
}

std::string index_text(const std::vector<int>& index) {
  std::string text;
  for (int i : index) text += "[" + str(i) + "]";
  return text;
}

// Spatial sizes of the axes, by field.
std::vector<int> sizes(const TraceSession& s, int AxisGeometry::*field) {
  std::vector<int> out;
  for (const AxisGeometry& g : s.axes()) out.push_back(g.*field);
  return out;
}

// A grid's rows and columns: 1D data is one row.
std::pair<int, int> rows_cols(const std::vector<int>& spatial) {
  return spatial.size() == 1 ? std::pair{1, spatial[0]} : std::pair{spatial[0], spatial[1]};
}

int product(const std::vector<int>& spatial) {
  int n = 1;
  for (int v : spatial) n *= v;
  return n;
}

FigureGrid make_grid(std::string key, std::string caption, const std::vector<int>& spatial) {
  FigureGrid g;
  g.key = std::move(key);
  g.caption = std::move(caption);
  std::tie(g.rows, g.cols) = rows_cols(spatial);
  g.cells.resize(static_cast<size_t>(g.rows) * static_cast<size_t>(g.cols));
  return g;
}

// Widens a grid for numbers it shows (in this state or another).
void widen(FigureGrid& g, const double* values, size_t count) {
  for (size_t i = 0; i < count; ++i) g.width_chars = std::max(g.width_chars, display_width(values[i]));
}
void widen_to_cells(FigureGrid& g) {
  for (const FigureCell& c : g.cells)
    if (c.value) g.width_chars = std::max(g.width_chars, display_width(*c.value));
}

FigureItem panel(std::vector<FigureGrid> grids, bool reserved = false) {
  FigureItem item;
  item.grids = std::move(grids);
  item.reserved = reserved;
  return item;
}
FigureItem arrow(std::string label = "") {
  FigureItem item;
  item.kind = FigureItem::Kind::arrow;
  item.text = "\xE2\x86\x92";  // →
  item.label = std::move(label);
  return item;
}
FigureItem sign(std::string text) {
  FigureItem item;
  item.kind = FigureItem::Kind::sign;
  item.text = std::move(text);
  return item;
}

// A spatial block of a row-major tensor: `count` values from `first`.
const double* block(const Tensor& t, std::int64_t index, std::int64_t size) {
  return t.values.data() + static_cast<size_t>(index * size);
}

// A number as a factor of a written product: negative ones in parentheses with a true minus sign.
std::string factor(double value) {
  std::string text = display_number(value);
  if (!text.empty() && text[0] == '-') return "(" + std::string(kMinus) + text.substr(1) + ")";
  if (text.rfind("\xE2\x89\x88-", 0) == 0) return "(\xE2\x89\x88" + std::string(kMinus) + text.substr(4) + ")";
  return text;
}

std::string view_title(const char* view, const std::string& label) {
  return std::string("Transposed convolution, ") + view + " view: " + label;
}

}  // namespace

// --- Scatter: states 0 .. n+1, and n+2 with a bias (web/steps.js).

Picture scatter_picture(const TraceSession& session, int s) {
  const Spec& spec = session.spec();
  const std::vector<AxisGeometry>& axes = session.axes();
  const int n = session.step_count();
  const int dims = spec.dims;
  const bool channels_in = spec.in_channels > 1;
  const bool channels_out = spec.out_channels > 1;
  const int group_outputs = spec.out_channels / spec.groups;
  const std::vector<int> in_size = spec.input_size;
  const std::vector<int> k_size = spec.kernel_size;
  const std::vector<int> buf_size = sizes(session, &AxisGeometry::buffer);
  const std::vector<int> out_size = sizes(session, &AxisGeometry::output);
  const std::int64_t in_area = input_area(spec);
  const std::int64_t k_area = kernel_area(spec);
  const std::int64_t buf_area = product(buf_size);
  const std::int64_t out_area = product(out_size);

  std::optional<StepState> state;
  if (s >= 1 && s <= n) state = session.step(s - 1).value();
  const int channel = state ? state->step.channel : 0;

  Picture pic;
  // Input: every channel; the current element ringed, those before it muted.
  FigureItem input = panel({});
  for (int c = 0; c < spec.in_channels; ++c) {
    FigureGrid g = make_grid(
        "in", "Input: " + cells_text(in_size, "cell") + (channels_in ? " \xC2\xB7 channel " + str(c) : ""), in_size);
    for (std::int64_t i = 0; i < in_area; ++i) {
      const std::int64_t t = c * in_area + i;
      g.cells[static_cast<size_t>(i)] = {spec.input[static_cast<size_t>(t)], t == s - 1  ? mark_cur
                                                                             : t < s - 1 ? mark_muted
                                                                                         : 0u};
    }
    widen_to_cells(g);
    input.grids.push_back(std::move(g));
  }
  // Kernel: the current input channel's slices, as given (not flipped). With channels each caption
  // says which input channel it scales and which output channel it adds into: the kernels stand
  // beside the input's stack from its top, not beside their own input channel's grid.
  const int first_output = state ? state->step.first_output_channel : 0;
  FigureItem kernel = panel({});
  for (int j = 0; j < group_outputs; ++j) {
    const std::int64_t pair = std::int64_t{channel} * group_outputs + j;
    FigureGrid g =
        make_grid("kern",
                  channels_in || channels_out ? "w[" + str(channel) + "][" + str(j) + "] \xC2\xB7 input " +
                                                    str(channel) + " \xE2\x86\x92 output " + str(first_output + j)
                                              : "Kernel: " + cells_text(k_size, "tap") + " \xC2\xB7 not flipped",
                  k_size);
    for (std::int64_t i = 0; i < k_area; ++i)
      g.cells[static_cast<size_t>(i)].value = spec.weight[static_cast<size_t>(pair * k_area + i)];
    widen_to_cells(g);
    kernel.grids.push_back(std::move(g));
  }
  // The scaled copy: only while an element is being scattered; its space is kept in every state.
  FigureItem copy = panel({}, !state);
  // Widths for every step's copy, so that all states have one size (cheap enough up to 20,000 products).
  const bool all_products = static_cast<std::int64_t>(spec.input.size()) * group_outputs * k_area <= 20000;
  for (int j = 0; j < group_outputs; ++j) {
    FigureGrid g = make_grid("copy", "", k_size);
    if (state) {
      g.caption = display_number(state->step.value) + " \xC3\x97 " +
                  (spec.single_channel ? std::string("kernel") : "w[" + str(state->step.channel) + "][" + str(j) + "]");
      for (std::int64_t i = 0; i < k_area; ++i)
        g.cells[static_cast<size_t>(i)] = {state->step.products.values[static_cast<size_t>(j * k_area + i)], mark_tap};
      widen_to_cells(g);
    } else {
      g.caption = "0 \xC3\x97 kernel";
    }
    widen_to_cells(kernel.grids[static_cast<size_t>(j)]);
    g.width_chars = std::max(g.width_chars, kernel.grids[static_cast<size_t>(j)].width_chars);
    if (all_products)
      for (size_t t = 0; t < spec.input.size(); ++t) {
        const std::int64_t c = static_cast<std::int64_t>(t) / in_area;
        for (std::int64_t i = 0; i < k_area; ++i)
          g.width_chars = std::max(
              g.width_chars,
              display_width(spec.input[t] * spec.weight[static_cast<size_t>((c * group_outputs + j) * k_area + i)]));
      }
    copy.grids.push_back(std::move(g));
  }

  // The intermediate output, every output channel.
  const Tensor buffer = s == 0 ? session.buffer_after(0).value() : state ? state->buffer : session.final_buffer();
  const std::vector<int>* counts = s == 0 ? nullptr : state ? &state->contributions : &session.final_contributions();
  const auto [rows, cols] = rows_cols(buf_size);
  const AxisGeometry* ax_r = dims == 1 ? nullptr : &axes[0];
  const AxisGeometry& ax_c = axes[static_cast<size_t>(dims - 1)];
  // output_padding cells: the last output_padding rows/columns of the kept region.
  const int op_from_r = ax_r ? rows - std::max(0, ax_r->carve_end) - ax_r->params.output_padding : rows;
  const int op_from_c = cols - std::max(0, ax_c.carve_end) - ax_c.params.output_padding;
  CellBox kept{ax_r ? ax_r->carve_start : 0, ax_c.carve_start, rows - 1 - (ax_r ? std::max(0, ax_r->carve_end) : 0),
               cols - 1 - std::max(0, ax_c.carve_end)};
  FigureItem intermediate = panel({});
  for (int o = 0; o < spec.out_channels; ++o) {
    FigureGrid g = make_grid("buf",
                             "Intermediate output: " + cells_text(buf_size, "cell") +
                                 (s > n ? " \xC2\xB7 the carve" : " \xC2\xB7 before the carve") +
                                 (channels_out ? " \xC2\xB7 channel " + str(o) : ""),
                             buf_size);
    // The longer of its two captions, in every state.
    g.caption_chars = text_width("Intermediate output: " + cells_text(buf_size, "cell") + " \xC2\xB7 before the carve" +
                                 (channels_out ? " \xC2\xB7 channel " + str(o) : ""));
    std::optional<CellBox> window;
    std::vector<int> dil{1, 1};
    if (state && o >= state->step.first_output_channel && o < state->step.first_output_channel + group_outputs) {
      const TraceStep& st = state->step;
      const int r0 = dims == 1 ? 0 : st.origin[0];
      const int c0 = st.origin[static_cast<size_t>(dims - 1)];
      window = CellBox{r0, c0, r0 + (dims == 1 ? 1 : st.span[0]) - 1, c0 + st.span[static_cast<size_t>(dims - 1)] - 1};
      dil = {dims == 1 ? 1 : st.dilation[0], st.dilation[static_cast<size_t>(dims - 1)]};
    }
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const std::int64_t i = o * buf_area + std::int64_t{r} * cols + c;
        const int copies = counts ? (*counts)[static_cast<size_t>(i)] : 0;
        unsigned marks = copies == 0 ? mark_muted : copies > 1 ? mark_multi : 0u;
        if (window) {
          const bool inside = r >= window->top && r <= window->bottom && c >= window->left && c <= window->right;
          if (inside && (r - window->top) % dil[0] == 0 && (c - window->left) % dil[1] == 0) marks |= mark_tap;
        } else if (s > n) {
          const bool inside = r >= kept.top && r <= kept.bottom && c >= kept.left && c <= kept.right;
          if (!inside) marks |= mark_cut;
          if (inside && (r >= op_from_r || c >= op_from_c)) marks |= mark_op;
        }
        g.cells[static_cast<size_t>(std::int64_t{r} * cols + c)] = {buffer.values[static_cast<size_t>(i)], marks};
      }
    if (window) g.boxes.push_back(*window);
    if (s > n) g.boxes.push_back(kept);
    widen(g, block(session.final_buffer(), o, buf_area), static_cast<size_t>(buf_area));
    widen(g, block(session.carved(), o, out_area), static_cast<size_t>(out_area));
    widen_to_cells(g);
    intermediate.grids.push_back(std::move(g));
  }

  // The output: empty until the carve, then the carved values, then with the bias.
  const auto [orows, ocols] = rows_cols(out_size);
  FigureItem output = panel({});
  for (int o = 0; o < spec.out_channels; ++o) {
    FigureGrid g = make_grid(
        "out", "Output: " + cells_text(out_size, "cell") + (channels_out ? " \xC2\xB7 channel " + str(o) : ""),
        out_size);
    const Tensor* shown = s == n + 1 ? &session.carved() : s == n + 2 ? &session.output() : nullptr;
    for (int r = 0; r < orows; ++r)
      for (int c = 0; c < ocols; ++c) {
        const bool op = (ax_r && r >= orows - ax_r->params.output_padding) || c >= ocols - ax_c.params.output_padding;
        FigureCell& cell = g.cells[static_cast<size_t>(std::int64_t{r} * ocols + c)];
        cell.marks = (shown ? 0u : mark_muted) | (op ? mark_op : 0u);
        if (shown) cell.value = shown->values[static_cast<size_t>(o * out_area + std::int64_t{r} * ocols + c)];
      }
    widen(g, block(session.carved(), o, out_area), static_cast<size_t>(out_area));
    widen(g, block(session.output(), o, out_area), static_cast<size_t>(out_area));
    output.grids.push_back(std::move(g));
  }

  pic.rows.push_back({std::move(input), std::move(kernel), std::move(copy)});
  pic.rows.push_back({std::move(intermediate), arrow(), std::move(output)});

  // The words: the page's description of this state (viz.js describe()).
  const std::string intermediate_sz = cells_text(sizes(session, &AxisGeometry::intermediate));
  const std::string buffer_sz = cells_text(buf_size);
  const std::string output_sz = cells_text(out_size);
  std::string label;
  if (s == 0) {
    label = "start";
    pic.heading = "Start: an intermediate output of zeros, " + intermediate_sz +
                  (buffer_sz == intermediate_sz ? "" : " (" + buffer_sz + " with the output_padding cells)") +
                  ". Each of the " + str(n) + " input " + (n == 1 ? "element" : "elements") +
                  " will add a scaled copy of the kernel to it.";
  } else if (state) {
    const TraceStep& st = state->step;
    label = "step " + str(s) + " of " + str(n);
    std::string where;
    for (size_t a = 0; a < st.origin.size(); ++a) {
      const std::string span = str(st.origin[a]) + kDash + str(st.origin[a] + st.span[a] - 1);
      where += (a ? ", " : "") + std::string(dims == 1 ? "cells " : a ? "columns " : "rows ") + span;
    }
    int sums = 0;
    for (int c : state->contributions) sums += c > 1;
    const std::string element =
        std::string("input") + (channels_in ? "[" + str(st.channel) + "]" : "") + index_text(st.position);
    // With channels, the kernels it scales and the output channels they add into, by name.
    std::string scaled;
    if (spec.single_channel) scaled = display_number(st.value) + " \xC3\x97 kernel";
    for (int j = 0; !spec.single_channel && j < group_outputs; ++j)
      scaled += std::string(j ? (j + 1 == group_outputs ? " and " : ", ") : "") + display_number(st.value) +
                " \xC3\x97 w[" + str(st.channel) + "][" + str(j) + "] into output channel " +
                str(st.first_output_channel + j);
    pic.heading = "Step " + str(s) + " of " + str(n) + ": " + element + " = " + display_number(st.value) + ". Add " +
                  scaled + " at " + where + " of the intermediate output (its corner at stride \xC3\x97 position). " +
                  (sums ? str(sums) + (sums == 1 ? " cell holds a sum" : " cells hold sums") + " of several copies."
                        : "No copies overlap yet.");
  } else if (s == n + 1) {
    label = "the carve";
    std::string parts;
    for (size_t a = 0; a < axes.size(); ++a) {
      const AxisGeometry& g = axes[a];
      const std::string name = dims == 1 ? "" : std::string(axis_name(dims, static_cast<int>(a))) + ": ";
      const std::string end =
          g.carve_end < 0 ? "keep " + str(-g.carve_end) + " extra at the end (output_padding; no copy reached " +
                                (g.carve_end == -1 ? "it" : "them") + ")"
                          : "cut " + str(g.carve_end) + " at the end" +
                                (g.params.output_padding ? " (padding " + str(g.params.padding) + " " + kMinus +
                                                               " output_padding " + str(g.params.output_padding) + ")"
                                                         : "");
      parts += (a ? "; " : "") + name + "cut " + str(g.carve_start) + " at the start, " + end;
    }
    pic.heading = "Carve the padding: " + parts + ". What remains is the output, " + output_sz + ".";
  } else {
    label = "the output";
    std::string bias;
    if (!spec.bias.empty()) {
      bias = ", plus the bias";
      for (size_t o = 0; o < spec.bias.size(); ++o) bias += (o ? ", " : " ") + display_number(spec.bias[o]);
      bias += spec.bias.size() == 1 ? " in every cell" : " (one per output channel)";
    }
    pic.heading = "Output, " + output_sz + ": the intermediate output without its padding" + bias +
                  ". This is what PyTorch\xE2\x80\x99s ConvTranspose" + str(dims) + "d returns.";
  }
  pic.title =
      view_title("scatter", label + " (state " + str(s) + " of 0" + kDash + str(n + (spec.bias.empty() ? 1 : 2)) + ")");
  pic.desc = pic.heading;
  return pic;
}

// --- Gather: states 0 .. m+1, one output cell at a time.

Picture gather_picture(const TraceSession& session, int s) {
  const Spec& spec = session.spec();
  const std::vector<AxisGeometry>& axes = session.axes();
  const int dims = spec.dims;
  const Tensor& carved = session.carved();
  const Tensor& out = session.output();
  const std::int64_t m = static_cast<std::int64_t>(carved.values.size());
  const int group_outputs = spec.out_channels / spec.groups;
  const int group_inputs = spec.in_channels / spec.groups;
  const bool many = spec.in_channels > 1 || spec.out_channels > 1;
  const std::vector<int> k_size = spec.kernel_size;
  const std::vector<int> out_size = sizes(session, &AxisGeometry::output);
  const std::int64_t k_area = kernel_area(spec);
  const std::int64_t out_area = product(out_size);

  const bool computing = s >= 1 && s <= m;
  const Cell cell = unravel(computing ? s - 1 : 0, carved.shape);
  const int o = cell[0];
  const int group = o / group_outputs;
  const int j = o % group_outputs;
  const std::optional<GatherWindow> window =
      computing ? std::optional<GatherWindow>(session.gather_window(cell).value()) : std::nullopt;
  const Result<GatherView>& view = session.gather();

  std::string cell_name = "out";
  if (!spec.single_channel) cell_name += "[" + str(o) + "]";
  for (size_t a = 1; a < cell.size(); ++a) cell_name += "[" + str(cell[a]) + "]";

  Picture pic;
  // Row 1: the kernel as given, a 180° turn, the rotated kernel (the group's input channels).
  FigureItem given = panel({});
  FigureItem rotated = panel({});
  // Without the whole gather view, the rotated kernel's values come from a window's taps.
  const GatherWindow first = view.ok() ? GatherWindow{} : session.gather_window(cell).value();
  for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
    const std::int64_t pair = std::int64_t{ci} * group_outputs + j;
    const std::string which = many ? " [" + str(ci) + "][" + str(j) + "]" : "";
    FigureGrid g = make_grid(
        "kern",
        (many ? "w[" + str(ci) + "][" + str(j) + "]" : "Kernel: " + cells_text(k_size, "tap")) + " \xC2\xB7 as given",
        k_size);
    FigureGrid r = make_grid("rot", "Rotated 180\xC2\xB0" + which, k_size);
    for (std::int64_t i = 0; i < k_area; ++i) {
      g.cells[static_cast<size_t>(i)].value = spec.weight[static_cast<size_t>(pair * k_area + i)];
      r.cells[static_cast<size_t>(i)].value =
          view.ok() ? view.value().rotated_kernel.values[static_cast<size_t>(pair * k_area + i)]
                    : first.taps[static_cast<size_t>((ci - group * group_inputs) * k_area + i)].weight;
    }
    widen_to_cells(g);
    widen_to_cells(r);
    given.grids.push_back(std::move(g));
    rotated.grids.push_back(std::move(r));
  }
  pic.rows.push_back({std::move(given), arrow("rotate 180\xC2\xB0"), std::move(rotated)});

  // Row 2: the zero-inserted, padded input with this cell's window, or the window's taps alone.
  FigureItem padded = panel({});
  if (view.ok()) {
    const GatherView& gv = view.value();
    const std::vector<int> p_size(gv.padded_input.shape.begin() + 1, gv.padded_input.shape.end());
    const std::int64_t p_area = product(p_size);
    const auto [rows, cols] = rows_cols(p_size);
    for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
      FigureGrid g = make_grid(
          "padded",
          "Zero-inserted, padded input: " + cells_text(p_size, "cell") + (many ? " \xC2\xB7 channel " + str(ci) : ""),
          p_size);
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
          // Per axis: padding outside the zero-inserted input, an inserted zero off the stride, else a value.
          unsigned kind = mark_value;
          const int position[2] = {r, c};
          for (int a = 0; a < dims; ++a) {
            const int q = position[dims == 1 ? 1 : a] - gv.pad_before[static_cast<size_t>(a)];
            if (q < 0 || q >= gv.zero_inserted_size[static_cast<size_t>(a)]) {
              kind = mark_padding;
              break;
            }
            if (q % axes[static_cast<size_t>(a)].params.stride) kind = mark_muted;
          }
          g.cells[static_cast<size_t>(std::int64_t{r} * cols + c)] = {
              gv.padded_input.values[static_cast<size_t>(ci * p_area + std::int64_t{r} * cols + c)], kind};
        }
      if (window) {
        for (const GatherTap& tap : window->taps) {
          if (tap.padded[0] != ci) continue;
          const int r = dims == 1 ? 0 : tap.padded[1];
          const int c = tap.padded[static_cast<size_t>(dims)];
          g.cells[static_cast<size_t>(std::int64_t{r} * cols + c)].marks |= mark_tap;
        }
        const int r0 = dims == 1 ? 0 : window->origin[0];
        const int c0 = window->origin[static_cast<size_t>(dims - 1)];
        const int span_r = dims == 1 ? 1 : axes[0].kernel_span;
        g.boxes.push_back({r0, c0, r0 + span_r - 1, c0 + axes[static_cast<size_t>(dims - 1)].kernel_span - 1});
      }
      widen_to_cells(g);
      padded.grids.push_back(std::move(g));
    }
  } else {
    padded.reserved = !window;
    const GatherWindow& taps = window ? *window : first;
    for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
      std::string where;
      for (size_t a = 0; a < taps.origin.size(); ++a) {
        const int end = taps.origin[a] + axes[a].kernel_span - 1;
        where += (a ? ", " : "") +
                 std::string(dims == 1 ? "cells "
                             : a       ? "columns "
                                       : "rows ") +
                 str(taps.origin[a]) + kDash + str(end);
      }
      FigureGrid g = make_grid("window",
                               "Window" + (many ? " on channel " + str(ci) : std::string()) + " (" + where +
                                   " of the padded input): " + cells_text(k_size, "tap"),
                               k_size);
      for (std::int64_t i = 0; i < k_area; ++i) {
        const GatherTap& tap = taps.taps[static_cast<size_t>((ci - group * group_inputs) * k_area + i)];
        const unsigned kind = tap.on == GatherOn::input  ? mark_value
                              : tap.on == GatherOn::zero ? mark_muted
                                                         : mark_padding;
        g.cells[static_cast<size_t>(i)] = {tap.value, kind | mark_tap};
      }
      widen_to_cells(g);
      padded.grids.push_back(std::move(g));
    }
    pic.notes.push_back("");  // the sum's line, filled below
    pic.notes.push_back("The zero-inserted, padded input is too large to draw (" + view.error().message +
                        "): only the window's taps are shown.");
  }

  // The output: cells 0 .. s-1 computed (channel outer, row-major), the current one ringed.
  FigureItem output = panel({});
  const auto [orows, ocols] = rows_cols(out_size);
  for (int oc = 0; oc < spec.out_channels; ++oc) {
    FigureGrid g = make_grid(
        "out",
        "Output: " + cells_text(out_size, "cell") + (spec.out_channels > 1 ? " \xC2\xB7 channel " + str(oc) : ""),
        out_size);
    for (std::int64_t i = 0; i < out_area; ++i) {
      const std::int64_t flat = oc * out_area + i;
      const int r = static_cast<int>(i / ocols);
      const int c = static_cast<int>(i % ocols);
      const bool op = (dims == 2 && r >= orows - axes[0].params.output_padding) ||
                      c >= ocols - axes[static_cast<size_t>(dims - 1)].params.output_padding;
      FigureCell& fc = g.cells[static_cast<size_t>(i)];
      const bool done = !computing ? s > 0 : flat < s;
      if (done) fc.value = out.values[static_cast<size_t>(flat)];
      fc.marks = (done ? 0u : mark_muted) | (computing && flat == s - 1 ? mark_cur : 0u) | (op ? mark_op : 0u);
    }
    widen(g, block(out, oc, out_area), static_cast<size_t>(out_area));
    output.grids.push_back(std::move(g));
  }
  pic.rows.push_back({std::move(padded), arrow(), std::move(output)});

  // The sum, and the words.
  std::string sum;
  if (window) {
    std::vector<std::string> terms;
    for (const GatherTap& tap : window->taps) terms.push_back(factor(tap.value) + kDot + factor(tap.weight));
    if (terms.size() > 24) {
      const size_t total = terms.size();
      terms.erase(terms.begin() + 20, terms.end() - 2);
      terms.insert(terms.begin() + 20, "\xE2\x80\xA6 (" + str(static_cast<std::int64_t>(total)) + " products)");
    }
    if (!spec.bias.empty()) terms.push_back(factor(session.bias(o)) + " (bias)");
    for (size_t i = 0; i < terms.size(); ++i) sum += (i ? " + " : "") + terms[i];
    sum = cell_name + " = " + sum + " = " + display_number(out.values[static_cast<size_t>(s - 1)]);
  }
  std::string label;
  if (s == 0) {
    label = "start";
    pic.heading =
        "Rotate the kernel 180\xC2\xB0 and slide it over the zero-inserted, padded input with stride 1: each "
        "window\xE2\x80\x99s sum of products is one output cell (" +
        cells_text(out_size) + (spec.out_channels > 1 ? " per channel" : "") + ").";
  } else if (computing) {
    label = "output cell " + str(s) + " of " + str(m);
    int on_input = 0;
    for (const GatherTap& tap : window->taps) on_input += tap.on == GatherOn::input;
    const int taps = static_cast<int>(window->taps.size());
    const int others = taps - on_input;
    // In words that agree with their numbers: "1 of its 2 taps falls …, the other on …".
    const std::string where = others == 0 ? "all " + str(taps) + " of its taps fall on input values."
                                          : str(on_input) + " of its " + str(taps) + " taps " +
                                                (on_input == 1 ? "falls" : "fall") + " on input values, the " +
                                                (others == 1 ? "other" : "others") + " on inserted zeros or padding.";
    pic.heading = "Output cell " + str(s) + " of " + str(m) + ": " + cell_name +
                  ", the rotated kernel\xE2\x80\x99s window at " + index_text(window->origin) +
                  " of the padded input; " + where;
  } else {
    label = "the output";
    pic.heading = "The output, " + cells_text(out_size) +
                  ": every cell computed, the same numbers as the scatter view" +
                  (spec.bias.empty() ? "" : ", bias included") + ".";
  }
  if (view.ok()) {
    pic.notes.insert(pic.notes.begin(), sum);
  } else {
    pic.notes[0] = sum;
  }
  pic.mono_notes = true;
  pic.note_lines = static_cast<int>(pic.notes.size());
  pic.title = view_title("gather", label + " (state " + str(s) + " of 0" + kDash + str(m + 1) + ")");
  pic.desc = pic.heading + (sum.empty() ? "" : " " + sum + ".");
  return pic;
}

// --- Matrix: states 0 .. n+1, one column of C^T at a time.

namespace {

// "y[2]", "y[0][1]", "y[1][0][1]" (with the channel unless the spec is the kernel shorthand): the
// page's cellName (web/cells.js).
std::vector<std::string> cell_names(const char* symbol, int channels, const std::vector<int>& spatial,
                                    bool single_channel) {
  std::vector<int> shape{channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  std::vector<std::string> names;
  const std::int64_t count = element_count(shape);
  for (std::int64_t i = 0; i < count; ++i) {
    const std::vector<int> index = unravel(i, shape);
    std::string name = symbol;
    for (size_t a = single_channel ? 1 : 0; a < index.size(); ++a) name += "[" + str(index[a]) + "]";
    names.push_back(name);
  }
  return names;
}

}  // namespace

Picture matrix_picture(const TraceSession& session, int s) {
  const Spec& spec = session.spec();
  const int n = session.step_count();
  const std::vector<std::int64_t> shape = session.matrix_shape();
  const auto rows = static_cast<int>(shape[0]);
  const auto cols = static_cast<int>(shape[1]);
  const bool whole = shape[0] * shape[1] <= max_figure_matrix_cells && session.matrix().ok();
  const bool lit = s >= 1 && s <= n;
  const int column = s - 1;
  const std::vector<std::string> y_names =
      cell_names("y", spec.out_channels, sizes(session, &AxisGeometry::output), spec.single_channel);
  const std::vector<std::string> x_names = cell_names("x", spec.in_channels, spec.input_size, spec.single_channel);

  Picture pic;
  std::vector<double> column_values;
  if (lit) column_values = session.matrix_column(column).value();

  FigureItem ct = panel({});
  if (whole) {
    const Tensor& matrix = session.matrix().value();
    FigureGrid g = make_grid("ct", "C\xE1\xB5\x80 \xC2\xB7 " + str(rows) + kTimes + str(cols), {rows, cols});
    g.row_names = y_names;
    g.col_names = x_names;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const double v = matrix.values[static_cast<size_t>(std::int64_t{r} * cols + c)];
        g.cells[static_cast<size_t>(std::int64_t{r} * cols + c)] = {
            v, (v == 0 ? mark_muted : 0u) | (lit && c == column ? mark_tap : 0u)};
      }
    if (lit) g.boxes.push_back({0, column, rows - 1, column});
    widen_to_cells(g);
    ct.grids.push_back(std::move(g));
  } else {
    FigureGrid g = make_grid("column", "", {rows, 1});
    g.row_names = y_names;
    if (lit) {
      g.caption = "Column " + str(column) + " of C\xE1\xB5\x80";
      g.col_names = {x_names[static_cast<size_t>(column)]};
      for (int r = 0; r < rows; ++r) {
        const double v = column_values[static_cast<size_t>(r)];
        g.cells[static_cast<size_t>(r)] = {v, (v == 0 ? mark_muted : 0u) | mark_tap};
      }
      widen_to_cells(g);
    } else {
      ct.reserved = true;
      g.col_names = {x_names.back()};
    }
    g.width_chars = std::max(g.width_chars, 4);
    ct.grids.push_back(std::move(g));
    pic.notes.push_back("C\xE1\xB5\x80 is " + str(rows) + kTimes + str(cols) + " (" + str(shape[0] * shape[1]) +
                        " cells), too large to draw whole (over " + str(max_figure_matrix_cells) +
                        "): only the current column is drawn.");
  }

  FigureGrid x = make_grid("x", "x (input, flattened)", {cols, 1});
  x.row_names = x_names;
  x.col_names = {""};
  for (int i = 0; i < cols; ++i)
    x.cells[static_cast<size_t>(i)] = {spec.input[static_cast<size_t>(i)], lit && i == column  ? mark_cur
                                                                           : lit && i < column ? mark_muted
                                                                                               : 0u};
  widen_to_cells(x);

  FigureGrid y = make_grid("y", "y (output, flattened)", {rows, 1});
  y.row_names = y_names;
  y.col_names = {""};
  if (s >= 1) {
    // y after the first s columns is the carved buffer after s steps (no bias); at the end, the output.
    const Tensor values = lit ? carve(spec, session.step(column).value().buffer) : session.output();
    for (int i = 0; i < rows; ++i)
      y.cells[static_cast<size_t>(i)] = {values.values[static_cast<size_t>(i)],
                                         lit && column_values[static_cast<size_t>(i)] != 0 ? mark_tap : 0u};
  } else {
    for (FigureCell& c : y.cells) c.marks = mark_muted;
  }
  widen(y, session.carved().values.data(), session.carved().values.size());
  widen(y, session.output().values.data(), session.output().values.size());
  widen_to_cells(y);
  pic.rows.push_back({std::move(ct), sign(kDot), panel({std::move(x)}), sign("="), panel({std::move(y)})});

  std::string label, definition;
  const std::string size = str(rows) + kTimes + str(cols);
  if (s == 0) {
    label = "start";
    pic.heading = "y = C\xE1\xB5\x80x: the output, flattened (" + str(rows) + " cells), is C\xE1\xB5\x80 (" + size +
                  ") times the input, flattened (" + str(cols) +
                  " cells). Each column of C\xE1\xB5\x80 is one input element\xE2\x80\x99s kernel copy, flattened.";
    definition = " C is the matrix of the direct convolution with the same kernel, stride, padding and dilation.";
  } else if (lit) {
    label = "column " + str(s) + " of " + str(n);
    pic.heading = "Column " + str(s) + " of " + str(n) + ": " + x_names[static_cast<size_t>(column)] + " = " +
                  display_number(spec.input[static_cast<size_t>(column)]) + " times column " + str(column) +
                  " of C\xE1\xB5\x80 (the kernel copy of scatter step " + str(s) + ", flattened) is added into y.";
  } else {
    label = "the output";
    pic.heading = std::string("y = C\xE1\xB5\x80x") + (spec.bias.empty() ? "" : " + bias") +
                  ": the output, flattened row by row, the same numbers as the scatter view.";
  }
  pic.note_lines = static_cast<int>(pic.notes.size());
  pic.title = view_title("matrix", label + " (state " + str(s) + " of 0" + kDash + str(n + 1) + ")");
  pic.desc = pic.heading + definition;
  return pic;
}

std::int64_t estimated_cells(const TraceSession& session, FigureView view) {
  const Spec& spec = session.spec();
  const std::int64_t group_outputs = spec.out_channels / spec.groups;
  const std::int64_t group_inputs = spec.in_channels / spec.groups;
  const std::int64_t k_area = kernel_area(spec);
  std::int64_t out_cells = spec.out_channels, buf_cells = spec.out_channels;
  for (const AxisGeometry& g : session.axes()) {
    out_cells *= g.output;
    buf_cells *= g.buffer;
  }
  const auto in_cells = static_cast<std::int64_t>(spec.input.size());
  switch (view) {
    case FigureView::scatter: return in_cells + 2 * group_outputs * k_area + buf_cells + out_cells;
    case FigureView::gather: {
      std::int64_t padded = group_inputs * k_area;
      if (session.gather().ok())
        padded = group_inputs * element_count(session.gather().value().padded_input.shape) / spec.in_channels;
      return 2 * group_inputs * k_area + padded + out_cells;
    }
    case FigureView::matrix: {
      const std::vector<std::int64_t> shape = session.matrix_shape();
      const bool whole = shape[0] * shape[1] <= max_figure_matrix_cells;
      return (whole ? shape[0] * shape[1] : shape[0]) + shape[0] + shape[1];
    }
  }
  return 0;
}

}  // namespace tconv::detail
