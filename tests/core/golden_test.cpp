// PyTorch's results (tests/fixtures/golden.json, see generate_golden.py): every accepted case
// must give the same shape and values, and every case PyTorch rejects must be rejected with a
// message that names the rule it breaks.

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

namespace tconv {
namespace {

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
std::string write_json(const JsonValue& value) {
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

void flatten(const JsonValue& value, std::vector<double>& out) {
  if (value.kind == Kind::number) {
    out.push_back(value.number);
    return;
  }
  for (const JsonValue& item : value.items) flatten(item, out);
}

std::vector<int> read_shape(const JsonValue& value) {
  std::vector<int> shape;
  for (const JsonValue& item : value.items) shape.push_back(static_cast<int>(item.number));
  return shape;
}

std::string read_fixture() {
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
void PrintTo(const CaseLine& c, std::ostream* out) { *out << c.name; }

std::vector<CaseLine> case_lines() {
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

std::vector<CaseLine> lines_where(bool rejected) {
  std::vector<CaseLine> out;
  for (const CaseLine& c : case_lines())
    if (c.rejected == rejected || c.json.empty()) out.push_back(c);
  return out;
}

GoldenCase read_case(const JsonValue& item) {
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

GoldenCase read_case(const CaseLine& line) {
  Result<JsonValue> item = detail::parse_json(line.json, 64, 10'000'000);
  if (!item.ok() || item.value().find("name") == nullptr || item.value().find("spec") == nullptr) {
    GoldenCase broken;
    broken.load_error = "cannot read case " + line.name + " of " + TCONV_FIXTURE_DIR + "/golden.json" +
                        (item.ok() ? "" : ": " + item.error().message);
    return broken;
  }
  return read_case(item.value());
}

std::string test_name(const testing::TestParamInfo<CaseLine>& info) {
  std::string name = info.param.name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return name;
}

bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-9 * std::max(1.0, std::fabs(expected));
}

class GoldenAccepted : public testing::TestWithParam<CaseLine> {};
class GoldenRejected : public testing::TestWithParam<CaseLine> {};

TEST_P(GoldenAccepted, MatchesPyTorchAlsoThroughResultJson) {
  const GoldenCase c = read_case(GetParam());
  ASSERT_EQ(c.load_error, "");
  Result<Spec> spec = parse_spec(c.spec);
  ASSERT_TRUE(spec.ok()) << c.spec << "\n" << spec.error().message;
  const Tensor out = compute(spec.value());
  ASSERT_EQ(out.shape, c.shape) << c.spec;
  ASSERT_EQ(out.values.size(), c.output.size());
  for (size_t i = 0; i < c.output.size(); ++i)
    EXPECT_TRUE(close(out.values[i], c.output[i]))
        << "value " << i << ": got " << format_number(out.values[i]) << ", PyTorch " << format_number(c.output[i]);

  // What the CLI prints reads back to the same shape and, being shortest round-trip text,
  // to exactly the same numbers.
  const std::string json = result_json(out);
  Result<JsonValue> parsed = detail::parse_json(json, 16, 1'000'000);
  ASSERT_TRUE(parsed.ok()) << json;
  const JsonValue* shape = parsed.value().find("shape");
  const JsonValue* output = parsed.value().find("output");
  ASSERT_NE(shape, nullptr);
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(read_shape(*shape), c.shape);
  std::vector<double> values;
  flatten(*output, values);
  EXPECT_EQ(values, out.values) << json;
}

TEST_P(GoldenRejected, IsRejectedNamingTheRule) {
  const GoldenCase c = read_case(GetParam());
  ASSERT_EQ(c.load_error, "");
  Result<Spec> spec = parse_spec(c.spec);
  ASSERT_FALSE(spec.ok()) << c.spec << "\nPyTorch: " << c.torch_error;
  const std::string& message = spec.error().message;
  const std::string keyword = c.rejects == "output_size"      ? "output "
                              : c.rejects == "output_padding" ? "output_padding"
                              : c.rejects == "groups"         ? "groups"
                              : c.rejects == "bias"           ? "bias"
                              : c.rejects == "channels"       ? "channels"
                                                              : "(unknown rejection " + c.rejects + ")";
  EXPECT_NE(message.find(keyword), std::string::npos)
      << "message: " << message << "\nexpected it to name: " << keyword << "\nPyTorch: " << c.torch_error;
  // The error names, as data, the key to fix: what the page marks.
  const std::string field = c.rejects == "output_size"      ? "padding"
                            : c.rejects == "output_padding" ? "output_padding"
                            : c.rejects == "groups"         ? "groups"
                            : c.rejects == "bias"           ? "bias"
                                                            : "weight";
  EXPECT_EQ(spec.error().field, field) << message;
  // In 2D the per-axis rules also name the axis.
  const bool per_axis_rule = c.rejects == "output_size" || c.rejects == "output_padding";
  if (per_axis_rule && c.spec.find("\"dims\":2") != std::string::npos) {
    EXPECT_TRUE(message.find("height") != std::string::npos || message.find("width") != std::string::npos) << message;
  }
}

TEST(GoldenFixture, LinesHoldExactlyTheCasesOfTheWholeFile) {
  Result<JsonValue> root = detail::parse_json(read_fixture(), 64, 100'000'000);
  ASSERT_TRUE(root.ok()) << root.error().message;
  const JsonValue* cases = root.value().find("cases");
  ASSERT_NE(cases, nullptr);
  const std::vector<CaseLine>& lines = case_lines();
  ASSERT_EQ(lines.size(), cases->items.size());
  int rejected = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const GoldenCase whole = read_case(cases->items[i]);
    const GoldenCase line = read_case(lines[i]);
    EXPECT_EQ(line.name, whole.name);
    EXPECT_EQ(line.spec, whole.spec);
    EXPECT_EQ(line.rejects, whole.rejects);
    EXPECT_EQ(lines[i].rejected, !whole.rejects.empty());
    EXPECT_EQ(line.output, whole.output);
    rejected += whole.rejects.empty() ? 0 : 1;
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(static_cast<int>(lines.size()) - rejected, 0);
}

TEST(GoldenFixture, SanitizedCaseNamesAreUnique) {
  std::vector<std::string> names;
  for (const CaseLine& c : case_lines()) names.push_back(test_name(testing::TestParamInfo<CaseLine>(c, 0)));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << "duplicate sanitized case names";
}

INSTANTIATE_TEST_SUITE_P(Fixture, GoldenAccepted, testing::ValuesIn(lines_where(false)), test_name);
INSTANTIATE_TEST_SUITE_P(Fixture, GoldenRejected, testing::ValuesIn(lines_where(true)), test_name);

}  // namespace
}  // namespace tconv
