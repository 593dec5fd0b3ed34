#include "tconv/format.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "decimal.hpp"
#include "utf8.hpp"

namespace tconv {

std::string format_number(double value) {
  // The shortest of %.1g ... %.17g that reads back exactly: "0.1", not "0.10000000000000001".
  // (detail::format_shortest: snprintf and strtod would pull printf and long double arithmetic
  // into the WebAssembly module.)
  const std::string text = detail::format_shortest(value);
  // %g writes an exponent once the integer part has more digits than the precision ("1e+01"
  // for 10, "1.5e+03" for 1500); below 1e21 write those integers out in full, as JavaScript does.
  const char* exponent = std::strchr(text.c_str(), 'e');
  if (exponent == nullptr || exponent[1] != '+' || !(std::fabs(value) < 1e21)) return text;
  std::string digits;
  for (const char* c = text.c_str(); c < exponent; ++c)
    if (*c >= '0' && *c <= '9') digits += *c;
  const auto zeros = static_cast<size_t>(std::atoi(exponent + 2) + 1) - digits.size();
  return (value < 0 ? "-" : "") + digits + std::string(zeros, '0');
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const size_t length = detail::decode_utf8(text, i).length;
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte: the text stays valid UTF-8, the spot visible
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          // \u00XX written by hand, not with snprintf (see format_number).
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string excerpt(std::string_view text, size_t max_chars) {
  size_t end = 0;
  for (size_t chars = 0; end < text.size() && chars < max_chars; ++chars) {
    const size_t length = detail::decode_utf8(text, end).length;
    end += length == 0 ? 1 : length;
  }
  if (end >= text.size()) return std::string(text);
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";  // …
}

std::string quoted(std::string_view text) { return json_string(excerpt(text)); }

namespace {

void append_nested(std::string& out, const Tensor& tensor, size_t axis, size_t& next) {
  out += '[';
  for (int i = 0; i < tensor.shape[axis]; ++i) {
    if (i > 0) out += ',';
    if (axis + 1 == tensor.shape.size())
      out += format_number(tensor.values[next++]);
    else
      append_nested(out, tensor, axis + 1, next);
  }
  out += ']';
}

}  // namespace

std::string result_json(const Tensor& output) {
  std::string out = "{\"shape\":[";
  for (size_t a = 0; a < output.shape.size(); ++a) out += (a ? "," : "") + std::to_string(output.shape[a]);
  out += "],\"output\":";
  size_t next = 0;
  append_nested(out, output, 0, next);
  return out + "}";
}

std::string error_json(const Error& error) {
  std::string out = "{\"error\":" + json_string(error.message);
  out += ",\"field\":" + (error.field.empty() ? std::string("null") : json_string(error.field));
  out += ",\"axis\":" + (error.axis < 0 ? std::string("null") : std::to_string(error.axis));
  const Valid& valid = error.valid;
  if (!valid.values.empty()) {
    out += ",\"valid\":[";
    for (size_t i = 0; i < valid.values.size(); ++i) out += (i ? "," : "") + valid.values[i];
    out += "]";
  } else if (valid.min || valid.max) {
    out += ",\"valid\":{\"min\":" + (valid.min ? format_number(*valid.min) : std::string("null")) +
           ",\"max\":" + (valid.max ? format_number(*valid.max) : std::string("null")) + "}";
  }
  return out + "}";
}

}  // namespace tconv
