#include "text.hpp"

namespace tconv::detail {

Text& Text::operator<<(std::string_view piece) & {
  text_.append(piece);
  return *this;
}

Text& Text::operator<<(char c) & {
  text_ += c;
  return *this;
}

Text& Text::append_integer(std::int64_t number) {
  char digits[20];
  size_t start = sizeof digits;
  // In unsigned arithmetic, so that the most negative value has a magnitude too.
  std::uint64_t magnitude = number < 0 ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
  do {
    digits[--start] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (number < 0) text_ += '-';
  text_.append(digits + start, sizeof digits - start);
  return *this;
}

Text& range_words(Text& text, std::int64_t min, std::int64_t max) {
  if (min == max) return text << min;
  if (max == min + 1) return text << min << " or " << max;
  return text << "from " << min << " to " << max;
}

}  // namespace tconv::detail
