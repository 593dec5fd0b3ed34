#pragma once
// A small strict JSON reader, just enough for specs. Strict so that typos are errors, small so
// that the WebAssembly module stays small. One extension: the bare tokens NaN, Infinity and
// -Infinity (as Python's json writes them) are read so that the spec reader can say
// "must be finite" instead of "invalid JSON".

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tconv/result.hpp"

namespace tconv::detail {

struct JsonMember;

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  bool is_integer_literal = false;  // no fraction, no exponent: may be read as an int
  std::string text;                 // string value, or the number's literal text
  std::vector<JsonValue> items;     // array items
  std::vector<JsonMember> members;  // object members, in order

  const JsonValue* find(std::string_view key) const;
};

// One member of an object. A struct rather than std::pair<std::string, JsonValue>: clang with
// libstdc++ rejects that pair inside JsonValue, where JsonValue is still incomplete.
struct JsonMember {
  std::string first;  // key
  JsonValue second;   // value
};

/// Name of a kind for messages: "a string", "an object", ...
std::string_view describe(JsonValue::Kind kind);

Result<JsonValue> parse_json(std::string_view text, int max_depth, std::int64_t max_values);

}  // namespace tconv::detail
