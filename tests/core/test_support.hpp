#pragma once
// Helpers shared by the core's tests: the seed examples and reading specs that must be valid.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tconv/tconv.hpp"

namespace tconv::test {

/// The seed post's 1D example: input [2, 3], kernel [1, 2, 3], stride 2.
inline constexpr std::string_view seed_1d = R"({"dims":1,"input":[2,3],"kernel":[1,2,3],"stride":2})";

/// The seed post's 2D example: a 2x2 input, a 3x3 edge kernel, stride 2, padding 1.
inline constexpr std::string_view seed_2d =
    R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1,1],[0,0,0],[-1,-1,-1]],"stride":2,"padding":1})";

/// parse_spec() that must succeed; throws (a test failure) with the message otherwise.
inline Spec parse_ok(std::string_view json) {
  Result<Spec> spec = parse_spec(json);
  if (!spec.ok()) throw std::runtime_error("parse_spec rejected " + std::string(json) + ": " + spec.error().message);
  return std::move(spec).value();
}

/// validate_spec() that must succeed.
inline Spec validate_ok(Spec spec) {
  Result<Spec> checked = validate_spec(std::move(spec));
  if (!checked.ok()) throw std::runtime_error("validate_spec rejected a spec: " + checked.error().message);
  return std::move(checked).value();
}

/// The error message of parse_spec(), or "<accepted>".
inline std::string parse_error(std::string_view json) {
  Result<Spec> spec = parse_spec(json);
  return spec.ok() ? "<accepted>" : spec.error().message;
}

/// The error message of validate_spec(), or "<accepted>".
inline std::string validate_error(Spec spec) {
  Result<Spec> checked = validate_spec(std::move(spec));
  return checked.ok() ? "<accepted>" : checked.error().message;
}

/// A single-channel spec with the given sizes, filled with ones: for limit tests.
inline Spec ones_spec(std::vector<int> input_size, std::vector<int> kernel_size, int in_channels = 1,
                      int out_channels = 1, int groups = 1) {
  Spec spec;
  spec.dims = static_cast<int>(input_size.size());
  spec.in_channels = in_channels;
  spec.out_channels = out_channels;
  spec.groups = groups;
  spec.input_size = std::move(input_size);
  spec.kernel_size = std::move(kernel_size);
  spec.axes.assign(static_cast<size_t>(spec.dims), AxisParams{});
  long inputs = in_channels;
  for (int size : spec.input_size) inputs *= size;
  long weights = static_cast<long>(in_channels) * (groups > 0 ? out_channels / groups : out_channels);
  for (int size : spec.kernel_size) weights *= size;
  spec.input.assign(static_cast<size_t>(inputs), 1.0);
  spec.weight.assign(static_cast<size_t>(weights), 1.0);
  return spec;
}

}  // namespace tconv::test
