#pragma once
// The PyTorch fixture (tests/fixtures/golden.json) read whole, for tests that walk every case in one
// test: each case's name, spec (as a JSON value and as text), and PyTorch's shape or rejection.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "json_value.hpp"
#include "tconv/format.hpp"

namespace tconv::test {

using detail::JsonValue;

/// JSON text of a parsed value; numbers keep their literal text, so integers stay integers.
inline std::string write_json(const JsonValue& value) {
  using Kind = JsonValue::Kind;
  switch (value.kind) {
    case Kind::null: return "null";
    case Kind::boolean: return value.boolean ? "true" : "false";
    case Kind::number: return value.text;
    case Kind::string: return json_string(value.text);
    case Kind::array: {
      std::string out = "[";
      for (size_t i = 0; i < value.items.size(); ++i) out += (i ? "," : "") + write_json(value.items[i]);
      return out + "]";
    }
    case Kind::object: {
      std::string out = "{";
      for (size_t i = 0; i < value.members.size(); ++i)
        out += (i ? "," : "") + json_string(value.members[i].first) + ":" + write_json(value.members[i].second);
      return out + "}";
    }
  }
  return "null";
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

struct FixtureCase {
  std::string name;
  JsonValue spec;
  std::string spec_text;
  std::vector<int> shape;  // accepted: PyTorch's output shape
  std::string rejects;     // rejected: the rule
};

/// Every case of golden.json, in order.
inline const std::vector<FixtureCase>& fixture_cases() {
  static const std::vector<FixtureCase> cases = [] {
    Result<JsonValue> root =
        detail::parse_json(read_text_file(std::string(TCONV_FIXTURE_DIR) + "/golden.json"), 64, 100'000'000);
    if (!root.ok()) throw std::runtime_error("golden.json: " + root.error().message);
    std::vector<FixtureCase> out;
    for (const JsonValue& item : root.value().find("cases")->items) {
      FixtureCase c;
      c.name = item.find("name")->text;
      c.spec = *item.find("spec");
      c.spec_text = write_json(c.spec);
      if (const JsonValue* rejects = item.find("rejects")) c.rejects = rejects->text;
      if (const JsonValue* shape = item.find("shape"))
        for (const JsonValue& size : shape->items) c.shape.push_back(static_cast<int>(size.number));
      out.push_back(std::move(c));
    }
    return out;
  }();
  return cases;
}

/// Sizes of a nested array, outermost first.
inline std::vector<int> nested_shape(const JsonValue& value) {
  std::vector<int> shape;
  for (const JsonValue* level = &value; level->kind == JsonValue::Kind::array && !level->items.empty();
       level = &level->items[0])
    shape.push_back(static_cast<int>(level->items.size()));
  return shape;
}

}  // namespace tconv::test
