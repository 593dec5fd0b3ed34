// The two ways a spec enters the module; conversions only, the rules are the core's.

#include "spec_input.hpp"

#include "tconv/format.hpp"

namespace tconv::wasm {

using emscripten::val;

SpecInput* SpecInput::from_text(const std::string& json) { return new SpecInput(parse_spec(json)); }

SpecInput* SpecInput::from_shapes(const std::string& scalars, const val& shapes) {
  ArrayShapes arrays;
  // shapes[key] = {sizes: [...], first: "1"}
  const auto shape = [&](const char* key, std::optional<ArrayShape>& out) {
    const val given = shapes[key];
    if (!given.isUndefined())
      out = ArrayShape{emscripten::convertJSArrayToNumberVector<int>(given["sizes"]), given["first"].as<std::string>()};
  };
  shape("input", arrays.input);
  shape("weight", arrays.weight);
  shape("kernel", arrays.kernel);
  shape("bias", arrays.bias);
  return new SpecInput(parse_spec_shapes(scalars, arrays));
}

std::string SpecInput::error() const { return spec_.ok() ? "" : error_json(spec_.error()); }

val SpecInput::values(const std::string& key) {
  if (!spec_.ok()) return val::null();
  Spec& spec = spec_.value();
  std::vector<double>& values = key == "input" ? spec.input : key == "bias" ? spec.bias : spec.weight;
  return val(emscripten::typed_memory_view(values.size(), values.data()));
}

std::string SpecInput::finish() {
  if (!spec_.ok()) return error();
  spec_ = check_values(std::move(spec_).value());
  return error();
}

}  // namespace tconv::wasm
