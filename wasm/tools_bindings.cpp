// The table of contents of the tools module (tconv-tools.wasm): names only, no logic. tconv.js
// loads it the first time a figure, a worked example in LaTeX or a practitioner's answer is asked
// for, so that the core module (every page and element loads it) stays small.

#include <emscripten/bind.h>

#include "practitioner.hpp"
#include "tools.hpp"

EMSCRIPTEN_BINDINGS(tconv_tools) {
  using namespace tconv::wasm;
  emscripten::function("figureSvg", &figure_svg_text);
  emscripten::function("explain", &explain_text);
  emscripten::function("displayNumber", &display_number);
  // The practitioner's one-shot calls: JSON text in, JSON text out.
  emscripten::function("shapeText", &shape_text);
  emscripten::function("solveText", &solve_text);
  emscripten::function("translateText", &translate_text);
  emscripten::function("codeText", &code_text);
}
