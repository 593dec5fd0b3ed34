// Every error says, as data, which spec key and axis it is about and what that key accepts: the
// page points at the field from these, never from the sentence. And what an error echoes of the
// user's text is cut to a readable length and stays valid UTF-8.

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace tconv {
namespace {

struct FieldCase {
  const char* spec;
  const char* field;
  int axis;           // the spatial axis a rule is about (0 in 1D); -1 for a value given for every axis, or none
  const char* valid;  // error_json's "valid" member, or "" when there is none
};

void PrintTo(const FieldCase& c, std::ostream* out) { *out << c.spec; }

// The "valid" member of error_json, as text.
std::string valid_text(const Error& error) {
  const std::string json = error_json(error);
  const size_t at = json.find(",\"valid\":");
  return at == std::string::npos ? "" : json.substr(at + 9, json.size() - at - 10);
}

class ErrorFields : public testing::TestWithParam<FieldCase> {};

TEST_P(ErrorFields, NameTheKeyTheAxisAndTheValidRange) {
  const FieldCase& c = GetParam();
  const Result<Spec> spec = parse_spec(c.spec);
  ASSERT_FALSE(spec.ok()) << c.spec;
  EXPECT_EQ(spec.error().field, c.field) << spec.error().message;
  EXPECT_EQ(spec.error().axis, c.axis) << spec.error().message;
  EXPECT_EQ(valid_text(spec.error()), c.valid) << spec.error().message;
}

constexpr const char* one = R"("dims":1,"input":[1,2],"kernel":[1,1])";
constexpr const char* two = R"("dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1],[1,1]])";
std::string with(const char* base, const std::string& members) { return "{" + std::string(base) + "," + members + "}"; }

const std::string stride_zero = with(one, R"("stride":0)");
const std::string stride_width = with(two, R"("stride":[1,-2])");
const std::string stride_text = with(one, R"("stride":"abc")");
const std::string stride_width_text = with(two, R"("stride":[2,"x"])");
const std::string op_height = with(two, R"("stride":[3,2],"output_padding":[3,0])");
const std::string op_dilation = with(one, R"("stride":1,"dilation":3,"output_padding":3)");
const std::string pad_width = with(two, R"("padding":[0,3])");
const std::string pad_limit = with(one, R"("padding":2000)");
const std::string dilation_high = with(two, R"("dilation":[1,17])");
const std::string groups_bad = R"({"dims":1,"input":[[1],[2],[3],[4]],"weight":[[[1]],[[1]],[[1]],[[1]]],"groups":3})";
const std::string bias_count = with(one, R"("bias":[1,2])");
const std::string dims_three = R"({"dims":3,"input":[1],"kernel":[1]})";
const std::string magnitude = R"({"dims":1,"input":[1e400],"kernel":[1]})";
const std::string input_size = R"({"dims":1,"input":[)" + [] {
  std::string ones;
  for (int i = 0; i < 65; ++i) ones += i ? ",1" : "1";
  return ones;
}() + R"(],"kernel":[1]})";
const std::string unknown_key = with(one, R"("strides":2)");
const std::string ragged = R"({"dims":2,"input":[[1,2],[3]],"kernel":[[1]]})";

const FieldCase cases[] = {
    {stride_zero.c_str(), "stride", 0, R"({"min":1,"max":16})"},
    {stride_width.c_str(), "stride", 1, R"({"min":1,"max":16})"},
    {stride_text.c_str(), "stride", -1, R"({"min":1,"max":16})"},
    {stride_width_text.c_str(), "stride", 1, R"({"min":1,"max":16})"},
    {op_height.c_str(), "output_padding", 0, R"({"min":0,"max":2})"},
    {op_dilation.c_str(), "output_padding", 0, R"({"min":0,"max":2})"},
    {pad_width.c_str(), "padding", 1, R"({"min":0,"max":1})"},
    {pad_limit.c_str(), "padding", 0, R"({"min":0,"max":1024})"},
    {dilation_high.c_str(), "dilation", 1, R"({"min":1,"max":16})"},
    {groups_bad.c_str(), "groups", -1, "[1,2,4]"},
    {bias_count.c_str(), "bias", -1, R"({"min":1,"max":1})"},
    {dims_three.c_str(), "dims", -1, "[1,2]"},
    {magnitude.c_str(), "input", -1, R"({"min":-1e+100,"max":1e+100})"},
    {input_size.c_str(), "input", 0, R"({"min":1,"max":64})"},
    {unknown_key.c_str(), "", -1,
     R"(["dims","input","weight","kernel","bias","stride","padding","output_padding","dilation","groups",)"
     R"("input_size","kernel_size","in_channels","out_channels"])"},
    {ragged.c_str(), "input", -1, ""},
};
INSTANTIATE_TEST_SUITE_P(EveryKindOfError, ErrorFields, testing::ValuesIn(cases));

TEST(ErrorText, AHugeKeyIsCutToAReadableLength) {
  const std::string key(8 << 20, 'k');
  const Result<Spec> spec =
      parse_spec(R"({"dims":1,"input":[1],"kernel":[1],")" + key.substr(0, (8 << 20) - 64) + R"(":1})");
  ASSERT_FALSE(spec.ok());
  EXPECT_LT(spec.error().message.size(), 300u) << spec.error().message.substr(0, 300);
  EXPECT_NE(spec.error().message.find("kkkk\xE2\x80\xA6\""), std::string::npos) << spec.error().message.substr(0, 300);
}

TEST(ErrorText, AHugeStringOrNumberIsCutToo) {
  const std::string digits(100000, '7');
  EXPECT_EQ(test::parse_error(R"({"dims":1,"input":[1],"kernel":[1],"stride":1.)" + digits + "}"),
            "stride must be a whole number from 1 to 16, got 1." + digits.substr(0, 38) + "\xE2\x80\xA6");
  const std::string letters(100000, 'z');
  EXPECT_EQ(test::parse_error(R"({"dims":1,"input":[")" + letters + R"("],"kernel":[1]})"),
            "input[0] must be a number, got \"" + letters.substr(0, 40) + "\xE2\x80\xA6\"");
}

TEST(ErrorText, CutsNeverSplitACharacter) {
  std::string snowmen;
  for (int i = 0; i < 50; ++i) snowmen += "\xE2\x98\x83";
  EXPECT_EQ(excerpt(snowmen, 3), "\xE2\x98\x83\xE2\x98\x83\xE2\x98\x83\xE2\x80\xA6");
  EXPECT_EQ(excerpt("short"), "short");
}

TEST(ErrorText, AByteOrderMarkIsNamedAndTheErrorJsonStaysValidUtf8) {
  const Result<Spec> spec = parse_spec("\xEF\xBB\xBF{\"dims\":1}");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().message,
            "invalid JSON at character 1: unexpected byte order mark (U+FEFF): save the spec without it");
  const Result<Spec> stray = parse_spec("\xEF{\"dims\":1}");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().message, "invalid JSON at character 1: unexpected byte 0xEF (the text is not valid UTF-8)");
  const Result<Spec> accent = parse_spec("\xC3\xA9");
  EXPECT_EQ(accent.error().message, "invalid JSON at character 1: unexpected character '\xC3\xA9' (U+00E9)");
}

TEST(ErrorText, JsonStringReplacesInvalidBytes) {
  const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(json_string(std::string("a\xEF") + "b"), "\"a" + replacement + "b\"");
  EXPECT_EQ(json_string("\xC0\xAF"), "\"" + replacement + replacement + "\"");                    // an overlong '/'
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + replacement + replacement + replacement + "\"");  // a surrogate
  EXPECT_EQ(json_string("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
}

}  // namespace
}  // namespace tconv
