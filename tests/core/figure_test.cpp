// The figure renderer (tconv/figure.hpp): the page's number display, every state of every view
// holding the session's numbers in the page's grid order, one size for all states of a view, the
// palettes equal to viz.css, and its errors.

#include "tconv/figure.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tconv {
namespace {

TEST(DisplayNumber, WritesJavaScriptsShortestTextWhenItFitsSevenCharacters) {
  EXPECT_EQ(display_number(2), "2");
  EXPECT_EQ(display_number(-3), "-3");
  EXPECT_EQ(display_number(0.1), "0.1");
  EXPECT_EQ(display_number(-0.0), "0");  // String(-0) is "0"
  EXPECT_EQ(display_number(1e-7), "1e-7");
  EXPECT_EQ(display_number(0.00001), "0.00001");
  EXPECT_EQ(display_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(display_number(1e21), "1e+21");
  EXPECT_EQ(display_number(1234567), "1234567");
  EXPECT_EQ(display_number(-123456), "-123456");
  EXPECT_EQ(display_number(1500), "1500");
}

TEST(DisplayNumber, RoundsLongerNumbersToFourSignificantDigitsMarkedApprox) {
  EXPECT_EQ(display_number(0.1 + 0.2),
            "\xE2\x89\x88"
            "0.3");
  EXPECT_EQ(display_number(1.0 / 3),
            "\xE2\x89\x88"
            "0.3333");
  EXPECT_EQ(display_number(-1234567), "\xE2\x89\x88-1235000");
  EXPECT_EQ(display_number(123456789),
            "\xE2\x89\x88"
            "123500000");
  EXPECT_EQ(display_number(1e22), "1e+22");
  EXPECT_EQ(display_number(0.000001),
            "\xE2\x89\x88"
            "0.000001");
  EXPECT_EQ(display_number(1.2345678e22),
            "\xE2\x89\x88"
            "1.235e+22");
  EXPECT_EQ(display_number(1.23456e-9),
            "\xE2\x89\x88"
            "1.235e-9");
  // Exact ties go to the larger magnitude, as toPrecision does (not to even).
  EXPECT_EQ(display_number(10015000),
            "\xE2\x89\x88"
            "10020000");
  EXPECT_EQ(display_number(10025000),
            "\xE2\x89\x88"
            "10030000");
  EXPECT_EQ(display_number(-10025000), "\xE2\x89\x88-10030000");
  EXPECT_EQ(display_number(99995000),
            "\xE2\x89\x88"
            "100000000");
}

std::string figure(std::string_view spec_json, FigureView view, int step, FigurePalette palette = {}) {
  const TraceSession session(test::parse_ok(spec_json));
  FigureOptions options;
  options.view = view;
  options.step = step;
  options.palette = std::move(palette);
  Result<std::string> svg = figure_svg(session, options);
  if (!svg.ok()) throw std::runtime_error(svg.error().message);
  return std::move(svg).value();
}

// The grid with data-grid="key" (the n-th of that key): its value texts in document order.
std::vector<std::string> grid_texts(const std::string& svg, const std::string& key, int nth = 0) {
  size_t at = 0;
  for (int i = 0; i <= nth; ++i) {
    at = svg.find("data-grid=\"" + key + "\"", at + (i ? 1 : 0));
    if (at == std::string::npos) return {};
  }
  // A grid's group holds no nested grid: it ends at the next one, or at the end of the figure.
  size_t end = svg.find("class=\"grid\"", at);
  const std::string part = svg.substr(at, end == std::string::npos ? std::string::npos : end - at);
  std::vector<std::string> texts;
  static const std::regex value(R"(<text class="v"[^>]*>([^<]*)</text>)");
  for (std::sregex_iterator it(part.begin(), part.end(), value), last; it != last; ++it) texts.push_back((*it)[1]);
  return texts;
}

std::vector<std::string> shown(const std::vector<double>& values, size_t first = 0, size_t count = SIZE_MAX) {
  std::vector<std::string> texts;
  for (size_t i = first; i < values.size() && i < first + count; ++i) texts.push_back(display_number(values[i]));
  return texts;
}

std::pair<std::string, std::string> size_of(const std::string& svg) {
  static const std::regex size(
      R"re(<svg [^>]*width="([0-9.]+)" height="([0-9.]+)" viewBox="0 0 ([0-9.]+) ([0-9.]+)")re");
  std::smatch m;
  if (!std::regex_search(svg, m, size)) return {"", ""};
  EXPECT_EQ(m[1], m[3]);
  EXPECT_EQ(m[2], m[4]);
  return {m[1], m[2]};
}

TEST(FigureScatter, EveryStateHoldsTheSessionsNumbersInTheGridsOrder) {
  const std::string with_bias =
      R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,0.5],[2,-1]],"stride":2,"bias":[0.25]})";
  for (const std::string_view json : {test::seed_2d, std::string_view(with_bias)}) {
    const Spec spec = test::parse_ok(json);
    const TraceSession session(spec);
    const int n = session.step_count();
    // The page's states (web/steps.js): the carve is the last one without a bias, then the bias.
    ASSERT_EQ(figure_state_count(session, FigureView::scatter), spec.bias.empty() ? n + 2 : n + 3);
    for (int s = 0; s < figure_state_count(session, FigureView::scatter); ++s) {
      const std::string svg = figure(json, FigureView::scatter, s);
      EXPECT_EQ(grid_texts(svg, "in"), shown(spec.input)) << s;
      EXPECT_EQ(grid_texts(svg, "kern"), shown(spec.weight)) << s;
      const Tensor buffer = s == 0   ? session.buffer_after(0).value()
                            : s <= n ? session.step(s - 1).value().buffer
                                     : session.final_buffer();
      EXPECT_EQ(grid_texts(svg, "buf"), shown(buffer.values)) << s;
      if (s >= 1 && s <= n) {
        EXPECT_EQ(grid_texts(svg, "copy"), shown(session.step(s - 1).value().step.products.values)) << s;
      } else {
        EXPECT_EQ(svg.find("data-grid=\"copy\""), std::string::npos) << "no empty copy at state " << s;
      }
      const std::vector<std::string> out = grid_texts(svg, "out");
      if (s <= n) {
        EXPECT_TRUE(out.empty()) << s;
      } else {
        EXPECT_EQ(out, shown(s == n + 1 ? session.carved().values : session.output().values)) << s;
      }
    }
  }
}

TEST(FigureScatter, CaptionsSayWhatTheNumbersAre) {
  const std::string one = figure(test::seed_1d, FigureView::scatter, 2);
  // The page's captions (web/scatter-view.js).
  for (const char* caption : {">Input: 2 cells<", ">Kernel: 3 taps \xC2\xB7 not flipped<", ">3 \xC3\x97 kernel<",
                              ">Intermediate output: 5 cells \xC2\xB7 before the carve<", ">Output: 5 cells<"})
    EXPECT_NE(one.find(caption), std::string::npos) << caption;
  const std::string two = figure(test::seed_2d, FigureView::scatter, 1);
  EXPECT_NE(two.find(">Input: 2 \xC3\x97 2<"), std::string::npos);
  EXPECT_NE(two.find(">Kernel: 3 \xC3\x97 3 \xC2\xB7 not flipped<"), std::string::npos);
}

TEST(FigureScatter, TitleAndDescriptionSayTheStepInWords) {
  const std::string svg = figure(test::seed_2d, FigureView::scatter, 4);
  EXPECT_NE(svg.find("<title id=\""), std::string::npos);
  EXPECT_NE(svg.find("step 4 of 4"), std::string::npos);
  EXPECT_NE(svg.find("Step 4 of 4: input[1][1] = 4. Add 4 \xC3\x97 kernel at rows 2\xE2\x80\x93"
                     "4, columns 2\xE2\x80\x93"
                     "4"),
            std::string::npos);
}

TEST(FigureScatter, TheCarveMarksCutAndOutputPaddingCells) {
  const std::string spec = R"({"dims":1,"input":[1,2],"kernel":[1,1,1],"stride":2,"padding":1,"output_padding":1})";
  const std::string svg = figure(spec, FigureView::scatter, 3);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos) << "output_padding outline";
  EXPECT_NE(svg.find("-h)\""), std::string::npos) << "a cut cell has a hatched band";
  EXPECT_NE(svg.find(" \xC2\xB7 the carve<"), std::string::npos);
  EXPECT_NE(svg.find("class=\"window\""), std::string::npos) << "the kept region";
}

TEST(Figure, EveryStateOfAViewHasOneSize) {
  for (std::string_view spec :
       {test::seed_1d, test::seed_2d,
        std::string_view(
            R"({"dims":2,"input":[[0.1,2],[3,-4.25]],"kernel":[[1,0.3],[2,1]],"stride":[2,1],"bias":[0.5]})")}) {
    const TraceSession session(test::parse_ok(spec));
    for (FigureView view : {FigureView::scatter, FigureView::gather, FigureView::matrix}) {
      const auto first = size_of(figure(spec, view, 0));
      EXPECT_FALSE(first.first.empty());
      for (std::int64_t s = 1; s < figure_state_count(session, view); ++s)
        EXPECT_EQ(size_of(figure(spec, view, static_cast<int>(s))), first)
            << spec << " " << figure_view_name(view) << " " << s;
    }
  }
}

TEST(FigureGather, EachOutputCellIsWrittenAsItsSum) {
  const TraceSession session(test::parse_ok(test::seed_2d));
  // out[1][1] is output cell 5 (row-major): the window at [1][1] of the padded input.
  const std::string svg = figure(test::seed_2d, FigureView::gather, 5);
  EXPECT_NE(svg.find(">out[1][1] = 1\xC2\xB7(\xE2\x88\x92"
                     "1) + 0\xC2\xB7(\xE2\x88\x92"
                     "1) + 2\xC2\xB7(\xE2\x88\x92"
                     "1) + 0\xC2\xB7"
                     "0"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("= 4</text>"), std::string::npos);
  EXPECT_EQ(grid_texts(svg, "padded"), shown(session.gather().value().padded_input.values));
  EXPECT_EQ(grid_texts(svg, "rot"), shown(session.gather().value().rotated_kernel.values));
  EXPECT_EQ(grid_texts(svg, "out"), shown(session.output().values, 0, 5)) << "cells 0..4 computed";
  EXPECT_NE(svg.find(">rotate 180\xC2\xB0<"), std::string::npos);
}

TEST(FigureGather, TheBiasIsPartOfTheSum) {
  const std::string spec = R"({"dims":1,"input":[2,3],"kernel":[1,2,3],"stride":2,"bias":[0.5]})";
  const std::string svg = figure(spec, FigureView::gather, 3);
  EXPECT_NE(svg.find(" + 0.5 (bias) = 9.5</text>"), std::string::npos) << svg;
}

TEST(FigureGather, ATooLargeGatherViewDrawsTheWindowsTapsWithANote) {
  // 64 channels of 32 x 32 at stride 4: a 3 x 3 kernel: the padded input is 64 x 129 x 129 cells, over 2^20.
  std::string input = "[";
  for (int c = 0; c < 64; ++c) {
    input += c ? ",[" : "[";
    for (int r = 0; r < 32; ++r)
      input += std::string(r ? "," : "") + "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
    input += "]";
  }
  input += "]";
  std::string weight = "[";
  for (int c = 0; c < 64; ++c) weight += std::string(c ? "," : "") + "[[[1,2,3],[4,5,6],[7,8,9]]]";
  weight += "]";
  const std::string spec = R"({"dims":2,"input":)" + input + R"(,"weight":)" + weight + R"(,"stride":4})";
  const TraceSession session(test::parse_ok(spec));
  ASSERT_FALSE(session.gather().ok());
  const std::string svg = figure(spec, FigureView::gather, 1);
  EXPECT_NE(svg.find("data-grid=\"window\""), std::string::npos);
  EXPECT_EQ(svg.find("data-grid=\"padded\""), std::string::npos);
  EXPECT_NE(svg.find("too large to draw"), std::string::npos);
}

TEST(FigureMatrix, ColumnsLightUpOneByOneAndYGrows) {
  const TraceSession session(test::parse_ok(test::seed_2d));
  const std::string svg = figure(test::seed_2d, FigureView::matrix, 2);
  EXPECT_EQ(grid_texts(svg, "ct"), shown(session.matrix().value().values));
  EXPECT_EQ(grid_texts(svg, "x"), shown(session.spec().input));
  EXPECT_EQ(grid_texts(svg, "y"), shown(carve(session.spec(), session.step(1).value().buffer).values));
  EXPECT_NE(svg.find(">x[0][1]<"), std::string::npos);
  EXPECT_NE(svg.find(">y[2][2]<"), std::string::npos);
  EXPECT_TRUE(grid_texts(figure(test::seed_2d, FigureView::matrix, 0), "y").empty());
  EXPECT_EQ(grid_texts(figure(test::seed_2d, FigureView::matrix, figure_end), "y"), shown(session.output().values));
}

TEST(FigureMatrix, ALargeMatrixDrawsTheCurrentColumnOnly) {
  const std::string spec =
      R"({"dims":1,"input":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40],"kernel":[1,2,3],"stride":2})";
  const TraceSession session(test::parse_ok(spec));
  ASSERT_GT(session.matrix_shape()[0] * session.matrix_shape()[1], max_figure_matrix_cells);
  const std::string svg = figure(spec, FigureView::matrix, 3);
  EXPECT_EQ(svg.find("data-grid=\"ct\""), std::string::npos);
  EXPECT_EQ(grid_texts(svg, "column"), shown(session.matrix_column(2).value()));
  EXPECT_NE(svg.find("81 \xC3\x97 40 (3240 cells)"), std::string::npos);
}

TEST(Figure, StepsViewsAndColoursOutOfRangeAreErrorsNamingTheField) {
  const TraceSession session(test::parse_ok(test::seed_2d));
  FigureOptions options;
  options.step = 6;
  Result<std::string> svg = figure_svg(session, options);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().field, "step");
  EXPECT_EQ(svg.error().valid.max, 5);
  EXPECT_EQ(figure_step_named(session, FigureView::gather, "end").value(), figure_end);
  EXPECT_EQ(figure_step_named(session, FigureView::gather, "10").value(), 10);
  EXPECT_EQ(figure_step_named(session, FigureView::gather, "11").error().field, "step");
  EXPECT_EQ(figure_step_named(session, FigureView::gather, "-1").error().field, "step");
  EXPECT_EQ(figure_view_named("lines").error().field, "view");
  EXPECT_EQ(figure_view_named("lines").error().valid.values.size(), 3u);
  for (const char* colour : {"red\"/><script>", "url(#x)", "", "#12345"}) {
    options = {};
    options.palette.win = colour;
    svg = figure_svg(session, options);
    ASSERT_FALSE(svg.ok()) << colour;
    EXPECT_EQ(svg.error().field, "palette") << colour;
  }
  options = {};
  options.palette.win = "rebeccapurple";
  options.palette.multi = "rgba(10, 20, 30, 0.5)";
  svg = figure_svg(session, options);
  ASSERT_TRUE(svg.ok());
  EXPECT_NE(svg.value().find("\"rebeccapurple\""), std::string::npos);
  EXPECT_NE(svg.value().find("fill=\"#0a141e\" fill-opacity=\"0.5\""), std::string::npos);
}

TEST(Figure, NothingRefersOutsideTheFigure) {
  for (FigureView view : {FigureView::scatter, FigureView::gather, FigureView::matrix}) {
    const std::string svg = figure(test::seed_2d, view, 2);
    EXPECT_EQ(svg.find("href"), std::string::npos);
    EXPECT_EQ(svg.find("<image"), std::string::npos);
    EXPECT_EQ(svg.find("<style"), std::string::npos);
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(svg.ends_with("</svg>\n"));
    static const std::regex url(R"(url\(([^)]*)\))");
    for (std::sregex_iterator it(svg.begin(), svg.end(), url), last; it != last; ++it)
      EXPECT_EQ((*it)[1].str().substr(0, 7), "#tconv-") << "only the figure's own patterns";
  }
}

// --- Palettes. That their values are viz.css's themes is checked in Chromium, which resolves
// viz.css's colour mixes (tests/authors/palette.test.mjs).

TEST(FigurePalette, TheDefaultIsTheLightThemeAndBothAreAccepted) {
  const FigurePalette light = light_palette();
  const FigurePalette defaults;
  EXPECT_EQ(light.fg, defaults.fg);
  EXPECT_EQ(light.win, defaults.win);
  const TraceSession session(test::parse_ok(test::seed_2d));
  for (const FigurePalette& palette : {light_palette(), dark_palette()}) {
    FigureOptions options;
    options.palette = palette;
    const Result<std::string> svg = figure_svg(session, options);
    ASSERT_TRUE(svg.ok()) << svg.error().message;
    EXPECT_NE(svg.value().find("fill=\"" + palette.bg + "\""), std::string::npos);
  }
}

TEST(FigurePalette, ComputedStyleColoursBecomeHex) {
  // What getComputedStyle returns for viz.css's color-mix(in oklab, ...), and color(srgb ...).
  const TraceSession session(test::parse_ok(test::seed_2d));
  FigureOptions options;
  options.palette.bg = "oklab(0.708942 -0.000622173 -0.00397611)";  // #a0a1a4
  options.palette.fg = "color(srgb 1 0.5 0 / 0.5)";
  options.palette.cell = "oklab(1 0 0)";
  const std::string svg = figure_svg(session, options).value();
  EXPECT_NE(svg.find("fill=\"#a0a1a4\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#ff8000\" fill-opacity=\"0.5\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#ffffff\""), std::string::npos);
}

}  // namespace
}  // namespace tconv
