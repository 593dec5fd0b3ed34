// The seed's method, which is also the step trace: each input element adds a scaled copy of
// its kernel into the intermediate output at position*stride, taps spaced by dilation.

#include "tconv/scatter.hpp"

#include <optional>
#include <string>

#include "index.hpp"
#include "scatterer.hpp"
#include "tconv/geometry.hpp"

namespace tconv {
namespace {

Tensor scatter_steps(const Spec& spec, int steps_done) {
  const detail::Scatterer scatterer(spec);
  Tensor buffer{scatterer.shape(), std::vector<double>(static_cast<size_t>(element_count(scatterer.shape())), 0.0)};
  scatterer.apply_before(steps_done, 0, spec.out_channels, buffer.values.data());
  return buffer;
}

}  // namespace

int step_count(const Spec& spec) { return static_cast<int>(spec.in_channels * input_area(spec)); }

Result<TraceStep> trace_step(const Spec& spec, int t) {
  if (std::optional<Error> error = detail::check_index("step", t, step_count(spec) - 1)) return *error;
  const std::int64_t area = input_area(spec);
  const std::vector<AxisGeometry> axes = geometry(spec);
  TraceStep step;
  step.index = t;
  step.channel = static_cast<int>(t / area);
  step.position = detail::unravel(t % area, spec.input_size);
  step.value = spec.input[static_cast<size_t>(t)];
  for (size_t a = 0; a < axes.size(); ++a) {
    step.origin.push_back(step.position[a] * axes[a].params.stride);
    step.span.push_back(axes[a].kernel_span);
    step.dilation.push_back(axes[a].params.dilation);
  }
  const int group_outputs = spec.out_channels / spec.groups;
  step.first_output_channel = step.channel / (spec.in_channels / spec.groups) * group_outputs;
  step.products.shape = {group_outputs};
  step.products.shape.insert(step.products.shape.end(), spec.kernel_size.begin(), spec.kernel_size.end());
  const size_t count = static_cast<size_t>(element_count(step.products.shape));
  const size_t first = static_cast<size_t>(step.channel) * count;
  step.products.values.reserve(count);
  for (size_t i = 0; i < count; ++i) step.products.values.push_back(step.value * spec.weight[first + i]);
  return step;
}

void apply_step(const Spec& spec, int t, Tensor& buffer) { detail::Scatterer(spec).apply(t, buffer.values); }

Tensor carve(const Spec& spec, const Tensor& buffer) {
  const std::vector<AxisGeometry> axes = geometry(spec);
  Tensor out;
  out.shape = {spec.out_channels};
  for (const AxisGeometry& g : axes) out.shape.push_back(g.output);
  const std::vector<std::int64_t> strides = detail::row_major_strides(buffer.shape);
  // Copy one run along the last axis at a time: rows are contiguous in both arrays.
  const std::vector<int> row_shape(out.shape.begin(), out.shape.end() - 1);
  const std::int64_t rows = element_count(row_shape);
  const auto run = static_cast<std::ptrdiff_t>(out.shape.back());
  out.values.reserve(static_cast<size_t>(rows * run));
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::vector<int> row = detail::unravel(r, row_shape);
    std::int64_t source = row[0] * strides[0];
    for (size_t a = 0; a < axes.size(); ++a)
      source += (a + 1 < row.size() ? row[a + 1] : 0) * strides[a + 1] + axes[a].carve_start * strides[a + 1];
    const auto first = buffer.values.begin() + static_cast<std::ptrdiff_t>(source);
    out.values.insert(out.values.end(), first, first + run);
  }
  return out;
}

Tensor finish_output(const Spec& spec, Tensor carved) {
  if (!spec.bias.empty()) {
    const size_t per_channel = carved.values.size() / static_cast<size_t>(spec.out_channels);
    for (size_t i = 0; i < carved.values.size(); ++i) carved.values[i] += spec.bias[i / per_channel];
  }
  carved.shape = output_shape(spec);
  return carved;
}

Result<Tensor> intermediate_after(const Spec& spec, int steps_done) {
  if (std::optional<Error> error = detail::check_index("steps done", steps_done, step_count(spec))) return *error;
  return scatter_steps(spec, steps_done);
}

Result<std::vector<int>> contributions_after(const Spec& spec, int steps_done) {
  if (std::optional<Error> error = detail::check_index("steps done", steps_done, step_count(spec))) return *error;
  const detail::Scatterer scatterer(spec);
  std::vector<int> counts(static_cast<size_t>(element_count(scatterer.shape())), 0);
  scatterer.count_before(steps_done, 0, spec.out_channels, counts.data());
  return counts;
}

Tensor compute(const Spec& spec) { return finish_output(spec, carve(spec, scatter_steps(spec, step_count(spec)))); }

}  // namespace tconv
