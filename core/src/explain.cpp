// The worked example in the seed post's own words: sizes with the numbers substituted, the
// empty intermediate output, one scaled kernel copy per step, the carve, the result.

#include "tconv/explain.hpp"

#include <algorithm>

#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/scatter.hpp"

namespace tconv {
namespace {

std::string str(std::int64_t value) { return std::to_string(value); }

class Writer {
 public:
  explicit Writer(ExplainFormat format) : latex_(format == ExplainFormat::latex) {}

  void line(const std::string& text = "") { out_ += text + "\n"; }
  // A formula: math in LaTeX, plain text otherwise.
  void formula(const std::string& label, const std::string& plain, const std::string& tex) {
    line(latex_ ? label + ": $" + tex + "$" : "  " + label + ": " + plain);
  }
  std::string times() const { return latex_ ? " \\times " : " * "; }

  // One matrix: rows x cols values starting at values[first]. 1D data is one row.
  void matrix(const std::vector<double>& values, size_t first, int rows, int cols) {
    std::vector<std::string> cells;
    std::vector<size_t> widths(static_cast<size_t>(cols), 1);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        cells.push_back(format_number(values[first + static_cast<size_t>(r * cols + c)]));
        widths[static_cast<size_t>(c)] = std::max(widths[static_cast<size_t>(c)], cells.back().size());
      }
    if (latex_) line("$$\n\\begin{bmatrix}");
    for (int r = 0; r < rows; ++r) {
      std::string row = latex_ ? "" : "[";
      for (int c = 0; c < cols; ++c) {
        const std::string& cell = cells[static_cast<size_t>(r * cols + c)];
        if (latex_) {
          row += (c ? " & " : "") + cell;
        } else {
          row += " " + std::string(widths[static_cast<size_t>(c)] - cell.size(), ' ') + cell;
        }
      }
      line(latex_ ? row + (r + 1 < rows ? " \\\\" : "") : row + " ]");
    }
    if (latex_) line("\\end{bmatrix}\n$$");
  }

  // Every channel of a [channels][spatial...] tensor, labelled when there are several.
  void channels(const Tensor& tensor, const std::string& label, int first_label) {
    const int rows = tensor.shape.size() == 3 ? tensor.shape[1] : 1;
    const int cols = tensor.shape.back();
    for (int c = 0; c < tensor.shape[0]; ++c) {
      if (tensor.shape[0] > 1) line(label + " " + str(first_label + c) + ":");
      matrix(tensor.values, static_cast<size_t>(c * rows * cols), rows, cols);
    }
  }

  std::string take() { return std::move(out_); }

 private:
  bool latex_;
  std::string out_;
};

std::string shape_text(const std::vector<int>& sizes) {
  std::string text;
  for (size_t a = 0; a < sizes.size(); ++a) text += (a ? "x" : "") + str(sizes[a]);
  return text;
}

std::vector<int> with_channels(int channels, const std::vector<int>& spatial) {
  std::vector<int> shape{channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

std::string cell_range(int first, int span) { return str(first) + "-" + str(first + span - 1); }

void write_sizes(Writer& w, const std::vector<AxisGeometry>& axes, int dims) {
  const std::string x = w.times();
  w.line("Intermediate output (before the carve), per axis: (in - 1) * stride + dilation * (k - 1) + 1");
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const std::string sum = "(" + str(g.input) + " - 1)" + x + str(g.params.stride) + " + " + str(g.params.dilation) +
                            x + "(" + str(g.kernel) + " - 1) + 1 = " + str(g.intermediate);
    w.formula(std::string(axis_name(dims, static_cast<int>(a))), sum, sum);
  }
  w.line("Output, per axis: (in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1");
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const std::string sum = "(" + str(g.input) + " - 1)" + x + str(g.params.stride) + " - 2" + x +
                            str(g.params.padding) + " + " + str(g.params.dilation) + x + "(" + str(g.kernel) +
                            " - 1) + " + str(g.params.output_padding) + " + 1 = " + str(g.output);
    w.formula(std::string(axis_name(dims, static_cast<int>(a))), sum, sum);
  }
  w.line();
}

void write_step(Writer& w, const Spec& spec, const TraceStep& step, const Tensor& buffer) {
  std::string element = "input";
  if (!spec.single_channel) element += "[" + str(step.channel) + "]";
  for (int p : step.position) element += "[" + str(p) + "]";
  std::string where = spec.dims == 1 ? "positions " + cell_range(step.origin[0], step.span[0])
                                     : "rows " + cell_range(step.origin[0], step.span[0]) + ", columns " +
                                           cell_range(step.origin[1], step.span[1]);
  w.line("Step " + str(step.index + 1) + " of " + str(step_count(spec)) + ": " + element + " = " +
         format_number(step.value) + ". Add " + format_number(step.value) + " x kernel at " + where + ":");
  w.channels(step.products, "to output channel", step.first_output_channel);
  w.line("Intermediate output:");
  w.channels(buffer, "output channel", 0);
  w.line();
}

}  // namespace

Result<std::string> explain(const Spec& spec, ExplainFormat format) {
  const int steps = step_count(spec);
  const std::int64_t weights_per_input = static_cast<std::int64_t>(spec.weight.size()) / spec.in_channels;
  const std::int64_t cells = (steps + std::int64_t{2}) * element_count(buffer_shape(spec)) + steps * weights_per_input;
  if (cells > max_explain_cells)
    return Error{"explain would print " + str(cells) + " matrix cells, over the limit of " + str(max_explain_cells) +
                 "; use compute, or a smaller example"};

  Writer w(format);
  const std::vector<AxisGeometry> axes = geometry(spec);
  w.line("Transposed convolution, " + str(spec.dims) + "D (PyTorch's conv_transpose" + str(spec.dims) +
         "d; the kernel is not flipped)");
  w.line("Input (" + shape_text(spec.input_size) + "):");
  w.channels(Tensor{with_channels(spec.in_channels, spec.input_size), spec.input}, "input channel", 0);
  // One matrix per (input channel, output channel of its group) pair, as PyTorch stores them.
  const int kernels = spec.in_channels * (spec.out_channels / spec.groups);
  w.line("Kernel (" + shape_text(spec.kernel_size) + "):");
  w.channels(Tensor{with_channels(kernels, spec.kernel_size), spec.weight}, "weight pair", 0);
  std::string params;
  const std::pair<const char*, int AxisParams::*> members[] = {{"stride", &AxisParams::stride},
                                                               {"padding", &AxisParams::padding},
                                                               {"output_padding", &AxisParams::output_padding},
                                                               {"dilation", &AxisParams::dilation}};
  for (const auto& [name, member] : members) {
    std::vector<int> per_axis;
    for (const AxisGeometry& g : axes) per_axis.push_back(g.params.*member);
    std::string values = str(per_axis[0]);
    if (per_axis.size() == 2) values = "(" + values + ", " + str(per_axis[1]) + ")";
    params += (params.empty() ? "" : ", ") + std::string(name) + " " + values;
  }
  if (spec.groups > 1) params += ", groups " + str(spec.groups);
  w.line(params);
  w.line();
  write_sizes(w, axes, spec.dims);

  std::vector<int> intermediate;
  for (const AxisGeometry& g : axes) intermediate.push_back(g.buffer);
  Tensor buffer = intermediate_after(spec, 0).value();
  w.line("Start with a " + shape_text(intermediate) + " intermediate output of zeros:");
  w.channels(buffer, "output channel", 0);
  w.line();
  for (int t = 0; t < steps; ++t) {
    apply_step(spec, t, buffer);
    write_step(w, spec, trace_step(spec, t).value(), buffer);
  }

  std::string cut_start;
  std::string cut_end;
  for (size_t a = 0; a < axes.size(); ++a) {
    cut_start += (a ? ", " : "") + str(axes[a].carve_start);
    cut_end += (a ? ", " : "") + str(axes[a].carve_end);
  }
  w.line("Carve: cut padding (" + cut_start + ") from the start and padding - output_padding (" + cut_end +
         ") from the end of each axis; a negative cut keeps that many extra cells, which no kernel copy reached:");
  const Tensor carved = carve(spec, buffer);
  w.line("Output (" + shape_text(output_shape(spec)) + "):");
  w.channels(carved, "output channel", 0);
  if (!spec.bias.empty()) {
    std::string bias;
    for (double b : spec.bias) bias += (bias.empty() ? "" : ", ") + format_number(b);
    w.line("Add the bias (" + bias + ") to each output channel:");
    Tensor with_bias = finish_output(spec, carved);
    with_bias.shape = carved.shape;
    w.channels(with_bias, "output channel", 0);
  }
  return w.take();
}

}  // namespace tconv
