#pragma once
// The practitioner's one-shot calls (shape, solve, translate, code): JSON text in, JSON text out, the
// result or the error JSON, so that they cross the boundary once each way as text.

#include <string>

namespace tconv::wasm {

std::string shape_text(const std::string& json);
std::string solve_text(const std::string& json);
std::string translate_text(const std::string& json, const std::string& from, const std::string& to);
std::string code_text(const std::string& json, const std::string& framework);

}  // namespace tconv::wasm
