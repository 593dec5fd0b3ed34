// parse_spec_shapes(): the binding's fast path gives arrays by shape and fills their values itself.
// It must accept and refuse exactly what parse_spec() does on the same spec, with the same messages
// and fields, and allocate nothing for a refused spec.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tconv {
namespace {

using Sizes = std::optional<std::vector<int>>;

// A spec as scalar text plus array shapes and values: what the binding's fast path receives.
struct SplitSpec {
  std::string scalars;  // the JSON object without the array keys
  struct {
    Sizes input, weight, kernel, bias;
  } sizes;
  std::vector<double> input, weight, bias;
};

// The shapes as the binding passes them: sizes, and the first value's text, as JS writes it.
ArrayShapes shapes_of(const SplitSpec& split) {
  const auto shape = [](const Sizes& sizes, const std::vector<double>& values) -> std::optional<ArrayShape> {
    if (!sizes) return std::nullopt;
    return ArrayShape{*sizes, values.empty() ? "" : format_number(values[0])};
  };
  return {shape(split.sizes.input, split.input), shape(split.sizes.weight, split.weight),
          shape(split.sizes.kernel, split.weight), shape(split.sizes.bias, split.bias)};
}

// What parse_spec_shapes() + filling + check_values() make of it.
Result<Spec> parse_split(const SplitSpec& split) {
  const ArrayShapes shapes = shapes_of(split);
  Result<Spec> shaped = parse_spec_shapes(split.scalars, shapes);
  if (!shaped.ok()) return shaped.error();
  Spec spec = std::move(shaped).value();
  EXPECT_EQ(spec.input.size(), split.input.size());
  EXPECT_EQ(spec.weight.size(), split.weight.size());
  spec.input = split.input;
  spec.weight = split.weight;
  if (split.sizes.bias) spec.bias = split.bias;
  return check_values(std::move(spec));
}

void expect_same(const Result<Spec>& text, const Result<Spec>& split, const std::string& what) {
  ASSERT_EQ(text.ok(), split.ok()) << what << ": " << (text.ok() ? split.error().message : text.error().message);
  if (!text.ok()) {
    EXPECT_EQ(error_json(split.error()), error_json(text.error())) << what;
    return;
  }
  EXPECT_EQ(compute(split.value()).values, compute(text.value()).values) << what;
  EXPECT_EQ(split.value().single_channel, text.value().single_channel) << what;
}

TEST(SpecShapes, TheSeedsAgreeWithTheTextPath) {
  SplitSpec one{R"({"dims":1,"stride":2})", {{{2}}, {}, {{3}}, {}}, {2, 3}, {1, 2, 3}, {}};
  expect_same(parse_spec(test::seed_1d), parse_split(one), "seed 1D");
  SplitSpec two{R"({"dims":2,"stride":2,"padding":1})",
                {{{2, 2}}, {}, {{3, 3}}, {}},
                {1, 2, 3, 4},
                {1, 1, 1, 0, 0, 0, -1, -1, -1},
                {}};
  expect_same(parse_spec(test::seed_2d), parse_split(two), "seed 2D");
}

TEST(SpecShapes, TheFullFormWithABiasAgrees) {
  const std::string text = R"({"dims":1,"input":[[1,2],[3,4]],"weight":[[[1,2]],[[3,4]]],"groups":2,"bias":[0.5,-1]})";
  SplitSpec split{
      R"({"dims":1,"groups":2})", {{{2, 2}}, {{2, 1, 2}}, {}, {{2}}}, {1, 2, 3, 4}, {1, 2, 3, 4}, {0.5, -1}};
  expect_same(parse_spec(text), parse_split(split), "groups 2 with a bias");
}

TEST(SpecShapes, EveryShapeErrorIsTheTextPathsError) {
  struct Case {
    std::string text;
    SplitSpec split;
  };
  const std::vector<Case> cases{
      // too shallow, too deep, empty, ragged shapes cannot happen; wrong channel counts
      {R"({"dims":2,"input":[1,2],"kernel":[[1]]})", {R"({"dims":2})", {{{2}}, {}, {{1, 1}}, {}}, {1, 2}, {1}, {}}},
      {R"({"dims":1,"input":[1],"weight":[[[1]]]})", {R"({"dims":1})", {{{1}}, {{1, 1, 1}}, {}, {}}, {1}, {1}, {}}},
      {R"({"dims":1,"input":[[1,2]],"kernel":[1]})", {R"({"dims":1})", {{{1, 2}}, {}, {{1}}, {}}, {1, 2}, {1}, {}}},
      {R"({"dims":2,"input":[[1]],"kernel":[[]]})", {R"({"dims":2})", {{{1, 1}}, {}, {{1, 0}}, {}}, {1}, {}, {}}},
      {R"({"dims":1,"input":[[1],[2]],"weight":[[[1]]]})",
       {R"({"dims":1})", {{{2, 1}}, {{1, 1, 1}}, {}, {}}, {1, 2}, {1}, {}}},
      // PyTorch's rules and the limits, which depend on sizes only
      {R"({"dims":1,"input":[1,2],"kernel":[1,1],"stride":2,"output_padding":2})",
       {R"({"dims":1,"stride":2,"output_padding":2})", {{{2}}, {}, {{2}}, {}}, {1, 2}, {1, 1}, {}}},
      {R"({"dims":1,"input":[1],"kernel":[1,2],"padding":1})",
       {R"({"dims":1,"padding":1})", {{{1}}, {}, {{2}}, {}}, {1}, {1, 2}, {}}},
      {R"({"dims":1,"input":[1,2],"kernel":[1],"bias":[1,2]})",
       {R"({"dims":1})", {{{2}}, {}, {{1}}, {{2}}}, {1, 2}, {1}, {1, 2}}},
      // values
      {R"({"dims":1,"input":[1,1e+200],"kernel":[1]})", {R"({"dims":1})", {{{2}}, {}, {{1}}, {}}, {1, 1e200}, {1}, {}}},
      {R"({"dims":2,"input":[[1]],"kernel":[[1,-2e+100]]})",
       {R"({"dims":2})", {{{1, 1}}, {}, {{1, 2}}, {}}, {1}, {1, -2e100}, {}}},
  };
  for (const Case& c : cases) expect_same(parse_spec(c.text), parse_split(c.split), c.text);
}

TEST(SpecShapes, HugeShapesAreRefusedWithoutAllocating) {
  // 2^30 x 2^30 values would be 8 EiB: refused from the shape alone.
  const ArrayShapes shapes{ArrayShape{{1 << 30, 1 << 30}, "1"}, {}, ArrayShape{{1, 1}, "1"}, {}};
  const Result<Spec> spec = parse_spec_shapes(R"({"dims":2})", shapes);
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().message, "input height 1073741824 is over the limit of 64");
  EXPECT_EQ(spec.error().field, "input");
  EXPECT_EQ(spec.error().axis, 0);
}

TEST(SpecShapes, AnArrayGivenTwiceIsAnError) {
  const Result<Spec> spec =
      parse_spec_shapes(R"({"dims":1,"input":[1],"kernel":[1]})", {ArrayShape{{1}, "1"}, {}, {}, {}});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().message, "input is given twice, as text and as data");
}

TEST(SpecShapes, NegativeZeroSurvives) {
  SplitSpec split{R"({"dims":1})", {{{1}}, {}, {{1}}, {}}, {-0.0}, {1}, {}};
  const Result<Spec> spec = parse_split(split);
  ASSERT_TRUE(spec.ok());
  EXPECT_TRUE(std::signbit(spec.value().input[0]));
  EXPECT_NE(explain(spec.value(), ExplainFormat::text).value().find("[ -0 ]"), std::string::npos);
}

}  // namespace
}  // namespace tconv
