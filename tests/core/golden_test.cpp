// PyTorch's results (tests/fixtures/golden.json, see generate_golden.py): every accepted case
// must give the same shape and values, and every case PyTorch rejects must be rejected with a
// message that names the rule it breaks.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "golden_fixture.hpp"

namespace tconv {
namespace {
using namespace golden;

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
