// Prints the figure's light and dark palettes as JSON, for the browser test that compares them with
// web/viz.css's themes as Chromium resolves them.

#include <iostream>

#include "tconv/figure.hpp"
#include "tconv/format.hpp"

namespace {

void print(const char* name, const tconv::FigurePalette& p, bool last) {
  std::cout << '"' << name << "\":{";
  const std::pair<const char*, const std::string*> fields[] = {{"bg", &p.bg},
                                                               {"fg", &p.fg},
                                                               {"muted", &p.muted},
                                                               {"cell", &p.cell},
                                                               {"line", &p.line},
                                                               {"win", &p.win},
                                                               {"tap", &p.tap},
                                                               {"cur", &p.cur},
                                                               {"multi", &p.multi},
                                                               {"cut", &p.cut},
                                                               {"op", &p.op},
                                                               {"tap_tint", &p.tap_tint},
                                                               {"cut_tint", &p.cut_tint},
                                                               {"mono", &p.mono}};
  bool first = true;
  for (const auto& [key, value] : fields) {
    std::cout << (first ? "" : ",") << '"' << key << "\":" << tconv::json_string(*value);
    first = false;
  }
  std::cout << '}' << (last ? "" : ",");
}

}  // namespace

int main() {
  std::cout << '{';
  print("light", tconv::light_palette(), false);
  print("dark", tconv::dark_palette(), true);
  std::cout << "}\n";
  return 0;
}
