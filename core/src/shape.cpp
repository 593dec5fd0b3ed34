// tconv shape: the output shape from sizes alone. The rules are the compute spec's (validate_sizes
// under shape_limits), so a shape is given exactly when PyTorch would compute one.

#include "tconv/shape.hpp"

#include "tconv/format.hpp"
#include "tconv/geometry.hpp"

namespace tconv {

std::string shape_json(const Spec& spec) {
  std::string out = "{\"shape\":[";
  const std::vector<int> shape = output_shape(spec);
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "," : "") + std::to_string(shape[i]);
  return out + "]}";
}

std::string shape_text(std::string_view json) {
  const Result<Spec> spec = parse_shape_spec(json);
  return spec.ok() ? shape_json(spec.value()) : error_json(spec.error());
}

}  // namespace tconv
