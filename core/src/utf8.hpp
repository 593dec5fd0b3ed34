#pragma once
// UTF-8 decoding for messages: the core echoes user text (keys, strings, stray characters) and must
// never cut a character in half or pass an invalid byte on (the CLI's JSON must be valid UTF-8).

#include <cstddef>
#include <string_view>

namespace tconv::detail {

/// The code point that starts at text[i] and its length in bytes; length 0 when the bytes there
/// are not valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
struct CodePoint {
  unsigned code = 0;
  std::size_t length = 0;
};

inline CodePoint decode_utf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  unsigned code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return {};
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  constexpr unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
  return {code, length};
}

}  // namespace tconv::detail
