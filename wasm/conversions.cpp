// Conversions only: each function calls the core and copies its result into JS values. Bulk data
// that the caller keeps leaves the heap as a copied typed array (memory growth detaches heap views);
// the per-cell queries, asked many times a second, return one Float64Array *view* of flat records
// instead, which the wrapper (tconv.js) reads into objects at once: one JS value per query.
//
// Records (d = number of spatial axes; a cell is [channel, ...d positions]):
//   contributions: per term  step, input cell (1+d), weight tap (2+d), value, weight, product
//   reach:         n_intermediate, n_output, then the intermediate cells, then the output cells (1+d each)
//   gather window: origin (d), dilation (d), then per tap  padded cell (1+d), rotated-kernel tap (2+d),
//                  on (0 input, 1 inserted zero, 2 padding), input cell (1+d, -1s when none), value,
//                  weight, product

#include "conversions.hpp"

#include <emscripten/val.h>
#include <malloc.h>

#include <vector>

#include "tconv/tconv.hpp"

namespace tconv::wasm {
namespace {

using emscripten::val;

val error_value(const Error& error) { return val(error_json(error)); }

val int_array(const std::vector<int>& values) {
  val out = val::array();
  for (size_t i = 0; i < values.size(); ++i) out.set(i, values[i]);
  return out;
}

template <typename T>
val copied(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val tensor(const Tensor& t) {
  val out = val::object();
  out.set("shape", int_array(t.shape));
  out.set("data", copied(t.values));
  return out;
}

val channel_tensor(int channels, std::vector<int> shape, const std::vector<double>& values) {
  shape.insert(shape.begin(), channels);
  return tensor(Tensor{std::move(shape), values});
}

val axis_geometry(const AxisGeometry& g) {
  val out = val::object();
  out.set("input", g.input);
  out.set("kernel", g.kernel);
  for (const AxisParamKey& key : axis_param_keys) {
    // outputPadding: the JS name of output_padding.
    out.set(key.key == "output_padding" ? "outputPadding" : std::string(key.key), g.params.*key.member);
  }
  out.set("kernelSpan", g.kernel_span);
  out.set("intermediate", g.intermediate);
  out.set("buffer", g.buffer);
  out.set("output", g.output);
  out.set("carveStart", g.carve_start);
  out.set("carveEnd", g.carve_end);
  return out;
}

// The scratch space of the per-cell queries: reused, so a query allocates nothing once warm.
std::vector<double>& records() {
  static std::vector<double> scratch;
  scratch.clear();
  return scratch;
}

val view(const std::vector<double>& values) { return val(emscripten::typed_memory_view(values.size(), values.data())); }

void append(std::vector<double>& out, const std::vector<int>& cell) {
  for (int v : cell) out.push_back(v);
}

Cell to_cell(const val& cell) { return emscripten::convertJSArrayToNumberVector<int>(cell); }

}  // namespace

std::string check_spec_length(double bytes) {
  Result<bool> ok = tconv::check_spec_length(static_cast<std::int64_t>(bytes));
  return ok.ok() ? "" : error_json(ok.error());
}

val compute(const SpecInput& input) {
  if (!input.error().empty()) return val(input.error());
  return tensor(tconv::compute(input.spec()));
}

TraceSession* open_session(SpecInput& input) {
  if (!input.error().empty()) return nullptr;
  return new TraceSession(input.take());
}

val explain(const SpecInput& input, bool latex) {
  if (!input.error().empty()) return val(input.error());
  Result<std::string> text = tconv::explain(input.spec(), latex ? ExplainFormat::latex : ExplainFormat::text);
  if (!text.ok()) return error_value(text.error());
  val out = val::object();
  out.set("text", text.value());
  return out;
}

val summary(const TraceSession& session) {
  const Spec& spec = session.spec();
  val out = val::object();
  out.set("dims", spec.dims);
  out.set("singleChannel", spec.single_channel);
  out.set("inChannels", spec.in_channels);
  out.set("outChannels", spec.out_channels);
  out.set("groups", spec.groups);
  out.set("stepCount", session.step_count());
  val axes = val::array();
  for (size_t a = 0; a < session.axes().size(); ++a) axes.set(a, axis_geometry(session.axes()[a]));
  out.set("axes", axes);
  out.set("input", channel_tensor(spec.in_channels, spec.input_size, spec.input));
  std::vector<int> weight_shape = spec.kernel_size;
  weight_shape.insert(weight_shape.begin(), spec.out_channels / spec.groups);
  out.set("weight", channel_tensor(spec.in_channels, weight_shape, spec.weight));
  out.set("bias", spec.bias.empty() ? val::null() : copied(spec.bias));
  out.set("bufferShape", int_array(session.buffer_shape()));
  out.set("finalBuffer", tensor(session.final_buffer()));
  out.set("finalContributions", copied(session.final_contributions()));
  out.set("carved", tensor(session.carved()));
  out.set("output", tensor(session.output()));
  const std::vector<std::int64_t> shape = session.matrix_shape();
  val matrix_shape = val::array();
  matrix_shape.set(0, static_cast<double>(shape[0]));
  matrix_shape.set(1, static_cast<double>(shape[1]));
  out.set("matrixShape", matrix_shape);
  return out;
}

namespace {

val step_value(const Result<StepState>& state) {
  if (!state.ok()) return error_value(state.error());
  const TraceStep& s = state.value().step;
  val out = val::object();
  out.set("index", s.index);
  out.set("channel", s.channel);
  out.set("position", int_array(s.position));
  out.set("value", s.value);
  out.set("origin", int_array(s.origin));
  out.set("span", int_array(s.span));
  out.set("dilation", int_array(s.dilation));
  out.set("firstOutputChannel", s.first_output_channel);
  out.set("products", tensor(s.products));
  out.set("buffer", tensor(state.value().buffer));
  out.set("contributions", copied(state.value().contributions));
  return out;
}

val tensor_value(const Result<Tensor>& t) { return t.ok() ? tensor(t.value()) : error_value(t.error()); }

val doubles_value(const Result<std::vector<double>>& values) {
  return values.ok() ? copied(values.value()) : error_value(values.error());
}

}  // namespace

val step(const TraceSession& session, int t) { return step_value(session.step(t)); }

val step_channels(const TraceSession& session, int t, int first, int count) {
  return step_value(session.step(t, {first, count}));
}

val buffer_after(const TraceSession& session, int n) { return tensor_value(session.buffer_after(n)); }

val buffer_after_channels(const TraceSession& session, int n, int first, int count) {
  return tensor_value(session.buffer_after(n, {first, count}));
}

val contributions(const TraceSession& session, const val& cell, bool intermediate) {
  Result<std::vector<Contribution>> terms =
      session.contributions(to_cell(cell), intermediate ? Where::intermediate : Where::output);
  if (!terms.ok()) return error_value(terms.error());
  std::vector<double>& out = records();
  for (const Contribution& c : terms.value()) {
    out.push_back(c.step);
    append(out, c.input);
    append(out, c.tap);
    out.insert(out.end(), {c.value, c.weight, c.product});
  }
  return view(out);
}

val reach(const TraceSession& session, const val& cell) {
  Result<Reach> reach = session.reach(to_cell(cell));
  if (!reach.ok()) return error_value(reach.error());
  std::vector<double>& out = records();
  out.push_back(static_cast<double>(reach.value().intermediate.size()));
  out.push_back(static_cast<double>(reach.value().output.size()));
  for (const Cell& c : reach.value().intermediate) append(out, c);
  for (const Cell& c : reach.value().output) append(out, c);
  return view(out);
}

val gather_window(const TraceSession& session, const val& cell) {
  Result<GatherWindow> window = session.gather_window(to_cell(cell));
  if (!window.ok()) return error_value(window.error());
  std::vector<double>& out = records();
  append(out, window.value().origin);
  append(out, window.value().dilation);
  const std::vector<double> none(static_cast<size_t>(session.spec().dims) + 1, -1.0);
  for (const GatherTap& tap : window.value().taps) {
    append(out, tap.padded);
    append(out, tap.kernel);
    out.push_back(static_cast<double>(static_cast<int>(tap.on)));
    if (tap.input.empty())
      out.insert(out.end(), none.begin(), none.end());
    else
      append(out, tap.input);
    out.insert(out.end(), {tap.value, tap.weight, tap.product});
  }
  return view(out);
}

val matrix_entry(const TraceSession& session, double row, double col) {
  Result<double> entry = session.matrix_entry(static_cast<std::int64_t>(row), static_cast<std::int64_t>(col));
  return entry.ok() ? val(entry.value()) : error_value(entry.error());
}

val matrix_row(const TraceSession& session, double row) {
  return doubles_value(session.matrix_row(static_cast<std::int64_t>(row)));
}

val matrix_column(const TraceSession& session, double col) {
  return doubles_value(session.matrix_column(static_cast<std::int64_t>(col)));
}

val matrix_row_part(const TraceSession& session, double row, double first, double count) {
  return doubles_value(session.matrix_row(static_cast<std::int64_t>(row),
                                          {static_cast<std::int64_t>(first), static_cast<std::int64_t>(count)}));
}

val matrix_column_part(const TraceSession& session, double col, double first, double count) {
  return doubles_value(session.matrix_column(static_cast<std::int64_t>(col),
                                             {static_cast<std::int64_t>(first), static_cast<std::int64_t>(count)}));
}

val gather(const TraceSession& session) {
  const Result<GatherView>& view = session.gather();
  val out = val::object();
  if (!view.ok()) {
    out.set("error", view.error().message);
    return out;
  }
  out.set("zeroInsertedSize", int_array(view.value().zero_inserted_size));
  out.set("padBefore", int_array(view.value().pad_before));
  out.set("padAfter", int_array(view.value().pad_after));
  out.set("paddedInput", tensor(view.value().padded_input));
  out.set("rotatedKernel", tensor(view.value().rotated_kernel));
  return out;
}

val matrix(const TraceSession& session) {
  const Result<Tensor>& matrix = session.matrix();
  if (matrix.ok()) return tensor(matrix.value());
  val out = val::object();
  out.set("error", matrix.error().message);
  return out;
}

val limits() {
  const Limits& l = tconv::limits();
  val out = val::object();
  out.set("maxChannels", l.max_channels);
  out.set("maxInputSize", l.max_input_size);
  out.set("maxKernelSize", l.max_kernel_size);
  out.set("maxStride", l.max_stride);
  out.set("maxDilation", l.max_dilation);
  out.set("maxPadding", l.max_padding);
  out.set("maxInputElements", static_cast<double>(l.max_input_elements));
  out.set("maxWeightElements", static_cast<double>(l.max_weight_elements));
  out.set("maxBufferElements", static_cast<double>(l.max_buffer_elements));
  out.set("maxMultiplyAdds", static_cast<double>(l.max_multiply_adds));
  out.set("maxAbsValue", l.max_abs_value);
  out.set("maxJsonBytes", static_cast<double>(l.max_json_bytes));
  out.set("maxJsonDepth", l.max_json_depth);
  out.set("maxJsonValues", static_cast<double>(l.max_json_values));
  out.set("maxMatrixElements", static_cast<double>(max_matrix_elements));
  out.set("maxGatherElements", static_cast<double>(max_gather_elements));
  out.set("maxExplainCells", static_cast<double>(max_explain_cells));
  return out;
}

val memory_use() {
  val out = val::object();
  out.set("heapBytesInUse", static_cast<double>(mallinfo().uordblks));
  out.set("memoryBytes", static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0);
  return out;
}

}  // namespace tconv::wasm
