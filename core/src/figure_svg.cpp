// Lays out a figure's picture and writes it as SVG: every grid as the page's table (a caption,
// column indices, row indices when it has several rows, one box per cell), numbers as <text> in
// the number font, each mark drawn as the page paints it (viz.css), colours as attributes. Sizes
// follow viz.css: a cell is max(2, characters) x 1ch + .9em wide and 2.1em high (dense grids,
// over 12 columns: a smaller font and .4em), the number font's advance taken as 0.6em.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decimal.hpp"
#include "figure_draw.hpp"
#include "tconv/figure.hpp"

namespace tconv::detail {
namespace {

constexpr double kMargin = 16;
constexpr double kCaptionHeight = 20;
constexpr double kCaptionFont = 12.5;
constexpr double kCaptionAdvance = 7.2;  // a generous average for bold sans at 12.5px
constexpr double kHeaderHeight = 14;
constexpr double kHeaderFont = 10;
constexpr double kHeaderAdvance = 6;
constexpr double kStackGap = 14;
constexpr double kPanelGap = 28;
constexpr double kSignGap = 8;
constexpr double kRowGap = 20;
constexpr double kTextFont = 13;
constexpr double kTextAdvance = 7;  // sans at 13px, generously
constexpr double kLineHeight = 19;
constexpr double kNoteMonoFont = 12.5;
constexpr double kMinTextWidth = 420;

// Code points of UTF-8 text.
int text_chars(std::string_view text) {
  int count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

std::string num(double value) { return js_number_text(std::round(value * 100) / 100); }

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// --- Colours: CSS text in, SVG attributes out. #rgb, #rrggbb (with alpha) and rgb()/rgba() become
// a hex colour and an opacity, which every SVG reader understands; any other plain CSS value
// (a name, hsl(), ...) is written as it is.

struct Paint {
  std::string colour;
  std::string opacity;  // empty: opaque
};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }
std::string hex_byte(int v) {
  static constexpr char kHex[] = "0123456789abcdef";
  return {kHex[v >> 4], kHex[v & 15]};
}

// rgb(0 114 178 / 0.3), rgba(0, 114, 178, 0.3), rgb(0% 50% 100%): the numbers, or nothing.
std::optional<Paint> parse_rgb(std::string_view text) {
  const size_t open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') return std::nullopt;
  const std::string_view name = text.substr(0, open);
  if (name != "rgb" && name != "rgba") return std::nullopt;
  std::vector<std::string> parts;
  std::string current;
  for (const char c : text.substr(open + 1, text.size() - open - 2)) {
    if (c == ' ' || c == ',' || c == '/') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  if (parts.size() != 3 && parts.size() != 4) return std::nullopt;
  std::vector<double> values;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string part = parts[i];
    const bool percent = !part.empty() && part.back() == '%';
    if (percent) part.pop_back();
    if (part.empty() || part.find_first_not_of("0123456789.") != std::string::npos || part.front() == '.' ||
        part.back() == '.' || std::count(part.begin(), part.end(), '.') > 1)
      return std::nullopt;
    double v = parse_decimal(part);  // the core's own reader (std::stod would pull in C's)
    if (percent) v = i < 3 ? v * 2.55 : v / 100;
    values.push_back(v);
  }
  std::string colour = "#";
  for (size_t i = 0; i < 3; ++i) colour += hex_byte(static_cast<int>(std::lround(std::clamp(values[i], 0.0, 255.0))));
  Paint paint{colour, ""};
  if (values.size() == 4 && values[3] < 1) paint.opacity = num(std::clamp(values[3], 0.0, 1.0));
  return paint;
}

// The numbers of a functional notation "name(a b c / alpha)": three or four plain decimals.
std::optional<std::vector<double>> function_numbers(std::string_view body) {
  std::vector<double> values;
  std::string current;
  const auto flush = [&]() {
    if (current.empty()) return true;
    std::string digits = current;
    const bool negative = digits[0] == '-';
    if (negative) digits.erase(0, 1);
    if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos || digits.front() == '.' ||
        digits.back() == '.' || std::count(digits.begin(), digits.end(), '.') > 1)
      return false;
    values.push_back((negative ? -1 : 1) * parse_decimal(digits));
    current.clear();
    return true;
  };
  for (const char c : body) {
    if (c == ' ' || c == ',' || c == '/') {
      if (!flush()) return std::nullopt;
    } else {
      current += c;
    }
  }
  if (!flush() || (values.size() != 3 && values.size() != 4)) return std::nullopt;
  return values;
}

// sRGB (0..1, gamma-encoded) as a paint.
Paint srgb_paint(double r, double g, double b, double alpha) {
  std::string colour = "#";
  for (const double v : {r, g, b}) colour += hex_byte(static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)));
  return {colour, alpha < 1 ? num(std::clamp(alpha, 0.0, 1.0)) : ""};
}

// oklab(L a b) (what getComputedStyle gives for viz.css's color-mix in oklab) and color(srgb r g b):
// converted to hex, which every SVG reader understands (Bjorn Ottosson's OKLab matrices).
std::optional<Paint> parse_oklab_or_srgb(std::string_view text) {
  const bool oklab = text.substr(0, 6) == "oklab(";
  const bool srgb = text.substr(0, 11) == "color(srgb ";
  if ((!oklab && !srgb) || text.back() != ')') return std::nullopt;
  const size_t open = oklab ? 6 : 11;
  const std::optional<std::vector<double>> v = function_numbers(text.substr(open, text.size() - open - 1));
  if (!v) return std::nullopt;
  const double alpha = v->size() == 4 ? (*v)[3] : 1;
  if (srgb) return srgb_paint((*v)[0], (*v)[1], (*v)[2], alpha);
  const double L = (*v)[0], a = (*v)[1], b = (*v)[2];
  const double l_ = L + 0.3963377774 * a + 0.2158037573 * b;
  const double m_ = L - 0.1055613458 * a - 0.0638541728 * b;
  const double s_ = L - 0.0894841775 * a - 1.2914855480 * b;
  const double l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
  const double linear[3] = {4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                            -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                            -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
  double encoded[3];
  for (int i = 0; i < 3; ++i) {
    const double c = std::clamp(linear[i], 0.0, 1.0);
    encoded[i] = c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
  }
  return srgb_paint(encoded[0], encoded[1], encoded[2], alpha);
}

std::optional<Paint> parse_paint(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 100) return std::nullopt;
  if (text.front() == '#') {
    const std::string_view hex = text.substr(1);
    if (!std::all_of(hex.begin(), hex.end(), is_hex)) return std::nullopt;
    if (hex.size() == 3 || hex.size() == 4) {
      std::string colour = "#";
      for (size_t i = 0; i < 3; ++i) colour += std::string(2, static_cast<char>(hex[i] | (hex[i] >= 'A' ? 0x20 : 0)));
      Paint paint{colour, ""};
      if (hex.size() == 4 && hex[3] != 'f' && hex[3] != 'F') paint.opacity = num(hex_value(hex[3]) / 15.0);
      return paint;
    }
    if (hex.size() == 6 || hex.size() == 8) {
      std::string colour = "#";
      for (size_t i = 0; i < 6; ++i)
        colour += static_cast<char>(hex[i] >= 'A' && hex[i] <= 'F' ? hex[i] | 0x20 : hex[i]);
      Paint paint{colour, ""};
      if (hex.size() == 8) {
        const int alpha = hex_value(hex[6]) * 16 + hex_value(hex[7]);
        if (alpha != 255) paint.opacity = num(alpha / 255.0);
      }
      return paint;
    }
    return std::nullopt;
  }
  if (std::optional<Paint> rgb = parse_rgb(text)) return rgb;
  if (std::optional<Paint> mixed = parse_oklab_or_srgb(text)) return mixed;
  // Any other CSS colour: letters, digits and the punctuation of functional notations only, so
  // that it can neither leave its attribute nor refer to anything outside the figure.
  for (const char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '(' || c == ')' || c == ',' || c == '.' ||
          c == '%' || c == '/' || c == '-'))
      return std::nullopt;
  if (text.find("url") != std::string_view::npos) return std::nullopt;
  return Paint{std::string(text), ""};
}

bool plain_font(std::string_view text) {
  if (text.empty() || text.size() > 200) return false;
  for (const char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == ',' || c == '-' || c == '_' || c == '"' ||
          c == '\''))
      return false;
  return true;
}

std::string fill(const Paint& paint, std::string_view attribute = "fill") {
  std::string out = " " + std::string(attribute) + "=\"" + escape(paint.colour) + "\"";
  if (!paint.opacity.empty()) out += " " + std::string(attribute) + "-opacity=\"" + paint.opacity + "\"";
  return out;
}

struct Paints {
  Paint bg, fg, muted, cell, line, win, tap, cur, multi, cut, op, tap_tint, cut_tint;
  explicit Paints(const FigurePalette& p)
      : bg(*parse_paint(p.bg)),
        fg(*parse_paint(p.fg)),
        muted(*parse_paint(p.muted)),
        cell(*parse_paint(p.cell)),
        line(*parse_paint(p.line)),
        win(*parse_paint(p.win)),
        tap(*parse_paint(p.tap)),
        cur(*parse_paint(p.cur)),
        multi(*parse_paint(p.multi)),
        cut(*parse_paint(p.cut)),
        op(*parse_paint(p.op)),
        tap_tint(*parse_paint(p.tap_tint)),
        cut_tint(*parse_paint(p.cut_tint)) {}
};

// The palette's id suffix for the patterns: figures in different themes on one page keep theirs.
std::string palette_id(const FigurePalette& p) {
  std::uint32_t hash = 2166136261u;
  for (const std::string* s : {&p.bg, &p.fg, &p.muted, &p.cell, &p.line, &p.win, &p.tap, &p.cur, &p.multi, &p.cut,
                               &p.op, &p.tap_tint, &p.cut_tint}) {
    for (const char c : *s) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    hash = (hash ^ 0xFFu) * 16777619u;
  }
  std::string id = "tconv-";
  for (int shift = 28; shift >= 0; shift -= 4) id += "0123456789abcdef"[(hash >> shift) & 15u];
  return id;
}

// --- Layout.

struct GridMetrics {
  double font, advance, cell_w, cell_h, row_head_w, width, height;
};

GridMetrics measure(const FigureGrid& g) {
  GridMetrics m{};
  const bool dense = g.cols > 12;
  m.font = dense ? 11 : 14;
  m.advance = 0.6 * m.font;
  m.cell_w = std::max(2, g.width_chars) * m.advance + (dense ? 0.4 : 0.9) * m.font;
  for (const std::string& name : g.col_names) m.cell_w = std::max(m.cell_w, text_chars(name) * kHeaderAdvance + 6);
  m.cell_h = (dense ? 1.7 : 2.1) * m.font;
  int row_head = 0;
  if (!g.row_names.empty()) {
    for (const std::string& name : g.row_names) row_head = std::max(row_head, text_chars(name));
  } else if (g.rows > 1) {
    row_head = text_chars(std::to_string(g.rows - 1));
  }
  m.row_head_w = row_head ? row_head * kHeaderAdvance + 8 : 0;
  m.width =
      std::max(m.row_head_w + g.cols * m.cell_w, std::max(text_chars(g.caption), g.caption_chars) * kCaptionAdvance);
  m.height = kCaptionHeight + kHeaderHeight + g.rows * m.cell_h;
  return m;
}

struct ItemMetrics {
  double width = 0, height = 0;
};

ItemMetrics measure(const FigureItem& item) {
  ItemMetrics m;
  if (item.kind == FigureItem::Kind::panel) {
    for (size_t i = 0; i < item.grids.size(); ++i) {
      const GridMetrics g = measure(item.grids[i]);
      m.width = std::max(m.width, g.width);
      m.height += g.height + (i ? kStackGap : 0);
    }
  } else if (item.kind == FigureItem::Kind::arrow) {
    m.width = std::max(34.0, text_chars(item.label) * kHeaderAdvance * 1.1 + 8);
    m.height = 40;
  } else {
    m.width = 18;
    m.height = 24;
  }
  return m;
}

double gap_before(const std::vector<FigureItem>& row, size_t i) {
  if (i == 0) return 0;
  const bool small = row[i].kind != FigureItem::Kind::panel || row[i - 1].kind != FigureItem::Kind::panel;
  return small ? kSignGap : kPanelGap;
}

// Words of `text` in lines of at most `width` pixels at `advance` per character; breaks only at
// spaces (a sum breaks before its " + ").
std::vector<std::string> wrap(const std::string& text, double width, double advance) {
  const auto max_chars = static_cast<int>(std::max(8.0, std::floor(width / advance)));
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && text_chars(line) + 1 + text_chars(word) > max_chars) {
      lines.push_back(line);
      line = word;
    } else {
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

class Writer {
 public:
  Writer(const FigurePalette& palette) : p_(palette), ids_(palette_id(palette)) {}

  void grid(const FigureGrid& g, double x0, double y0) {
    const GridMetrics m = measure(g);
    out_ += "<g class=\"grid\" data-grid=\"" + escape(g.key) + "\" data-rows=\"" + std::to_string(g.rows) +
            "\" data-cols=\"" + std::to_string(g.cols) + "\" transform=\"translate(" + num(x0) + " " + num(y0) + ")\">";
    out_ += "<text class=\"caption\" x=\"0\" y=\"14\" text-anchor=\"start\" font-family=\"" + escape(p_font()) +
            "\" font-size=\"" + num(kCaptionFont) + "\" font-weight=\"600\">" + escape(g.caption) + "</text>";
    const double top = kCaptionHeight + kHeaderHeight;
    const double left = m.row_head_w;
    // Column and row headers, as the table's <th>.
    out_ += "<g font-family=\"" + escape(p_font()) + "\" font-size=\"" + num(kHeaderFont) + "\"" + fill(paints_.muted) +
            ">";
    for (int c = 0; c < g.cols; ++c) {
      const std::string name = g.col_names.empty() ? std::to_string(c) : g.col_names[static_cast<size_t>(c)];
      out_ +=
          "<text x=\"" + num(left + (c + 0.5) * m.cell_w) + "\" y=\"" + num(top - 4) + "\">" + escape(name) + "</text>";
    }
    const bool row_heads = !g.row_names.empty() || g.rows > 1;
    if (row_heads)
      for (int r = 0; r < g.rows; ++r) {
        const std::string name = g.row_names.empty() ? std::to_string(r) : g.row_names[static_cast<size_t>(r)];
        out_ += "<text x=\"" + num(left - 5) + "\" y=\"" + num(top + (r + 0.5) * m.cell_h + 3.5) +
                "\" text-anchor=\"end\">" + escape(name) + "</text>";
      }
    out_ += "</g>";
    // Cells: the box, its marks, its number.
    out_ += "<g font-size=\"" + num(m.font) + "\"" + fill(paints_.line, "stroke") + " stroke-width=\"1\">";
    for (int r = 0; r < g.rows; ++r)
      for (int c = 0; c < g.cols; ++c)
        cell(g.cells[static_cast<size_t>(r * g.cols + c)], m, left + c * m.cell_w, top + r * m.cell_h);
    out_ += "</g>";
    for (const CellBox& box : g.boxes) {
      const double x = left + box.left * m.cell_w + 2;
      const double y = top + box.top * m.cell_h + 2;
      out_ += "<rect class=\"window\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
              num((box.right - box.left + 1) * m.cell_w - 4) + "\" height=\"" +
              num((box.bottom - box.top + 1) * m.cell_h - 4) + "\" fill=\"none\"" + fill(paints_.win, "stroke") +
              " stroke-width=\"4\"/>";
    }
    out_ += "</g>";
  }

  // One cell as viz.css paints it: a tint, a corner sign for a tap (top right) and for a sum of
  // several copies (bottom left), a ring for the current element, a hatched band along the bottom
  // for cut and padding cells, a ring and dashes for output_padding, a bar under an input value of
  // the padded input. No mark crosses the digits, except output_padding's dashes in narrow cells.
  void cell(const FigureCell& cell, const GridMetrics& m, double x, double y) {
    const bool hatched = cell.marks & (mark_cut | mark_padding);
    const Paint& background = cell.marks & (mark_tap | mark_cur) ? paints_.tap_tint
                              : hatched                          ? paints_.cut_tint
                                                                 : paints_.cell;
    const auto rect = [&](double inset, const std::string& paint) {
      out_ += "<rect x=\"" + num(x + inset) + "\" y=\"" + num(y + inset) + "\" width=\"" + num(m.cell_w - 2 * inset) +
              "\" height=\"" + num(m.cell_h - 2 * inset) + "\"" + paint + "/>";
    };
    rect(0, fill(background));
    if (hatched) {
      const double band = 0.45 * m.font;
      out_ += "<rect x=\"" + num(x + 0.5) + "\" y=\"" + num(y + m.cell_h - band) + "\" width=\"" + num(m.cell_w - 1) +
              "\" height=\"" + num(band - 0.5) + "\" fill=\"url(#" + ids_ + "-h)\" stroke=\"none\"/>";
    }
    // A corner: the part of the cell within 0.55em of it, along the diagonal.
    const double leg = 0.55 * m.font * 1.41421356;
    if (cell.marks & mark_tap)
      out_ += "<path d=\"M" + num(x + m.cell_w - leg) + " " + num(y) + "H" + num(x + m.cell_w) + "V" + num(y + leg) +
              "Z\"" + fill(paints_.tap) + " stroke=\"none\"/>";
    if (cell.marks & mark_multi)
      out_ += "<path d=\"M" + num(x) + " " + num(y + m.cell_h - leg) + "V" + num(y + m.cell_h) + "H" + num(x + leg) +
              "Z\"" + fill(paints_.multi) + " stroke=\"none\"/>";
    if (cell.marks & mark_value)
      out_ += "<rect x=\"" + num(x + 0.5) + "\" y=\"" + num(y + m.cell_h - 3.5) + "\" width=\"" + num(m.cell_w - 1) +
              "\" height=\"3\"" + fill(paints_.fg) + " stroke=\"none\"/>";
    if (cell.marks & mark_cur) rect(1.5, " fill=\"none\"" + fill(paints_.cur, "stroke") + " stroke-width=\"3\"");
    if (cell.marks & mark_op) {
      rect(3, " fill=\"none\"" + fill(paints_.op, "stroke") + " stroke-width=\"2\"");
      rect(7, " fill=\"none\"" + fill(paints_.op, "stroke") + " stroke-width=\"2\" stroke-dasharray=\"4 3\"");
    }
    if (!cell.value) return;
    const bool muted = cell.marks & (mark_muted | mark_cut | mark_padding);
    const bool bold = cell.marks & (mark_value | mark_cur);
    out_ += "<text class=\"v\" x=\"" + num(x + m.cell_w / 2) + "\" y=\"" + num(y + m.cell_h / 2 + m.font * 0.35) +
            "\" stroke=\"none\"" + (muted ? fill(paints_.muted) : "") + (bold ? " font-weight=\"700\"" : "") + ">" +
            escape(display_number(*cell.value)) + "</text>";
  }

  void text_line(const std::string& text, double x, double y, bool mono, const Paint& paint, const char* cls) {
    out_ += "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"start\"" +
            (mono ? " font-size=\"" + num(kNoteMonoFont) + "\""
                  : " font-family=\"" + escape(p_font()) + "\" font-size=\"" + num(kTextFont) + "\"") +
            fill(paint) + ">" + escape(text) + "</text>";
  }

  void arrow(const FigureItem& item, double x, double y, double width, double height) {
    const double cx = x + width / 2;
    const double cy = y + height / 2;
    out_ += "<g class=\"arrow\"" + fill(paints_.muted) + ">";
    if (!item.label.empty())
      out_ += "<text x=\"" + num(cx) + "\" y=\"" + num(cy - 12) + "\" font-family=\"" + escape(p_font()) +
              "\" font-size=\"" + num(kHeaderFont + 1) + "\">" + escape(item.label) + "</text>";
    out_ += "<text x=\"" + num(cx) + "\" y=\"" + num(cy + 8) + "\" font-family=\"" + escape(p_font()) +
            "\" font-size=\"22\">" + escape(item.text) + "</text></g>";
  }

  void sign(const FigureItem& item, double x, double y, double width, double height) {
    out_ += "<text class=\"sign\" x=\"" + num(x + width / 2) + "\" y=\"" + num(y + height / 2 + 7) +
            "\" font-size=\"20\">" + escape(item.text) + "</text>";
  }

  std::string& out() { return out_; }
  const Paints& paints() const { return paints_; }
  const std::string& ids() const { return ids_; }
  std::string p_font() const { return p_.font; }

 private:
  const FigurePalette& p_;
  Paints paints_{p_};
  std::string ids_;
  std::string out_;
};

}  // namespace

int display_width(double value) { return text_chars(display_number(value)); }
int text_width(std::string_view text) { return text_chars(text); }

std::int64_t picture_cells(const Picture& picture) {
  std::int64_t cells = 0;
  for (const std::vector<FigureItem>& row : picture.rows)
    for (const FigureItem& item : row)
      for (const FigureGrid& grid : item.grids) cells += std::int64_t{grid.rows} * grid.cols;
  return cells;
}

Result<bool> check_palette(const FigurePalette& p) {
  const std::pair<const char*, const std::string*> colours[] = {{"bg", &p.bg},
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
                                                                {"cut_tint", &p.cut_tint}};
  for (const auto& [name, value] : colours)
    if (!parse_paint(*value))
      return Error{std::string("palette.") + name + " must be a plain CSS colour (#rrggbb, rgb(...), a name), got " +
                       std::string(value->substr(0, 40)),
                   "palette"};
  for (const auto& [name, value] : {std::pair{"font", &p.font}, std::pair{"mono", &p.mono}})
    if (!plain_font(*value))
      return Error{
          std::string("palette.") + name + " must be a list of font families, got " + std::string(value->substr(0, 40)),
          "palette"};
  return true;
}

std::string render_svg(const Picture& picture, const FigurePalette& palette) {
  Writer w(palette);
  // Rows of items: widths and heights first.
  std::vector<double> row_widths, row_heights;
  double content_w = 0;
  for (const std::vector<FigureItem>& row : picture.rows) {
    double width = 0, height = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      const ItemMetrics m = measure(row[i]);
      width += gap_before(row, i) + m.width;
      height = std::max(height, m.height);
    }
    row_widths.push_back(width);
    row_heights.push_back(height);
    content_w = std::max(content_w, width);
  }
  const double text_w = std::max(content_w, kMinTextWidth);
  const std::vector<std::string> heading = wrap(picture.heading, text_w, kTextAdvance);
  const auto wrap_notes = [&](const std::vector<std::string>& texts) {
    std::vector<std::vector<std::string>> lines;
    for (size_t i = 0; i < texts.size(); ++i) {
      const bool mono = picture.mono_notes && i == 0;
      lines.push_back(wrap(texts[i], text_w, mono ? 0.6 * kNoteMonoFont : kTextAdvance));
    }
    return lines;
  };
  const auto count_lines = [](const std::vector<std::vector<std::string>>& lines) {
    int count = 0;
    for (const std::vector<std::string>& note : lines) count += static_cast<int>(std::max<size_t>(note.size(), 1));
    return count;
  };
  const std::vector<std::vector<std::string>> notes = wrap_notes(picture.notes);
  int note_lines = std::max(count_lines(notes), picture.note_lines);
  for (const std::vector<std::string>& variant : picture.note_variants)
    note_lines = std::max(note_lines, count_lines(wrap_notes(variant)));
  int heading_lines = std::max(1, static_cast<int>(heading.size()));
  for (const std::string& variant : picture.heading_variants)
    heading_lines = std::max(heading_lines, static_cast<int>(wrap(variant, text_w, kTextAdvance).size()));

  double height = kMargin + heading_lines * kLineHeight + 6;
  for (size_t r = 0; r < row_heights.size(); ++r) height += (r ? kRowGap : 0) + row_heights[r];
  height += note_lines ? 10 + note_lines * kLineHeight : 0;
  height += kMargin;
  const double width = text_w + 2 * kMargin;

  const Paints& paints = w.paints();
  std::string& out = w.out();
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(std::ceil(width)) + "\" height=\"" +
         num(std::ceil(height)) + "\" viewBox=\"0 0 " + num(std::ceil(width)) + " " + num(std::ceil(height)) +
         "\" role=\"img\" aria-labelledby=\"" + w.ids() + "-title " + w.ids() + "-desc\">";
  out += "<title id=\"" + w.ids() + "-title\">" + escape(picture.title) + "</title>";
  out += "<desc id=\"" + w.ids() + "-desc\">" + escape(picture.desc) + "</desc>";
  // The hatching of cut and padding cells: c-cut stripes 2px wide every 5px, at 135 degrees (viz.css).
  out +=
      "<defs><pattern id=\"" + w.ids() +
      "-h\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"5\" "
      "height=\"5\"" +
      fill(paints.cut_tint) + "/><rect width=\"2\" height=\"5\"" + fill(paints.cut) + "/></pattern></defs>";
  out += "<rect class=\"background\" width=\"100%\" height=\"100%\"" + fill(paints.bg) + "/>";
  out += "<g font-family=\"" + escape(palette.mono) + "\" text-anchor=\"middle\"" + fill(paints.fg) + ">";

  double y = kMargin;
  for (size_t i = 0; i < heading.size(); ++i)
    w.text_line(heading[i], kMargin, y + 14 + static_cast<double>(i) * kLineHeight, false, paints.fg, "heading");
  y += heading_lines * kLineHeight + 6;
  for (size_t r = 0; r < picture.rows.size(); ++r) {
    const std::vector<FigureItem>& row = picture.rows[r];
    y += r ? kRowGap : 0;
    double x = kMargin;
    for (size_t i = 0; i < row.size(); ++i) {
      x += gap_before(row, i);
      const FigureItem& item = row[i];
      const ItemMetrics m = measure(item);
      if (item.kind == FigureItem::Kind::panel && !item.reserved) {
        double gy = y;
        for (const FigureGrid& grid : item.grids) {
          w.grid(grid, x, gy);
          gy += measure(grid).height + kStackGap;
        }
      } else if (item.kind == FigureItem::Kind::arrow) {
        w.arrow(item, x, y, m.width, row_heights[r]);
      } else if (item.kind == FigureItem::Kind::sign) {
        w.sign(item, x, y, m.width, row_heights[r]);
      }
      x += m.width;
    }
    y += row_heights[r];
  }
  if (note_lines) {
    y += 10;
    int line = 0;
    for (size_t i = 0; i < notes.size(); ++i) {
      for (const std::string& text : notes[i]) {
        const bool mono = picture.mono_notes && i == 0;
        w.text_line(text, kMargin, y + 14 + line * kLineHeight, mono, mono ? paints.fg : paints.muted,
                    mono ? "sum" : "note");
        ++line;
      }
      if (notes[i].empty()) ++line;  // an empty note keeps its line (the sum's, before any cell is computed)
    }
  }
  out += "</g></svg>\n";
  return std::move(out);
}

}  // namespace tconv::detail
