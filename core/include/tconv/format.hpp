#pragma once
/// @file Text for numbers and results: shortest round-trip numbers and the CLI's JSON.

#include <string>
#include <string_view>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

/// Shortest decimal text that reads back as exactly the same double ("2", "0.1", "-1e-07").
std::string format_number(double value);

/// `{"shape": [...], "output": [...]}`, output nested by shape.
std::string result_json(const Tensor& output);

/// `{"error": "...", "field": "stride" | null, "axis": 1 | null, "valid": {"min", "max"} | [...]}`
/// (valid only when the error has one): what the CLI prints and the binding hands to JS.
std::string error_json(const Error& error);

/// A JSON string literal, escaped; always valid UTF-8 (an invalid byte becomes U+FFFD).
std::string json_string(std::string_view text);

/// Text echoed in a message, cut to a readable length at a character boundary ("abc…"), so that
/// an 8 MB key cannot make an 8 MB message.
std::string excerpt(std::string_view text, size_t max_chars = 40);

/// `"abc"`: excerpt() in double quotes, escaped.
std::string quoted(std::string_view text);

}  // namespace tconv
