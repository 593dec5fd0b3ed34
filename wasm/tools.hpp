#pragma once
// The tools module's calls (figures, the worked example in every format): a spec as JSON text in,
// the result or the error JSON out, so that each crosses the boundary once each way. The tools module
// is a second WebAssembly module that tconv.js loads only when one of these is first asked for.

#include <emscripten/val.h>

#include <string>

namespace tconv::wasm {

/// figure_svg() of a spec: {svg} or the error JSON. theme: "light" or "dark", the palette that
/// `palette` overrides: a JS object of CSS strings by FigurePalette field (bg, fg, muted, cell,
/// line, win, tap, cur, multi, cut, op, tapTint, cutTint, font, mono).
emscripten::val figure_svg_text(const std::string& spec_json, const std::string& view, const std::string& step,
                                const std::string& theme, emscripten::val palette);

/// explain() with its options: format "text", "latex" or "markdown" (the wrapper checks the name);
/// step: a state's number, explain_end, or every_step; result: the final equation only.
/// {text} or the error JSON.
inline constexpr int every_step = -2;
emscripten::val explain_text(const std::string& spec_json, const std::string& format, bool standalone, int step,
                             bool result);

/// display_number(): a number as the page and the figures write it.
std::string display_number(double value);

}  // namespace tconv::wasm
