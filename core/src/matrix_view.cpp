// The matrix formulation and the direct convolution it transposes. Both enumerate the same
// incidence: output cell o receives input element i through tap k when o = i*stride + k*dilation
// - padding on every axis.

#include <string>

#include "index.hpp"
#include "tconv/geometry.hpp"
#include "tconv/views.hpp"

namespace tconv {
namespace {

// Calls visit(ci, input_flat, co, output_flat, weight_index) for every (input, tap, output)
// incidence inside the output.
template <typename Visit>
void for_each_incidence(const Spec& spec, Visit visit) {
  const std::vector<AxisGeometry> axes = geometry(spec);
  std::vector<int> out_size;
  for (const AxisGeometry& g : axes) out_size.push_back(g.output);
  const std::vector<std::int64_t> out_strides = detail::row_major_strides(out_size);
  const int group_outputs = spec.out_channels / spec.groups;
  const int group_inputs = spec.in_channels / spec.groups;
  const std::int64_t taps = kernel_area(spec);
  const std::int64_t area = input_area(spec);
  for (int ci = 0; ci < spec.in_channels; ++ci) {
    for (std::int64_t i = 0; i < area; ++i) {
      const std::vector<int> position = detail::unravel(i, spec.input_size);
      for (std::int64_t k = 0; k < taps; ++k) {
        const std::vector<int> tap = detail::unravel(k, spec.kernel_size);
        std::int64_t o = 0;
        bool inside = true;
        for (size_t a = 0; a < axes.size() && inside; ++a) {
          const int cell =
              position[a] * axes[a].params.stride + tap[a] * axes[a].params.dilation - axes[a].params.padding;
          inside = cell >= 0 && cell < out_size[a];
          o += cell * out_strides[a];
        }
        if (!inside) continue;
        for (int j = 0; j < group_outputs; ++j)
          visit(ci, i, ci / group_inputs * group_outputs + j, o,
                (static_cast<std::int64_t>(ci) * group_outputs + j) * taps + k);
      }
    }
  }
}

std::int64_t output_area(const Spec& spec) {
  std::int64_t area = 1;
  for (const AxisGeometry& g : geometry(spec)) area *= g.output;
  return area;
}

}  // namespace

Result<Tensor> transposed_matrix(const Spec& spec) {
  const std::int64_t rows = spec.out_channels * output_area(spec);
  const std::int64_t cols = spec.in_channels * input_area(spec);
  if (rows * cols > max_matrix_elements)
    return Error{"the matrix C^T would be " + std::to_string(rows) + " x " + std::to_string(cols) +
                 ", over the limit of " + std::to_string(max_matrix_elements) + " cells"};
  Tensor matrix{{static_cast<int>(rows), static_cast<int>(cols)},
                std::vector<double>(static_cast<size_t>(rows * cols))};
  const std::int64_t out_area = output_area(spec);
  const std::int64_t in_area = input_area(spec);
  for_each_incidence(spec, [&](int ci, std::int64_t i, int co, std::int64_t o, std::int64_t w) {
    matrix.values[static_cast<size_t>((co * out_area + o) * cols + ci * in_area + i)] +=
        spec.weight[static_cast<size_t>(w)];
  });
  return matrix;
}

Tensor direct_convolution(const Spec& spec, const Tensor& y) {
  Tensor x{{spec.in_channels}, std::vector<double>(static_cast<size_t>(spec.in_channels * input_area(spec)))};
  x.shape.insert(x.shape.end(), spec.input_size.begin(), spec.input_size.end());
  const std::int64_t out_area = output_area(spec);
  const std::int64_t in_area = input_area(spec);
  for_each_incidence(spec, [&](int ci, std::int64_t i, int co, std::int64_t o, std::int64_t w) {
    x.values[static_cast<size_t>(ci * in_area + i)] +=
        spec.weight[static_cast<size_t>(w)] * y.values[static_cast<size_t>(co * out_area + o)];
  });
  return x;
}

}  // namespace tconv
