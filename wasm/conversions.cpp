// Conversions only: each function calls the core and copies its result into JS values. Bulk data
// that the caller keeps leaves the heap as a copied typed array (memory growth detaches heap views);
// the per-cell queries, asked many times a second, return one Float64Array *view* of flat records
// instead, which the wrapper (tconv.js) reads into objects at once: one JS value per query.
//
// Records (d = number of spatial axes; a cell is [channel, ...d positions]):
//   contributions: per term  step, input cell (1+d), weight tap (2+d), value, weight, product
//   reach:         n_intermediate, n_output, then the intermediate cells, then the output cells (1+d each)
//   uses:          per use  step, input cell (1+d), value, weight, product, intermediate cell (1+d),
//                  output cell (1+d, -1s when the carve removes it)
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

// One property of a JS object. Out of line: val::set is a template instantiated per key length and
// value type, so its ~70 call sites would otherwise carry dozens of copies of the same few calls.
[[gnu::noinline]] void put(val& object, const char* key, const val& value) { object.set(key, value); }
[[gnu::noinline]] void put(val& object, const char* key, double value) { object.set(key, value); }

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
  put(out, "shape", int_array(t.shape));
  put(out, "data", copied(t.values));
  return out;
}

val channel_tensor(int channels, std::vector<int> shape, const std::vector<double>& values) {
  shape.insert(shape.begin(), channels);
  return tensor(Tensor{std::move(shape), values});
}

val axis_geometry(const AxisGeometry& g) {
  val out = val::object();
  put(out, "input", g.input);
  put(out, "kernel", g.kernel);
  for (const AxisParamKey& key : axis_param_keys) {
    // outputPadding: the JS name of output_padding (the keys are literals, so data() ends in a NUL).
    put(out, key.key == "output_padding" ? "outputPadding" : key.key.data(), g.params.*key.member);
  }
  put(out, "kernelSpan", g.kernel_span);
  put(out, "intermediate", g.intermediate);
  put(out, "buffer", g.buffer);
  put(out, "output", g.output);
  put(out, "carveStart", g.carve_start);
  put(out, "carveEnd", g.carve_end);
  put(out, "overlap", val(g.overlap == Overlap::even ? "even" : g.overlap == Overlap::uneven ? "uneven" : "holes"));
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
  put(out, "text", val(text.value()));
  return out;
}

val summary(const TraceSession& session) {
  const Spec& spec = session.spec();
  val out = val::object();
  put(out, "dims", spec.dims);
  put(out, "singleChannel", val(spec.single_channel));
  put(out, "inChannels", spec.in_channels);
  put(out, "outChannels", spec.out_channels);
  put(out, "groups", spec.groups);
  put(out, "stepCount", session.step_count());
  val axes = val::array();
  for (size_t a = 0; a < session.axes().size(); ++a) axes.set(a, axis_geometry(session.axes()[a]));
  put(out, "axes", axes);
  put(out, "input", channel_tensor(spec.in_channels, spec.input_size, spec.input));
  std::vector<int> weight_shape = spec.kernel_size;
  weight_shape.insert(weight_shape.begin(), spec.out_channels / spec.groups);
  put(out, "weight", channel_tensor(spec.in_channels, weight_shape, spec.weight));
  put(out, "bias", spec.bias.empty() ? val::null() : copied(spec.bias));
  put(out, "bufferShape", int_array(session.buffer_shape()));
  put(out, "finalBuffer", tensor(session.final_buffer()));
  put(out, "finalContributions", copied(session.final_contributions()));
  put(out, "carved", tensor(session.carved()));
  put(out, "output", tensor(session.output()));
  const std::vector<std::int64_t> shape = session.matrix_shape();
  val matrix_shape = val::array();
  matrix_shape.set(0, static_cast<double>(shape[0]));
  matrix_shape.set(1, static_cast<double>(shape[1]));
  put(out, "matrixShape", matrix_shape);
  return out;
}

namespace {

val step_value(const Result<StepState>& state) {
  if (!state.ok()) return error_value(state.error());
  const TraceStep& s = state.value().step;
  val out = val::object();
  put(out, "index", s.index);
  put(out, "channel", s.channel);
  put(out, "position", int_array(s.position));
  put(out, "value", s.value);
  put(out, "origin", int_array(s.origin));
  put(out, "span", int_array(s.span));
  put(out, "dilation", int_array(s.dilation));
  put(out, "firstOutputChannel", s.first_output_channel);
  put(out, "products", tensor(s.products));
  put(out, "buffer", tensor(state.value().buffer));
  put(out, "contributions", copied(state.value().contributions));
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
  std::vector<double>& out = records();
  // Visited, not listed: the core's list allocates two cells per product.
  std::optional<Error> error = session.visit_contributions(
      to_cell(cell), intermediate ? Where::intermediate : Where::output, [&](const Contribution& c) {
        out.push_back(c.step);
        append(out, c.input);
        append(out, c.tap);
        out.insert(out.end(), {c.value, c.weight, c.product});
      });
  if (error) return error_value(*error);
  return view(out);
}

val reach(const TraceSession& session, const val& cell) {
  // The output cells are written after the intermediate ones: gathered apart first.
  std::vector<double>& out = records();
  static std::vector<double> kept_cells;
  kept_cells.clear();
  out.insert(out.end(), {0.0, 0.0});
  std::optional<Error> error = session.visit_reach(to_cell(cell), [&](const Cell& c, const Cell& o, bool kept) {
    append(out, c);
    out[0] += 1;
    if (kept) {
      append(kept_cells, o);
      out[1] += 1;
    }
  });
  if (error) return error_value(*error);
  out.insert(out.end(), kept_cells.begin(), kept_cells.end());
  return view(out);
}

val uses(const TraceSession& session, const val& tap) {
  Result<std::vector<TapUse>> uses = session.uses(to_cell(tap));
  if (!uses.ok()) return error_value(uses.error());
  std::vector<double>& out = records();
  for (const TapUse& use : uses.value()) {
    out.push_back(use.term.step);
    append(out, use.term.input);
    out.insert(out.end(), {use.term.value, use.term.weight, use.term.product});
    append(out, use.intermediate);
    if (use.output.empty())
      out.insert(out.end(), use.intermediate.size(), -1.0);
    else
      append(out, use.output);
  }
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
    put(out, "error", val(view.error().message));
    return out;
  }
  put(out, "zeroInsertedSize", int_array(view.value().zero_inserted_size));
  put(out, "padBefore", int_array(view.value().pad_before));
  put(out, "padAfter", int_array(view.value().pad_after));
  put(out, "paddedInput", tensor(view.value().padded_input));
  put(out, "rotatedKernel", tensor(view.value().rotated_kernel));
  return out;
}

val matrix(const TraceSession& session) {
  const Result<Tensor>& matrix = session.matrix();
  if (matrix.ok()) return tensor(matrix.value());
  val out = val::object();
  put(out, "error", val(matrix.error().message));
  return out;
}

val limits() {
  const Limits& l = tconv::limits();
  val out = val::object();
  put(out, "maxChannels", l.max_channels);
  put(out, "maxInputSize", l.max_input_size);
  put(out, "maxKernelSize", l.max_kernel_size);
  put(out, "maxStride", l.max_stride);
  put(out, "maxDilation", l.max_dilation);
  put(out, "maxPadding", l.max_padding);
  put(out, "maxInputElements", static_cast<double>(l.max_input_elements));
  put(out, "maxWeightElements", static_cast<double>(l.max_weight_elements));
  put(out, "maxBufferElements", static_cast<double>(l.max_buffer_elements));
  put(out, "maxMultiplyAdds", static_cast<double>(l.max_multiply_adds));
  put(out, "maxAbsValue", l.max_abs_value);
  put(out, "maxJsonBytes", static_cast<double>(l.max_json_bytes));
  put(out, "maxJsonDepth", l.max_json_depth);
  put(out, "maxJsonValues", static_cast<double>(l.max_json_values));
  put(out, "maxMatrixElements", static_cast<double>(max_matrix_elements));
  put(out, "maxGatherElements", static_cast<double>(max_gather_elements));
  put(out, "maxExplainCells", static_cast<double>(max_explain_cells));
  return out;
}

val memory_use() {
  val out = val::object();
  put(out, "heapBytesInUse", static_cast<double>(mallinfo().uordblks));
  put(out, "memoryBytes", static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0);
  return out;
}

}  // namespace tconv::wasm
