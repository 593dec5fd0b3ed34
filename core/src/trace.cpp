// The trace assembled from the scatter, the carve and the views, so that its users (the wasm
// binding, tests) only convert it.

#include "tconv/trace.hpp"

#include <utility>

namespace tconv {

TraceSummary summarize_trace(const Spec& spec) {
  const int steps = step_count(spec);
  std::vector<AxisGeometry> axes = geometry(spec);
  int rows = spec.out_channels;  // C^T: one row per output cell, one column per input cell
  for (const AxisGeometry& g : axes) rows *= g.output;
  const int cols = static_cast<int>(spec.in_channels * input_area(spec));
  Tensor final_buffer = intermediate_after(spec, steps).value();
  Tensor carved = carve(spec, final_buffer);
  Tensor output = finish_output(spec, carved);
  return TraceSummary{steps,
                      std::move(axes),
                      buffer_shape(spec),
                      std::move(final_buffer),
                      contributions_after(spec, steps).value(),
                      std::move(carved),
                      std::move(output),
                      gather_view(spec),
                      {rows, cols},
                      transposed_matrix(spec)};
}

Result<StepState> step_state(const Spec& spec, int t) {
  Result<TraceStep> step = trace_step(spec, t);
  if (!step.ok()) return step.error();
  return StepState{std::move(step).value(), intermediate_after(spec, t + 1).value(),
                   contributions_after(spec, t + 1).value()};
}

}  // namespace tconv
