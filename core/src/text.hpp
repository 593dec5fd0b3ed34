#pragma once
// Messages and other text assembled piece by piece in one string:
//   Text() << param_name(...) << " is over the limit of " << max
// rather than with std::string's operator+, where every + makes a temporary string, and every
// temporary a destructor call, at each of the core's hundreds of call sites: appending to one
// string through out-of-line calls takes less code in the WebAssembly module, whose size has a
// budget (README, "WebAssembly module").

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace tconv::detail {

class Text {
 public:
  Text& operator<<(std::string_view piece) &;
  Text& operator<<(char c) &;
  /// Integers in decimal, as std::to_string writes them.
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>) Text& operator<<(Integer number) & {
    return append_integer(static_cast<std::int64_t>(number));
  }
  // On a temporary (the usual case), the same, and the result converts to std::string by a move.
  template <typename Piece>
  Text&& operator<<(Piece&& piece) && {
    return std::move(*this << std::forward<Piece>(piece));
  }

  operator std::string() && { return std::move(text_); }  // NOLINT: implicit by design
  [[nodiscard]] const std::string& str() const { return text_; }
  [[nodiscard]] bool empty() const { return text_.empty(); }

 private:
  Text& append_integer(std::int64_t number);
  std::string text_;
};

/// The accepted integers in words: "0", "0 or 1", "from 0 to 3".
Text& range_words(Text& text, std::int64_t min, std::int64_t max);

}  // namespace tconv::detail
