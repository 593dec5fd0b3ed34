// Reads one double per line as its 64-bit pattern in hex and prints display_number() of it: the
// Node test compares these with web/dom.js `fmt` for the same doubles.

#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>

#include "tconv/figure.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const std::uint64_t bits = std::stoull(line, nullptr, 16);
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    std::cout << tconv::display_number(value) << '\n';
  }
  return 0;
}
