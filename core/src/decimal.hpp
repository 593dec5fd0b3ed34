#pragma once
// Exact decimal <-> double conversions, written here instead of using strtod and snprintf("%g"):
// in the WebAssembly build those pull in musl's long double soft-float and printf machinery,
// about a third of the module. Both functions are exact (correctly rounded), so native and wasm
// builds agree bit for bit and with glibc.

#include <string>
#include <string_view>

namespace tconv::detail {

/// The double nearest to a JSON number literal (grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?),
/// ties to even: what glibc's strtod returns, including subnormals, -0, overflow to +-inf and
/// underflow to +-0. Any length of digits and any exponent.
double parse_decimal(std::string_view literal);

/// The shortest decimal that reads back as exactly `value` (the closest to it when several of that
/// length do, the even one of two as close: JavaScript's Number#toString digits), laid out as C's
/// "%.{n}g" with n its digit count would write it ("0.1", "1e+02", "1.5e-07", "-0"). "nan", "inf",
/// "-inf" for non-finite.
std::string format_shortest(double value);

/// format_shortest() without its fast path: the exact big-integer search alone (for tests).
std::string format_shortest_exact(double value);

/// Grisu3 (shortest.cpp): the shortest digits of significand * 2^exponent and the decimal exponent
/// of the first digit; false when it cannot be sure they are the shortest and the closest (then
/// format_shortest asks the exact search). narrow_below: the gap to the next double down is half
/// the gap up (a power of two above the smallest normal).
bool shortest_digits_fast(unsigned long long significand, int exponent, bool narrow_below, char* digits, int& length,
                          int& exp10);

}  // namespace tconv::detail
