// Numbers as shortest round-trip text, JSON string escapes and the CLI's result and error JSON.

#include "tconv/format.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

namespace tconv {
namespace {

TEST(FormatNumber, IntegersHaveNoFraction) {
  EXPECT_EQ(format_number(2), "2");
  EXPECT_EQ(format_number(0), "0");
  EXPECT_EQ(format_number(-7), "-7");
  EXPECT_EQ(format_number(123456), "123456");
}

TEST(FormatNumber, IntegersBelow1e21HaveNoExponent) {
  EXPECT_EQ(format_number(10), "10");
  EXPECT_EQ(format_number(-20), "-20");
  EXPECT_EQ(format_number(1500), "1500");
  EXPECT_EQ(format_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_number(-9.5e20), "-950000000000000000000");
  EXPECT_EQ(format_number(123456789012345680.0), "123456789012345680");
  EXPECT_EQ(format_number(1e21), "1e+21");
  EXPECT_EQ(format_number(-1.5e21), "-1.5e+21");
}

TEST(FormatNumber, NegativeZeroKeepsItsSign) { EXPECT_EQ(format_number(-0.0), "-0"); }

TEST(FormatNumber, DecimalsAreShortest) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(-2.75), "-2.75");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
}

TEST(FormatNumber, ThirdRoundTripsWithSixteenDigits) {
  const double third = 1.0 / 3.0;
  EXPECT_EQ(format_number(third), "0.3333333333333333");
  EXPECT_EQ(std::strtod(format_number(third).c_str(), nullptr), third);
}

TEST(FormatNumber, LargeAndSmallUseExponents) {
  EXPECT_EQ(format_number(1e21), "1e+21");
  EXPECT_EQ(format_number(1e100), "1e+100");
  EXPECT_EQ(format_number(-1e-7), "-1e-07");
  EXPECT_EQ(format_number(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(format_number(std::numeric_limits<double>::denorm_min()), "5e-324");
}

// Number of significant digits in the text: leading and trailing zeros are not significant.
int significant_digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == 'e') break;
    if (c >= '0' && c <= '9' && !(digits.empty() && c == '0')) digits += c;
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return static_cast<int>(digits.size());
}

TEST(FormatNumber, RandomDoublesRoundTripWithNoSpareDigit) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20000; ++i) {
    const double value = std::bit_cast<double>(rng());
    if (!std::isfinite(value)) continue;
    const std::string text = format_number(value);
    ASSERT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
    const int digits = significant_digits(text);
    if (digits > 1) {
      char shorter[400];
      std::snprintf(shorter, sizeof shorter, "%.*g", digits - 1, value);
      EXPECT_NE(std::strtod(shorter, nullptr), value) << text << " is not the shortest: " << shorter;
    }
  }
}

TEST(JsonString, PlainTextIsQuoted) { EXPECT_EQ(json_string("stride"), "\"stride\""); }

TEST(JsonString, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(json_string("say \"hi\" \\ bye"), R"("say \"hi\" \\ bye")");
}

TEST(JsonString, WhitespaceControlsUseShortEscapes) { EXPECT_EQ(json_string("a\nb\rc\td"), R"("a\nb\rc\td")"); }

TEST(JsonString, OtherControlsUseUnicodeEscapes) {
  EXPECT_EQ(json_string(std::string("\x01\x1f\b\f", 4)), R"("\u0001\u001f\u0008\u000c")");
  EXPECT_EQ(json_string(std::string("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonString, SlashAndUtf8PassThrough) { EXPECT_EQ(json_string("a/b \xC3\xA9"), "\"a/b \xC3\xA9\""); }

TEST(ErrorJson, WrapsTheEscapedMessage) {
  EXPECT_EQ(error_json(Error{"unknown key \"x\""}), R"({"error":"unknown key \"x\"","field":null,"axis":null})");
  EXPECT_EQ(
      error_json(Error{"stride (width) must be from 1 to 16, got 0", "stride", 1, Valid{1, 16, {}}}),
      R"({"error":"stride (width) must be from 1 to 16, got 0","field":"stride","axis":1,"valid":{"min":1,"max":16}})");
  EXPECT_EQ(error_json(Error{"dims must be 1 or 2, got 3", "dims", -1, Valid{{}, {}, {"1", "2"}}}),
            R"({"error":"dims must be 1 or 2, got 3","field":"dims","axis":null,"valid":[1,2]})");
}

TEST(ResultJson, OneDimensionalOutputIsAFlatArray) {
  EXPECT_EQ(result_json(Tensor{{5}, {2, 4, 9, 6, 9}}), R"({"shape":[5],"output":[2,4,9,6,9]})");
}

TEST(ResultJson, OutputIsNestedByShape) {
  EXPECT_EQ(result_json(Tensor{{3, 3}, {0, 0, 0, 2, 4, 2, 0, 0, 0}}),
            R"({"shape":[3,3],"output":[[0,0,0],[2,4,2],[0,0,0]]})");
  EXPECT_EQ(result_json(Tensor{{2, 1, 2}, {0.1, -0.0, 1e21, 0.5}}),
            R"({"shape":[2,1,2],"output":[[[0.1,-0]],[[1e+21,0.5]]]})");
}

}  // namespace
}  // namespace tconv
