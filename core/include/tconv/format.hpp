#pragma once
/// @file Text for numbers and results: shortest round-trip numbers and the CLI's JSON.

#include <string>

#include "tconv/spec.hpp"

namespace tconv {

/// Shortest decimal text that reads back as exactly the same double ("2", "0.1", "-1e-07").
std::string format_number(double value);

/// `{"shape": [...], "output": [...]}`, output nested by shape.
std::string result_json(const Tensor& output);

/// `{"error": "..."}`.
std::string error_json(const std::string& message);

/// A JSON string literal, escaped.
std::string json_string(const std::string& text);

}  // namespace tconv
