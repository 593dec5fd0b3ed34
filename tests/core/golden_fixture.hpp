#pragma once
// The PyTorch fixture (tests/fixtures/golden.json, made by generate_golden.py), read case by case:
// shared by the tests that check the core against it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "json_value.hpp"
#include "tconv/tconv.hpp"

namespace tconv::golden {

using detail::JsonValue;
using Kind = JsonValue::Kind;

struct GoldenCase {
  std::string name;
  std::string spec;            // the spec, written back as JSON text
  std::vector<int> shape;      // accepted: PyTorch's output shape
  std::vector<double> output;  // accepted: PyTorch's output, flattened row-major
  std::string rejects;         // rejected: output_padding, output_size, groups, bias or channels
  std::string torch_error;     // rejected: PyTorch's message
  std::string load_error;      // set when the case could not be read
};

// JSON text of a parsed value; numbers keep their literal text, so integers stay integers.
inline std::string write_json(const JsonValue& value) {
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

inline void flatten(const JsonValue& value, std::vector<double>& out) {
  if (value.kind == Kind::number) {
    out.push_back(value.number);
    return;
  }
  for (const JsonValue& item : value.items) flatten(item, out);
}

inline std::vector<int> read_shape(const JsonValue& value) {
  std::vector<int> shape;
  for (const JsonValue& item : value.items) shape.push_back(static_cast<int>(item.number));
  return shape;
}

inline std::string read_fixture() {
  std::ifstream file(std::string(TCONV_FIXTURE_DIR) + "/golden.json", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// One case as stored: generate_golden.py writes one case per line, so each test parses only its
// own line (parsing the whole fixture in every test process is slow under the sanitizers).
// GoldenFixture.LinesHoldExactlyTheCasesOfTheWholeFile checks this reading against a full parse.
struct CaseLine {
  std::string name;
  std::string json;  // the case object
  bool rejected = false;
};

// Test listings show the case's name rather than the struct's bytes.
inline void PrintTo(const CaseLine& c, std::ostream* out) { *out << c.name; }

inline std::vector<CaseLine> case_lines() {
  static const std::vector<CaseLine> lines = [] {
    std::vector<CaseLine> out;
    std::istringstream text(read_fixture());
    constexpr std::string_view prefix = R"({"name":")";
    for (std::string line; std::getline(text, line);) {
      if (!line.starts_with(prefix)) continue;
      if (line.ends_with(",")) line.pop_back();
      CaseLine c;
      c.name = line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size());
      c.rejected = line.find(R"("rejects":)") != std::string::npos;
      c.json = std::move(line);
      out.push_back(std::move(c));
    }
    if (out.empty()) out.push_back({"fixture_unreadable", "", false});
    return out;
  }();
  return lines;
}

inline std::vector<CaseLine> lines_where(bool rejected) {
  std::vector<CaseLine> out;
  for (const CaseLine& c : case_lines())
    if (c.rejected == rejected || c.json.empty()) out.push_back(c);
  return out;
}

inline GoldenCase read_case(const JsonValue& item) {
  GoldenCase c;
  c.name = item.find("name")->text;
  c.spec = write_json(*item.find("spec"));
  if (const JsonValue* rejects = item.find("rejects")) {
    c.rejects = rejects->text;
    c.torch_error = item.find("error")->text;
  } else {
    c.shape = read_shape(*item.find("shape"));
    flatten(*item.find("output"), c.output);
  }
  return c;
}

inline GoldenCase read_case(const CaseLine& line) {
  Result<JsonValue> item = detail::parse_json(line.json, 64, 10'000'000);
  if (!item.ok() || item.value().find("name") == nullptr || item.value().find("spec") == nullptr) {
    GoldenCase broken;
    broken.load_error = "cannot read case " + line.name + " of " + TCONV_FIXTURE_DIR + "/golden.json" +
                        (item.ok() ? "" : ": " + item.error().message);
    return broken;
  }
  return read_case(item.value());
}

inline std::string test_name(const testing::TestParamInfo<CaseLine>& info) {
  std::string name = info.param.name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return name;
}

}  // namespace tconv::golden
