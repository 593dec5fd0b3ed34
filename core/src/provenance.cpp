// Where every number comes from, asked of a trace session one cell at a time: the products a cell
// received (in the order the scatter added them), the cells an input element reaches, the gather
// view's window, and single entries, rows and columns of C^T. Each walks only the incidences of the
// cell asked about, so it costs O(C_in/groups x kernel area), never the whole trace.
//
// The incidence on one axis: input position p reaches buffer position b through tap k when
// b = p*stride + k*dilation; the output position is b - padding.

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "index.hpp"
#include "tconv/format.hpp"
#include "tconv/trace.hpp"
#include "text.hpp"

namespace tconv {
namespace {

using detail::Text;

// [1, 2, 3]
void write_cell(Text& text, const Cell& cell) {
  text << '[';
  for (size_t i = 0; i < cell.size(); ++i) text << (i ? ", " : "") << cell[i];
  text << ']';
}

// 1 x 4 x 4
void write_shape(Text& text, const std::vector<int>& shape) {
  for (size_t i = 0; i < shape.size(); ++i) text << (i ? " x " : "") << shape[i];
}

// An error unless `cell` indexes a grid of this shape ([channels, ...spatial]).
std::optional<Error> check_cell(const Cell& cell, const std::vector<int>& shape, const char* grid) {
  if (cell.size() != shape.size()) {
    const bool weight = std::string_view(grid) == "weight";
    Text message;
    if (weight)
      message << "a weight tap is [input channel, output channel in its group, ";
    else
      message << "an " << grid << " cell is [channel, ";
    message << (shape.size() - (weight ? 2 : 1) == 1 ? "position" : "row, column");
    return Error{std::move(message) << "] (" << shape.size() << " numbers), got " << cell.size(), "cell"};
  }
  for (size_t a = 0; a < cell.size(); ++a)
    if (cell[a] < 0 || cell[a] >= shape[a]) {
      Text message;
      message << grid << " cell ";
      write_cell(message, cell);
      message << " is outside the " << grid << " (";
      write_shape(message, shape);
      return Error{std::move(message) << ')', "cell", a == 0 ? -1 : static_cast<int>(a) - 1,
                   Valid{0, static_cast<double>(shape[a] - 1), {}}};
    }
  return std::nullopt;
}

std::vector<int> with_channels(int channels, const std::vector<int>& spatial) {
  std::vector<int> shape{channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

// The (input position, tap) pairs that reach buffer position b on one axis, input position ascending.
struct Incidence {
  int position, tap;
};
std::vector<Incidence> incidences(const AxisGeometry& g, int b) {
  std::vector<Incidence> out;
  const int s = g.params.stride;
  const int d = g.params.dilation;
  // p*s <= b and b - p*s <= d*(k-1): p from ceil((b - span + 1) / s) to floor(b / s).
  const int first = b - g.kernel_span + 1 <= 0 ? 0 : (b - g.kernel_span + 1 + s - 1) / s;
  for (int p = first; p <= b / s && p < g.input; ++p) {
    const int r = b - p * s;
    if (r % d == 0 && r / d < g.kernel) out.push_back({p, r / d});
  }
  return out;
}

// Calls visit(positions, taps) for every combination of per-axis incidences, row-major (axis 0 outer).
template <typename Visit>
void for_each_combination(const std::vector<std::vector<Incidence>>& per_axis, Visit visit) {
  for (const std::vector<Incidence>& axis : per_axis)
    if (axis.empty()) return;
  std::vector<size_t> at(per_axis.size(), 0);
  std::vector<int> positions(per_axis.size()), taps(per_axis.size());
  while (true) {
    for (size_t a = 0; a < per_axis.size(); ++a) {
      positions[a] = per_axis[a][at[a]].position;
      taps[a] = per_axis[a][at[a]].tap;
    }
    visit(positions, taps);
    size_t a = per_axis.size();
    while (a-- > 0) {
      if (++at[a] < per_axis[a].size()) break;
      at[a] = 0;
    }
    if (a == static_cast<size_t>(-1)) return;
  }
}

using detail::flat_index;

}  // namespace

double TraceSession::bias(int out_channel) const {
  return spec_.bias.empty() ? 0.0 : spec_.bias[static_cast<size_t>(out_channel)];
}

std::optional<Error> TraceSession::visit_contributions(const Cell& cell, Where where,
                                                       const std::function<void(const Contribution&)>& visit) const {
  const bool output = where == Where::output;
  std::vector<int> grid = with_channels(spec_.out_channels, {});
  for (const AxisGeometry& g : axes_) grid.push_back(output ? g.output : g.buffer);
  if (std::optional<Error> error = check_cell(cell, grid, output ? "output" : "intermediate")) return error;

  std::vector<std::vector<Incidence>> per_axis;
  for (size_t a = 0; a < axes_.size(); ++a)
    per_axis.push_back(incidences(axes_[a], cell[a + 1] + (output ? axes_[a].carve_start : 0)));
  const int group_outputs = spec_.out_channels / spec_.groups;
  const int group_inputs = spec_.in_channels / spec_.groups;
  const int group = cell[0] / group_outputs;
  const int j = cell[0] % group_outputs;
  const std::int64_t area = input_area(spec_);
  const std::int64_t taps = kernel_area(spec_);
  const size_t d = axes_.size();

  // Steps run over input channels, then positions row-major: that is the order of c_in (outer)
  // and of the combinations (position ascending on each axis). One term is filled in again for
  // each product: the queries run many times a second, and in wasm an allocation is dear.
  Contribution c;
  c.input.resize(1 + d);
  c.tap.resize(2 + d);
  c.tap[1] = j;
  for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
    c.input[0] = c.tap[0] = ci;
    for_each_combination(per_axis, [&](const std::vector<int>& positions, const std::vector<int>& kernel) {
      c.step = static_cast<int>(ci * area + flat_index(positions, spec_.input_size));
      for (size_t a = 0; a < d; ++a) {
        c.input[a + 1] = positions[a];
        c.tap[a + 2] = kernel[a];
      }
      c.value = spec_.input[static_cast<size_t>(c.step)];
      c.weight =
          spec_.weight[static_cast<size_t>((ci * group_outputs + j) * taps + flat_index(kernel, spec_.kernel_size))];
      c.product = c.value * c.weight;
      visit(c);
    });
  }
  return std::nullopt;
}

Result<std::vector<Contribution>> TraceSession::contributions(const Cell& cell, Where where) const {
  std::vector<Contribution> out;
  if (std::optional<Error> error = visit_contributions(cell, where, [&](const Contribution& c) { out.push_back(c); }))
    return *error;
  return out;
}

Result<double> TraceSession::value(const Cell& cell, Where where) const {
  const bool output = where == Where::output;
  // carved_ has the channel axis even for the kernel form; output_ has the same values plus the bias.
  const Tensor& grid = output ? carved_ : final_buffer_;
  if (std::optional<Error> error = check_cell(cell, grid.shape, output ? "output" : "intermediate")) return *error;
  return (output ? output_ : final_buffer_).values[static_cast<size_t>(flat_index(cell, grid.shape))];
}

namespace {

// Calls visit(j, k, buffer_cell, output_cell, kept) for every product an input element adds, in
// the order its step adds them: output channel of the group j (outer), then tap k row-major.
// The cells passed are the same two, filled in again for each product (valid during the call only).
template <typename Visit>
void for_each_reached(const Spec& spec, const std::vector<AxisGeometry>& axes, const Cell& input, Visit visit) {
  const int group_outputs = spec.out_channels / spec.groups;
  const int first_output = input[0] / (spec.in_channels / spec.groups) * group_outputs;
  const std::int64_t taps = kernel_area(spec);
  const size_t d = axes.size();
  // The tap k as a kernel position, counted up row-major beside k (unravel() would allocate).
  std::vector<int> tap(d);
  Cell cell(1 + d);
  Cell out(1 + d);
  for (int j = 0; j < group_outputs; ++j) {
    std::fill(tap.begin(), tap.end(), 0);
    cell[0] = out[0] = first_output + j;
    for (std::int64_t k = 0; k < taps; ++k) {
      bool kept = true;
      for (size_t a = 0; a < d; ++a) {
        const int b = input[a + 1] * axes[a].params.stride + tap[a] * axes[a].params.dilation;
        cell[a + 1] = b;
        out[a + 1] = b - axes[a].carve_start;
        kept = kept && out[a + 1] >= 0 && out[a + 1] < axes[a].output;
      }
      visit(j, k, cell, out, kept);
      for (size_t a = d; a-- > 0;) {
        if (++tap[a] < spec.kernel_size[a]) break;
        tap[a] = 0;
      }
    }
  }
}

}  // namespace

std::optional<Error> TraceSession::visit_reach(const Cell& input,
                                               const std::function<void(const Cell&, const Cell&, bool)>& visit) const {
  if (std::optional<Error> error = check_cell(input, with_channels(spec_.in_channels, spec_.input_size), "input"))
    return error;
  for_each_reached(spec_, axes_, input,
                   [&](int, std::int64_t, const Cell& cell, const Cell& out, bool kept) { visit(cell, out, kept); });
  return std::nullopt;
}

Result<Reach> TraceSession::reach(const Cell& input) const {
  Reach reach;
  const size_t reached = static_cast<size_t>(spec_.out_channels / spec_.groups * kernel_area(spec_));
  reach.intermediate.reserve(reached);
  reach.output.reserve(reached);
  if (std::optional<Error> error = visit_reach(input, [&](const Cell& cell, const Cell& out, bool kept) {
        reach.intermediate.push_back(cell);
        if (kept) reach.output.push_back(out);
      }))
    return *error;
  return reach;
}

Result<std::vector<TapUse>> TraceSession::uses(const Cell& tap) const {
  const int group_outputs = spec_.out_channels / spec_.groups;
  std::vector<int> grid{spec_.in_channels, group_outputs};
  grid.insert(grid.end(), spec_.kernel_size.begin(), spec_.kernel_size.end());
  if (std::optional<Error> error = check_cell(tap, grid, "weight")) return *error;
  const int ci = tap[0];
  const int out_channel = ci / (spec_.in_channels / spec_.groups) * group_outputs + tap[1];
  const Cell kernel(tap.begin() + 2, tap.end());
  const std::int64_t area = input_area(spec_);
  const double weight = spec_.weight[static_cast<size_t>((ci * group_outputs + tap[1]) * kernel_area(spec_) +
                                                         flat_index(kernel, spec_.kernel_size))];
  std::vector<TapUse> out;
  out.reserve(static_cast<size_t>(area));
  for (std::int64_t p = 0; p < area; ++p) {
    TapUse use;
    use.term.step = static_cast<int>(ci * area + p);
    use.term.input = with_channels(ci, detail::unravel(p, spec_.input_size));
    use.term.tap = tap;
    use.term.value = spec_.input[static_cast<size_t>(use.term.step)];
    use.term.weight = weight;
    use.term.product = use.term.value * weight;
    use.intermediate = {out_channel};
    use.output = {out_channel};
    bool kept = true;
    for (size_t a = 0; a < axes_.size(); ++a) {
      const int b = use.term.input[a + 1] * axes_[a].params.stride + kernel[a] * axes_[a].params.dilation;
      use.intermediate.push_back(b);
      use.output.push_back(b - axes_[a].carve_start);
      kept = kept && use.output.back() >= 0 && use.output.back() < axes_[a].output;
    }
    if (!kept) use.output.clear();
    out.push_back(std::move(use));
  }
  return out;
}

Result<GatherWindow> TraceSession::gather_window(const Cell& output) const {
  std::vector<int> grid = with_channels(spec_.out_channels, {});
  for (const AxisGeometry& g : axes_) grid.push_back(g.output);
  if (std::optional<Error> error = check_cell(output, grid, "output")) return *error;
  GatherWindow window{output, {}, {}, {}};
  std::vector<int> zero_inserted, pad_before;
  for (size_t a = 0; a < axes_.size(); ++a) {
    const AxisGeometry& g = axes_[a];
    window.origin.push_back(output[a + 1]);
    window.dilation.push_back(g.params.dilation);
    zero_inserted.push_back((g.input - 1) * g.params.stride + 1);
    pad_before.push_back(g.params.dilation * (g.kernel - 1) - g.params.padding);
  }
  const int group_outputs = spec_.out_channels / spec_.groups;
  const int group_inputs = spec_.in_channels / spec_.groups;
  const int group = output[0] / group_outputs;
  const int j = output[0] % group_outputs;
  const std::int64_t taps = kernel_area(spec_);
  for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
    for (std::int64_t k = 0; k < taps; ++k) {
      GatherTap tap;
      const std::vector<int> rotated = detail::unravel(k, spec_.kernel_size);
      std::vector<int> original, position;
      tap.padded = {ci};
      tap.kernel = {ci, j};
      bool padding = false, zero = false;
      for (size_t a = 0; a < axes_.size(); ++a) {
        const AxisGeometry& g = axes_[a];
        const int q = output[a + 1] + rotated[a] * g.params.dilation;
        const int z = q - pad_before[a];  // in the zero-inserted input
        tap.padded.push_back(q);
        tap.kernel.push_back(rotated[a]);
        original.push_back(g.kernel - 1 - rotated[a]);
        padding = padding || z < 0 || z >= zero_inserted[a];
        zero = zero || z % g.params.stride != 0;
        position.push_back(z / g.params.stride);
      }
      tap.on = padding ? GatherOn::padding : zero ? GatherOn::zero : GatherOn::input;
      if (tap.on == GatherOn::input) {
        tap.input = with_channels(ci, position);
        tap.value = spec_.input[static_cast<size_t>(ci * input_area(spec_) + flat_index(position, spec_.input_size))];
      }
      tap.weight =
          spec_.weight[static_cast<size_t>((ci * group_outputs + j) * taps + flat_index(original, spec_.kernel_size))];
      tap.product = tap.value * tap.weight;
      window.taps.push_back(std::move(tap));
    }
  }
  return window;
}

std::vector<std::int64_t> TraceSession::matrix_shape() const {
  std::int64_t rows = spec_.out_channels;
  for (const AxisGeometry& g : axes_) rows *= g.output;
  return {rows, spec_.in_channels * input_area(spec_)};
}

Result<double> TraceSession::matrix_entry(std::int64_t row, std::int64_t col) const {
  const std::vector<std::int64_t> shape = matrix_shape();
  if (row < 0 || row >= shape[0])
    return Error{Text() << "row " << row << " is outside C^T (rows 0 to " << shape[0] - 1 << ')', "row", -1,
                 Valid{0, static_cast<double>(shape[0] - 1), {}}};
  if (col < 0 || col >= shape[1])
    return Error{Text() << "column " << col << " is outside C^T (columns 0 to " << shape[1] - 1 << ')', "column", -1,
                 Valid{0, static_cast<double>(shape[1] - 1), {}}};
  std::vector<int> out_shape{spec_.out_channels};
  for (const AxisGeometry& g : axes_) out_shape.push_back(g.output);
  const std::vector<int> o = detail::unravel(row, out_shape);
  const std::vector<int> i = detail::unravel(col, with_channels(spec_.in_channels, spec_.input_size));
  const int group_outputs = spec_.out_channels / spec_.groups;
  if (o[0] / group_outputs != i[0] / (spec_.in_channels / spec_.groups)) return 0.0;  // another group
  std::vector<int> tap;
  for (size_t a = 0; a < axes_.size(); ++a) {
    const AxisGeometry& g = axes_[a];
    const int r = o[a + 1] + g.carve_start - i[a + 1] * g.params.stride;
    if (r < 0 || r % g.params.dilation != 0 || r / g.params.dilation >= g.kernel) return 0.0;
    tap.push_back(r / g.params.dilation);
  }
  return spec_.weight[static_cast<size_t>((i[0] * group_outputs + o[0] % group_outputs) * kernel_area(spec_) +
                                          flat_index(tap, spec_.kernel_size))];
}

Result<std::vector<double>> TraceSession::matrix_row(std::int64_t row) const {
  const std::vector<std::int64_t> shape = matrix_shape();
  if (Result<double> check = matrix_entry(row, 0); !check.ok()) return check.error();
  std::vector<int> out_shape{spec_.out_channels};
  for (const AxisGeometry& g : axes_) out_shape.push_back(g.output);
  Result<std::vector<Contribution>> terms = contributions(detail::unravel(row, out_shape), Where::output);
  std::vector<double> out(static_cast<size_t>(shape[1]), 0.0);
  for (const Contribution& c : terms.value()) out[static_cast<size_t>(c.step)] = c.weight;
  return out;
}

namespace {

// An error unless range is a non-empty part of 0 to total - 1 (the "rows" or "columns" of C^T).
std::optional<Error> check_range(IndexRange range, std::int64_t total, const char* what) {
  const std::string name = what;
  const std::string all = "(" + name + " 0 to " + std::to_string(total - 1) + ")";
  if (range.first < 0 || range.first >= total)
    return Error{name + " from " + std::to_string(range.first) + " start outside C^T " + all, name, -1,
                 Valid{0, static_cast<double>(total - 1), {}}};
  const std::int64_t most = total - range.first;
  if (range.count < 1 || range.count > most)
    return Error{std::to_string(range.count) + " " + name + " from " + std::to_string(range.first) +
                     " do not fit in C^T " + all + ": 1 to " + std::to_string(most) + " of them",
                 name, -1, Valid{1, static_cast<double>(most), {}}};
  return std::nullopt;
}

std::vector<double> part(std::vector<double> whole, IndexRange range) {
  const auto first = whole.begin() + static_cast<std::ptrdiff_t>(range.first);
  return {first, first + static_cast<std::ptrdiff_t>(range.count)};
}

}  // namespace

Result<std::vector<double>> TraceSession::matrix_row(std::int64_t row, IndexRange cols) const {
  Result<std::vector<double>> whole = matrix_row(row);
  if (!whole.ok()) return whole.error();
  if (std::optional<Error> error = check_range(cols, matrix_shape()[1], "columns")) return *error;
  return part(std::move(whole).value(), cols);
}

Result<std::vector<double>> TraceSession::matrix_column(std::int64_t col, IndexRange rows) const {
  if (Result<double> check = matrix_entry(0, col); !check.ok()) return check.error();
  if (std::optional<Error> error = check_range(rows, matrix_shape()[0], "rows")) return *error;
  const Cell input = detail::unravel(col, with_channels(spec_.in_channels, spec_.input_size));
  // Only the products that land in the rows asked for are written: a column of C^T can be long.
  std::vector<int> out_shape{spec_.out_channels};
  for (const AxisGeometry& g : axes_) out_shape.push_back(g.output);
  std::vector<double> out(static_cast<size_t>(rows.count), 0.0);
  const int group_outputs = spec_.out_channels / spec_.groups;
  const std::int64_t taps = kernel_area(spec_);
  for_each_reached(spec_, axes_, input, [&](int j, std::int64_t k, const Cell&, const Cell& cell, bool kept) {
    const std::int64_t r = kept ? flat_index(cell, out_shape) - rows.first : -1;
    if (r >= 0 && r < rows.count)
      out[static_cast<size_t>(r)] = spec_.weight[static_cast<size_t>((input[0] * group_outputs + j) * taps + k)];
  });
  return out;
}

Result<std::vector<double>> TraceSession::matrix_column(std::int64_t col) const {
  // The column is the step's scaled copy without the scale: the weights at the output cells it reaches.
  return matrix_column(col, {0, matrix_shape()[0]});
}

}  // namespace tconv
