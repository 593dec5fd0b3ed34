#include "practitioner.hpp"

#include "tconv/code.hpp"
#include "tconv/shape.hpp"
#include "tconv/solve.hpp"
#include "tconv/translate.hpp"

namespace tconv::wasm {

std::string shape_text(const std::string& json) { return tconv::shape_text(json); }
std::string solve_text(const std::string& json) { return tconv::solve_text(json); }
std::string translate_text(const std::string& json, const std::string& from, const std::string& to) {
  return tconv::translate_text(json, from, to);
}
std::string code_text(const std::string& json, const std::string& framework) {
  return tconv::code_text(json, framework);
}

}  // namespace tconv::wasm
