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

/// The shortest of C's "%.1g" ... "%.17g" of `value` that reads back as exactly `value`, as
/// snprintf would write it ("0.1", "1e+02", "1.5e-07", "-0"). "nan", "inf", "-inf" for non-finite.
std::string format_shortest(double value);

}  // namespace tconv::detail
