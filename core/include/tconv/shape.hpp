#pragma once
/// @file Sizes without values: the output shape of a spec given by its sizes (`tconv shape`).

#include <string>
#include <string_view>

#include "tconv/spec.hpp"

namespace tconv {

/// `{"shape": [C_out, ...spatial]}`, or `{"shape": [...spatial]}` for the single-channel form, of a spec
/// that parse_shape_spec() accepted.
std::string shape_json(const Spec& spec);

/// JSON text in, JSON text out: shape_json() of parse_shape_spec(json), or error_json() of its error.
/// The one call that the binding makes.
std::string shape_text(std::string_view json);

}  // namespace tconv
