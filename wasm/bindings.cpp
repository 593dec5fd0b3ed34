// The table of contents of the WebAssembly module: names only, no logic.

#include <emscripten/bind.h>

#include "conversions.hpp"

EMSCRIPTEN_BINDINGS(tconv) {
  emscripten::function("compute", &tconv::wasm::compute);
  emscripten::function("trace", &tconv::wasm::trace);
  emscripten::function("traceStep", &tconv::wasm::trace_step);
  emscripten::function("intermediateAfter", &tconv::wasm::intermediate_after);
  emscripten::function("explain", &tconv::wasm::explain);
  emscripten::function("limits", &tconv::wasm::limits);
  emscripten::function("memoryUse", &tconv::wasm::memory_use);
}
