#include "json_read.hpp"

#include <algorithm>
#include <cmath>

#include "tconv/format.hpp"
#include "tconv/spec.hpp"
#include "text.hpp"

namespace tconv::detail {

using Kind = JsonValue::Kind;

std::string got(const JsonValue& value) {
  if (value.kind == Kind::number) return excerpt(value.text);
  if (value.kind == Kind::string) return quoted(value.text);
  return std::string(describe(value.kind));
}

Error int_error(const IntKey& k, std::string message) {
  return Error{std::move(message), std::string(k.key), k.axis,
               Valid{static_cast<double>(k.min), static_cast<double>(k.max), {}}};
}

Result<int> read_int(const JsonValue& value, const IntKey& k, const std::string& alternative) {
  if (value.kind != Kind::number || !value.is_integer_literal) {
    Text message;
    message << k.name << " must be " << (k.min == k.max ? "" : "a whole number ");
    range_words(message, k.min, k.max) << alternative << ", got " << got(value);
    return int_error(k, std::move(message));
  }
  // Past any key's range and still an int: the caller's own range check says the rest. (A fixed
  // 1e9 here refused padding up to its limit 2^30 with a message whose range held the value.)
  if (std::fabs(value.number) > static_cast<double>(std::max<std::int64_t>({k.max, -k.min, 1000000000})))
    return int_error(k, k.name + " " + got(value) + " is out of range: it must be from " + std::to_string(k.min) +
                            " to " + std::to_string(k.max));
  return static_cast<int>(value.number);
}

Result<std::vector<int>> read_ints_per_axis(const JsonValue& value, std::string_view key, std::int64_t min,
                                            std::int64_t max, int dims) {
  std::vector<int> per_axis(static_cast<size_t>(dims));
  const auto int_key = [&](int axis) { return IntKey{param_name(dims, key, axis), key, axis, min, max}; };
  if (value.kind == Kind::array) {
    const size_t given = value.items.size();
    if (given != static_cast<size_t>(dims) && given != 1)
      return Error{std::string(key) + " must have " + (dims == 1 ? "1 value" : "1 or 2 values (height, width)") +
                       ", got " + std::to_string(given),
                   std::string(key)};
    for (size_t a = 0; a < per_axis.size(); ++a) {
      const size_t item_index = given == 1 ? 0 : a;
      Result<int> item = read_int(value.items[item_index], int_key(given == 1 ? -1 : static_cast<int>(a)));
      if (!item.ok()) return item.error();
      per_axis[a] = item.value();
    }
    return per_axis;
  }
  Result<int> single = read_int(value, int_key(-1), dims == 1 ? "" : " or a list of 2 (height, width)");
  if (!single.ok()) return single.error();
  per_axis.assign(per_axis.size(), single.value());
  return per_axis;
}

Result<bool> check_known_keys(const JsonValue& object, const std::vector<std::string_view>& keys) {
  for (const auto& [key, value] : object.members) {
    bool known = false;
    std::string names;
    Valid valid;
    for (std::string_view k : keys) {
      known = known || k == key;
      names += (names.empty() ? "" : ", ") + std::string(k);
      valid.values.push_back(json_string(k));
    }
    if (!known) return Error{"unknown key " + quoted(key) + "; the keys are " + names, "", -1, std::move(valid)};
  }
  return true;
}

}  // namespace tconv::detail
