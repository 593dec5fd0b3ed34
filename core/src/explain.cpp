// The worked example in the seed post's own words: sizes with the numbers substituted, the
// empty intermediate output, one scaled kernel copy per step, the carve, the result. Three forms:
// plain text; LaTeX that is math-safe everywhere (names in \texttt{}, every product a \times,
// display math between blank lines), so that it pastes into MathJax, KaTeX or a pdflatex
// document; and Markdown for kramdown/MathJax, where each matrix sits in an HTML block so that
// Markdown's backslash escapes cannot turn its row ends (\\) into \.

#include "tconv/explain.hpp"

#include <algorithm>
#include <optional>

#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/scatter.hpp"
#include "text.hpp"

namespace tconv {
namespace {

using detail::Text;

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
  std::string text = format_number(value);
  const size_t e = text.find('e');
  if (e == std::string::npos) return text;
  // format_number writes the exponent's sign always ("1e-07", "1e+21"); TeX gets no '+' and no leading zeros.
  Text tex;
  tex << std::string_view(text).substr(0, e) << " \\times 10^{";
  if (text[e + 1] == '-') tex << '-';
  size_t digits = e + 2;
  while (digits + 1 < text.size() && text[digits] == '0') ++digits;
  return std::move(tex) << std::string_view(text).substr(digits) << '}';
}

class Writer {
 public:
  explicit Writer(ExplainFormat format) : format_(format) {}

  bool plain() const { return format_ == ExplainFormat::text; }

  // A line of prose: its own paragraph in LaTeX and Markdown.
  void line(std::string_view text = {}) {
    if (plain()) {
      out_ << text << '\n';
    } else if (!text.empty()) {
      out_ << text << "\n\n";
    }
  }
  void line(const Text& text) { line(text.str()); }
  // Inline math: $...$ in LaTeX, $$...$$ in kramdown (its inline math, which it protects).
  std::string math(std::string_view tex) const {
    const char* dollars = format_ == ExplainFormat::latex ? "$" : "$$";
    return Text() << dollars << tex << dollars;
  }
  // Plain text, or its math form.
  std::string either(const std::string& plain_text, const std::string& tex) const {
    return plain() ? plain_text : math(tex);
  }
  // A name from the code: as it is, \texttt{} in LaTeX, a code span in Markdown.
  std::string name(const std::string& text) const {
    if (plain()) return text;
    if (format_ == ExplainFormat::latex) return Text() << "\\texttt{" << tex_text(text) << '}';
    return Text() << '`' << text << '`';
  }
  // A name inside math.
  static std::string math_name(const std::string& text) { return Text() << "\\text{" << tex_text(text) << '}'; }
  // "2x3" in text, 2 x 3 with \times in math.
  std::string shape(const std::vector<int>& sizes) const {
    Text text, tex;
    for (size_t a = 0; a < sizes.size(); ++a) {
      text << (a ? "x" : "") << sizes[a];
      tex << (a ? " \\times " : "") << sizes[a];
    }
    return either(text.str(), tex.str());
  }
  // "2-4" in text, an en dash in LaTeX and Markdown.
  std::string range(int first, int span) const {
    const char* dash = plain() ? "-" : format_ == ExplainFormat::latex ? "--" : "\xE2\x80\x93";
    return Text() << first << dash << first + span - 1;
  }
  // A formula: math in LaTeX and Markdown, plain text otherwise.
  void formula(std::string_view label, const std::string& plain_text, const std::string& tex) {
    if (plain())
      line(Text() << "  " << label << ": " << plain_text);
    else
      line(Text() << label << ": " << math(tex));
  }

  // One matrix: rows x cols values starting at values[first]. 1D data is one row.
  void matrix(const std::vector<double>& values, size_t first, int rows, int cols) {
    if (!plain()) {
      display(bmatrix(values, first, rows, cols));
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
      Text row;
      row << '[';
      for (int c = 0; c < cols; ++c) {
        const std::string& cell = cells[static_cast<size_t>(r * cols + c)];
        row << ' ';
        for (size_t pad = cell.size(); pad < widths[static_cast<size_t>(c)]; ++pad) row << ' ';
        row << cell;
      }
      line(row << " ]");
    }
  }

  // \begin{bmatrix} ... \end{bmatrix}, one row per line.
  std::string bmatrix(const std::vector<double>& values, size_t first, int rows, int cols) {
    Text text;
    text << "\\begin{bmatrix}\n";
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c)
        text << (c ? " & " : "") << tex_number(values[first + static_cast<size_t>(r * cols + c)]);
      text << (r + 1 < rows ? " \\\\\n" : "\n");
    }
    max_cols_ = std::max(max_cols_, cols);
    return std::move(text) << "\\end{bmatrix}";
  }

  // Every channel of a [channels][spatial...] tensor, labelled when there are several.
  void channels(const Tensor& tensor, std::string_view label, int first_label) {
    channels(tensor, [&](int c) { return std::string(Text() << label << ' ' << first_label + c); });
  }
  // Each channel's matrix under its name (name(c)), when there are several.
  template <typename Name>
  void channels(const Tensor& tensor, const Name& name) {
    const int rows = tensor.shape.size() == 3 ? tensor.shape[1] : 1;
    const int cols = tensor.shape.back();
    for (int c = 0; c < tensor.shape[0]; ++c) {
      if (tensor.shape[0] > 1) line(name(c) + ':');
      matrix(tensor.values, static_cast<size_t>(c * rows * cols), rows, cols);
    }
  }

  // Display math: between blank lines in LaTeX, in an HTML block that Markdown leaves alone.
  void display(const std::string& tex) {
    if (format_ == ExplainFormat::latex) {
      out_ << "$$\n" << tex << "\n$$\n\n";
    } else {
      out_ << "<div class=\"math\">\n$$\n" << tex << "\n$$\n</div>\n\n";
    }
  }

  int max_cols() const { return max_cols_; }
  std::string take() { return std::move(out_); }

 private:
  ExplainFormat format_;
  Text out_;
  int max_cols_ = 0;
};

std::vector<int> with_channels(int channels, const std::vector<int>& spatial) {
  std::vector<int> shape{channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

void write_sizes(Writer& w, const std::vector<AxisGeometry>& axes, int dims) {
  const char* x = " * ";
  const char* t = " \\times ";
  const auto n = [](const char* name) { return Writer::math_name(name); };
  w.line(Text() << "Intermediate output (before the carve), per axis: "
                << w.either("(in - 1) * stride + dilation * (k - 1) + 1",
                            Text() << '(' << n("in") << " - 1)" << t << n("stride") << " + " << n("dilation") << t
                                   << "(k - 1) + 1"));
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const auto sum = [&](const char* times) -> std::string {
      return Text() << '(' << g.input << " - 1)" << times << g.params.stride << " + " << g.params.dilation << times
                    << '(' << g.kernel << " - 1) + 1 = " << g.intermediate;
    };
    w.formula(axis_name(dims, static_cast<int>(a)), sum(x), sum(t));
  }
  w.line(Text() << "Output, per axis: "
                << w.either("(in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1",
                            Text() << '(' << n("in") << " - 1)" << t << n("stride") << " - 2" << t << n("padding")
                                   << " + " << n("dilation") << t << "(k - 1) + " << n("output_padding") << " + 1"));
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisGeometry& g = axes[a];
    const auto sum = [&](const char* times) -> std::string {
      return Text() << '(' << g.input << " - 1)" << times << g.params.stride << " - 2" << times << g.params.padding
                    << " + " << g.params.dilation << times << '(' << g.kernel << " - 1) + " << g.params.output_padding
                    << " + 1 = " << g.output;
    };
    w.formula(axis_name(dims, static_cast<int>(a)), sum(x), sum(t));
  }
  w.line();
}

std::string element_name(const Spec& spec, const TraceStep& step) {
  Text element;
  if (!spec.single_channel) element << '[' << step.channel << ']';
  for (int p : step.position) element << '[' << p << ']';
  return std::string(std::move(element));
}

void write_step(Writer& w, const Spec& spec, const TraceStep& step, const Tensor& buffer) {
  const std::string element = element_name(spec, step);
  Text where;
  if (spec.dims == 1)
    where << "positions " << w.range(step.origin[0], step.span[0]);
  else
    where << "rows " << w.range(step.origin[0], step.span[0]) << ", columns " << w.range(step.origin[1], step.span[1]);
  const std::string value = format_number(step.value);
  const std::string tex_value = tex_number(step.value);
  w.line(Text() << "Step " << step.index + 1 << " of " << step_count(spec) << ": "
                << w.either(Text() << "input" << element << " = " << value,
                            Text() << Writer::math_name("input") << element << " = " << tex_value)
                << ". Add "
                << w.either(Text() << value << " x kernel",
                            Text() << tex_value << " \\times " << Writer::math_name("kernel"))
                << " at " << where.str() << ':');
  w.channels(step.products, "to output channel", step.first_output_channel);
  w.line("Intermediate output:");
  w.channels(buffer, "output channel", 0);
  w.line();
}

// "stride 2, padding 1, output_padding 0, dilation 1", per axis in parentheses.
std::string parameters(const Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
  Text params;
  for (const AxisParamKey& key : axis_param_keys) {
    if (!params.empty()) params << ", ";
    params << w.name(std::string(key.key)) << ' ';
    if (axes.size() == 2)
      params << '(' << axes[0].params.*key.member << ", " << axes[1].params.*key.member << ')';
    else
      params << axes[0].params.*key.member;
  }
  if (spec.groups > 1) params << ", " << w.name("groups") << ' ' << spec.groups;
  // The bias too: every output number shown with the result includes it.
  if (!spec.bias.empty())
    params << ", " << w.name("bias") << ' '
           << (spec.bias.size() == 1 ? w.either(format_number(spec.bias[0]), tex_number(spec.bias[0]))
                                     : std::string("per output channel"));
  return std::string(std::move(params));
}

void write_header(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
  w.line(Text() << "Transposed convolution, " << spec.dims << "D (PyTorch's "
                << w.name(Text() << "conv_transpose" << spec.dims << 'd') << "; the kernel is not flipped)");
  w.line(Text() << "Input (" << w.shape(spec.input_size) << "):");
  w.channels(Tensor{with_channels(spec.in_channels, spec.input_size), spec.input}, "input channel", 0);
  // One matrix per (input channel, output channel of its group) pair, as PyTorch stores them, each
  // named as the page names it: w[c_in][c_out in its group].
  const int group_outputs = spec.out_channels / spec.groups;
  const int kernels = spec.in_channels * group_outputs;
  w.line(Text() << "Kernel (" << w.shape(spec.kernel_size) << (kernels > 1 ? " each" : "") << "):");
  w.channels(Tensor{with_channels(kernels, spec.kernel_size), spec.weight}, [&](int k) {
    return std::string(Text() << "w[" << k / group_outputs << "][" << k % group_outputs << "]");
  });
  w.line(parameters(w, spec, axes));
  w.line();
}

void write_start(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes) {
  std::vector<int> intermediate;
  for (const AxisGeometry& g : axes) intermediate.push_back(g.buffer);
  // "a 5x5 intermediate output", but "a 5-cell" one in 1D ("a 5 intermediate output" read wrong).
  w.line(Text() << "Start with a " << w.shape(intermediate) << (intermediate.size() == 1 ? "-cell" : "")
                << " intermediate output of zeros:");
  w.channels(intermediate_after(spec, 0).value(), "output channel", 0);
  w.line();
}

void write_carve(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes, const Tensor& carved) {
  Text cut_start;
  Text cut_end;
  for (size_t a = 0; a < axes.size(); ++a) {
    cut_start << (a ? ", " : "") << axes[a].carve_start;
    cut_end << (a ? ", " : "") << axes[a].carve_end;
  }
  w.line(Text() << "Carve: cut " << w.name("padding") << " (" << cut_start.str() << ") from the start and "
                << w.either("padding - output_padding",
                            Text() << Writer::math_name("padding") << " - " << Writer::math_name("output_padding"))
                << " (" << cut_end.str()
                << ") from the end of each axis; a negative cut keeps that many extra cells, which no kernel copy "
                   "reached:");
  w.line(Text() << "Output (" << w.shape(output_shape(spec)) << "):");
  w.channels(carved, "output channel", 0);
}

void write_bias(Writer& w, const Spec& spec, const Tensor& carved) {
  Text bias;
  Text tex;
  for (double b : spec.bias) {
    bias << (bias.empty() ? "" : ", ") << format_number(b);
    tex << (tex.empty() ? "" : ", ") << tex_number(b);
  }
  w.line(Text() << "Add the bias (" << w.either(bias.str(), tex.str()) << ") to each output channel:");
  Tensor with_bias = finish_output(spec, carved);
  with_bias.shape = carved.shape;
  w.channels(with_bias, "output channel", 0);
}

// The final equation: output = conv_transpose(input, kernel) (+ bias), with the parameters.
void write_result(Writer& w, const Spec& spec, const std::vector<AxisGeometry>& axes, const Tensor& carved) {
  const std::string op = Text() << "conv_transpose" << spec.dims << 'd';
  w.line(Text() << "Output of " << w.name(op) << " with " << parameters(w, spec, axes) << ':');
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
      Text equation;
      equation << op << "(input, kernel)";
      if (!spec.bias.empty()) equation << " + " << format_number(spec.bias[0]);
      w.line(equation << " =");
      w.matrix(output.values, 0, rows, cols);
    } else {
      w.channels(output, "output channel", 0);
    }
    return;
  }
  if (spec.single_channel) {
    Text equation;
    equation << "\\texttt{" << tex_text(op) << "}\\left(" << w.bmatrix(spec.input, 0, in_rows, in_cols) << ",\n"
             << w.bmatrix(spec.weight, 0, k_rows, k_cols) << "\\right)";
    if (!spec.bias.empty()) equation << " + " << tex_number(spec.bias[0]);
    equation << "\n=\n" << w.bmatrix(output.values, 0, rows, cols);
    w.display(equation.str());
    return;
  }
  for (int c = 0; c < output.shape[0]; ++c)
    w.display(Text() << "\\text{output channel } " << c << " =\n"
                     << w.bmatrix(output.values, static_cast<size_t>(c * rows * cols), rows, cols));
}

// The preamble and end of a document that pdflatex compiles with amsmath alone; bmatrix takes at
// most MaxMatrixCols columns (10 by default).
std::string standalone(const std::string& body, int max_cols) {
  return Text() << "\\documentclass{article}\n\\usepackage{amsmath}\n\\setcounter{MaxMatrixCols}{"
                << std::max(10, max_cols) << "}\n\\begin{document}\n\n"
                << body << "\\end{document}\n";
}

// An error when the text would print more than max_explain_cells (the whole walk-through, or one state).
std::optional<Error> check_size(const Spec& spec, bool whole) {
  const int steps = step_count(spec);
  const std::int64_t weights_per_input = static_cast<std::int64_t>(spec.weight.size()) / spec.in_channels;
  const std::int64_t buffer_cells = element_count(buffer_shape(spec));
  const std::int64_t cells =
      whole ? (steps + std::int64_t{2}) * buffer_cells + steps * weights_per_input : buffer_cells + weights_per_input;
  if (cells > max_explain_cells)
    return Error{Text() << "explain would print " << cells << " matrix cells, over the limit of " << max_explain_cells
                        << "; use compute, or a smaller example"};
  return std::nullopt;
}

// The whole walk-through: header, sizes, the zeros, every step, the carve and the bias.
void write_walk_through(Writer& w, const Spec& spec) {
  const std::vector<AxisGeometry> axes = geometry(spec);
  write_header(w, spec, axes);
  write_sizes(w, axes, spec.dims);
  write_start(w, spec, axes);
  Tensor buffer = intermediate_after(spec, 0).value();
  const int steps = step_count(spec);
  for (int t = 0; t < steps; ++t) {
    apply_step(spec, t, buffer);
    write_step(w, spec, trace_step(spec, t).value(), buffer);
  }
  const Tensor carved = carve(spec, buffer);
  write_carve(w, spec, axes, carved);
  if (!spec.bias.empty()) write_bias(w, spec, carved);
}

}  // namespace

// The whole walk-through only, apart from the options' version: the WebAssembly core module
// (whose explain takes a format alone) then links none of one state, the result or the document.
Result<std::string> explain(const Spec& spec, ExplainFormat format) {
  if (std::optional<Error> error = check_size(spec, true)) return *error;
  Writer w(format);
  write_walk_through(w, spec);
  return w.take();
}

Result<std::string> explain(const Spec& spec, const ExplainOptions& options) {
  if (options.standalone && options.format != ExplainFormat::latex)
    return Error{"standalone writes a LaTeX document: use it with latex", "standalone"};
  if (options.step && options.result) return Error{"give step or result, not both", "step"};
  const bool whole = !options.step && !options.result;
  if (std::optional<Error> error = check_size(spec, whole)) return *error;
  const int steps = step_count(spec);
  // As the scatter figure and the page count them: n+1 the carve, n+2 the bias only when there is one.
  const int last = steps + (spec.bias.empty() ? 1 : 2);
  int state = last;
  if (options.step && *options.step != explain_end) {
    if (*options.step < 0 || *options.step > last)
      return Error{Text() << "step must be end or a whole number from 0 to " << last << ", got " << *options.step,
                   "step", -1, Valid{0.0, static_cast<double>(last), {}}};
    state = *options.step;
  }

  Writer w(options.format);
  if (whole) {
    write_walk_through(w, spec);
  } else if (options.result) {
    write_result(w, spec, geometry(spec), carve(spec, intermediate_after(spec, steps).value()));
  } else {
    // One state, as the scatter figure numbers them.
    const std::vector<AxisGeometry> axes = geometry(spec);
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
  }
  const int max_cols = w.max_cols();
  std::string text = w.take();
  if (options.standalone) return standalone(text, max_cols);
  return text;
}

}  // namespace tconv
