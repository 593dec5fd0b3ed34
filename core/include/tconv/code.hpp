#pragma once
/// @file Code to copy: a program that builds the layer of a spec in a framework, with its weights,
/// runs its input and prints the output (`tconv code --framework F`).

#include <optional>
#include <string>
#include <string_view>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

/// The languages code() writes: Python for pytorch, keras, jax and onnx (onnx + onnxruntime), and an
/// ES module for tfjs (TensorFlow.js, runnable in Node).
enum class CodeTarget { pytorch, keras, jax, onnx, tfjs };

std::optional<CodeTarget> code_target_named(std::string_view name);

/// The program for a valid spec. It prints the output as JSON, nested like compute's (one channel
/// without its axis for the kernel form). Frameworks that cannot crop like PyTorch get a pad-and-slice
/// step after the layer; an error names what a framework cannot do at all (Keras: strides > 1 with
/// dilation > 1).
Result<std::string> code(const Spec& spec, CodeTarget target);

/// JSON text in, `{"code": "..."}` or error_json() out (the binding's one call); `framework` is a name above.
std::string code_text(std::string_view json, std::string_view framework);

}  // namespace tconv
