// Differential tests of the exact decimal conversions (core/src/decimal.hpp) against glibc: its
// strtod is correctly rounded, and the reference formatter below is the snprintf loop that
// format_shortest replaces.

#include "decimal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace tconv::detail {
namespace {

// Release builds run the full counts (about 2 s); unoptimized sanitizer builds fewer.
#ifdef NDEBUG
constexpr int kIterations = 10;
#else
constexpr int kIterations = 4;
#endif

// Midpoints between adjacent doubles are exact in x86's 80-bit long double (64-bit significand),
// and glibc prints any long double exactly: an independent source of exact halfway decimals.
static_assert(std::numeric_limits<long double>::digits >= 64);

uint64_t bits_of(double value) { return std::bit_cast<uint64_t>(value); }

double random_finite(std::mt19937_64& rng) {
  for (;;) {
    const double value = std::bit_cast<double>(rng());
    if (std::isfinite(value)) return value;
  }
}

std::string print(const char* format, auto... args) {
  std::vector<char> text(2048);
  const int length = std::snprintf(text.data(), text.size(), format, args...);
  if (length >= static_cast<int>(text.size())) {
    text.resize(static_cast<size_t>(length) + 1);
    std::snprintf(text.data(), text.size(), format, args...);
  }
  return text.data();
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(const std::string& text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

// The words of a text separated by spaces.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> result;
  for (size_t start = 0, end = 0; start < text.size(); start = end + 1) {
    end = std::min(text.find(' ', start), text.size());
    if (end > start) result.push_back(text.substr(start, end - start));
  }
  return result;
}

// A decimal in printf's %.*e form, split: its significant digits and the exponent of the first.
struct Scientific {
  std::string digits;
  int exponent;
};

Scientific split(const std::string& text) {  // "d.ddde+XX"
  const size_t e = text.find('e');
  Scientific out{text.substr(0, 1) + (e > 2 ? text.substr(2, e - 2) : ""), std::atoi(text.c_str() + e + 1)};
  return out;
}

double value_of(const Scientific& s) {
  return std::strtod((s.digits.substr(0, 1) + "." + s.digits.substr(1) + "e" + std::to_string(s.exponent)).c_str(),
                     nullptr);
}

// One unit more (or less) in the last digit, keeping the digit count: 9.99e2 + 1 = 1.00e3.
Scientific step(Scientific s, int direction) {
  int d = static_cast<int>(s.digits.size()) - 1;
  const char wrap = direction > 0 ? '9' : '0';
  for (; d >= 0 && s.digits[static_cast<size_t>(d)] == wrap; --d)
    s.digits[static_cast<size_t>(d)] = direction > 0 ? '0' : '9';
  if (d >= 0) {
    s.digits[static_cast<size_t>(d)] = static_cast<char>(s.digits[static_cast<size_t>(d)] + direction);
  } else {
    s.digits.insert(0, 1, '1');  // a carry out of all nines
    s.digits.pop_back();
    ++s.exponent;
  }
  if (s.digits[0] == '0') {  // a borrow out of 1.00: one digit lower
    s.digits = s.digits.substr(1) + "9";
    --s.exponent;
  }
  return s;
}

// %.{precision}g's layout of these digits.
std::string g_layout(Scientific s, int precision, bool negative) {
  while (s.digits.size() > 1 && s.digits.back() == '0') s.digits.pop_back();
  std::string out = negative ? "-" : "";
  const int x = s.exponent;
  if (x < -4 || x >= precision) {
    out += s.digits.substr(0, 1) + (s.digits.size() > 1 ? "." + s.digits.substr(1) : "") + "e" + (x < 0 ? "-" : "+");
    const int magnitude = std::abs(x);
    out += (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
  } else if (x >= 0) {
    std::string whole = s.digits;
    if (static_cast<int>(whole.size()) < x + 1) whole.append(static_cast<size_t>(x + 1) - whole.size(), '0');
    out += whole.substr(0, static_cast<size_t>(x + 1));
    if (static_cast<int>(whole.size()) > x + 1) out += "." + whole.substr(static_cast<size_t>(x + 1));
  } else {
    out += "0." + std::string(static_cast<size_t>(-x - 1), '0') + s.digits;
  }
  return out;
}

// The definition format_shortest implements, from glibc's exact strtod and %.*e (round to nearest,
// ties to even): the fewest significant digits that read back as the value; of the two decimals of
// that length around the value, the nearest, and the other one when only it reads back. (The
// formatter it once was, the first of %.1g ... %.17g that reads back, misses the second case: 2^-24
// printed 17 digits where 16 read back.)
std::string reference_format(double value) {
  const bool negative = std::signbit(value);
  const double magnitude = std::fabs(value);
  for (int precision = 1; precision <= 17; ++precision) {
    const Scientific nearest = split(print("%.*e", precision - 1, magnitude));
    if (value_of(nearest) == magnitude) return g_layout(nearest, precision, negative);
    const Scientific other = step(nearest, value_of(nearest) < magnitude ? 1 : -1);
    if (value_of(other) == magnitude) return g_layout(other, precision, negative);
  }
  return "unreachable";
}

// Compares with strtod, bit for bit. Reports only the first few mismatches of a test.
class Checker {
 public:
  void parse(const std::string& literal) {
    ++checked_;
    if (!is_json_number(literal)) {
      fail("generated a literal outside the JSON grammar: " + literal);
      return;
    }
    const double want = std::strtod(literal.c_str(), nullptr);
    const double got = parse_decimal(literal);
    if (bits_of(got) != bits_of(want))
      fail("parse_decimal(\"" + (literal.size() > 300 ? literal.substr(0, 300) + "..." : literal) +
           "\") = " + print("%a", got) + ", strtod gives " + print("%a", want));
  }

  void format(double value) {
    ++checked_;
    const std::string want = reference_format(value);
    const std::string got = format_shortest(value);
    if (got != want) fail("format_shortest(" + print("%a", value) + ") = " + got + ", want " + want);
  }

  int checked() const { return checked_; }
  bool too_many_failures() const { return failures_ >= 20; }

 private:
  void fail(const std::string& message) {
    if (failures_++ < 20) ADD_FAILURE() << message;
  }
  int checked_ = 0;
  int failures_ = 0;
};

// ------------------------------------------------------------------------------------------------
// parse_decimal

TEST(DecimalParse, SpecialCases) {
  Checker check;
  // Zeros, huge exponents (clamped, never looped over), simple values.
  for (const std::string& literal :
       words("0 -0 0.0 -0.0 0e0 -0e-5 0e-99999999 -0e99999999 0.000000000000000000000000e400 "
             "1e99999999 -1e99999999 1e999999999 1e-999999999 1e99999999999999999999999999 "
             "1e-99999999999999999999999999 1e308 1e309 -1e309 1e-400 1e-325 "
             "1 -1 2 10 0.1 0.2 0.3 0.5 1.5 2.5 8.5 1e0 1E+2 1e+02 1234.5e-3 0.000001 1e-7 1e21 1e22 1e23 1e-22 1e-23 "
             "123456789 0.30000000000000004 123456789012345680000 123456789012345678901234567890 "
             // Around the fast path's limits: 2^53, 15 digits, 10^22.
             "9007199254740992 9007199254740993 9007199254740995 18014398509481985 12e30 123456789012345e22 "
             "123456789012345e23 1.0000000000000002 1.00000000000000011102230246251565404236316680908203125 "
             "1.00000000000000011102230246251565404236316680908203124 "
             "1.00000000000000011102230246251565404236316680908203126 "
             "100000000000000000000000000000000000000000000000000000000000000000000000000000000e-80 "
             // Subnormals: 2.4703282292062327e-324 is below half the smallest subnormal,
             // 2.4703282292062327208...775e-324 just below exactly half, ...776e-324 just above.
             "4.9406564584124654e-324 2.4703282292062327e-324 2.4703282292062328e-324 "
             "2.4703282292062327208828439643411068618252990130716238221279284125033775e-324 "
             "2.4703282292062327208828439643411068618252990130716238221279284125033776e-324 "
             "5e-324 3e-324 1e-324 7e-324 2.2250738585072011e-308 2.2250738585072012e-308 2.2250738585072014e-308 "
             "2.2250738585072009e-308 "
             // DBL_MAX, then the exact halfway point to the next power of two (ties to even: infinity)
             // and one below it.
             "1.7976931348623157e308 1.7976931348623158e308 1.7976931348623159e308 -1.7976931348623159e308 "
             "1.797693134862315807e308 1.797693134862315808e308 "
             "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
             "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
             "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
             "174497792 "
             "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
             "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
             "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
             "174497791"))
    check.parse(literal);
}

TEST(DecimalParse, PrintedDoubles) {
  // Random doubles as printf writes them, at every precision: exact, short, and longer than needed.
  std::mt19937_64 rng(1);
  Checker check;
  for (int i = 0; i < 4000 * kIterations && !check.too_many_failures(); ++i) {
    const double value = random_finite(rng);
    check.parse(print("%.17g", value));
    check.parse(print("%.*g", static_cast<int>(rng() % 20) + 1, value));
    check.parse(print("%.*e", static_cast<int>(rng() % 40), value));
    // Short decimals near value's magnitude, and doubles that came from short decimals (clamped:
    // rounding near DBL_MAX can overflow).
    const std::string short_text = print("%.*g", static_cast<int>(rng() % 6) + 1, value);
    const double simple = std::clamp(std::strtod(short_text.c_str(), nullptr), -DBL_MAX, DBL_MAX);
    check.parse(short_text);
    check.parse(print("%.17g", simple));
    check.parse(print("%.16g", std::nextafter(simple, 0.0)));
  }
  EXPECT_GE(check.checked(), 20000 * kIterations);
}

TEST(DecimalParse, RandomDigitStrings) {
  std::mt19937_64 rng(2);
  auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
  Checker check;
  for (int i = 0; i < 5000 * kIterations && !check.too_many_failures(); ++i) {
    for (int length : {static_cast<int>(rng() % 20) + 1, static_cast<int>(rng() % 40) + 1,
                       rng() % 50 == 0 ? 500 + static_cast<int>(rng() % 1000) : static_cast<int>(rng() % 25) + 1}) {
      std::string literal = rng() % 2 ? "-" : "";
      const int integer_digits = static_cast<int>(rng() % static_cast<uint64_t>(length + 1));
      if (integer_digits == 0) {
        literal += '0';
      } else {
        literal += static_cast<char>('1' + rng() % 9);
        for (int d = 1; d < integer_digits; ++d) literal += digit();
      }
      if (integer_digits < length) {
        literal += '.';
        // Sometimes many leading zeros in the fraction.
        if (rng() % 8 == 0) literal += std::string(rng() % 30, '0');
        for (int d = integer_digits; d < length; ++d) literal += digit();
      }
      if (rng() % 8 != 0) {
        literal += rng() % 2 ? 'e' : 'E';
        const int exponent = static_cast<int>(rng() % 801) - 400;
        const uint64_t style = rng() % 3;
        if (exponent < 0)
          literal += '-';
        else if (style == 0)
          literal += '+';
        if (style == 1) literal += '0';
        literal += std::to_string(std::abs(exponent));
      }
      check.parse(literal);
    }
  }
  EXPECT_GE(check.checked(), 15000 * kIterations);
}

// "d.ddd" and "e-308" of an exactly printed long double, the mantissa without trailing zeros.
struct Exact {
  std::string mantissa;
  std::string exponent;
};

Exact exact_decimal(long double value) {
  const std::string text = print("%.800Le", value);
  const size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  while (mantissa.back() == '0') mantissa.pop_back();
  if (mantissa.back() == '.') mantissa.pop_back();
  return {mantissa, text.substr(e)};
}

std::string with_more_digits(std::string mantissa, const std::string& digits) {
  if (mantissa.find('.') == std::string::npos) mantissa += '.';
  return mantissa + digits;
}

TEST(DecimalParse, HalfwayPoints) {
  // The exact midpoint between two adjacent doubles (ties to even), and decimals just above and
  // below it: one more digit, or a difference only after 1000 zeros (past the 800 kept digits).
  std::mt19937_64 rng(3);
  Checker check;
  auto check_around = [&](double low, double high) {
    const Exact mid = exact_decimal((static_cast<long double>(low) + static_cast<long double>(high)) / 2);
    check.parse(mid.mantissa + mid.exponent);
    check.parse(with_more_digits(mid.mantissa, "1") + mid.exponent);
    const bool far = rng() % 4 == 0;  // the 1000-digit variants are slow: a quarter of the time
    if (far) check.parse(with_more_digits(mid.mantissa, std::string(1000, '0') + "1") + mid.exponent);
    if (far) check.parse(with_more_digits(mid.mantissa, std::string(1000, '0')) + mid.exponent);
    // Just below: the last (nonzero) digit minus one, then nines.
    std::string below = mid.mantissa;
    --below.back();
    check.parse(with_more_digits(below, "999") + mid.exponent);
    if (far) check.parse(with_more_digits(below, std::string(1000, '9')) + mid.exponent);
    // Truncated: not halfway, but close.
    const size_t keep = std::min(mid.mantissa.size(), static_cast<size_t>(17 + rng() % 10));
    check.parse(mid.mantissa.substr(0, keep) + mid.exponent);
  };
  for (int i = 0; i < 500 * kIterations && !check.too_many_failures(); ++i) {
    const double value = std::abs(random_finite(rng));
    if (value != DBL_MAX) check_around(value, std::nextafter(value, INFINITY));
    // Subnormals, and powers of two (whose gap below is half the gap above).
    const double subnormal = std::bit_cast<double>(rng() % (uint64_t{1} << 52));
    check_around(subnormal, std::nextafter(subnormal, INFINITY));
    const double power = std::ldexp(1.0, static_cast<int>(rng() % 2098) - 1074);
    check_around(std::nextafter(power, 0.0), power);
  }
  for (const double value : {0.0, DBL_MIN, DBL_TRUE_MIN, 1.0, 2.0, 0.5, 9007199254740992.0}) {
    check_around(value, std::nextafter(value, INFINITY));
    if (value > 0) check_around(std::nextafter(value, 0.0), value);
  }
  // Halfway between DBL_MAX and the next double there would be: rounds to infinity.
  check.parse(
      "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207"
      "0963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644"
      "7573027006985557136695962284291481986083493647529271907416844436551070434271155969950809304288017790"
      "4174497792e308");
  EXPECT_GE(check.checked(), 6000 * kIterations);
}

// ------------------------------------------------------------------------------------------------
// format_shortest

TEST(DecimalFormat, SpecialCases) {
  Checker check;
  for (const std::string& literal :
       words("0 -0 1 -1 0.1 0.2 0.3 10 100 1e21 1e22 1e23 1e-7 1e-5 1e-4 0.001 123456789012345680000 1234567 5e-324 "
             "1e-323 9007199254740992 9007199254740993 0.5 1.5 2.5 999999 9999999999999999 99999999999999999 1e15 1e16 "
             "1e17 123.456 -2.75 3.14159 2.718281828459045 1.7976931348623157e308 2.2250738585072009e-308"))
    check.format(std::strtod(literal.c_str(), nullptr));
  for (const double value : {0.1 + 0.2, 1.0 / 3, 2.0 / 3, DBL_MIN, DBL_MAX, -DBL_MAX}) check.format(value);
  EXPECT_EQ(format_shortest(0.1), "0.1");
  EXPECT_EQ(format_shortest(-0.0), "-0");
  EXPECT_EQ(format_shortest(100), "1e+02");
  EXPECT_EQ(format_shortest(1e-7), "1e-07");
  EXPECT_EQ(format_shortest(5e-324), "5e-324");
  EXPECT_EQ(format_shortest(INFINITY), "inf");
  EXPECT_EQ(format_shortest(-INFINITY), "-inf");
  EXPECT_EQ(format_shortest(NAN), "nan");
}

TEST(DecimalFormat, RandomDoubles) {
  std::mt19937_64 rng(4);
  Checker check;
  for (int i = 0; i < 7000 * kIterations && !check.too_many_failures(); ++i) check.format(random_finite(rng));
  EXPECT_EQ(check.checked(), 7000 * kIterations);
}

TEST(DecimalFormat, PowersOfTwoWhoseNearestDigitsDoNotReadBack) {
  // 2^-24 = 5.9604644775390625e-08 exactly: 16 digits rounded to nearest (ties to even) give ...062,
  // which reads back as another double; ...063 reads back, and is as short.
  EXPECT_EQ(format_shortest(std::ldexp(1.0, -24)), "5.960464477539063e-08");
  EXPECT_EQ(format_shortest(std::ldexp(1.0, -509)), "5.966672584960166e-154");
  EXPECT_EQ(format_shortest(std::ldexp(1.0, 863)), "6.150157786156811e+259");
  int shorter_than_the_old_formatter = 0;
  Checker check;
  for (int e = -1074; e <= 1023; ++e) {
    const double power = std::ldexp(1.0, e);
    check.format(power);
    char old[32];
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(old, sizeof old, "%.*g", precision, power);
      if (std::strtod(old, nullptr) == power) break;
    }
    if (format_shortest(power).size() < std::string(old).size()) ++shorter_than_the_old_formatter;
  }
  EXPECT_EQ(shorter_than_the_old_formatter, 46);
}

TEST(DecimalFormat, TheFastPathAndTheExactSearchAgree) {
  // Grisu3 answers about 99.5% of doubles; the rest go to the exact search. Both must give the
  // reference's text, so random doubles of every magnitude check both (and tiny ones, once slow).
  std::mt19937_64 rng(11);
  Checker check;
  for (int i = 0; i < 2000 * kIterations && !check.too_many_failures(); ++i) {
    const double values[] = {random_finite(rng),
                             std::ldexp(static_cast<double>(rng() >> 11), -600 - static_cast<int>(rng() % 100))};
    for (const double value : values) {
      check.format(value);
      EXPECT_EQ(format_shortest_exact(value), format_shortest(value)) << print("%a", value);
    }
  }
}

TEST(DecimalFormat, ShortDecimalsAndIntegers) {
  // Doubles read from short decimals print short, which exercises every precision and both layouts.
  std::mt19937_64 rng(5);
  Checker check;
  for (int i = 0; i < 1500 * kIterations && !check.too_many_failures(); ++i) {
    const std::string literal =
        std::to_string(rng() % 1000000) + "e" + std::to_string(static_cast<int>(rng() % 61) - 30);
    const double value = std::strtod(literal.c_str(), nullptr);
    check.format(value);
    check.format(-std::nextafter(value, INFINITY));
    check.format(static_cast<double>(static_cast<int64_t>(rng()) >> (rng() % 64)));
    const double power = std::ldexp(1.0, static_cast<int>(rng() % 2098) - 1074);
    check.format(power);
    check.format(std::nextafter(power, 0.0));
  }
  for (int e = -324; e <= 308; ++e) {
    const double power = std::strtod(("1e" + std::to_string(e)).c_str(), nullptr);
    check.format(power);
    check.format(std::nextafter(power, 0.0));
    check.format(std::nextafter(power, INFINITY));
  }
}

}  // namespace
}  // namespace tconv::detail
