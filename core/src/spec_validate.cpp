// PyTorch's validity rules for conv_transpose1d/2d, and the size limits. Every message names
// the parameter and the numbers, so that the page can show it beside the offending field.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "tconv/geometry.hpp"
#include "tconv/spec.hpp"

namespace tconv {
namespace {

std::string str(std::int64_t value) { return std::to_string(value); }

// "stride" for one axis, "stride[1] (width)" for two: the name a user would look for.
std::string param_name(const Spec& spec, const char* name, size_t axis) {
  if (spec.dims == 1) return name;
  return std::string(name) + "[" + str(static_cast<std::int64_t>(axis)) + "] (" +
         std::string(axis_name(spec.dims, static_cast<int>(axis))) + ")";
}

std::optional<Error> check_params(const Spec& spec) {
  for (size_t a = 0; a < spec.axes.size(); ++a) {
    const AxisParams& p = spec.axes[a];
    const Limits& lim = limits();
    if (p.stride < 1) return Error{param_name(spec, "stride", a) + " must be at least 1, got " + str(p.stride)};
    if (p.stride > lim.max_stride)
      return Error{param_name(spec, "stride", a) + " = " + str(p.stride) + " is over the limit of " +
                   str(lim.max_stride)};
    if (p.dilation < 1) return Error{param_name(spec, "dilation", a) + " must be at least 1, got " + str(p.dilation)};
    if (p.dilation > lim.max_dilation)
      return Error{param_name(spec, "dilation", a) + " = " + str(p.dilation) + " is over the limit of " +
                   str(lim.max_dilation)};
    if (p.padding < 0) return Error{param_name(spec, "padding", a) + " must be at least 0, got " + str(p.padding)};
    if (p.padding > lim.max_padding)
      return Error{param_name(spec, "padding", a) + " = " + str(p.padding) + " is over the limit of " +
                   str(lim.max_padding)};
    if (p.output_padding < 0)
      return Error{param_name(spec, "output_padding", a) + " must be at least 0, got " + str(p.output_padding)};
    // PyTorch's rule: output_padding only picks among the input sizes that the direct
    // convolution maps to the same size, of which there are max(stride, dilation).
    if (p.output_padding >= p.stride && p.output_padding >= p.dilation)
      return Error{param_name(spec, "output_padding", a) + " = " + str(p.output_padding) +
                   " must be smaller than stride (" + str(p.stride) + ") or dilation (" + str(p.dilation) + ")"};
  }
  return std::nullopt;
}

std::optional<Error> check_channels(const Spec& spec) {
  const Limits& lim = limits();
  // The kernel form drops the channel axis from outputs, which is only meaningful for one channel.
  if (spec.single_channel && (spec.in_channels != 1 || spec.out_channels != 1 || spec.groups != 1))
    return Error{"the kernel form (single_channel) needs 1 input channel, 1 output channel and groups 1, got " +
                 str(spec.in_channels) + ", " + str(spec.out_channels) + " and " + str(spec.groups)};
  if (spec.groups < 1) return Error{"groups must be at least 1, got " + str(spec.groups)};
  if (spec.in_channels < 1) return Error{"input must have at least 1 channel, got " + str(spec.in_channels)};
  if (spec.in_channels % spec.groups != 0)
    return Error{"groups (" + str(spec.groups) + ") must divide the input channels (" + str(spec.in_channels) + ")"};
  if (spec.out_channels < 1 || spec.out_channels % spec.groups != 0)
    return Error{"groups (" + str(spec.groups) + ") must divide the output channels (" + str(spec.out_channels) + ")"};
  if (spec.in_channels > lim.max_channels)
    return Error{"input has " + str(spec.in_channels) + " channels, over the limit of " + str(lim.max_channels)};
  if (spec.out_channels > lim.max_channels)
    return Error{"output has " + str(spec.out_channels) + " channels, over the limit of " + str(lim.max_channels)};
  if (!spec.bias.empty() && spec.bias.size() != static_cast<size_t>(spec.out_channels))
    return Error{"bias has " + str(static_cast<std::int64_t>(spec.bias.size())) + " values but there are " +
                 str(spec.out_channels) + " output channels"};
  return std::nullopt;
}

std::optional<Error> check_sizes(const Spec& spec) {
  const Limits& lim = limits();
  if (spec.dims != 1 && spec.dims != 2) return Error{"dims must be 1 or 2, got " + str(spec.dims)};
  const size_t axes = static_cast<size_t>(spec.dims);
  if (spec.input_size.size() != axes || spec.kernel_size.size() != axes || spec.axes.size() != axes)
    return Error{"input, kernel and parameters must each have " + str(spec.dims) + " spatial axes"};
  for (size_t a = 0; a < axes; ++a) {
    const std::string axis(axis_name(spec.dims, static_cast<int>(a)));
    if (spec.input_size[a] < 1) return Error{"input " + axis + " must be at least 1, got " + str(spec.input_size[a])};
    if (spec.input_size[a] > lim.max_input_size)
      return Error{"input " + axis + " " + str(spec.input_size[a]) + " is over the limit of " +
                   str(lim.max_input_size)};
    if (spec.kernel_size[a] < 1)
      return Error{"kernel " + axis + " must be at least 1, got " + str(spec.kernel_size[a])};
    if (spec.kernel_size[a] > lim.max_kernel_size)
      return Error{"kernel " + axis + " " + str(spec.kernel_size[a]) + " is over the limit of " +
                   str(lim.max_kernel_size)};
  }
  return std::nullopt;
}

std::optional<Error> check_data(const Spec& spec) {
  const Limits& lim = limits();
  const std::int64_t inputs = spec.in_channels * input_area(spec);
  if (inputs > lim.max_input_elements)
    return Error{"input has " + str(inputs) + " values, over the limit of " + str(lim.max_input_elements)};
  const std::int64_t weights =
      static_cast<std::int64_t>(spec.in_channels) * (spec.out_channels / spec.groups) * kernel_area(spec);
  if (weights > lim.max_weight_elements)
    return Error{"weight has " + str(weights) + " values, over the limit of " + str(lim.max_weight_elements)};
  if (spec.input.size() != static_cast<size_t>(inputs))
    return Error{"input holds " + str(static_cast<std::int64_t>(spec.input.size())) + " values but its shape needs " +
                 str(inputs)};
  if (spec.weight.size() != static_cast<size_t>(weights))
    return Error{"weight holds " + str(static_cast<std::int64_t>(spec.weight.size())) + " values but its shape needs " +
                 str(weights)};
  // parse_spec names the offending element; these catch specs built in C++.
  for (const std::vector<double>* values : {&spec.input, &spec.weight, &spec.bias})
    for (double v : *values)
      if (!(std::fabs(v) <= lim.max_abs_value))
        return Error{"every input, weight and bias value must be finite and at most 1e+100 in magnitude"};
  return std::nullopt;
}

std::optional<Error> check_output(const Spec& spec) {
  const Limits& lim = limits();
  std::int64_t buffer = spec.out_channels;
  for (size_t a = 0; a < spec.axes.size(); ++a) {
    const AxisParams& p = spec.axes[a];
    const AxisSizes sizes = axis_sizes(spec.input_size[a], spec.kernel_size[a], p);
    if (sizes.output < 1)
      return Error{"output " + std::string(axis_name(spec.dims, static_cast<int>(a))) + " would be (" +
                   str(spec.input_size[a]) + " - 1) * " + str(p.stride) + " - 2 * " + str(p.padding) + " + " +
                   str(p.dilation) + " * (" + str(spec.kernel_size[a]) + " - 1) + " + str(p.output_padding) +
                   " + 1 = " + str(sizes.output) + "; it must be at least 1 (padding " + str(p.padding) +
                   " is too large)"};
    buffer *= sizes.intermediate + std::max(0, p.output_padding - p.padding);
  }
  if (buffer > lim.max_buffer_elements)
    return Error{"the intermediate output would have " + str(buffer) + " values, over the limit of " +
                 str(lim.max_buffer_elements)};
  const std::int64_t work = spec.in_channels * input_area(spec) * (spec.out_channels / spec.groups) * kernel_area(spec);
  if (work > lim.max_multiply_adds)
    return Error{"the spec needs " + str(work) + " multiply-adds, over the limit of " + str(lim.max_multiply_adds)};
  return std::nullopt;
}

}  // namespace

Result<Spec> validate_spec(Spec spec) {
  for (auto check : {check_sizes, check_params, check_channels, check_data, check_output})
    if (std::optional<Error> error = check(spec)) return *error;
  return spec;
}

}  // namespace tconv
