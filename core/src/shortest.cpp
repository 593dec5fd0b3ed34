// The shortest digits of a double, fast: Grisu3 (Florian Loitsch, "Printing Floating-Point Numbers
// Quickly and Accurately with Integers", PLDI 2010), as V8 and double-conversion use it for
// JavaScript's Number#toString. It works in 64-bit integers only and either returns the shortest
// digits that read back as the value, the closest of them to it, or says it cannot be sure (about
// 0.5% of doubles); then the exact big-integer search of decimal.cpp decides.

#include <cmath>
#include <cstdint>

#include "decimal.hpp"

namespace tconv::detail {
namespace {

// A number f * 2^e with a 64-bit significand.
struct DiyFp {
  uint64_t f;
  int e;
};

// The product rounded to 64 bits: the upper half of the 128-bit product, rounded.
DiyFp times(DiyFp x, DiyFp y) {
  const uint64_t m32 = 0xFFFFFFFFu;
  const uint64_t a = x.f >> 32, b = x.f & m32, c = y.f >> 32, d = y.f & m32;
  const uint64_t ac = a * c, bc = b * c, ad = a * d, bd = b * d;
  uint64_t tmp = (bd >> 32) + (ad & m32) + (bc & m32);
  tmp += uint64_t{1} << 31;
  return {ac + (ad >> 32) + (bc >> 32) + (tmp >> 32), x.e + y.e + 64};
}

DiyFp normalize(DiyFp x) {
  while ((x.f & (uint64_t{1} << 63)) == 0) {
    x.f <<= 1;
    --x.e;
  }
  return x;
}

struct CachedPower {
  uint64_t significand;
  int16_t binary_exponent;
  int16_t decimal_exponent;
};

// 10^k rounded to a 64-bit significand, k = -348, -340, ..., 340 (generated exactly with rational
// arithmetic; these are the values of double-conversion's table).
constexpr CachedPower kCachedPowers[] = {
    {0xfa8fd5a0081c0288, -1220, -348}, {0xbaaee17fa23ebf76, -1193, -340}, {0x8b16fb203055ac76, -1166, -332},
    {0xcf42894a5dce35ea, -1140, -324}, {0x9a6bb0aa55653b2d, -1113, -316}, {0xe61acf033d1a45df, -1087, -308},
    {0xab70fe17c79ac6ca, -1060, -300}, {0xff77b1fcbebcdc4f, -1034, -292}, {0xbe5691ef416bd60c, -1007, -284},
    {0x8dd01fad907ffc3c, -980, -276},  {0xd3515c2831559a83, -954, -268},  {0x9d71ac8fada6c9b5, -927, -260},
    {0xea9c227723ee8bcb, -901, -252},  {0xaecc49914078536d, -874, -244},  {0x823c12795db6ce57, -847, -236},
    {0xc21094364dfb5637, -821, -228},  {0x9096ea6f3848984f, -794, -220},  {0xd77485cb25823ac7, -768, -212},
    {0xa086cfcd97bf97f4, -741, -204},  {0xef340a98172aace5, -715, -196},  {0xb23867fb2a35b28e, -688, -188},
    {0x84c8d4dfd2c63f3b, -661, -180},  {0xc5dd44271ad3cdba, -635, -172},  {0x936b9fcebb25c996, -608, -164},
    {0xdbac6c247d62a584, -582, -156},  {0xa3ab66580d5fdaf6, -555, -148},  {0xf3e2f893dec3f126, -529, -140},
    {0xb5b5ada8aaff80b8, -502, -132},  {0x87625f056c7c4a8b, -475, -124},  {0xc9bcff6034c13053, -449, -116},
    {0x964e858c91ba2655, -422, -108},  {0xdff9772470297ebd, -396, -100},  {0xa6dfbd9fb8e5b88f, -369, -92},
    {0xf8a95fcf88747d94, -343, -84},   {0xb94470938fa89bcf, -316, -76},   {0x8a08f0f8bf0f156b, -289, -68},
    {0xcdb02555653131b6, -263, -60},   {0x993fe2c6d07b7fac, -236, -52},   {0xe45c10c42a2b3b06, -210, -44},
    {0xaa242499697392d3, -183, -36},   {0xfd87b5f28300ca0e, -157, -28},   {0xbce5086492111aeb, -130, -20},
    {0x8cbccc096f5088cc, -103, -12},   {0xd1b71758e219652c, -77, -4},     {0x9c40000000000000, -50, 4},
    {0xe8d4a51000000000, -24, 12},     {0xad78ebc5ac620000, 3, 20},       {0x813f3978f8940984, 30, 28},
    {0xc097ce7bc90715b3, 56, 36},      {0x8f7e32ce7bea5c70, 83, 44},      {0xd5d238a4abe98068, 109, 52},
    {0x9f4f2726179a2245, 136, 60},     {0xed63a231d4c4fb27, 162, 68},     {0xb0de65388cc8ada8, 189, 76},
    {0x83c7088e1aab65db, 216, 84},     {0xc45d1df942711d9a, 242, 92},     {0x924d692ca61be758, 269, 100},
    {0xda01ee641a708dea, 295, 108},    {0xa26da3999aef774a, 322, 116},    {0xf209787bb47d6b85, 348, 124},
    {0xb454e4a179dd1877, 375, 132},    {0x865b86925b9bc5c2, 402, 140},    {0xc83553c5c8965d3d, 428, 148},
    {0x952ab45cfa97a0b3, 455, 156},    {0xde469fbd99a05fe3, 481, 164},    {0xa59bc234db398c25, 508, 172},
    {0xf6c69a72a3989f5c, 534, 180},    {0xb7dcbf5354e9bece, 561, 188},    {0x88fcf317f22241e2, 588, 196},
    {0xcc20ce9bd35c78a5, 614, 204},    {0x98165af37b2153df, 641, 212},    {0xe2a0b5dc971f303a, 667, 220},
    {0xa8d9d1535ce3b396, 694, 228},    {0xfb9b7cd9a4a7443c, 720, 236},    {0xbb764c4ca7a44410, 747, 244},
    {0x8bab8eefb6409c1a, 774, 252},    {0xd01fef10a657842c, 800, 260},    {0x9b10a4e5e9913129, 827, 268},
    {0xe7109bfba19c0c9d, 853, 276},    {0xac2820d9623bf429, 880, 284},    {0x80444b5e7aa7cf85, 907, 292},
    {0xbf21e44003acdd2d, 933, 300},    {0x8e679c2f5e44ff8f, 960, 308},    {0xd433179d9c8cb841, 986, 316},
    {0x9e19db92b4e31ba9, 1013, 324},   {0xeb96bf6ebadf77d9, 1039, 332},   {0xaf87023b9bf0ee6b, 1066, 340},
};
constexpr int kCachedPowersOffset = 348;
constexpr int kDecimalExponentDistance = 8;

// The scaled value's binary exponent lands in [kMinimalTargetExponent, kMaximalTargetExponent].
constexpr int kMinimalTargetExponent = -60;
constexpr int kMaximalTargetExponent = -32;

// The cached power c with the scaled exponent e + c.e + 64 in the target range; its decimal exponent.
CachedPower cached_power_for(int min_exponent) {
  const int k = static_cast<int>(std::ceil((min_exponent + 63) * 0.30102999566398114));  // log10(2)
  const int index = (kCachedPowersOffset + k - 1) / kDecimalExponentDistance + 1;
  return kCachedPowers[index];
}

constexpr uint32_t kSmallPowersOfTen[] = {0, 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

// The largest power of ten <= number (number < 2^bits), and its exponent + 1.
void biggest_power_ten(uint32_t number, int bits, uint32_t& power, int& exponent_plus_one) {
  int guess = ((bits + 1) * 1233 >> 12) + 1;
  if (number < kSmallPowersOfTen[guess]) --guess;
  power = kSmallPowersOfTen[guess];
  exponent_plus_one = guess;
}

// Moves the last digit towards w while the result stays inside the safe interval, and says whether
// the digits are certainly the closest to w (Loitsch's "round_weed").
bool round_weed(char* digits, int length, uint64_t distance_too_high_w, uint64_t unsafe_interval, uint64_t rest,
                uint64_t ten_kappa, uint64_t unit) {
  const uint64_t small_distance = distance_too_high_w - unit;
  const uint64_t big_distance = distance_too_high_w + unit;
  while (rest < small_distance && unsafe_interval - rest >= ten_kappa &&
         (rest + ten_kappa < small_distance || small_distance - rest >= rest + ten_kappa - small_distance)) {
    --digits[length - 1];
    rest += ten_kappa;
  }
  if (rest < big_distance && unsafe_interval - rest >= ten_kappa &&
      (rest + ten_kappa < big_distance || big_distance - rest > rest + ten_kappa - big_distance))
    return false;
  return 2 * unit <= rest && rest <= unsafe_interval - 4 * unit;
}

// The shortest digits in (low, high), all three scaled to the same exponent in the target range.
bool digit_gen(DiyFp low, DiyFp w, DiyFp high, char* digits, int& length, int& kappa) {
  uint64_t unit = 1;
  const DiyFp too_low{low.f - unit, low.e};
  const DiyFp too_high{high.f + unit, high.e};
  uint64_t unsafe_interval = too_high.f - too_low.f;
  const int shift = -w.e;
  const uint64_t one = uint64_t{1} << shift;
  auto integrals = static_cast<uint32_t>(too_high.f >> shift);
  uint64_t fractionals = too_high.f & (one - 1);
  uint32_t divisor = 0;
  int divisor_exponent_plus_one = 0;
  biggest_power_ten(integrals, 64 - shift, divisor, divisor_exponent_plus_one);
  kappa = divisor_exponent_plus_one;
  length = 0;
  while (kappa > 0) {
    digits[length++] = static_cast<char>('0' + integrals / divisor);
    integrals %= divisor;
    --kappa;
    const uint64_t rest = (static_cast<uint64_t>(integrals) << shift) + fractionals;
    if (rest < unsafe_interval)
      return round_weed(digits, length, too_high.f - w.f, unsafe_interval, rest,
                        static_cast<uint64_t>(divisor) << shift, unit);
    divisor /= 10;
  }
  for (;;) {
    fractionals *= 10;
    unit *= 10;
    unsafe_interval *= 10;
    digits[length++] = static_cast<char>('0' + (fractionals >> shift));
    fractionals &= one - 1;
    --kappa;
    if (fractionals < unsafe_interval)
      return round_weed(digits, length, (too_high.f - w.f) * unit, unsafe_interval, fractionals, one, unit);
  }
}

}  // namespace

bool shortest_digits_fast(unsigned long long significand, int exponent, bool narrow_below, char* digits, int& length,
                          int& exp10) {
  const DiyFp w = normalize({significand, exponent});
  const DiyFp plus = normalize({(significand << 1) + 1, exponent - 1});
  DiyFp minus =
      narrow_below ? DiyFp{(significand << 2) - 1, exponent - 2} : DiyFp{(significand << 1) - 1, exponent - 1};
  minus.f <<= minus.e - plus.e;
  minus.e = plus.e;
  const CachedPower c = cached_power_for(kMinimalTargetExponent - (w.e + 64));
  static_assert(kMaximalTargetExponent - kMinimalTargetExponent >= 3 * kDecimalExponentDistance);
  const DiyFp ten_mk{c.significand, c.binary_exponent};
  int kappa = 0;
  const bool sure = digit_gen(times(minus, ten_mk), times(w, ten_mk), times(plus, ten_mk), digits, length, kappa);
  // The digits d1 d2 ... dn mean 0.d1...dn x 10^(n + kappa - decimal_exponent): the first digit's
  // exponent is length - 1 + kappa - c.decimal_exponent.
  exp10 = length - 1 + kappa - c.decimal_exponent;
  return sure;
}

}  // namespace tconv::detail
