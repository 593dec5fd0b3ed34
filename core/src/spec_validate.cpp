// PyTorch's validity rules for conv_transpose1d/2d, and the size limits. Every error names the spec
// key, the axis and what the key accepts (as data and in the sentence), so that the page can show
// it beside the offending field.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "spec_rules.hpp"
#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/spec.hpp"
#include "text.hpp"

namespace tconv {
namespace {

using detail::range_words;
using detail::Text;

// a * b for non-negative counts, stuck at INT64_MAX instead of overflowing: the sizes form allows
// products (channels x area x kernel area) far past 64 bits, and every limit is at most INT64_MAX.
std::int64_t times(std::int64_t a, std::int64_t b) {
  if (a != 0 && b > INT64_MAX / a) return INT64_MAX;
  return a * b;
}

// The keys a message's field names: the values form's arrays, or the sizes form's keys.
struct Fields {
  const char* input;   // input sizes and input channels
  const char* kernel;  // kernel sizes
  const char* weight;  // output channels and weight counts
  const char* in_channels;
};
Fields fields(const Spec& spec) {
  if (spec.sizes_only) return {"input_size", "kernel_size", "out_channels", "in_channels"};
  return {"input", "kernel", "weight", "input"};
}

Error range_error(std::string message, std::string_view field, int axis, std::optional<double> min,
                  std::optional<double> max) {
  return Error{std::move(message), std::string(field), axis, Valid{min, max, {}}};
}

std::optional<Error> check_params(const Spec& spec, const Limits& lim) {
  for (size_t a = 0; a < spec.axes.size(); ++a) {
    const AxisParams& p = spec.axes[a];
    const int axis = static_cast<int>(a);
    for (const AxisParamKey& key : axis_param_keys) {
      const int value = p.*key.member;
      const int max = key.max_under(lim);
      if (key.key == "output_padding") continue;  // its range is PyTorch's rule, below
      if (value < key.min) {
        Text message;
        message << param_name(spec.dims, key.key, axis) << " must be ";
        range_words(message, key.min, max) << ", got " << value;
        return range_error(std::move(message), key.key, axis, key.min, max);
      }
      if (value > max)
        return range_error(
            Text() << param_name(spec.dims, key.key, axis) << ' ' << value << " is over the limit of " << max, key.key,
            axis, key.min, max);
    }
    // PyTorch's rule: output_padding only picks among the input sizes that the direct
    // convolution maps to the same size, of which there are max(stride, dilation).
    const int largest = std::max(p.stride, p.dilation) - 1;
    if (p.output_padding < 0 || p.output_padding > largest) {
      Text message;
      message << param_name(spec.dims, "output_padding", axis) << " must be ";
      range_words(message, 0, largest) << " here, smaller than the stride (" << p.stride << ')';
      if (p.dilation > 1) message << " or the dilation (" << p.dilation << ')';
      message << "; got " << p.output_padding;
      return range_error(std::move(message), "output_padding", axis, 0, largest);
    }
  }
  return std::nullopt;
}

// The group counts that divide `channels`, and `also` when given (a spec built in C++ fixes both
// channel counts; the JSON form derives C_out from groups, so only C_in constrains it there).
Valid divisors(int channels, int also = 0) {
  Valid valid;
  for (int g = 1; g <= channels; ++g)
    if (channels % g == 0 && (also == 0 || also % g == 0)) valid.values.push_back(Text() << g);
  return valid;
}

std::optional<Error> check_channels(const Spec& spec, const Limits& lim) {
  const Fields f = fields(spec);
  // The kernel form drops the channel axis from outputs, which is only meaningful for one channel.
  if (spec.single_channel && (spec.in_channels != 1 || spec.out_channels != 1 || spec.groups != 1))
    return Error{Text() << "the kernel form (single_channel) needs 1 input channel, 1 output channel and groups 1, got "
                        << spec.in_channels << ", " << spec.out_channels << " and " << spec.groups,
                 "kernel"};
  if (spec.groups < 1)
    return range_error(Text() << "groups must be at least 1, got " << spec.groups, "groups", -1, 1, std::nullopt);
  if (spec.in_channels < 1)
    return range_error(Text() << "input must have at least 1 channel, got " << spec.in_channels, f.in_channels, -1, 1,
                       lim.max_channels);
  if (spec.in_channels % spec.groups != 0 || spec.out_channels < 1 || spec.out_channels % spec.groups != 0) {
    const bool input_side = spec.in_channels % spec.groups != 0;
    Valid valid = input_side ? divisors(spec.in_channels) : divisors(spec.in_channels, spec.out_channels);
    Text message;
    message << "groups must divide the " << (input_side ? "input" : "output") << " channels ("
            << (input_side ? spec.in_channels : spec.out_channels) << "): ";
    for (size_t i = 0; i < valid.values.size(); ++i)
      message << (i == 0 ? "" : i + 1 == valid.values.size() ? " or " : ", ") << valid.values[i];
    message << " here; got " << spec.groups;
    return Error{std::move(message), "groups", -1, std::move(valid)};
  }
  if (spec.in_channels > lim.max_channels)
    return range_error(
        Text() << "input has " << spec.in_channels << " channels, over the limit of " << lim.max_channels,
        f.in_channels, -1, 1, lim.max_channels);
  if (spec.out_channels > lim.max_channels)
    return range_error(
        Text() << "output has " << spec.out_channels << " channels, over the limit of " << lim.max_channels, f.weight,
        -1, 1, lim.max_channels);
  if (!spec.bias.empty() && spec.bias.size() != static_cast<size_t>(spec.out_channels))
    return range_error(Text() << "bias has " << spec.bias.size() << (spec.bias.size() == 1 ? " value" : " values")
                              << (spec.out_channels == 1 ? " but there is " : " but there are ") << spec.out_channels
                              << (spec.out_channels == 1 ? " output channel" : " output channels") << ": give "
                              << spec.out_channels << (spec.out_channels == 1 ? " value" : " values"),
                       "bias", -1, spec.out_channels, spec.out_channels);
  return std::nullopt;
}

std::optional<Error> check_sizes(const Spec& spec, const Limits& lim) {
  const Fields f = fields(spec);
  if (spec.dims != 1 && spec.dims != 2)
    return Error{Text() << "dims must be 1 or 2, got " << spec.dims, "dims", -1, Valid{{}, {}, {"1", "2"}}};
  const size_t axes = static_cast<size_t>(spec.dims);
  if (spec.input_size.size() != axes || spec.kernel_size.size() != axes || spec.axes.size() != axes)
    return Error{Text() << "input, kernel and parameters must each have " << spec.dims << " spatial axes"};
  for (size_t a = 0; a < axes; ++a) {
    const int axis = static_cast<int>(a);
    struct Size {
      const char* field;
      int size, max;
    };
    for (const auto& [field, size, max] : {Size{f.input, spec.input_size[a], lim.max_input_size},
                                           Size{f.kernel, spec.kernel_size[a], lim.max_kernel_size}}) {
      if (size >= 1 && size <= max) continue;
      Text message;
      message << (field == f.input ? "input " : "kernel ") << axis_name(spec.dims, axis);
      if (size < 1) {
        message << " must be ";
        range_words(message, 1, max) << ", got " << size;
        return range_error(std::move(message), field, axis, 1, max);
      }
      return range_error(std::move(message) << ' ' << size << " is over the limit of " << max, field, axis, 1, max);
    }
  }
  return std::nullopt;
}

std::optional<Error> check_counts(const Spec& spec, const Limits& lim) {
  const std::int64_t inputs = times(spec.in_channels, input_area(spec));
  if (inputs > lim.max_input_elements)
    return range_error(Text() << "input has " << inputs << " values, over the limit of " << lim.max_input_elements,
                       "input", -1, 1, static_cast<double>(lim.max_input_elements));
  const std::int64_t weights = times(times(spec.in_channels, spec.out_channels / spec.groups), kernel_area(spec));
  if (weights > lim.max_weight_elements)
    return range_error(Text() << "weight has " << weights << " values, over the limit of " << lim.max_weight_elements,
                       "weight", -1, 1, static_cast<double>(lim.max_weight_elements));
  return std::nullopt;
}

std::optional<Error> check_data_matches_shape(const Spec& spec) {
  const std::int64_t inputs = spec.in_channels * input_area(spec);
  const std::int64_t weights =
      static_cast<std::int64_t>(spec.in_channels) * (spec.out_channels / spec.groups) * kernel_area(spec);
  if (spec.input.size() != static_cast<size_t>(inputs))
    return Error{Text() << "input holds " << spec.input.size() << " values but its shape needs " << inputs, "input"};
  if (spec.weight.size() != static_cast<size_t>(weights))
    return Error{Text() << "weight holds " << spec.weight.size() << " values but its shape needs " << weights,
                 "weight"};
  return std::nullopt;
}

// "input[0][1]": how the user wrote the element at flat index i of an array of this shape.
Text element_path(const char* name, const std::vector<int>& shape, std::int64_t i) {
  std::vector<std::int64_t> index(shape.size());
  for (size_t a = shape.size(); a-- > 0;) {
    index[a] = i % shape[a];
    i /= shape[a];
  }
  Text path;
  path << name;
  for (std::int64_t at : index) path << '[' << at << ']';
  return path;
}

std::optional<Error> check_magnitudes(const Spec& spec) {
  const double max = limits().max_abs_value;
  // The arrays as the user nests them: the kernel form has no channel axes.
  std::vector<int> input_shape = spec.input_size;
  std::vector<int> weight_shape = spec.kernel_size;
  if (!spec.single_channel) {
    input_shape.insert(input_shape.begin(), spec.in_channels);
    weight_shape.insert(weight_shape.begin(), {spec.in_channels, spec.out_channels / spec.groups});
  }
  struct Array {
    const char* name;
    const std::vector<double>* values;
    std::vector<int> shape;
  };
  for (const Array& array : {Array{"input", &spec.input, input_shape},
                             Array{spec.single_channel ? "kernel" : "weight", &spec.weight, weight_shape},
                             Array{"bias", &spec.bias, {static_cast<int>(spec.bias.size())}}})
    for (size_t i = 0; i < array.values->size(); ++i) {
      const double v = (*array.values)[i];
      if (std::fabs(v) <= max) continue;
      Text message = element_path(array.name, array.shape, static_cast<std::int64_t>(i));
      if (std::isfinite(v))
        message << " = " << format_number(v) << " is larger in magnitude than the limit " << format_number(max);
      else
        message << " must be finite, got " << (std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
      return range_error(std::move(message), array.name, -1, -max, max);
    }
  return std::nullopt;
}

std::optional<Error> check_output(const Spec& spec, const Limits& lim) {
  std::int64_t buffer = spec.out_channels;
  for (size_t a = 0; a < spec.axes.size(); ++a) {
    const AxisParams& p = spec.axes[a];
    const int axis = static_cast<int>(a);
    const AxisSizes sizes = axis_sizes(spec.input_size[a], spec.kernel_size[a], p);
    if (sizes.output < 1) {
      // output = intermediate - 2*padding + output_padding >= 1 bounds the padding.
      const std::int64_t largest = (sizes.intermediate + p.output_padding - 1) / 2;
      Text message;
      message << param_name(spec.dims, "padding", axis) << ' ' << p.padding << " is too large: the output "
              << axis_name(spec.dims, axis) << " would be (" << spec.input_size[a] << " - 1) * " << p.stride
              << " - 2 * " << p.padding << " + " << p.dilation << " * (" << spec.kernel_size[a] << " - 1) + "
              << p.output_padding << " + 1 = " << sizes.output << "; padding must be ";
      range_words(message, 0, largest) << " here";
      return range_error(std::move(message), "padding", axis, 0, static_cast<double>(largest));
    }
    buffer = times(buffer, sizes.intermediate + std::max(0, p.output_padding - p.padding));
  }
  if (buffer > lim.max_buffer_elements)
    return Error{Text() << "the intermediate output would have " << buffer << " values, over the limit of "
                        << lim.max_buffer_elements};
  const std::int64_t work =
      times(times(times(spec.in_channels, input_area(spec)), spec.out_channels / spec.groups), kernel_area(spec));
  if (work > lim.max_multiply_adds)
    return Error{Text() << "the spec needs " << work << " multiply-adds, over the limit of " << lim.max_multiply_adds};
  return std::nullopt;
}

}  // namespace

std::string param_name(int dims, std::string_view key, int axis) {
  if (dims == 1 || axis < 0) return std::string(key);
  return Text() << key << " (" << axis_name(dims, axis) << ')';
}

Result<Spec> detail::validate_sizes(Spec spec, const Limits& lim) {
  for (auto check : {check_sizes, check_params, check_channels, check_counts, check_output})
    if (std::optional<Error> error = check(spec, lim)) return *error;
  return spec;
}

Result<Spec> check_values(Spec spec) {
  if (std::optional<Error> error = check_magnitudes(spec)) return *error;
  return spec;
}

Result<Spec> validate_spec(Spec spec) {
  Result<Spec> sized = detail::validate_sizes(std::move(spec));
  if (!sized.ok()) return sized.error();
  if (std::optional<Error> error = check_data_matches_shape(sized.value())) return *error;
  return check_values(std::move(sized).value());
}

}  // namespace tconv
