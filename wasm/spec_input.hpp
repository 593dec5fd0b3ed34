#pragma once
// A spec arriving from JS, in one of two forms (see docs/boundary.md): JSON text, or the scalar keys
// as JSON text plus the shapes of the arrays, whose values JS then writes straight into the vectors
// the core allocated for them. Either way the core checks everything that depends on sizes before
// it holds any value, and the same messages come back.

#include <emscripten/val.h>

#include <string>

#include "tconv/spec.hpp"

namespace tconv::wasm {

class SpecInput {
 public:
  /// The text form: the whole spec as JSON (its length already checked by the wrapper).
  static SpecInput* from_text(const std::string& json);
  /// The data form: JSON of the other keys, and {input: [sizes...], weight: ..., kernel: ..., bias: ...}.
  static SpecInput* from_shapes(const std::string& scalars, const emscripten::val& shapes);

  /// "" while the spec is valid so far, else the error as JSON (error_json).
  [[nodiscard]] std::string error() const;
  /// A Float64Array view of the values of "input", "weight" (also the kernel) or "bias", to fill at
  /// once (a view of wasm memory: any later allocation may move it).
  [[nodiscard]] emscripten::val values(const std::string& key);
  /// The value checks, once JS has written the values: "" or the error as JSON.
  std::string finish();

  /// The checked spec; only when error() is "".
  [[nodiscard]] const Spec& spec() const { return spec_.value(); }
  [[nodiscard]] Spec take() { return std::move(spec_).value(); }

 private:
  explicit SpecInput(Result<Spec> spec) : spec_(std::move(spec)) {}
  Result<Spec> spec_;
};

}  // namespace tconv::wasm
