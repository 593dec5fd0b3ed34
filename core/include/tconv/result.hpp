#pragma once
/// @file Result: a value or an error message. Errors are values, never exceptions,
/// so they cross the WebAssembly boundary as plain data.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tconv {

/// A user-facing error: one sentence naming the parameter and the numbers.
struct Error {
  std::string message;  ///< e.g. "stride[1] must be >= 1, got 0"
};

/// Either a T or an Error.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  /// The value; only valid when ok().
  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  /// The error; only valid when !ok().
  [[nodiscard]] const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace tconv
