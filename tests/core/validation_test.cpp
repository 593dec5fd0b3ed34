// Every message a user can get, word for word: JSON syntax, the spec's structure, PyTorch's
// rules, the size limits, and the range checks of the trace, matrix and explain.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tconv {
namespace {

using test::ones_spec;
using test::parse_error;
using test::parse_ok;
using test::validate_error;

// A 1D kernel-form spec with extra members, e.g. with(R"("stride":0)").
std::string with(const std::string& members) {
  return R"({"dims":1,"input":[1,2],"kernel":[1,1])" + (members.empty() ? "" : "," + members) + "}";
}
// The same in 2D.
std::string with_2d(const std::string& members) {
  return R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1],[1,1]])" + (members.empty() ? "" : "," + members) + "}";
}
// A 2D spec (a 1x1 image per channel) with a full-form weight; channels given as JSON text.
std::string full(const std::string& input, const std::string& weight, const std::string& members = "") {
  return R"({"dims":1,"input":)" + input + R"(,"weight":)" + weight + (members.empty() ? "" : "," + members) + "}";
}
// "[x,x,...]" with n copies of x.
std::string repeat(const std::string& x, int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + x;
  return out + "]";
}

// --- JSON syntax --------------------------------------------------------------------------

TEST(JsonSyntax, EmptyTextNamesTheEnd) {
  EXPECT_EQ(parse_error(""), "invalid JSON at character 1: expected a value, found the end of the text");
}

TEST(JsonSyntax, TruncatedObjectNamesTheMissingKey) {
  EXPECT_EQ(parse_error(R"({"dims":1,)"), "invalid JSON at character 11: expected a key in double quotes");
}

TEST(JsonSyntax, TruncatedArrayNamesTheMissingBracket) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1,2)"), "invalid JSON at character 23: expected ',' or ']' in an array");
}

TEST(JsonSyntax, TruncatedNumberNamesTheMissingDigit) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1.)"), "invalid JSON at character 22: expected a digit after '.'");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1e)"), "invalid JSON at character 22: expected a digit in the exponent");
  EXPECT_EQ(parse_error(R"({"dims":-)"), "invalid JSON at character 10: expected a digit");
}

TEST(JsonSyntax, UnterminatedStringIsNamed) {
  EXPECT_EQ(parse_error(R"({"dims)"), "invalid JSON at character 7: unterminated string");
}

TEST(JsonSyntax, TrailingTextIsRejected) {
  EXPECT_EQ(parse_error(with("") + " x"), "invalid JSON at character 41: unexpected text after the JSON value");
}

TEST(JsonSyntax, BadEscapeIsRejected) {
  EXPECT_EQ(parse_error(R"({"di\qms":1})"), "invalid JSON at character 6: bad escape in a string");
  EXPECT_EQ(parse_error(R"({"\u12G4":1})"), "invalid JSON at character 7: bad \\u escape");
}

TEST(JsonSyntax, ControlCharacterInStringIsRejected) {
  EXPECT_EQ(parse_error("{\"a\tb\":1}"), "invalid JSON at character 4: control character in a string");
}

TEST(JsonSyntax, DuplicateKeyIsRejected) {
  EXPECT_EQ(parse_error(R"({"dims":1,"dims":2})"), "invalid JSON at character 17: duplicate key \"dims\"");
}

TEST(JsonSyntax, MissingColonAndCommaAreNamed) {
  EXPECT_EQ(parse_error(R"({"dims" 1})"), "invalid JSON at character 9: expected ':' after a key");
  EXPECT_EQ(parse_error(R"({"dims":1 "input":[1]})"), "invalid JSON at character 11: expected ',' or '}' in an object");
}

TEST(JsonSyntax, UnexpectedCharacterIsQuoted) {
  EXPECT_EQ(parse_error(R"({"dims":'1'})"), "invalid JSON at character 9: unexpected character '''");
  EXPECT_EQ(parse_error(R"({"dims":01})"), "invalid JSON at character 10: expected ',' or '}' in an object");
}

TEST(JsonSyntax, EscapesInKeysAreDecoded) {
  // "\u0064ims" is "dims": the reader decodes escapes before looking keys up.
  EXPECT_EQ(parse_error(R"({"\u0064ims":1,"input":[1],"kernel":[1]})"), "<accepted>");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[1],"\ud83d\ude00":1})"),
            "unknown key \"\xF0\x9F\x98\x80\"; the keys are dims, input, weight, kernel, bias, stride, padding, "
            "output_padding, dilation, groups, input_size, kernel_size, in_channels, out_channels");
}

// --- structure of the spec ----------------------------------------------------------------

TEST(SpecStructure, SpecMustBeAnObject) {
  EXPECT_EQ(parse_error("[1]"), "the spec must be a JSON object, got an array");
  EXPECT_EQ(parse_error("2"), "the spec must be a JSON object, got 2");
  EXPECT_EQ(parse_error(R"("dims")"), "the spec must be a JSON object, got \"dims\"");
}

TEST(SpecStructure, UnknownKeyListsTheKnownKeys) {
  EXPECT_EQ(parse_error(with(R"("strides":2)")),
            "unknown key \"strides\"; the keys are dims, input, weight, kernel, bias, stride, padding, output_padding, "
            "dilation, groups, input_size, kernel_size, in_channels, out_channels");
}

TEST(SpecStructure, DimsIsRequired) {
  EXPECT_EQ(parse_error(R"({"input":[1],"kernel":[1]})"), "dims is required: 1 or 2");
}

TEST(SpecStructure, DimsMustBeOneOrTwo) {
  EXPECT_EQ(parse_error(R"({"dims":3,"input":[1],"kernel":[1]})"), "dims must be 1 or 2, got 3");
  EXPECT_EQ(parse_error(R"({"dims":0,"input":[1],"kernel":[1]})"), "dims must be 1 or 2, got 0");
  EXPECT_EQ(parse_error(R"({"dims":1.0,"input":[1],"kernel":[1]})"), "dims must be 1 or 2, got 1.0");
  EXPECT_EQ(parse_error(R"({"dims":"1","input":[1],"kernel":[1]})"), "dims must be 1 or 2, got \"1\"");
  EXPECT_EQ(parse_error(R"({"dims":null,"input":[1],"kernel":[1]})"), "dims must be 1 or 2, got null");
}

TEST(SpecStructure, KernelAndWeightAreExclusive) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[1],"weight":[[[1]]]})"),
            "give either kernel (one channel) or weight (several channels), not both");
}

TEST(SpecStructure, KernelOrWeightIsRequiredWithTheLayoutForTheDims) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1]})"), "weight [C_in][C_out/groups][k] or kernel [k] is required");
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1]]})"),
            "weight [C_in][C_out/groups][kH][kW] or kernel [kH][kW] is required");
}

TEST(SpecStructure, InputIsRequired) { EXPECT_EQ(parse_error(R"({"dims":1,"kernel":[1]})"), "input is required"); }

TEST(SpecStructure, InputThatIsNotAnArrayNamesTheLayout) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":5,"kernel":[1]})"),
            "input must be an array, got 5; input must be [L] (1 level of arrays)");
}

TEST(SpecStructure, TooShallowNestingNamesTheLayout) {
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[1,2],"kernel":[[1]]})"),
            "input[0] must be an array, got 1; input must be [H][W] (2 levels of arrays)");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[[1]],"weight":[[1,2]]})"),
            "weight[0][0] must be an array, got 1; weight must be [C_in][C_out/groups][k] (3 levels of arrays)");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"weight":[[[1]]]})"),
            "input[0] must be an array, got 1; input must be [C_in][L] (2 levels of arrays)");
}

TEST(SpecStructure, TooDeepNestingNamesTheLayout) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[[1,2]],"kernel":[1]})"),
            "input[0] must be a number, got an array; input must be [L] (1 level of arrays)");
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1]],"kernel":[[[1]]]})"),
            "kernel[0][0] must be a number, got an array; kernel must be [kH][kW] (2 levels of arrays)");
}

TEST(SpecStructure, RaggedArrayNamesTheRow) {
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1,2],[3]],"kernel":[[1]]})"),
            "input is ragged: input[1] has 1 element but the first array at this level has 2");
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1,2],3],"kernel":[[1]]})"),
            "input[1] must be an array, got 3; input must be [H][W] (2 levels of arrays)");
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1,2]],"kernel":[[1],[1,[2]]]})"),
            "kernel is ragged: kernel[1] has 2 elements but the first array at this level has 1");
}

TEST(SpecStructure, EmptyArrayNamesTheLayout) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[],"kernel":[1]})"),
            "input is empty; input must be [L] (1 level of arrays)");
  EXPECT_EQ(parse_error(R"({"dims":2,"input":[[1]],"kernel":[[]]})"),
            "kernel[0] is empty; kernel must be [kH][kW] (2 levels of arrays)");
  EXPECT_EQ(parse_error(with(R"("bias":[])")), "bias is empty; bias must be [C_out] (1 level of arrays)");
}

TEST(SpecStructure, NonNumberValueNamesWhatWasFound) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1,"2"],"kernel":[1]})"), "input[1] must be a number, got \"2\"");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1,true],"kernel":[1]})"), "input[1] must be a number, got a boolean");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1,null],"kernel":[1]})"), "input[1] must be a number, got null");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[{}]})"), "kernel[0] must be a number, got an object");
}

TEST(SpecStructure, NonFiniteValuesAreRejected) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1,NaN],"kernel":[1]})"), "input[1] must be finite, got NaN");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[Infinity]})"), "kernel[0] must be finite, got Infinity");
  EXPECT_EQ(parse_error(with(R"("bias":[-Infinity])")), "bias[0] must be finite, got -Infinity");
}

TEST(SpecStructure, MagnitudeOverTheLimitIsRejected) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[-1.5e100]})"),
            "kernel[0] = -1.5e100 is larger in magnitude than the limit 1e+100");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1e100,-1e100],"kernel":[1e100]})"), "<accepted>");
  // 1e400 is a finite literal over the limit (it reads as infinity): the limit is what to say.
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1e400],"kernel":[1]})"),
            "input[0] = 1e400 is larger in magnitude than the limit 1e+100");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[-1e999]})"),
            "kernel[0] = -1e999 is larger in magnitude than the limit 1e+100");
}

TEST(SpecStructure, NumberTooLargeWrittenAsTextNamesTheLimit) {
  // The page sends "1e400" as its text (JS would read Infinity): it is over the limit, not "not a number".
  EXPECT_EQ(parse_error(R"({"dims":1,"input":["1e400",2],"kernel":[1]})"),
            "input[0] = 1e400 is larger in magnitude than the limit 1e+100");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":["-2e300"]})"),
            "kernel[0] = -2e300 is larger in magnitude than the limit 1e+100");
  // Any other text stays "must be a number", a number in range too (it is still text, not a number).
  EXPECT_EQ(parse_error(R"({"dims":1,"input":["5"],"kernel":[1]})"), "input[0] must be a number, got \"5\"");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":["1e400x"],"kernel":[1]})"), "input[0] must be a number, got \"1e400x\"");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":["Infinity"],"kernel":[1]})"),
            "input[0] must be a number, got \"Infinity\"");
}

TEST(SpecStructure, BiasMustBeAnArray) {
  EXPECT_EQ(parse_error(with(R"("bias":1)")), "bias must be an array, got 1; bias must be [C_out] (1 level of arrays)");
}

// --- integer parameters ---------------------------------------------------------------------

TEST(IntegerParameters, NonIntegerStrideIsRejected) {
  EXPECT_EQ(parse_error(with(R"("stride":1.5)")), "stride must be a whole number from 1 to 16, got 1.5");
  EXPECT_EQ(parse_error(with(R"("stride":"2")")), "stride must be a whole number from 1 to 16, got \"2\"");
  EXPECT_EQ(parse_error(with(R"("stride":true)")), "stride must be a whole number from 1 to 16, got a boolean");
  EXPECT_EQ(parse_error(with(R"("stride":2e0)")), "stride must be a whole number from 1 to 16, got 2e0");
  EXPECT_EQ(parse_error(with_2d(R"("stride":[2,1.5])")), "stride (width) must be a whole number from 1 to 16, got 1.5");
}

TEST(IntegerParameters, PerAxisArrayOfWrongLengthIsRejected) {
  EXPECT_EQ(parse_error(with_2d(R"("padding":[1,2,3])")), "padding must have 1 or 2 values (height, width), got 3");
  EXPECT_EQ(parse_error(with(R"("dilation":[])")), "dilation must have 1 value, got 0");
  EXPECT_EQ(parse_error(with(R"("stride":[2])")), "<accepted>");
}

TEST(IntegerParameters, HugeIntegerIsOutOfRange) {
  EXPECT_EQ(parse_error(with(R"("stride":10000000000)")),
            "stride 10000000000 is out of range: it must be from 1 to 16");
  EXPECT_EQ(parse_error(with_2d(R"("stride":[1,-10000000000])")),
            "stride (width) -10000000000 is out of range: it must be from 1 to 16");
  EXPECT_EQ(parse_error(with(R"("groups":-10000000000)")),
            "groups -10000000000 is out of range: it must be from 1 to 64");
}

TEST(IntegerParameters, GroupsMustBeAnInteger) {
  EXPECT_EQ(parse_error(full("[[1]]", "[[[1]]]", R"("groups":"1")")),
            "groups must be a whole number from 1 to 64, got \"1\"");
}

// --- PyTorch's rules ------------------------------------------------------------------------

TEST(PyTorchRules, StrideMustBePositive) {
  EXPECT_EQ(parse_error(with(R"("stride":0)")), "stride must be from 1 to 16, got 0");
  EXPECT_EQ(parse_error(with_2d(R"("stride":[1,-2])")), "stride (width) must be from 1 to 16, got -2");
}

TEST(PyTorchRules, PaddingMustNotBeNegative) {
  EXPECT_EQ(parse_error(with(R"("padding":-1)")), "padding must be from 0 to 1024, got -1");
  EXPECT_EQ(parse_error(with_2d(R"("padding":[-1,0])")), "padding (height) must be from 0 to 1024, got -1");
}

TEST(PyTorchRules, OutputPaddingMustNotBeNegative) {
  EXPECT_EQ(parse_error(with(R"("output_padding":-1)")),
            "output_padding must be 0 here, smaller than the stride (1); got -1");
}

TEST(PyTorchRules, DilationMustBePositive) {
  EXPECT_EQ(parse_error(with(R"("dilation":0)")), "dilation must be from 1 to 16, got 0");
}

TEST(PyTorchRules, OutputPaddingMustBeSmallerThanStrideOrDilation) {
  EXPECT_EQ(parse_error(with(R"("stride":2,"output_padding":2)")),
            "output_padding must be 0 or 1 here, smaller than the stride (2); got 2");
  EXPECT_EQ(parse_error(with(R"("output_padding":1)")),
            "output_padding must be 0 here, smaller than the stride (1); got 1");
  EXPECT_EQ(parse_error(with(R"("stride":1,"dilation":3,"output_padding":2)")), "<accepted>");
}

TEST(PyTorchRules, OutputPaddingRuleNamesTheAxisIn2D) {
  EXPECT_EQ(parse_error(with_2d(R"("stride":2,"output_padding":[1,2])")),
            "output_padding (width) must be 0 or 1 here, smaller than the stride (2); got 2");
  EXPECT_EQ(parse_error(with_2d(R"("stride":[1,3],"dilation":[2,1],"output_padding":[2,2])")),
            "output_padding (height) must be 0 or 1 here, smaller than the stride (1) or the dilation (2); got 2");
}

TEST(PyTorchRules, OutputSmallerThanOneShowsTheFormula) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":[1,2],"padding":1})"),
            "padding 1 is too large: the output length would be (1 - 1) * 1 - 2 * 1 + 1 * (2 - 1) + 0 + 1 = 0; "
            "padding must be 0 here");
  EXPECT_EQ(parse_error(with_2d(R"("padding":[0,3])")),
            "padding (width) 3 is too large: the output width would be (2 - 1) * 1 - 2 * 3 + 1 * (2 - 1) + 0 + 1 = "
            "-3; padding must be 0 or 1 here");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[7],"kernel":[1,2,3],"padding":1})"), "<accepted>");
}

TEST(PyTorchRules, GroupsMustBePositive) {
  EXPECT_EQ(parse_error(full("[[1]]", "[[[1]]]", R"("groups":0)")), "groups must be at least 1, got 0");
  EXPECT_EQ(parse_error(full("[[1]]", "[[[1]]]", R"("groups":-2)")), "groups must be at least 1, got -2");
}

TEST(PyTorchRules, GroupsMustDivideTheInputChannels) {
  EXPECT_EQ(parse_error(full("[[1],[2],[3]]", "[[[1]],[[1]],[[1]]]", R"("groups":2)")),
            "groups must divide the input channels (3): 1 or 3 here; got 2");
  EXPECT_EQ(parse_error(full("[[1]]", "[[[1]]]", R"("groups":2)")),
            "groups must divide the input channels (1): 1 here; got 2");
}

TEST(PyTorchRules, GroupsMustDivideTheOutputChannelsOfASpecBuiltInCpp) {
  Spec spec = ones_spec({2}, {1}, 2, 3, 2);
  spec.weight.assign(3, 1.0);
  EXPECT_EQ(validate_error(spec), "groups must divide the output channels (3): 1 here; got 2");
}

TEST(PyTorchRules, GroupsMustBeOneWithTheKernelForm) {
  EXPECT_EQ(parse_error(with(R"("groups":2)")),
            "groups must be 1 with kernel (one channel), got 2; use weight for groups");
  EXPECT_EQ(parse_error(with(R"("groups":1)")), "<accepted>");
}

TEST(PyTorchRules, HugeGroupsIsRejectedWithoutOverflow) {
  // C_out = 3 x groups would overflow an int: the reader must not compute it.
  EXPECT_EQ(parse_error(full("[[1]]", "[[[1],[1],[1]]]", R"("groups":1000000000)")),
            "groups must divide the input channels (1): 1 here; got 1000000000");
}

TEST(PyTorchRules, WeightChannelsMustMatchInputChannels) {
  EXPECT_EQ(parse_error(full("[[1],[2]]", "[[[1]]]")),
            "weight has 1 input channel (its first size) but input has 2 channels");
}

TEST(PyTorchRules, BiasNeedsOneValuePerOutputChannel) {
  EXPECT_EQ(parse_error(with(R"("bias":[1,2])")), "bias has 2 values but there is 1 output channel: give 1 value");
  EXPECT_EQ(parse_error(full("[[1],[2]]", "[[[1]],[[1]]]", R"("groups":2,"bias":[1])")),
            "bias has 1 value but there are 2 output channels: give 2 values");
}

// --- size limits ----------------------------------------------------------------------------

TEST(SizeLimits, InputSizeOver64IsRejected) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":)" + repeat("1", 65) + R"(,"kernel":[1]})"),
            "input length 65 is over the limit of 64");
  EXPECT_EQ(parse_error(R"({"dims":1,"input":)" + repeat("1", 64) + R"(,"kernel":[1]})"), "<accepted>");
  EXPECT_EQ(validate_error(ones_spec({1, 65}, {1, 1})), "input width 65 is over the limit of 64");
}

TEST(SizeLimits, KernelSizeOver16IsRejected) {
  EXPECT_EQ(parse_error(R"({"dims":1,"input":[1],"kernel":)" + repeat("1", 17) + "}"),
            "kernel length 17 is over the limit of 16");
  EXPECT_EQ(validate_error(ones_spec({1, 1}, {17, 1})), "kernel height 17 is over the limit of 16");
}

TEST(SizeLimits, StrideOver16IsRejected) {
  EXPECT_EQ(parse_error(with(R"("stride":17)")), "stride 17 is over the limit of 16");
  EXPECT_EQ(parse_error(with(R"("stride":16)")), "<accepted>");
}

TEST(SizeLimits, DilationOver16IsRejected) {
  EXPECT_EQ(parse_error(with_2d(R"("dilation":[16,17])")), "dilation (width) 17 is over the limit of 16");
}

TEST(SizeLimits, PaddingOver1024IsRejected) {
  EXPECT_EQ(parse_error(with(R"("padding":1025)")), "padding 1025 is over the limit of 1024");
}

TEST(SizeLimits, ChannelsOver64AreRejected) {
  EXPECT_EQ(parse_error(full(repeat("[1]", 65), repeat("[[1]]", 65))), "input has 65 channels, over the limit of 64");
  EXPECT_EQ(parse_error(full("[[1]]", "[" + repeat("[1]", 65) + "]")), "output has 65 channels, over the limit of 64");
  EXPECT_EQ(parse_error(full(repeat("[1]", 64), repeat("[[1]]", 64))), "<accepted>");
}

TEST(SizeLimits, InputValuesOverTheLimitAreRejected) {
  EXPECT_EQ(validate_error(ones_spec({64, 64}, {1, 1}, 17, 17, 17)), "input has 69632 values, over the limit of 65536");
}

TEST(SizeLimits, WeightValuesOverTheLimitAreRejected) {
  EXPECT_EQ(validate_error(ones_spec({1, 1}, {4, 5}, 64, 64)), "weight has 81920 values, over the limit of 65536");
}

TEST(SizeLimits, IntermediateBufferOverTheLimitIsRejected) {
  Spec spec = ones_spec({64, 64}, {1, 1}, 1, 64);
  spec.axes = {{3, 0, 0, 1}, {3, 0, 0, 1}};
  EXPECT_EQ(validate_error(spec), "the intermediate output would have 2310400 values, over the limit of 1048576");
  spec.axes = {{2, 0, 0, 1}, {2, 0, 0, 1}};  // 64 x 127 x 127 = 1032256
  EXPECT_EQ(validate_error(spec), "<accepted>");
}

TEST(SizeLimits, BufferIncludesCellsThatOutputPaddingAddsPastTheEnd) {
  // 63 * 16 + 16 = 1024 cells per axis: 2^20 values, exactly the limit.
  Spec spec = ones_spec({64, 64}, {16, 16});
  spec.axes = {{16, 0, 0, 1}, {16, 0, 0, 1}};
  EXPECT_EQ(validate_error(spec), "<accepted>");
  // output_padding past padding 0 adds a row and a column that the buffer must hold.
  spec.axes = {{16, 0, 1, 1}, {16, 0, 1, 1}};
  EXPECT_EQ(validate_error(spec), "the intermediate output would have 1050625 values, over the limit of 1048576");
}

TEST(SizeLimits, MultiplyAddsOverTheLimitAreRejected) {
  EXPECT_EQ(validate_error(ones_spec({64, 64}, {2, 3}, 16, 64)),
            "the spec needs 25165824 multiply-adds, over the limit of 16777216");
  EXPECT_EQ(validate_error(ones_spec({64, 64}, {2, 2}, 16, 64)), "<accepted>");  // exactly 2^24
}

TEST(SizeLimits, JsonTextOverTheLimitIsRejected) {
  const std::string text((8L << 20) + 1, ' ');
  EXPECT_EQ(parse_error(text), "the spec is 8388609 bytes long, over the limit of 8388608");
}

TEST(SizeLimits, JsonNestingOverTheLimitIsRejected) {
  // The root is the first level.
  const std::string deep = std::string(17, '[') + std::string(17, ']');
  EXPECT_EQ(parse_error(deep), "invalid JSON at character 17: nesting deeper than 16 levels");
  const std::string deepest = std::string(16, '[') + std::string(16, ']');
  EXPECT_EQ(parse_error(deepest), "the spec must be a JSON object, got an array");
}

TEST(SizeLimits, JsonValueCountOverTheLimitIsRejected) {
  const std::string many = repeat("0", 200000);  // the array and its items: 200001 values
  EXPECT_EQ(parse_error(many), "invalid JSON at character 400000: more than 200000 values");
  EXPECT_EQ(parse_error(repeat("0", 199999)), "the spec must be a JSON object, got an array");
}

// --- specs built in C++ ---------------------------------------------------------------------

TEST(CppSpecs, DimsMustBeOneOrTwo) {
  Spec spec = ones_spec({1}, {1});
  spec.dims = 3;
  EXPECT_EQ(validate_error(spec), "dims must be 1 or 2, got 3");
}

TEST(CppSpecs, EveryPerAxisVectorNeedsOneEntryPerAxis) {
  Spec spec = ones_spec({1, 1}, {1, 1});
  spec.axes.resize(1);
  EXPECT_EQ(validate_error(spec), "input, kernel and parameters must each have 2 spatial axes");
}

TEST(CppSpecs, SizesMustBePositive) {
  Spec spec = ones_spec({1}, {1});
  spec.input_size = {0};
  EXPECT_EQ(validate_error(spec), "input length must be from 1 to 64, got 0");
  spec = ones_spec({1, 1}, {1, 1});
  spec.kernel_size = {1, -1};
  EXPECT_EQ(validate_error(spec), "kernel width must be from 1 to 16, got -1");
  spec = ones_spec({1}, {1});
  spec.in_channels = 0;
  EXPECT_EQ(validate_error(spec), "input must have at least 1 channel, got 0");
}

TEST(CppSpecs, DataMustMatchTheShape) {
  Spec spec = ones_spec({2}, {1});
  spec.input.push_back(1);
  EXPECT_EQ(validate_error(spec), "input holds 3 values but its shape needs 2");
  spec = ones_spec({2}, {3});
  spec.weight.pop_back();
  EXPECT_EQ(validate_error(spec), "weight holds 2 values but its shape needs 3");
}

TEST(CppSpecs, ValuesMustBeFiniteAndBounded) {
  Spec spec = ones_spec({2}, {1});
  spec.input[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(validate_error(spec), "input[0][1] must be finite, got NaN");
  spec = ones_spec({2}, {1});
  spec.weight[0] = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(validate_error(spec), "weight[0][0][0] must be finite, got -Infinity");
  spec = ones_spec({2}, {1});
  spec.bias = {2e100};
  EXPECT_EQ(validate_error(spec), "bias[0] = 2e+100 is larger in magnitude than the limit 1e+100");
}

TEST(CppSpecs, KernelFormNeedsOneChannelAndOneGroup) {
  Spec spec = ones_spec({2}, {1}, 2, 2);
  spec.single_channel = true;
  EXPECT_EQ(validate_error(spec),
            "the kernel form (single_channel) needs 1 input channel, 1 output channel and groups "
            "1, got 2, 2 and 1");
}

// --- range checks of the other entry points -------------------------------------------------

TEST(RangeChecks, TraceStepOutOfRange) {
  const Spec spec = parse_ok(test::seed_1d);
  EXPECT_EQ(trace_step(spec, 2).error().message, "step 2 is out of range 0 to 1");
  EXPECT_EQ(trace_step(spec, -1).error().message, "step -1 is out of range 0 to 1");
}

TEST(RangeChecks, IntermediateAfterOutOfRange) {
  const Spec spec = parse_ok(test::seed_1d);
  EXPECT_EQ(intermediate_after(spec, 3).error().message, "steps done 3 is out of range 0 to 2");
  EXPECT_EQ(intermediate_after(spec, -1).error().message, "steps done -1 is out of range 0 to 2");
}

TEST(RangeChecks, TransposedMatrixOverTheLimit) {
  Spec spec = ones_spec({8, 8}, {9, 9});
  spec.axes = {{9, 0, 0, 1}, {9, 0, 0, 1}};  // 72 x 72 output: 5184 rows, 64 columns
  EXPECT_EQ(transposed_matrix(test::validate_ok(spec)).error().message,
            "the matrix C^T would be 5184 x 64, over the limit of 262144 cells");
  spec = ones_spec({8, 8}, {8, 8});
  spec.axes = {{8, 0, 0, 1}, {8, 0, 0, 1}};  // 4096 x 64: exactly the limit
  EXPECT_TRUE(transposed_matrix(test::validate_ok(spec)).ok());
}

TEST(RangeChecks, GatherViewOverTheLimit) {
  // Large dilations pad far more than they grow the output: 2 x 977 x 977 padded cells.
  Spec spec = ones_spec({32, 32}, {16, 16}, 2, 1);
  spec.axes = {{16, 0, 0, 16}, {16, 0, 0, 16}};
  EXPECT_EQ(gather_view(test::validate_ok(spec)).error().message,
            "the gather view's padded input would have 1909058 cells, over the limit of 1048576");
  spec.in_channels = 1;
  spec.input.resize(32 * 32);
  spec.weight.resize(16 * 16);
  EXPECT_TRUE(gather_view(test::validate_ok(spec)).ok());  // 954,529 cells
}

TEST(RangeChecks, ExplainOverTheLimit) {
  Spec spec = ones_spec({16, 16}, {3, 3});
  spec.axes = {{2, 0, 0, 1}, {2, 0, 0, 1}};  // 256 steps of a 33 x 33 buffer
  EXPECT_EQ(explain(test::validate_ok(spec), ExplainFormat::text).error().message,
            "explain would print 283266 matrix cells, over the limit of 200000; use compute, or a smaller example");
  EXPECT_FALSE(explain(test::validate_ok(spec), ExplainFormat::latex).ok());
}

TEST(JsonSyntax, ObjectsWithManyKeysAreRefusedInLinearTime) {
  // 200,000 distinct keys once took 88 s: the duplicate check compared each key with all before it.
  std::string text = "{";
  for (int i = 0; i < 200000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  text += "}";
  EXPECT_EQ(parse_error(text), "invalid JSON at character 253: an object with more than 32 keys");
  std::string ok = "{";
  for (int i = 0; i < 32; ++i) ok += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  EXPECT_EQ(parse_error(ok + "}"),
            "unknown key \"k0\"; the keys are dims, input, weight, kernel, bias, stride, padding, "
            "output_padding, dilation, groups, input_size, kernel_size, in_channels, out_channels");
}

TEST(PerAxis, AListOfOneValueCountsForBothAxesLikePyTorch) {
  const Spec spec = parse_ok(R"({"dims":2,"input":[[1]],"kernel":[[1]],"stride":[2],"padding":[0],"dilation":[3]})");
  ASSERT_EQ(spec.axes.size(), 2u);
  for (const AxisParams& axis : spec.axes) {
    EXPECT_EQ(axis.stride, 2);
    EXPECT_EQ(axis.dilation, 3);
  }
}

TEST(Bias, NullMeansNoBiasLikePyTorchsNone) {
  EXPECT_TRUE(parse_ok(R"({"dims":1,"input":[2,3],"kernel":[1,2,3],"stride":2,"bias":null})").bias.empty());
}

}  // namespace
}  // namespace tconv
