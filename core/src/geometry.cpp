#include "tconv/geometry.hpp"

#include <algorithm>
#include <numeric>

namespace tconv {

std::string_view axis_name(int dims, int axis) {
  if (dims == 1) return "length";
  return axis == 0 ? "height" : "width";
}

AxisSizes axis_sizes(std::int64_t input, std::int64_t kernel, const AxisParams& params) {
  const std::int64_t span = static_cast<std::int64_t>(params.dilation) * (kernel - 1) + 1;
  const std::int64_t intermediate = (input - 1) * params.stride + span;
  const std::int64_t output = intermediate - std::int64_t{2} * params.padding + params.output_padding;
  return {span, intermediate, output};
}

bool even_overlap(int kernel_size, int stride, int dilation) {
  return std::gcd(stride, dilation) == 1 && kernel_size % stride == 0;
}

bool has_holes(int kernel_size, int stride, int dilation) {
  return std::gcd(stride, dilation) > 1 || kernel_size < stride;
}

Overlap overlap(int kernel_size, int stride, int dilation) {
  if (has_holes(kernel_size, stride, dilation)) return Overlap::holes;
  return even_overlap(kernel_size, stride, dilation) ? Overlap::even : Overlap::uneven;
}

std::vector<AxisGeometry> geometry(const Spec& spec) {
  std::vector<AxisGeometry> axes;
  for (int a = 0; a < spec.dims; ++a) {
    AxisGeometry g;
    g.input = spec.input_size[static_cast<size_t>(a)];
    g.kernel = spec.kernel_size[static_cast<size_t>(a)];
    g.params = spec.axes[static_cast<size_t>(a)];
    const AxisSizes sizes = axis_sizes(g.input, g.kernel, g.params);
    g.kernel_span = static_cast<int>(sizes.kernel_span);
    g.intermediate = static_cast<int>(sizes.intermediate);
    g.output = static_cast<int>(sizes.output);
    g.carve_start = g.params.padding;
    g.carve_end = g.params.padding - g.params.output_padding;
    // output_padding larger than padding reaches past the uncropped result: those cells
    // receive no product, but the buffer must hold them so the carve can keep them.
    g.buffer = g.intermediate + std::max(0, -g.carve_end);
    g.overlap = overlap(g.kernel, g.params.stride, g.params.dilation);
    axes.push_back(g);
  }
  return axes;
}

std::vector<int> buffer_shape(const Spec& spec) {
  std::vector<int> shape{spec.out_channels};
  for (const AxisGeometry& g : geometry(spec)) shape.push_back(g.buffer);
  return shape;
}

std::vector<int> output_shape(const Spec& spec) {
  std::vector<int> shape;
  if (!spec.single_channel) shape.push_back(spec.out_channels);
  for (const AxisGeometry& g : geometry(spec)) shape.push_back(g.output);
  return shape;
}

std::int64_t element_count(const std::vector<int>& shape) {
  std::int64_t count = 1;
  for (int size : shape) count *= size;
  return count;
}

std::int64_t kernel_area(const Spec& spec) { return element_count(spec.kernel_size); }
std::int64_t input_area(const Spec& spec) { return element_count(spec.input_size); }

}  // namespace tconv
