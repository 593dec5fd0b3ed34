// Conversions only: each function calls the core and copies its result into JS values. Bulk
// data leaves the heap as a copied Float64Array, because memory growth detaches heap views.

#include "conversions.hpp"

#include <emscripten/val.h>
#include <malloc.h>

#include <vector>

#include "tconv/tconv.hpp"

namespace tconv::wasm {
namespace {

using emscripten::val;

val error_value(const Error& error) {
  val out = val::object();
  out.set("error", error.message);
  return out;
}

val int_array(const std::vector<int>& values) {
  val out = val::array();
  for (size_t i = 0; i < values.size(); ++i) out.set(i, values[i]);
  return out;
}

val float64_array(const std::vector<double>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val int32_array(const std::vector<int>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val tensor(const Tensor& t) {
  val out = val::object();
  out.set("shape", int_array(t.shape));
  out.set("data", float64_array(t.values));
  return out;
}

val axis_geometry(const AxisGeometry& g) {
  val out = val::object();
  out.set("input", g.input);
  out.set("kernel", g.kernel);
  out.set("stride", g.params.stride);
  out.set("padding", g.params.padding);
  out.set("outputPadding", g.params.output_padding);
  out.set("dilation", g.params.dilation);
  out.set("kernelSpan", g.kernel_span);
  out.set("intermediate", g.intermediate);
  out.set("buffer", g.buffer);
  out.set("output", g.output);
  out.set("carveStart", g.carve_start);
  out.set("carveEnd", g.carve_end);
  return out;
}

val gather(const GatherView& view) {
  val out = val::object();
  out.set("zeroInsertedSize", int_array(view.zero_inserted_size));
  out.set("padBefore", int_array(view.pad_before));
  out.set("padAfter", int_array(view.pad_after));
  out.set("paddedInput", tensor(view.padded_input));
  out.set("rotatedKernel", tensor(view.rotated_kernel));
  return out;
}

val channel_shape_tensor(std::vector<int> shape, int channels, const std::vector<double>& values) {
  shape.insert(shape.begin(), channels);
  return tensor(Tensor{shape, values});
}

}  // namespace

val compute(const std::string& spec_json) {
  Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  return tensor(tconv::compute(spec.value()));
}

val trace(const std::string& spec_json) {
  Result<Spec> parsed = parse_spec(spec_json);
  if (!parsed.ok()) return error_value(parsed.error());
  const Spec& spec = parsed.value();
  val out = val::object();
  out.set("dims", spec.dims);
  out.set("singleChannel", spec.single_channel);
  out.set("inChannels", spec.in_channels);
  out.set("outChannels", spec.out_channels);
  out.set("groups", spec.groups);
  const TraceSummary summary = summarize_trace(spec);
  out.set("stepCount", summary.step_count);
  val axes = val::array();
  for (size_t a = 0; a < summary.axes.size(); ++a) axes.set(a, axis_geometry(summary.axes[a]));
  out.set("axes", axes);
  out.set("input", channel_shape_tensor(spec.input_size, spec.in_channels, spec.input));
  std::vector<int> weight_shape = spec.kernel_size;
  weight_shape.insert(weight_shape.begin(), spec.out_channels / spec.groups);
  out.set("weight", channel_shape_tensor(weight_shape, spec.in_channels, spec.weight));
  out.set("bias", spec.bias.empty() ? val::null() : float64_array(spec.bias));
  out.set("bufferShape", int_array(summary.buffer_shape));
  out.set("finalBuffer", tensor(summary.final_buffer));
  out.set("finalContributions", int32_array(summary.final_contributions));
  out.set("carved", tensor(summary.carved));
  out.set("output", tensor(summary.output));
  out.set("gather", summary.gather.ok() ? gather(summary.gather.value()) : error_value(summary.gather.error()));
  out.set("matrixShape", int_array(summary.matrix_shape));
  out.set("matrix", summary.matrix.ok() ? tensor(summary.matrix.value()) : error_value(summary.matrix.error()));
  return out;
}

val trace_step(const std::string& spec_json, int t) {
  Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  Result<StepState> state = step_state(spec.value(), t);
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
  out.set("contributions", int32_array(state.value().contributions));
  return out;
}

val intermediate_after(const std::string& spec_json, int steps_done) {
  Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  Result<Tensor> buffer = tconv::intermediate_after(spec.value(), steps_done);
  return buffer.ok() ? tensor(buffer.value()) : error_value(buffer.error());
}

val explain(const std::string& spec_json, bool latex) {
  Result<Spec> spec = parse_spec(spec_json);
  if (!spec.ok()) return error_value(spec.error());
  Result<std::string> text = tconv::explain(spec.value(), latex ? ExplainFormat::latex : ExplainFormat::text);
  if (!text.ok()) return error_value(text.error());
  val out = val::object();
  out.set("text", text.value());
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
