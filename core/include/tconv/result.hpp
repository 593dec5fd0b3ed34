#pragma once
/// @file Result: a value or an error. Errors are values, never exceptions, so they cross the
/// WebAssembly boundary as plain data; they say which spec key and axis they are about and what
/// that key accepts, so that a user interface can point at the field without reading the sentence.

#include <cassert>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tconv {

/// What a field accepts: a range (either end may be open), or a list of values.
struct Valid {
  std::optional<double> min;        ///< smallest accepted value
  std::optional<double> max;        ///< largest accepted value
  std::vector<std::string> values;  ///< or the accepted values, each as JSON text ("1", "\"stride\"")

  [[nodiscard]] bool empty() const { return !min && !max && values.empty(); }
};

/// A user-facing error: one sentence naming the parameter and the numbers, and the same facts as data.
struct Error {
  Error() = default;
  Error(std::string message_, std::string field_ = "", int axis_ = -1, Valid valid_ = {})  // NOLINT: implicit
      : message(std::move(message_)), field(std::move(field_)), axis(axis_), valid(std::move(valid_)) {}

  std::string message;  ///< e.g. "stride (width) must be at least 1, got 0"
  std::string field;    ///< the spec key it is about ("stride", "input"), or "" for the spec as a whole
  int axis = -1;        ///< the spatial axis (0: length or height, 1: width), or -1 when not one axis
  Valid valid;          ///< what the field accepts here, when that is one range or one list
};

/// Either a T or an Error. A tagged union written out rather than std::variant<T, Error>: the
/// variant's visitation tables, instantiated for each of the core's thirty-odd Result types, were
/// a noticeable part of the WebAssembly module (README, "WebAssembly module").
template <typename T>
class Result {
 public:
  Result(T value) : ok_(true), value_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : ok_(false), error_(std::move(error)) {}  // NOLINT: implicit by design
  Result(const Result& other) : ok_(other.ok_) {
    if (ok_)
      new (&value_) T(other.value_);
    else
      new (&error_) Error(other.error_);
  }
  Result(Result&& other) noexcept : ok_(other.ok_) {
    if (ok_)
      new (&value_) T(std::move(other.value_));
    else
      new (&error_) Error(std::move(other.error_));
  }
  Result& operator=(const Result& other) {
    if (this != &other) {
      destroy();
      new (this) Result(other);
    }
    return *this;
  }
  Result& operator=(Result&& other) noexcept {
    if (this != &other) {
      destroy();
      new (this) Result(std::move(other));
    }
    return *this;
  }
  ~Result() { destroy(); }

  /// True when a value is held.
  [[nodiscard]] bool ok() const { return ok_; }
  /// The value; only valid when ok().
  [[nodiscard]] const T& value() const& {
    assert(ok_);
    return value_;
  }
  [[nodiscard]] T& value() & {
    assert(ok_);
    return value_;
  }
  // By value from a temporary, so that `for (auto& x : f().value())` cannot dangle.
  [[nodiscard]] T value() && {
    assert(ok_);
    return std::move(value_);
  }
  /// The error; only valid when !ok().
  [[nodiscard]] const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  void destroy() {
    if (ok_)
      value_.~T();
    else
      error_.~Error();
  }

  bool ok_;
  union {
    T value_;
    Error error_;
  };
};

}  // namespace tconv
