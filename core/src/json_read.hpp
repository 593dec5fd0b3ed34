#pragma once
// Reading numbers and per-axis lists out of a parsed JSON object, with messages that name the key,
// the axis and the accepted range. Shared by the spec reader and the practitioner's commands
// (solve, translate), so that every command words its input errors the same way.

#include <string>
#include <string_view>
#include <vector>

#include "json_value.hpp"
#include "tconv/result.hpp"

namespace tconv::detail {

/// What was found, for a message: the number or string itself (cut to a readable length), else its kind.
std::string got(const JsonValue& value);

/// What an integer key accepts: its name in messages, its key and axis, and its range.
struct IntKey {
  std::string name;  ///< "stride", "stride (width)"
  std::string_view key;
  int axis;
  std::int64_t min, max;
};

/// An error about `k`, with its range as `valid`.
Error int_error(const IntKey& k, std::string message);

/// A whole number (no fraction, no exponent) of at most max(1e9, |k.min|, k.max) in magnitude; the range
/// itself is the caller's to check (messages say "must be from 1 to 16", "over the limit").
Result<int> read_int(const JsonValue& value, const IntKey& k, const std::string& alternative = "");

/// One int for every axis, or one per axis; a list of one value counts for every axis (as PyTorch
/// expands it). `dims` values come back.
Result<std::vector<int>> read_ints_per_axis(const JsonValue& value, std::string_view key, std::int64_t min,
                                            std::int64_t max, int dims);

/// `{"error"}` when `object` holds a key not in `keys` (the message lists them, `what` names the document).
Result<bool> check_known_keys(const JsonValue& object, const std::vector<std::string_view>& keys);

}  // namespace tconv::detail
