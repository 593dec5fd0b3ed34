// The gather formulation: insert stride-1 zeros between input elements, pad the borders by
// dilation*(k-1)-padding (negative crops), add output_padding at the end, then correlate with
// the kernel rotated 180 degrees. Independent of scatter.cpp so that tests can cross-check.

#include "index.hpp"
#include "tconv/geometry.hpp"
#include "tconv/views.hpp"

namespace tconv {

Result<GatherView> gather_view(const Spec& spec) {
  GatherView view;
  const std::vector<AxisGeometry> axes = geometry(spec);
  std::vector<int> padded_shape{spec.in_channels};
  for (const AxisGeometry& g : axes) {
    const int zero_inserted = (g.input - 1) * g.params.stride + 1;
    const int before = g.params.dilation * (g.kernel - 1) - g.params.padding;
    view.zero_inserted_size.push_back(zero_inserted);
    view.pad_before.push_back(before);
    view.pad_after.push_back(before + g.params.output_padding);
    padded_shape.push_back(zero_inserted + 2 * before + g.params.output_padding);
  }
  // Large dilations pad far more than the output grows: bound the view like the matrix.
  const std::int64_t cells = element_count(padded_shape);
  if (cells > max_gather_elements)
    return Error{"the gather view's padded input would have " + std::to_string(cells) + " cells, over the limit of " +
                 std::to_string(max_gather_elements)};

  // Input element i lands at pad_before + i * stride on each axis (dropped where a negative pad crops it).
  view.padded_input.shape = padded_shape;
  view.padded_input.values.assign(static_cast<size_t>(cells), 0.0);
  const std::vector<std::int64_t> padded_strides = detail::row_major_strides(padded_shape);
  const std::vector<int> input_shape = [&] {
    std::vector<int> shape{spec.in_channels};
    shape.insert(shape.end(), spec.input_size.begin(), spec.input_size.end());
    return shape;
  }();
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(spec.input.size()); ++i) {
    const std::vector<int> index = detail::unravel(i, input_shape);
    std::int64_t target = index[0] * padded_strides[0];
    bool inside = true;
    for (size_t a = 0; a < axes.size(); ++a) {
      const int cell = view.pad_before[a] + index[a + 1] * axes[a].params.stride;
      inside = inside && cell >= 0 && cell < padded_shape[a + 1];
      target += cell * padded_strides[a + 1];
    }
    if (inside) view.padded_input.values[static_cast<size_t>(target)] = spec.input[static_cast<size_t>(i)];
  }

  // Rotating by 180 degrees reverses the row-major order of each kernel's taps.
  const auto taps = static_cast<size_t>(kernel_area(spec));
  view.rotated_kernel.shape = {spec.in_channels, spec.out_channels / spec.groups};
  view.rotated_kernel.shape.insert(view.rotated_kernel.shape.end(), spec.kernel_size.begin(), spec.kernel_size.end());
  view.rotated_kernel.values.resize(spec.weight.size());
  for (size_t first = 0; first < spec.weight.size(); first += taps)
    for (size_t k = 0; k < taps; ++k) view.rotated_kernel.values[first + k] = spec.weight[first + taps - 1 - k];
  return view;
}

Tensor gather_compute(const Spec& spec, const GatherView& view) {
  const std::vector<AxisGeometry> axes = geometry(spec);
  Tensor out;
  out.shape = {spec.out_channels};
  for (const AxisGeometry& g : axes) out.shape.push_back(g.output);
  const std::vector<std::int64_t> padded_strides = detail::row_major_strides(view.padded_input.shape);
  const int group_outputs = spec.out_channels / spec.groups;
  const int group_inputs = spec.in_channels / spec.groups;
  const std::int64_t taps = kernel_area(spec);
  const std::int64_t count = element_count(out.shape);
  out.values.reserve(static_cast<size_t>(count));
  for (std::int64_t flat = 0; flat < count; ++flat) {
    const std::vector<int> index = detail::unravel(flat, out.shape);
    const int co = index[0];
    const int group = co / group_outputs;
    double sum = 0;
    for (int ci = group * group_inputs; ci < (group + 1) * group_inputs; ++ci) {
      for (std::int64_t k = 0; k < taps; ++k) {
        const std::vector<int> tap = detail::unravel(k, spec.kernel_size);
        std::int64_t source = ci * padded_strides[0];
        for (size_t a = 0; a < axes.size(); ++a)
          source += (index[a + 1] + tap[a] * axes[a].params.dilation) * padded_strides[a + 1];
        const size_t w = static_cast<size_t>((ci * group_outputs + co % group_outputs) * taps + k);
        sum += view.rotated_kernel.values[w] * view.padded_input.values[static_cast<size_t>(source)];
      }
    }
    out.values.push_back(sum);
  }
  return out;
}

}  // namespace tconv
