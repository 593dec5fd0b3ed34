#include "decimal.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <limits>

// Both conversions reduce to exact comparisons of integers: a decimal number D * 10^e and a binary
// one H * 2^j are compared as D * 5^e * 2^(e-s) against H * 2^(j-s) (5^-e moved to the other side
// when e < 0), with s = min(e, j) so that no side needs a negative power. The integers are at most
// about 10^805, so a fixed-size big integer with multiply-by-small, multiply and compare is enough.

namespace tconv::detail {
namespace {

// Unsigned big integer in base 10^9, least significant limb first. Base 10^9 rather than 2^32 makes
// decimal digits <-> limbs a regrouping, and everything else only multiplies and compares.
class BigInt {
 public:
  BigInt() = default;

  explicit BigInt(uint64_t value) {
    for (; value != 0; value /= kBase) push(static_cast<uint32_t>(value % kBase));
  }

  // From decimal digits '0'..'9', most significant first; leading zeros allowed.
  static BigInt from_digits(const char* digits, int count) {
    BigInt result;
    for (int end = count; end > 0; end -= 9) {
      uint32_t limb = 0;
      for (int i = std::max(end - 9, 0); i < end; ++i) limb = limb * 10 + static_cast<uint32_t>(digits[i] - '0');
      result.push(limb);
    }
    result.trim();
    return result;
  }

  // factor <= 2^34: a limb times factor plus the carry stays below 2^64.
  void multiply(uint64_t factor) {
    uint64_t carry = 0;
    for (int i = 0; i < size_; ++i) {
      const uint64_t t = limbs_[i] * factor + carry;
      limbs_[i] = static_cast<uint32_t>(t % kBase);
      carry = t / kBase;
    }
    for (; carry != 0; carry /= kBase) push(static_cast<uint32_t>(carry % kBase));
  }

  void multiply_pow2(int exponent) {
    for (; exponent >= 34; exponent -= 34) multiply(uint64_t{1} << 34);
    if (exponent > 0) multiply(uint64_t{1} << exponent);
  }

  void multiply_pow5(int exponent) {
    uint64_t pow5 = 1;
    for (; exponent >= 14; exponent -= 14) multiply(6103515625);  // 5^14
    for (; exponent > 0; --exponent) pow5 *= 5;
    multiply(pow5);
  }

  friend BigInt operator*(const BigInt& a, const BigInt& b) {
    BigInt product;
    assert(a.size_ + b.size_ <= kCapacity);
    for (int i = 0; i < a.size_; ++i) {
      // Every t <= (10^9-1) + (10^9-1)^2 + carry, so the carry stays below 10^9.
      uint64_t carry = 0;
      for (int j = 0; j < b.size_; ++j) {
        const uint64_t t = product.limbs_[i + j] + uint64_t{a.limbs_[i]} * b.limbs_[j] + carry;
        product.limbs_[i + j] = static_cast<uint32_t>(t % kBase);
        carry = t / kBase;
      }
      product.limbs_[i + b.size_] = static_cast<uint32_t>(carry);
    }
    product.size_ = a.size_ + b.size_;
    product.trim();
    return product;
  }

  friend int compare(const BigInt& a, const BigInt& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (int i = a.size_ - 1; i >= 0; --i)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

  // Writes the decimal digits, most significant first, without leading zeros; returns their count.
  int to_digits(char* out) const {
    int count = 0;
    for (int i = size_ - 1; i >= 0; --i) {
      char group[9];
      uint32_t limb = limbs_[i];
      for (int d = 8; d >= 0; --d, limb /= 10) group[d] = static_cast<char>('0' + limb % 10);
      int first = 0;
      if (i == size_ - 1)
        while (first < 8 && group[first] == '0') ++first;
      for (int d = first; d < 9; ++d) out[count++] = group[d];
    }
    return count;
  }

  // 10^1152: the largest values compared are below 10^810 (see parse_decimal and format_shortest).
  static constexpr int kCapacity = 128;

 private:
  static constexpr uint32_t kBase = 1000000000;

  void push(uint32_t limb) {
    assert(size_ < kCapacity);
    limbs_[size_++] = limb;
  }
  void trim() {
    while (size_ > 0 && limbs_[size_ - 1] == 0) --size_;
  }

  uint32_t limbs_[kCapacity] = {};
  int size_ = 0;
};

// The powers of ten that are exact doubles.
constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// memcpy, not std::bit_cast: Emscripten 3.1.6's libc++ does not have it.
uint64_t to_bits(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

double from_bits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// A finite non-negative double as significand * 2^exponent, the significand below 2^53.
struct Binary {
  uint64_t significand;
  int exponent;
  bool narrow_below;  // a power of two above the smallest normal: the gap below is half the gap above
};

constexpr uint64_t kHiddenBit = uint64_t{1} << 52;

Binary decompose(double value) {
  const uint64_t bits = to_bits(value) & ~(uint64_t{1} << 63);
  const int biased = static_cast<int>(bits >> 52);
  const uint64_t fraction = bits & (kHiddenBit - 1);
  if (biased == 0) return {fraction, -1074, false};
  return {fraction | kHiddenBit, biased - 1075, fraction == 0 && biased > 1};
}

// A double within a few ulps of x * 10^exponent: at most four roundings (table entries above 1e22
// are themselves rounded). Intermediate results move monotonically toward the result, so only the
// last step can overflow or become subnormal.
double approximate_scale(double x, int exponent) {
  static constexpr double kLarge[14] = {1e22,  1e44,  1e66,  1e88,  1e110, 1e132, 1e154,
                                        1e176, 1e198, 1e220, 1e242, 1e264, 1e286, 1e308};
  const bool down = exponent < 0;
  int steps = (down ? -exponent : exponent) / 22;
  const int rest = (down ? -exponent : exponent) % 22;
  x = down ? x / kPow10[rest] : x * kPow10[rest];
  while (steps > 0) {
    const int step = std::min(steps, 14);
    x = down ? x / kLarge[step - 1] : x * kLarge[step - 1];
    steps -= step;
  }
  return x;
}

// Significant digits kept from a literal. A halfway point between two doubles has at most 767
// significant digits, so the digits after the 800th only matter through whether any is nonzero
// (the "sticky" digit appended as a final 1).
constexpr int kMaxDigits = 800;

// The double nearest to digits * 10^exponent (digits: count significant digits, no leading zeros,
// value within [1e-325, 1e310)), ties to even, when the fast path does not apply.
double parse_slow(const char* digits, int count, int exponent) {
  // A first guess from the leading 19 digits, then exact comparisons with the halfway points
  // around the guess, moving one ulp at a time.
  const int leading = std::min(count, 19);
  uint64_t head = 0;
  for (int i = 0; i < leading; ++i) head = head * 10 + static_cast<uint64_t>(digits[i] - '0');
  double guess = approximate_scale(static_cast<double>(head), exponent + count - leading);
  guess = std::min(guess, std::numeric_limits<double>::max());

  // Sign of digits * 10^exponent - halfway * 2^halfway_exponent, compared as
  // digits * 5^exponent * 2^(exponent - common) and halfway * 2^(halfway_exponent - common), with the
  // power of five on the left when exponent >= 0 and on the right otherwise. Everything except
  // `halfway` depends only on halfway_exponent, which rarely changes between calls: kept.
  const BigInt digits_value = BigInt::from_digits(digits, count);
  int kept_exponent = std::numeric_limits<int>::min();
  BigInt left, right;
  auto compare_with = [&](uint64_t halfway, int halfway_exponent) {
    if (halfway_exponent != kept_exponent) {
      kept_exponent = halfway_exponent;
      const int common = std::min(exponent, halfway_exponent);
      left = digits_value;
      right = BigInt(1);
      if (exponent > 0)
        left.multiply_pow5(exponent);
      else
        right.multiply_pow5(-exponent);
      left.multiply_pow2(exponent - common);
      right.multiply_pow2(halfway_exponent - common);
    }
    return compare(left, right * BigInt(halfway));
  };

  for (;;) {
    const Binary b = decompose(guess);
    const bool odd = (b.significand & 1) != 0;
    // A tie goes to the even significand: away from an odd guess.
    const int above = compare_with(2 * b.significand + 1, b.exponent - 1);
    if (above > 0 || (above == 0 && odd)) {
      guess = from_bits(to_bits(guess) + 1);  // next double up; past the max: inf
      if (guess == std::numeric_limits<double>::infinity()) return guess;
      continue;
    }
    if (b.significand == 0) return guess;
    const int below = b.narrow_below ? compare_with(4 * b.significand - 1, b.exponent - 2)
                                     : compare_with(2 * b.significand - 1, b.exponent - 1);
    if (below < 0 || (below == 0 && odd)) {
      guess = from_bits(to_bits(guess) - 1);  // next double down
      continue;
    }
    return guess;
  }
}

// Decimal digits, most significant first, no leading zeros.
struct DigitString {
  const char* digits;
  int count;
  int last_nonzero;  // index
};

constexpr int kMaxFormatDigits = BigInt::kCapacity * 9;

int last_nonzero(const char* digits, int count) {
  int last = count - 1;
  while (last >= 0 && digits[last] == '0') --last;
  return last;
}

// Sign of (prefix followed by zeros, `length` digits in all) - other.
int compare_rounded(const char* prefix, int prefix_count, int length, const DigitString& other) {
  if (length != other.count) return length < other.count ? -1 : 1;
  for (int i = 0; i < prefix_count; ++i)
    if (prefix[i] != other.digits[i]) return prefix[i] < other.digits[i] ? -1 : 1;
  return other.last_nonzero >= prefix_count ? -1 : 0;
}

}  // namespace

double parse_decimal(std::string_view literal) {
  size_t i = 0;
  const bool negative = !literal.empty() && literal[0] == '-';
  if (negative) ++i;

  // Mantissa: value = digits * 10^exponent, leading zeros skipped.
  char digits[kMaxDigits + 1];
  int count = 0;
  bool sticky = false;
  int64_t exponent = 0;
  bool fraction = false;
  for (; i < literal.size(); ++i) {
    const char c = literal[i];
    if (c == '.') {
      fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (fraction) --exponent;
    if (count == 0 && c == '0') continue;
    if (count < kMaxDigits) {
      digits[count++] = c;
    } else {
      ++exponent;
      sticky = sticky || c != '0';
    }
  }
  if (i < literal.size() && (literal[i] == 'e' || literal[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < literal.size() && literal[i] == '-';
    if (i < literal.size() && (literal[i] == '-' || literal[i] == '+')) ++i;
    // Clamped: anything beyond 10^12 is far past overflow or underflow whatever the mantissa.
    int64_t written = 0;
    for (; i < literal.size() && literal[i] >= '0' && literal[i] <= '9'; ++i)
      if (written < 1000000000000) written = written * 10 + (literal[i] - '0');
    exponent += negative_exponent ? -written : written;
  }

  const double zero = negative ? -0.0 : 0.0;
  const double infinity = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (count == 0) return zero;
  if (sticky) {
    // Just above the kept digits, and below the next value they could round to.
    digits[count++] = '1';
    --exponent;
  } else {
    for (; digits[count - 1] == '0'; --count) ++exponent;
  }
  // 10^(magnitude-1) <= value < 10^magnitude.
  const int64_t magnitude = count + exponent;
  if (magnitude > 309) return infinity;  // >= 1e309
  if (magnitude < -324) return zero;     // < 1e-325, below half the smallest subnormal
  const int exp10 = static_cast<int>(exponent);

  // Clinger's fast path: the digits and the power of ten are exact doubles, so one IEEE operation
  // rounds correctly. 10^15 < 2^53.
  if (count <= 15) {
    uint64_t value = 0;
    for (int d = 0; d < count; ++d) value = value * 10 + static_cast<uint64_t>(digits[d] - '0');
    if (exp10 > 22 && exp10 <= 22 + 15 - count) {
      // "12e30": 12e8 is still an exact integer below 10^15, then one multiplication by 1e22.
      for (int e = exp10; e > 22; --e) value *= 10;
      const double result = static_cast<double>(value) * kPow10[22];
      return negative ? -result : result;
    }
    if (exp10 >= -22 && exp10 <= 22) {
      const double result =
          exp10 >= 0 ? static_cast<double>(value) * kPow10[exp10] : static_cast<double>(value) / kPow10[-exp10];
      return negative ? -result : result;
    }
  }
  const double result = parse_slow(digits, count, exp10);
  return negative ? -result : result;
}

namespace {

// The digits laid out like printf's "%.{precision}g": exponent form when the exponent is below -4 or
// at least the precision, trailing zeros removed.
std::string layout(const std::string& sign, const char* significant, int digits_kept, int exp10, int precision) {
  while (digits_kept > 1 && significant[digits_kept - 1] == '0') --digits_kept;
  char text[32];
  char* out = text;
  if (exp10 < -4 || exp10 >= precision) {
    *out++ = significant[0];
    if (digits_kept > 1) {
      *out++ = '.';
      out = std::copy(significant + 1, significant + digits_kept, out);
    }
    *out++ = 'e';
    *out++ = exp10 < 0 ? '-' : '+';
    const int magnitude = exp10 < 0 ? -exp10 : exp10;
    if (magnitude >= 100) *out++ = static_cast<char>('0' + magnitude / 100);
    *out++ = static_cast<char>('0' + magnitude / 10 % 10);
    *out++ = static_cast<char>('0' + magnitude % 10);
  } else if (exp10 >= 0) {
    for (int d = 0; d <= exp10; ++d) *out++ = d < digits_kept ? significant[d] : '0';
    if (digits_kept > exp10 + 1) {
      *out++ = '.';
      out = std::copy(significant + exp10 + 1, significant + digits_kept, out);
    }
  } else {
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, -exp10 - 1, '0');
    out = std::copy(significant, significant + digits_kept, out);
  }
  return sign + std::string(text, out);
}

// The exact search, for the doubles Grisu3 is not sure about: at each precision the digits rounded
// to nearest (ties to even), and when they do not read back, the digits rounded the other way.
std::string shortest_exact(const std::string& sign, const Binary& b) {
  // value and the two halfway points to its neighbours, exactly, as integers in units of 2^q
  // (q >= 0) or 10^q (q < 0; then unit 2^q = 10^q * 5^-q). Everything up to a halfway point
  // reads back as value (the halfway point itself only when value's significand is even).
  const int q = b.exponent - 2;
  BigInt unit = BigInt(1);
  if (q >= 0)
    unit.multiply_pow2(q);
  else
    unit.multiply_pow5(-q);
  const BigInt exact = unit * BigInt(4 * b.significand);  // below 2^55 * 5^1076 < 10^770
  const BigInt upper = unit * BigInt(4 * b.significand + 2);
  const BigInt lower = unit * BigInt(4 * b.significand - (b.narrow_below ? 1 : 2));
  const bool ties_read_back = (b.significand & 1) == 0;

  // Decimal digits of the three, compared as digit strings (same unit: same length, same scale).
  char exact_digits[kMaxFormatDigits], upper_digits[kMaxFormatDigits], lower_digits[kMaxFormatDigits];
  const int count = exact.to_digits(exact_digits);
  const int upper_count = upper.to_digits(upper_digits);
  const int lower_count = lower.to_digits(lower_digits);
  const DigitString upper_string{upper_digits, upper_count, last_nonzero(upper_digits, upper_count)};
  const DigitString lower_string{lower_digits, lower_count, last_nonzero(lower_digits, lower_count)};
  const int exact_last_nonzero = last_nonzero(exact_digits, count);
  const int first_exponent = count - 1 + std::min(q, 0);  // decimal exponent of the first digit

  for (int precision = 1;; ++precision) {
    if (precision >= count) return layout(sign, exact_digits, count, first_exponent, precision);
    // The candidates: the first `precision` digits (rounded down), and one unit more in the last
    // of them (rounded up; "1" then zeros, one digit longer, after a carry out of all nines).
    char down[18], up[18];
    std::copy(exact_digits, exact_digits + precision, down);
    std::copy(exact_digits, exact_digits + precision, up);
    int up_length = count;
    int d = precision - 1;
    for (; d >= 0 && up[d] == '9'; --d) up[d] = '0';
    if (d >= 0) {
      ++up[d];
    } else {
      up[0] = '1';
      up_length = count + 1;
    }
    const int vs_lower = compare_rounded(down, precision, count, lower_string);
    const bool down_reads_back = vs_lower > 0 || (vs_lower == 0 && ties_read_back);
    const int vs_upper = compare_rounded(up, precision, up_length, upper_string);
    const bool up_reads_back = vs_upper < 0 || (vs_upper == 0 && ties_read_back);
    // Nearest first (ties to the even last digit), as %.{precision}g rounds.
    const char next = exact_digits[precision];
    const bool nearest_up =
        next > '5' || (next == '5' && (exact_last_nonzero > precision || (down[precision - 1] - '0') % 2 == 1));
    const bool use_up = nearest_up ? up_reads_back : !down_reads_back && up_reads_back;
    if (!use_up && !down_reads_back) continue;
    return use_up ? layout(sign, up, precision, first_exponent + (up_length - count), precision)
                  : layout(sign, down, precision, first_exponent, precision);
  }
}

}  // namespace

namespace {

std::string format(double value, bool fast) {
  const bool negative = to_bits(value) >> 63 != 0;
  std::string sign = negative ? "-" : "";
  if (value != value) return sign + "nan";
  if (value == std::numeric_limits<double>::infinity() || value == -std::numeric_limits<double>::infinity())
    return sign + "inf";
  if (value == 0) return sign + "0";
  const Binary b = decompose(value);
  char digits[20];
  int length = 0;
  int exp10 = 0;
  if (fast && shortest_digits_fast(b.significand, b.exponent, b.narrow_below, digits, length, exp10))
    return layout(sign, digits, length, exp10, length);
  return shortest_exact(sign, b);
}

}  // namespace

std::string format_shortest(double value) { return format(value, true); }
std::string format_shortest_exact(double value) { return format(value, false); }

}  // namespace tconv::detail
