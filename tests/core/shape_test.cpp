// Sizes without values (tconv shape): PyTorch's shapes for every fixture case given by sizes alone,
// the compute spec's rules and messages, sizes far past the drawing limits, and the CLI.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixture_support.hpp"
#include "spec_rules.hpp"
#include "tconv/tconv.hpp"
#include "test_support.hpp"

namespace tconv {
namespace {

using test::FixtureCase;
using test::JsonValue;

std::string ints(const std::vector<int>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out + "]";
}

// The fixture case's spec rewritten in the sizes form: every value replaced by the sizes it has.
std::string sizes_form(const FixtureCase& c) {
  const bool shorthand = c.spec.find("kernel") != nullptr;
  const std::vector<int> input = test::nested_shape(*c.spec.find("input"));
  const std::vector<int> weight = test::nested_shape(*c.spec.find(shorthand ? "kernel" : "weight"));
  std::string out = "{";
  for (const auto& [key, value] : c.spec.members) {
    std::string text;
    if (key == "input")
      text = "\"input_size\":" + ints(shorthand ? input : std::vector<int>(input.begin() + 1, input.end()));
    else if (key == "kernel")
      text = "\"kernel_size\":" + ints(weight);
    else if (key == "weight") {
      int groups = 1;
      if (const JsonValue* g = c.spec.find("groups")) groups = static_cast<int>(g->number);
      text = "\"kernel_size\":" + ints(std::vector<int>(weight.begin() + 2, weight.end())) +
             ",\"in_channels\":" + std::to_string(input[0]) + ",\"out_channels\":" + std::to_string(weight[1] * groups);
    } else
      text = json_string(key) + ":" + test::write_json(value);
    out += (out.size() > 1 ? "," : "") + text;
  }
  return out + "}";
}

TEST(ShapeFixture, SizesAloneGivePyTorchsShapeOrComputesRejection) {
  int accepted = 0, rejected = 0;
  for (const FixtureCase& c : test::fixture_cases()) {
    // A weight whose first size disagrees with the input's channels has no sizes form.
    if (c.rejects == "channels") continue;
    const std::string sizes = sizes_form(c);
    const Result<Spec> by_sizes = parse_shape_spec(sizes);
    const Result<Spec> by_values = parse_spec(c.spec_text);
    if (c.rejects.empty()) {
      ASSERT_TRUE(by_sizes.ok()) << c.name << ": " << sizes << "\n" << by_sizes.error().message;
      EXPECT_EQ(output_shape(by_sizes.value()), c.shape) << c.name << ": " << sizes;
      EXPECT_EQ(shape_text(sizes), "{\"shape\":" + ints(c.shape) + "}") << c.name;
      // The values form answers the same through shape.
      EXPECT_EQ(shape_text(c.spec_text), "{\"shape\":" + ints(c.shape) + "}") << c.name;
      ++accepted;
    } else {
      ASSERT_FALSE(by_sizes.ok()) << c.name << ": " << sizes;
      ASSERT_FALSE(by_values.ok()) << c.name;
      EXPECT_EQ(by_sizes.error().message, by_values.error().message) << c.name << ": " << sizes;
      EXPECT_EQ(by_sizes.error().axis, by_values.error().axis) << c.name;
      ++rejected;
    }
  }
  EXPECT_GT(accepted, 400);
  EXPECT_GT(rejected, 80);
}

TEST(Shape, GoesFarPastTheDrawingLimitsWithoutValues) {
  EXPECT_EQ(shape_text(R"({"dims":2,"input_size":[1048576,1048576],"kernel_size":4,"stride":2,"padding":1,)"
                       R"("in_channels":65536,"out_channels":65536})"),
            R"({"shape":[65536,2097152,2097152]})");
  EXPECT_EQ(shape_text(R"({"dims":1,"input_size":1048576,"kernel_size":1048576,"stride":1024,"dilation":1024})"),
            R"({"shape":[2147481601]})");
  // Padding up to its limit 2^30 is read (a fixed 1e9 bound refused 1000000001 "out of range: it must be
  // from 0 to 1073741824").
  EXPECT_EQ(shape_text(R"({"dims":1,"input_size":1048576,"kernel_size":1048576,"stride":1024,"dilation":1024,)"
                       R"("padding":1073740000})"),
            R"({"shape":[1601]})");
}

TEST(Shape, SizesOverTheShapeLimitsNameTheirKey) {
  const Result<Spec> big = parse_shape_spec(R"({"dims":2,"input_size":[4,1048577],"kernel_size":3})");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, "input width 1048577 is over the limit of 1048576");
  EXPECT_EQ(big.error().field, "input_size");
  EXPECT_EQ(big.error().axis, 1);
  const Result<Spec> channels =
      parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":3,"in_channels":65537,"out_channels":1})");
  ASSERT_FALSE(channels.ok());
  EXPECT_EQ(channels.error().field, "in_channels");
  const Result<Spec> zero = parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":0})");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().message, "kernel length must be from 1 to 1048576, got 0");
  EXPECT_EQ(zero.error().field, "kernel_size");
  const Result<Spec> stride = parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":3,"stride":1025})");
  ASSERT_FALSE(stride.ok());
  EXPECT_EQ(stride.error().message, "stride 1025 is over the limit of 1024");
}

TEST(Shape, ProductsPastSixtyFourBitsDoNotWrap) {
  // C_in x C_out x kernel area is 2^72 here: a wrapped count could pass or fail any limit.
  const Result<Spec> spec = parse_shape_spec(
      R"({"dims":2,"input_size":[1048576,1048576],"kernel_size":[1048576,1048576],"in_channels":65536,)"
      R"("out_channels":65536,"padding":[1048575,1048575]})");
  ASSERT_TRUE(spec.ok()) << spec.error().message;
  EXPECT_EQ(output_shape(spec.value()), (std::vector<int>{65536, 1, 1}));
}

TEST(Shape, ChannelsComeInPairsAndGroupsDivideThem) {
  const Result<Spec> one = parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":3,"in_channels":2})");
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().field, "out_channels");
  const Result<Spec> groups =
      parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":3,"in_channels":4,"out_channels":6,"groups":4})");
  ASSERT_FALSE(groups.ok());
  EXPECT_EQ(groups.error().message, "groups must divide the output channels (6): 1 or 2 here; got 4");
  EXPECT_EQ(shape_text(R"({"dims":1,"input_size":4,"kernel_size":3,"in_channels":4,"out_channels":6,"groups":2})"),
            R"({"shape":[6,6]})");
  const Result<Spec> bias =
      parse_shape_spec(R"({"dims":1,"input_size":4,"kernel_size":3,"in_channels":1,"out_channels":2,"bias":[1]})");
  ASSERT_FALSE(bias.ok());
  EXPECT_EQ(bias.error().field, "bias");
}

TEST(Shape, ValuesAndSizesDoNotMix) {
  const Result<Spec> both = parse_shape_spec(R"({"dims":1,"input":[1,2],"input_size":2,"kernel_size":3})");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().field, "input_size");
  // compute (and explain, and the binding) need the values.
  EXPECT_EQ(test::parse_error(R"({"dims":1,"input_size":2,"kernel_size":3})"),
            "input_size and kernel_size give sizes only: this needs the values (input, and weight or kernel); tconv "
            "shape answers sizes");
  EXPECT_FALSE(parse_spec_shapes(R"({"dims":1,"input_size":2,"kernel_size":3})", {}).ok());
}

TEST(Shape, ErrorsComeAsTheCliErrorJson) {
  EXPECT_EQ(shape_text(R"({"dims":1,"input_size":2,"kernel_size":3,"output_padding":1})"),
            R"({"error":"output_padding must be 0 here, smaller than the stride (1); got 1","field":"output_padding",)"
            R"("axis":0,"valid":{"min":0,"max":0}})");
}

}  // namespace
}  // namespace tconv
