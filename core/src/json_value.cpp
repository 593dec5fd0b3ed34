#include "json_value.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "decimal.hpp"
#include "tconv/format.hpp"
#include "utf8.hpp"

namespace tconv::detail {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

std::string_view describe(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::null: return "null";
    case JsonValue::Kind::boolean: return "a boolean";
    case JsonValue::Kind::number: return "a number";
    case JsonValue::Kind::string: return "a string";
    case JsonValue::Kind::array: return "an array";
    case JsonValue::Kind::object: return "an object";
  }
  return "a value";
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr size_t max_object_keys = 32;

class Parser {
 public:
  Parser(std::string_view text, int max_depth, std::int64_t max_values)
      : text_(text), max_depth_(max_depth), max_values_(max_values) {}

  Result<JsonValue> parse_document() {
    JsonValue value;
    skip_space();
    if (!parse_value(value, 0)) return Error{error_};
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    if (!error_.empty()) return Error{error_};
    return value;
  }

 private:
  bool fail(const std::string& what) {
    if (error_.empty()) error_ = "invalid JSON at character " + std::to_string(pos_ + 1) + ": " + what;
    return false;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }
  bool consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool parse_value(JsonValue& out, int depth) {
    // Bounding the value count bounds the parser's memory whatever the text looks like.
    if (++value_count_ > max_values_) return fail("more than " + std::to_string(max_values_) + " values");
    // The root is level 1: max_depth_ levels in all.
    if (depth >= max_depth_) return fail("nesting deeper than " + std::to_string(max_depth_) + " levels");
    if (at_end()) return fail("expected a value, found the end of the text");
    const char c = peek();
    if (c == '{') return parse_object(out, depth);
    if (c == '[') return parse_array(out, depth);
    if (c == '"') {
      out.kind = JsonValue::Kind::string;
      return parse_string(out.text);
    }
    if (consume("true") || consume("false")) {
      out.kind = JsonValue::Kind::boolean;
      out.boolean = text_[pos_ - 1] == 'e' && text_[pos_ - 4] == 't';  // "true", not "false"
      return true;
    }
    if (consume("null")) return true;
    if (consume("NaN")) return non_finite(out, "NaN", std::numeric_limits<double>::quiet_NaN());
    if (consume("Infinity")) return non_finite(out, "Infinity", std::numeric_limits<double>::infinity());
    if (consume("-Infinity")) return non_finite(out, "-Infinity", -std::numeric_limits<double>::infinity());
    if (c == '-' || is_digit(c)) return parse_number(out);
    return fail(unexpected_character());
  }

  // "unexpected character 'x'", whole characters only: a stray byte of a multi-byte character (a
  // byte order mark, say) is named by its code point, an invalid byte by its value.
  std::string unexpected_character() const {
    const CodePoint point = decode_utf8(text_, pos_);
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string code;
    for (unsigned v = point.length ? point.code : static_cast<unsigned char>(text_[pos_]), digits = 0;
         v > 0 || digits < (point.length ? 4u : 2u); v >>= 4, ++digits)
      code.insert(code.begin(), hex[v & 0xFu]);
    if (point.length == 0) return "unexpected byte 0x" + code + " (the text is not valid UTF-8)";
    if (point.code == 0xFEFF) return "unexpected byte order mark (U+FEFF): save the spec without it";
    if (point.length == 1) return std::string("unexpected character '") + text_[pos_] + "'";
    return "unexpected character '" + std::string(text_.substr(pos_, point.length)) + "' (U+" + code + ")";
  }

  static bool non_finite(JsonValue& out, const char* literal, double value) {
    out.kind = JsonValue::Kind::number;
    out.number = value;
    out.text = literal;
    return true;
  }

  bool parse_number(JsonValue& out) {
    const size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++pos_;
    } else {
      return fail("expected a digit");
    }
    bool integer = true;
    if (peek() == '.') {
      integer = false;
      ++pos_;
      if (!is_digit(peek())) return fail("expected a digit after '.'");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) return fail("expected a digit in the exponent");
      while (is_digit(peek())) ++pos_;
    }
    out.kind = JsonValue::Kind::number;
    out.text = std::string(text_.substr(start, pos_ - start));
    out.is_integer_literal = integer;
    // Correctly rounded like strtod, without pulling strtod's long double arithmetic into the module.
    out.number = parse_decimal(out.text);
    return true;
  }

  bool parse_hex4(unsigned& code) {
    code = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const char c = peek();
      code <<= 4;
      if (is_digit(c))
        code |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        code |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        code |= static_cast<unsigned>(c - 'A' + 10);
      else
        return fail("bad \\u escape");
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (at_end()) return fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;  // report the control character's own position
        return fail("control character in a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = 0;
          if (!parse_hex4(code)) return false;
          // A surrogate pair encodes one code point; a lone surrogate becomes U+FFFD.
          if (code >= 0xD800 && code < 0xDC00 && consume("\\u")) {
            unsigned low = 0;
            if (!parse_hex4(low)) return false;
            code = (low >= 0xDC00 && low < 0xE000) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
          } else if (code >= 0xD800 && code < 0xE000) {
            code = 0xFFFD;
          }
          append_utf8(out, code);
          break;
        }
        default: --pos_; return fail("bad escape in a string");
      }
    }
  }

  bool parse_array(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::array;
    ++pos_;
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      out.items.emplace_back();
      if (!parse_value(out.items.back(), depth + 1)) return false;
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  bool parse_object(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::object;
    ++pos_;
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (peek() != '"') return fail("expected a key in double quotes");
      std::string key;
      if (!parse_string(key)) return false;
      // A spec has at most ten keys; bounding the count keeps the duplicate check linear.
      if (out.members.size() >= max_object_keys)
        return fail("an object with more than " + std::to_string(max_object_keys) + " keys");
      if (out.find(key) != nullptr) return fail("duplicate key " + quoted(key));
      skip_space();
      if (peek() != ':') return fail("expected ':' after a key");
      ++pos_;
      skip_space();
      JsonValue value;
      if (!parse_value(value, depth + 1)) return false;
      out.members.push_back({std::move(key), std::move(value)});
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}' in an object");
    }
  }

  std::string_view text_;
  int max_depth_;
  std::int64_t max_values_;
  std::int64_t value_count_ = 0;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text, int max_depth, std::int64_t max_values) {
  return Parser(text, max_depth, max_values).parse_document();
}

}  // namespace tconv::detail
