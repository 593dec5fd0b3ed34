// The worked example in the seed post's own words: sizes with the numbers substituted, the
// empty intermediate output, one scaled kernel copy per step, the carve, the result. Three forms:
// plain text; LaTeX that is math-safe everywhere (names in \texttt{}, every product a \times,
// display math between blank lines), so that it pastes into MathJax, KaTeX or a pdflatex
// document; and Markdown for kramdown/MathJax, where each matrix sits in an HTML block so that
// Markdown's backslash escapes cannot turn its row ends (\\) into \.

#include "tconv/explain.hpp"

#include <algorithm>

#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/scatter.hpp"

namespace tconv {
namespace {

std::string str(std::int64_t value) { return std::to_string(value); }

// LaTeX text: the characters that mean something to TeX, escaped.
std::string tex_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '_': out += "\\_"; break;
      case '&': out += "\\&"; break;
      case '%': out += "\\%"; break;
      case '#': out += "\\#"; break;
      case '$': out += "\\$"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

// A number in math: the shortest round-trip digits, an exponent written as a power of ten.
std::string tex_number(double value) {
  const std::string text = format_number(value);
  const size_t e = text.find('e');
  if (e == std::string::npos) return text;
  std::string exponent = text.substr(e + 1);
  const bool negative = exponent[0] == '-';
  exponent = exponent.substr(1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return text.substr(0, e) + " \\times 10^{" + (negative ? "-" : "") + exponent + "}";
}

class Writer {
 public:
  explicit Writer(ExplainFormat format) : format_(format) {}

  bool plain() const { return format_ == ExplainFormat::text; }

  // A line of prose: its own paragraph in LaTeX and Markdown.
  void line(const std::string& text = "") {
    if (plain()) {
      out_ += text + "\n";
    } else if (!text.empty()) {
      out_ += text + "\n\n";
    }
  }
  // Inline math: $...$ in LaTeX, $$...$$ in kramdown (its inline math, which it protects).
  std::string math(const std::string& tex) const {
    return format_ == ExplainFormat::latex ? "$" + tex + "$" : "$$" + tex + "$$";
  }
  // Plain text, or its math form.
  std::string either(const std::string& plain_text, const std::string& tex) const {
    return plain() ? plain_text : math(tex);
  }
  // A name from the code: as it is, \texttt{} in LaTeX, a code span in Markdown.
  std::string name(const std::string& text) const {
    if (plain()) return text;
    return format_ == ExplainFormat::latex ? "\\texttt{" + tex_text(text) + "}" : "`" + text + "`";
  }
  // A name inside math.
  static std::string math_name(const std::string& text) { return "\\text{" + tex_text(text) + "}"; }
  // "2x3" in text, 2 x 3 with \times in math.
  std::string shape(const std::vector<int>& sizes) const {
    std::string text, tex;
    for (size_t a = 0; a < sizes.size(); ++a) {
      text += (a ? "x" : "") + str(sizes[a]);
      tex += (a ? " \\times " : "") + str(sizes[a]);
    }
    return either(text, tex);
  }
  std::string number(double value) const { return plain() ? format_number(value) : math(tex_number(value)); }
  // "2-4" in text, an en dash in LaTeX and Markdown.
  std::string range(int first, int span) const {
    const char* dash = plain() ? "-" : format_ == ExplainFormat::latex ? "--" : "\xE2\x80\x93";
    return str(first) + dash + str(first + span - 1);
  }
  // A formula: math in LaTeX and Markdown, plain text otherwise.
  void formula(const std::string& label, const std::string& plain_text, const std::string& tex) {
    line(plain() ? "  " + label + ": " + plain_text : label + ": " + math(tex));
  }

  // One matrix: rows x cols values starting at values[first]. 1D data is one row.
  void matrix(const std::vector<double>& values, size_t first, int rows, int cols) {
    if (!plain()) {
      const std::string body = bmatrix(values, first, rows, cols);
      if (format_ == ExplainFormat::latex) {
        out_ += "$$\n" + body + "\n$$\n\n";
      } else {
        out_ += "<div class=\"math\">\n$$\n" + body + "\n$$\n</div>\n\n";
      }
      max_cols_ = std::max(max_cols_, cols);
      return;
    }
    std::vector<std::string> cells;
    std::vector<size_t> widths(static_cast<size_t>(cols), 1);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        cells.push_back(format_number(values[first + static_cast<size_t>(r * cols + c)]));
        widths[static_cast<size_t>(c)] = std::max(widths[static_cast<size_t>(c)], cells.back().size());
      }
    for (int r = 0; r < rows; ++r) {
      std::string row = "[";
      for (int c = 0; c < cols; ++c) {
        const std::string& cell = cells[static_cast<size_t>(r * cols + c)];
        row += " " + std::string(widths[static_cast<size_t>(c)] - cell.size(), ' ') + cell;
      }
      line(row + " ]");
    }
  }

  // \begin{bmatrix} ... \end{bmatrix}, one row per line.
  std::string bmatrix(const std::vector<double>& values, size_t first, int rows, int cols) {
    std::string text = "\\begin{bmatrix}\n";
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c)
        text += (c ? " & " : "") + tex_number(values[first + static_cast<size_t>(r * cols + c)]);
      text += r + 1 < rows ? " \\\\\n" : "\n";
    }
    max_cols_ = std::max(max_cols_, cols);
    return text + "\\end{bmatrix}";
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

  void display(const std::string& tex) {
    if (format_ == ExplainFormat::latex) {
      out_ += "$$\n" + tex + "\n$$\n\n";
    } else {
      out_ += "<div class=\"math\">\n$$\n" + tex + "\n$$\n</div>\n\n";
    }
  }

  int max_cols() const { return max_cols_; }
  std::string take() { return std::move(out_); }

 private:
  ExplainFormat format_;
  std::string out_;
  int max_cols_ = 0;
};

std::vector<int> with_channels(int channels, const std::vector<int>& spatial) {
  std::vector<int> shape{channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

void write_sizes(Writer& w, const std::vector<AxisGeometry>& axes, int dims) {
  const std::string x = " * ";
  const std::string t = " \\times ";
  const auto n = [](const char* name) { return Writer::math_name(name); };
  w.line("Intermediate output (before the carve), per axis: " +
         w.either("(in - 1) * stride + dilation * (k - 1) + 1",
                  "(" + n("in") + " - 1)" + t + n("stride") + " + " + n("dilation") + t + "(k - 1) + 1"));
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const auto sum = [&](const std::string& times) {
      return "(" + str(g.input) + " - 1)" + times + str(g.params.stride) + " + " + str(g.params.dilation) + times +
             "(" + str(g.kernel) + " - 1) + 1 = " + str(g.intermediate);
    };
    w.formula(std::string(axis_name(dims, static_cast<int>(a))), sum(x), sum(t));
  }
  w.line("Output, per axis: " + w.either("(in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1",
                                         "(" + n("in") + " - 1)" + t + n("stride") + " - 2" + t + n("padding") + " + " +
                                             n("dilation") + t + "(k - 1) + " + n("output_padding") + " + 1"));
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const auto sum = [&](const std::string& times) {
      return "(" + str(g.input) + " - 1)" + times + str(g.params.stride) + " - 2" + times + str(g.params.padding) +
             " + " + str(g.params.dilation) + times + "(" + str(g.kernel) + " - 1) + " + str(g.params.output_padding) +
             " + 1 = " + str(g.output);
    };
    w.formula(std::string(axis_name(dims, static_cast<int>(a))), sum(x), sum(t));
  }
  w.line();
}

std::string element_name(const Spec& spec, const TraceStep& step) {
  std::string element;
  if (!spec.single_channel) element += "[" + str(step.channel) + "]";
  for (int p : step.position) element += "[" + str(p) + "]";
  return element;
}

void write_step(Writer& w, const Spec& spec, const TraceStep& step, const Tensor& buffer) {
  const std::string element = element_name(spec, step);
  const std::string where = spec.dims == 1 ? "positions " + w.range(step.origin[0], step.span[0])
                                           : "rows " + w.range(step.origin[0], step.span[0]) + ", columns " +
                                                 w.range(step.origin[1], step.span[1]);
  const std::string value = format_number(step.value);
  w.line("Step " + str(step.index + 1) + " of " + str(step_count(spec)) + ": " +
         w.either("input" + element + " = " + value,
                  Writer::math_name("input") + element + " = " + tex_number(step.value)) +
         ". Add " + w.either(value + " x kernel", tex_number(step.value) + " \\times " + Writer::math_name("kernel")) +
         " at " + where + ":");
  w.channels(step.products, "to output channel", step.first_output_channel);
  w.line("Intermediate output:");
  w.channels(buffer, "output channel", 0);
  w.line();
}

// "stride 2, padding 1, output_padding 0, dilation 1", per axis in parentheses.
std::string parameters(const Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
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
    params += (params.empty() ? "" : ", ") + w.name(name) + " " + values;
  }
  if (spec.groups > 1) params += ", " + w.name("groups") + " " + str(spec.groups);
  return params;
}

void write_header(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
  w.line("Transposed convolution, " + str(spec.dims) + "D (PyTorch's " +
         w.name("conv_transpose" + str(spec.dims) + "d") + "; the kernel is not flipped)");
  w.line("Input (" + w.shape(spec.input_size) + "):");
  w.channels(Tensor{with_channels(spec.in_channels, spec.input_size), spec.input}, "input channel", 0);
  // One matrix per (input channel, output channel of its group) pair, as PyTorch stores them.
  const int kernels = spec.in_channels * (spec.out_channels / spec.groups);
  w.line("Kernel (" + w.shape(spec.kernel_size) + "):");
  w.channels(Tensor{with_channels(kernels, spec.kernel_size), spec.weight}, "weight pair", 0);
  w.line(parameters(w, spec, axes));
  w.line();
}

void write_start(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
  std::vector<int> intermediate;
  for (const AxisGeometry& g : axes) intermediate.push_back(g.buffer);
  w.line("Start with a " + w.shape(intermediate) + " intermediate output of zeros:");
  w.channels(intermediate_after(spec, 0).value(), "output channel", 0);
  w.line();
}

void write_carve(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes, const Tensor& carved) {
  std::string cut_start;
  std::string cut_end;
  for (size_t a = 0; a < axes.size(); ++a) {
    cut_start += (a ? ", " : "") + str(axes[a].carve_start);
    cut_end += (a ? ", " : "") + str(axes[a].carve_end);
  }
  w.line(
      "Carve: cut " + w.name("padding") + " (" + cut_start + ") from the start and " +
      w.either("padding - output_padding", Writer::math_name("padding") + " - " + Writer::math_name("output_padding")) +
      " (" + cut_end +
      ") from the end of each axis; a negative cut keeps that many extra cells, which no kernel copy reached:");
  w.line("Output (" + w.shape(output_shape(spec)) + "):");
  w.channels(carved, "output channel", 0);
}

void write_bias(Writer& w, const Spec& spec, const Tensor& carved) {
  std::string bias;
  for (double b : spec.bias) bias += (bias.empty() ? "" : ", ") + format_number(b);
  std::string tex;
  for (double b : spec.bias) tex += (tex.empty() ? "" : ", ") + tex_number(b);
  w.line("Add the bias (" + w.either(bias, tex) + ") to each output channel:");
  Tensor with_bias = finish_output(spec, carved);
  with_bias.shape = carved.shape;
  w.channels(with_bias, "output channel", 0);
}

// The final equation: output = conv_transpose(input, kernel) (+ bias), with the parameters.
void write_result(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes, const Tensor& carved) {
  const std::string op = "conv_transpose" + str(spec.dims) + "d";
  w.line("Output of " + w.name(op) + " with " + parameters(w, spec, axes) + ":");
  Tensor output = finish_output(spec, carved);
  output.shape = carved.shape;
  const auto [rows, cols] =
      spec.dims == 1 ? std::pair{1, output.shape[1]} : std::pair{output.shape[1], output.shape[2]};
  const auto [in_rows, in_cols] =
      spec.dims == 1 ? std::pair{1, spec.input_size[0]} : std::pair{spec.input_size[0], spec.input_size[1]};
  const auto [k_rows, k_cols] =
      spec.dims == 1 ? std::pair{1, spec.kernel_size[0]} : std::pair{spec.kernel_size[0], spec.kernel_size[1]};
  if (w.plain()) {
    if (spec.single_channel) {
      w.line(op + "(input, kernel)" + (spec.bias.empty() ? "" : " + " + format_number(spec.bias[0])) + " =");
      w.matrix(output.values, 0, rows, cols);
    } else {
      w.channels(output, "output channel", 0);
    }
    return;
  }
  if (spec.single_channel) {
    w.display("\\texttt{" + tex_text(op) + "}\\left(" + w.bmatrix(spec.input, 0, in_rows, in_cols) + ",\n" +
              w.bmatrix(spec.weight, 0, k_rows, k_cols) + "\\right)" +
              (spec.bias.empty() ? "" : " + " + tex_number(spec.bias[0])) + "\n=\n" +
              w.bmatrix(output.values, 0, rows, cols));
    return;
  }
  for (int c = 0; c < output.shape[0]; ++c)
    w.display("\\text{output channel } " + str(c) + " =\n" +
              w.bmatrix(output.values, static_cast<size_t>(c * rows * cols), rows, cols));
}

// The preamble and end of a document that pdflatex compiles with amsmath alone; bmatrix takes at
// most MaxMatrixCols columns (10 by default).
std::string standalone(const std::string& body, int max_cols) {
  return "\\documentclass{article}\n\\usepackage{amsmath}\n\\setcounter{MaxMatrixCols}{" + str(std::max(10, max_cols)) +
         "}\n\\begin{document}\n\n" + body + "\\end{document}\n";
}

}  // namespace

Result<std::string> explain(const Spec& spec, ExplainFormat format) {
  ExplainOptions options;
  options.format = format;
  return explain(spec, options);
}

Result<std::string> explain(const Spec& spec, const ExplainOptions& options) {
  if (options.standalone && options.format != ExplainFormat::latex)
    return Error{"standalone writes a LaTeX document: use it with latex", "standalone"};
  if (options.step && options.result) return Error{"give step or result, not both", "step"};
  const int steps = step_count(spec);
  const std::int64_t weights_per_input = static_cast<std::int64_t>(spec.weight.size()) / spec.in_channels;
  const std::int64_t buffer_cells = element_count(buffer_shape(spec));
  const bool whole = !options.step && !options.result;
  const std::int64_t cells =
      whole ? (steps + std::int64_t{2}) * buffer_cells + steps * weights_per_input : buffer_cells + weights_per_input;
  if (cells > max_explain_cells)
    return Error{"explain would print " + str(cells) + " matrix cells, over the limit of " + str(max_explain_cells) +
                 "; use compute, or a smaller example"};
  // As the scatter figure and the page count them: n+1 the carve, n+2 the bias only when there is one.
  const int last = steps + (spec.bias.empty() ? 1 : 2);
  int state = last;
  if (options.step && *options.step != explain_end) {
    if (*options.step < 0 || *options.step > last)
      return Error{"step must be end or a whole number from 0 to " + str(last) + ", got " + str(*options.step), "step",
                   -1, Valid{0.0, static_cast<double>(last), {}}};
    state = *options.step;
  }

  Writer w(options.format);
  const std::vector<AxisGeometry> axes = geometry(spec);
  if (options.result) {
    write_result(w, spec, axes, carve(spec, intermediate_after(spec, steps).value()));
  } else if (options.step) {
    // One state, as the scatter figure numbers them.
    if (state == 0) {
      write_start(w, spec, axes);
    } else if (state <= steps) {
      write_step(w, spec, trace_step(spec, state - 1).value(), intermediate_after(spec, state).value());
    } else {
      const Tensor carved = carve(spec, intermediate_after(spec, steps).value());
      if (state == steps + 1 || spec.bias.empty()) {
        write_carve(w, spec, axes, carved);
      } else {
        write_bias(w, spec, carved);
      }
    }
  } else {
    write_header(w, spec, axes);
    write_sizes(w, axes, spec.dims);
    write_start(w, spec, axes);
    Tensor buffer = intermediate_after(spec, 0).value();
    for (int t = 0; t < steps; ++t) {
      apply_step(spec, t, buffer);
      write_step(w, spec, trace_step(spec, t).value(), buffer);
    }
    const Tensor carved = carve(spec, buffer);
    write_carve(w, spec, axes, carved);
    if (!spec.bias.empty()) write_bias(w, spec, carved);
  }
  const int max_cols = w.max_cols();
  std::string text = w.take();
  if (options.standalone) return standalone(text, max_cols);
  return text;
}

}  // namespace tconv
