// Numbers as the page shows them (web/dom.js `fmt`), so that a figure holds exactly the page's
// strings: JavaScript's String(v) when it fits in 7 characters, else "≈" and
// String(Number(v.toPrecision(4))). Built on format_number()'s shortest round-trip digits.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "decimal.hpp"
#include "tconv/figure.hpp"
#include "tconv/format.hpp"

namespace tconv {
namespace {

// A positive decimal: 0.digits x 10^point (digits without leading or trailing zeros).
struct Decimal {
  std::string digits;
  int point = 0;
};

// The shortest round-trip digits of a finite, non-zero |value|, read from format_number's text
// ("1.5e-07", "1500", "0.001").
Decimal shortest_digits(double value) {
  const std::string text = format_number(std::fabs(value));
  std::string digits;
  int before_point = 0;
  bool seen_point = false;
  size_t i = 0;
  for (; i < text.size() && text[i] != 'e'; ++i) {
    if (text[i] == '.') {
      seen_point = true;
    } else {
      digits += text[i];
      if (!seen_point) ++before_point;
    }
  }
  // The exponent ("e-07", "e+21") read by hand: std::stoi and std::stod pull C's number parsing,
  // with its long double arithmetic, into the WebAssembly module.
  int exponent = 0;
  if (i < text.size()) {
    const bool negative = text[i + 1] == '-';
    for (size_t j = i + 2; j < text.size(); ++j) exponent = exponent * 10 + (text[j] - '0');
    if (negative) exponent = -exponent;
  }
  size_t lead = 0;
  while (lead + 1 < digits.size() && digits[lead] == '0') ++lead;
  Decimal d{digits.substr(lead), before_point + exponent - static_cast<int>(lead)};
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// Little-endian base-2^32 natural numbers, just enough to compare a double with a decimal exactly.
class Natural {
 public:
  explicit Natural(std::uint64_t v) {
    while (v) {
      limbs_.push_back(static_cast<std::uint32_t>(v));
      v >>= 32;
    }
  }
  void multiply(std::uint32_t factor) {
    std::uint64_t carry = 0;
    for (std::uint32_t& limb : limbs_) {
      const std::uint64_t product = std::uint64_t{limb} * factor + carry;
      limb = static_cast<std::uint32_t>(product);
      carry = product >> 32;
    }
    if (carry) limbs_.push_back(static_cast<std::uint32_t>(carry));
  }
  void multiply_pow2(int count) {
    for (; count >= 31; count -= 31) multiply(std::uint32_t{1} << 31);
    if (count > 0) multiply(std::uint32_t{1} << count);
  }
  void multiply_pow10(int count) {
    for (; count >= 9; count -= 9) multiply(1000000000u);
    for (; count > 0; --count) multiply(10);
  }
  friend int compare(const Natural& a, const Natural& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (size_t i = a.limbs_.size(); i-- > 0;)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

 private:
  std::vector<std::uint32_t> limbs_;
};

// The sign of |value| - 0.digits x 10^point, exactly.
int compare_exact(double value, const Decimal& decimal) {
  int binary_exponent = 0;
  const double fraction = std::frexp(std::fabs(value), &binary_exponent);
  // |value| = significand x 2^q exactly (53 bits cover every double, subnormals included).
  const auto significand = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  const int q = binary_exponent - 53;
  // decimal = whole x 10^f.
  std::uint64_t whole = 0;  // at most 17 digits
  for (const char c : decimal.digits) whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
  const int f = decimal.point - static_cast<int>(decimal.digits.size());
  Natural a(significand), b(whole);
  // Both sides times 2^-min(q, 0) x 10^-min(f, 0): only non-negative powers remain.
  a.multiply_pow2(q > 0 ? q : 0);
  a.multiply_pow10(f < 0 ? -f : 0);
  b.multiply_pow10(f > 0 ? f : 0);
  b.multiply_pow2(q < 0 ? -q : 0);
  return compare(a, b);
}

// |value| rounded to `precision` significant digits as Number.prototype.toPrecision does: the
// nearest such decimal to the exact value, a tie going to the larger one.
Decimal to_precision(double value, size_t precision) {
  Decimal d = shortest_digits(value);
  if (d.digits.size() <= precision) return d;
  // The shortest digits round like the exact value, except when they stop exactly at a tie
  // (digit `precision` is a 5 and the last one): a tie point that lay strictly between the value and
  // the shortest digits would itself read back and be shorter, so only that case needs the exact
  // comparison.
  const char next = d.digits[precision];
  bool up = next > '5' || (next == '5' && d.digits.size() > precision + 1);
  if (next == '5' && d.digits.size() == precision + 1) up = compare_exact(value, d) >= 0;
  Decimal rounded{d.digits.substr(0, precision), d.point};
  if (up) {
    size_t i = precision;
    while (i > 0 && rounded.digits[i - 1] == '9') rounded.digits[--i] = '0';
    if (i == 0) {
      rounded.digits.insert(rounded.digits.begin(), '1');
      rounded.digits.pop_back();
      ++rounded.point;
    } else {
      ++rounded.digits[i - 1];
    }
  }
  while (rounded.digits.size() > 1 && rounded.digits.back() == '0') rounded.digits.pop_back();
  return rounded;
}

}  // namespace

std::string js_number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";  // String(-0) is "0"
  const std::string sign = value < 0 ? "-" : "";
  const Decimal d = shortest_digits(value);
  const int k = static_cast<int>(d.digits.size());
  const int n = d.point;
  // Number::toString (ECMA-262, 6.1.6.1.20): plain notation for 1e-7 < |v| < 1e21.
  if (k <= n && n <= 21) return sign + d.digits + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21)
    return sign + d.digits.substr(0, static_cast<size_t>(n)) + "." + d.digits.substr(static_cast<size_t>(n));
  if (-6 < n && n <= 0) return sign + "0." + std::string(static_cast<size_t>(-n), '0') + d.digits;
  const int e = n - 1;
  const std::string mantissa = k == 1 ? d.digits : d.digits.substr(0, 1) + "." + d.digits.substr(1);
  return sign + mantissa + "e" + (e < 0 ? "-" : "+") + std::to_string(e < 0 ? -e : e);
}

std::string display_number(double value) {
  std::string exact = js_number_text(value);
  if (exact.size() <= 7 || !std::isfinite(value)) return exact;
  const Decimal rounded = to_precision(value, 4);
  const std::string literal =
      rounded.digits + "e" + std::to_string(rounded.point - static_cast<int>(rounded.digits.size()));
  const double back = detail::parse_decimal(literal);
  return "\xE2\x89\x88" + js_number_text(value < 0 ? -back : back);  // ≈
}

}  // namespace tconv
