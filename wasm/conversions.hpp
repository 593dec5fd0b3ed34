#pragma once
// Core results -> plain JS values. Every function takes the spec as JSON text (what the JS
// wrapper sends) and returns either the result or {error: message}; no Embind handle escapes.

#include <emscripten/val.h>

#include <string>

namespace tconv::wasm {

emscripten::val compute(const std::string& spec_json);
emscripten::val trace(const std::string& spec_json);
emscripten::val trace_step(const std::string& spec_json, int t);
emscripten::val intermediate_after(const std::string& spec_json, int steps_done);
emscripten::val explain(const std::string& spec_json, bool latex);
emscripten::val limits();
/// Bytes allocated on the wasm heap and the size of linear memory: how tests see leaks.
emscripten::val memory_use();

}  // namespace tconv::wasm
