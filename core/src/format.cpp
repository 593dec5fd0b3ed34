#include "tconv/format.hpp"

#include <cstdio>
#include <cstdlib>

namespace tconv {

std::string format_number(double value) {
  // The shortest of %.1g ... %.17g that reads back exactly: "0.1", not "0.10000000000000001".
  char text[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

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

std::string error_json(const std::string& message) { return "{\"error\":" + json_string(message) + "}"; }

}  // namespace tconv
