// The session's provenance queries on every case of the PyTorch fixture and on random specs: each
// cell's products add up (in the core's order, from 0, then the bias) to its value bit for bit and
// to PyTorch's within 1e-9; the counts are finalContributions; reach and contributions are two
// readings of the same incidences; the gather window sums to the cell; C^T's entries, rows and
// columns equal the whole matrix.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "golden_fixture.hpp"
#include "index.hpp"
#include "test_support.hpp"

namespace tconv {
namespace {

std::vector<int> grid_shape(const TraceSession& session, Where where) {
  std::vector<int> shape{session.spec().out_channels};
  for (const AxisGeometry& g : session.axes()) shape.push_back(where == Where::output ? g.output : g.buffer);
  return shape;
}

std::string cell_text(const Cell& cell) {
  std::string text = "[";
  for (size_t i = 0; i < cell.size(); ++i) text += (i ? "," : "") + std::to_string(cell[i]);
  return text + "]";
}

// Every invariant of the queries on one session; `expected` (PyTorch's output, flattened) when known.
void check_session(const TraceSession& session, const std::vector<double>* expected) {
  const Spec& spec = session.spec();
  // Contributions: the sum in order is the value, bit for bit; their number is the count.
  for (Where where : {Where::intermediate, Where::output}) {
    const std::vector<int> shape = grid_shape(session, where);
    const std::int64_t cells = element_count(shape);
    for (std::int64_t i = 0; i < cells; ++i) {
      const Cell cell = detail::unravel(i, shape);
      const std::vector<Contribution> terms = session.contributions(cell, where).value();
      double sum = 0;
      int previous_step = -1;
      for (const Contribution& c : terms) {
        sum += c.product;
        EXPECT_GT(c.step, previous_step) << "steps in the order the core adds them";
        previous_step = c.step;
        EXPECT_EQ(std::bit_cast<std::int64_t>(c.product), std::bit_cast<std::int64_t>(c.value * c.weight));
      }
      if (where == Where::output) sum += session.bias(cell[0]);
      const double value = session.value(cell, where).value();
      ASSERT_EQ(std::bit_cast<std::int64_t>(sum), std::bit_cast<std::int64_t>(value))
          << cell_text(cell) << (where == Where::output ? " output" : " intermediate");
      if (where == Where::intermediate) {
        EXPECT_EQ(static_cast<int>(terms.size()), session.final_contributions()[static_cast<size_t>(i)]);
      } else if (expected != nullptr) {
        const double torch = (*expected)[static_cast<size_t>(i)];
        EXPECT_LE(std::fabs(sum - torch), 1e-9 * std::max(1.0, std::fabs(torch))) << cell_text(cell);
      }
    }
  }
  // Reach and contributions agree: the output cells an input reaches are exactly those whose
  // contributions name it, as often as they do.
  std::map<std::pair<int, Cell>, int> from_contributions;  // (step, output cell) -> terms
  {
    const std::vector<int> shape = grid_shape(session, Where::output);
    for (std::int64_t i = 0; i < element_count(shape); ++i) {
      const Cell cell = detail::unravel(i, shape);
      for (const Contribution& c : session.contributions(cell, Where::output).value())
        ++from_contributions[{c.step, cell}];
    }
  }
  std::map<std::pair<int, Cell>, int> from_reach;
  std::vector<int> input_shape{spec.in_channels};
  input_shape.insert(input_shape.end(), spec.input_size.begin(), spec.input_size.end());
  for (int t = 0; t < session.step_count(); ++t) {
    const Reach reach = session.reach(detail::unravel(t, input_shape)).value();
    EXPECT_EQ(reach.intermediate.size(), static_cast<size_t>(spec.out_channels / spec.groups * kernel_area(spec)));
    for (const Cell& cell : reach.output) ++from_reach[{t, cell}];
  }
  EXPECT_EQ(from_reach, from_contributions);

  // A weight tap's uses are the contributions that name it: the same steps, products and cells.
  using Use = std::tuple<int, Cell, Cell>;  // step, tap, intermediate cell
  std::map<Use, double> by_cell;
  {
    const std::vector<int> shape = grid_shape(session, Where::intermediate);
    for (std::int64_t i = 0; i < element_count(shape); ++i) {
      const Cell cell = detail::unravel(i, shape);
      for (const Contribution& c : session.contributions(cell, Where::intermediate).value())
        by_cell[{c.step, c.tap, cell}] = c.product;
    }
  }
  std::map<Use, double> by_tap;
  std::map<std::pair<int, Cell>, int> from_uses;  // (step, output cell) -> uses kept by the carve
  std::vector<int> weight_shape{spec.in_channels, spec.out_channels / spec.groups};
  weight_shape.insert(weight_shape.end(), spec.kernel_size.begin(), spec.kernel_size.end());
  for (std::int64_t i = 0; i < element_count(weight_shape); ++i) {
    const Cell tap = detail::unravel(i, weight_shape);
    const std::vector<TapUse> uses = session.uses(tap).value();
    EXPECT_EQ(uses.size(), static_cast<size_t>(input_area(spec)));
    for (const TapUse& use : uses) {
      EXPECT_EQ(use.term.tap, tap);
      EXPECT_EQ(use.term.product, use.term.value * use.term.weight);
      by_tap[{use.term.step, tap, use.intermediate}] = use.term.product;
      if (!use.output.empty()) ++from_uses[{use.term.step, use.output}];
    }
  }
  EXPECT_EQ(by_tap, by_cell);
  EXPECT_EQ(from_uses, from_contributions);

  // The gather window sums (in its own order) to the carved value, and marks what it stands on.
  const std::vector<int> out_shape = grid_shape(session, Where::output);
  const Result<GatherView>& view = session.gather();
  for (std::int64_t i = 0; i < element_count(out_shape); ++i) {
    const Cell cell = detail::unravel(i, out_shape);
    const GatherWindow window = session.gather_window(cell).value();
    double sum = 0;
    for (const GatherTap& tap : window.taps) {
      sum += tap.product;
      if (tap.on != GatherOn::input) {
        EXPECT_EQ(tap.value, 0.0);
      }
      if (view.ok()) {
        const double padded = view.value().padded_input.values[static_cast<size_t>(
            detail::flat_index(tap.padded, view.value().padded_input.shape))];
        EXPECT_EQ(tap.value, padded) << cell_text(tap.padded);
        const double rotated = view.value().rotated_kernel.values[static_cast<size_t>(
            detail::flat_index(tap.kernel, view.value().rotated_kernel.shape))];
        EXPECT_EQ(tap.weight, rotated) << cell_text(tap.kernel);
      }
    }
    const double carved = session.carved().values[static_cast<size_t>(i)];
    EXPECT_LE(std::fabs(sum - carved), 1e-12 * std::max(1.0, std::fabs(carved))) << cell_text(cell);
  }

  // C^T: entries, rows and columns equal the whole matrix.
  const Result<Tensor>& matrix = session.matrix();
  if (matrix.ok()) {
    const std::vector<std::int64_t> shape = session.matrix_shape();
    for (std::int64_t r = 0; r < shape[0]; ++r) {
      const std::vector<double> row = session.matrix_row(r).value();
      for (std::int64_t c = 0; c < shape[1]; ++c) {
        const double whole = matrix.value().values[static_cast<size_t>(r * shape[1] + c)];
        EXPECT_EQ(row[static_cast<size_t>(c)], whole);
        EXPECT_EQ(session.matrix_entry(r, c).value(), whole);
      }
    }
    for (std::int64_t c = 0; c < shape[1]; ++c) {
      const std::vector<double> column = session.matrix_column(c).value();
      for (std::int64_t r = 0; r < shape[0]; ++r)
        EXPECT_EQ(column[static_cast<size_t>(r)], matrix.value().values[static_cast<size_t>(r * shape[1] + c)]);
    }
    // Parts of rows and columns: one output channel's rows of a column, one input channel's columns
    // of a row (the blocks of C^T), are those entries of the whole.
    const std::int64_t out_block = shape[0] / spec.out_channels;
    const std::int64_t in_block = shape[1] / spec.in_channels;
    for (std::int64_t c = 0; c < shape[1]; ++c)
      for (int co = 0; co < spec.out_channels; ++co) {
        const std::vector<double> part = session.matrix_column(c, {co * out_block, out_block}).value();
        ASSERT_EQ(part.size(), static_cast<size_t>(out_block));
        for (std::int64_t r = 0; r < out_block; ++r)
          EXPECT_EQ(part[static_cast<size_t>(r)], session.matrix_entry(co * out_block + r, c).value());
      }
    for (std::int64_t r = 0; r < shape[0]; ++r)
      for (int ci = 0; ci < spec.in_channels; ++ci) {
        const std::vector<double> part = session.matrix_row(r, {ci * in_block, in_block}).value();
        ASSERT_EQ(part.size(), static_cast<size_t>(in_block));
        for (std::int64_t c = 0; c < in_block; ++c)
          EXPECT_EQ(part[static_cast<size_t>(c)], session.matrix_entry(r, ci * in_block + c).value());
      }
  }
}

class ProvenanceOnTheFixture : public testing::TestWithParam<golden::CaseLine> {};

TEST_P(ProvenanceOnTheFixture, SumsCountsReachGatherAndMatrixAgree) {
  const golden::GoldenCase c = golden::read_case(GetParam());
  ASSERT_EQ(c.load_error, "");
  Result<Spec> spec = parse_spec(c.spec);
  ASSERT_TRUE(spec.ok()) << spec.error().message;
  const TraceSession session(std::move(spec).value());
  check_session(session, &c.output);
}

INSTANTIATE_TEST_SUITE_P(Fixture, ProvenanceOnTheFixture, testing::ValuesIn(golden::lines_where(false)),
                         golden::test_name);

TEST(Provenance, TheSeed1DNineIsSixPlusThree) {
  const TraceSession session(test::parse_ok(test::seed_1d));
  const std::vector<Contribution> terms = session.contributions({0, 2}, Where::output).value();
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].step, 0);
  EXPECT_EQ(terms[0].input, (Cell{0, 0}));
  EXPECT_EQ(terms[0].tap, (Cell{0, 0, 2}));
  EXPECT_EQ(terms[0].value, 2);
  EXPECT_EQ(terms[0].weight, 3);
  EXPECT_EQ(terms[0].product, 6);
  EXPECT_EQ(terms[1].step, 1);
  EXPECT_EQ(terms[1].input, (Cell{0, 1}));
  EXPECT_EQ(terms[1].tap, (Cell{0, 0, 0}));
  EXPECT_EQ(terms[1].product, 3);
  const Reach reach = session.reach({0, 1}).value();
  EXPECT_EQ(reach.intermediate, (std::vector<Cell>{{0, 2}, {0, 3}, {0, 4}}));
  EXPECT_EQ(reach.output, reach.intermediate);
}

TEST(Provenance, TheSeed2DCarveShiftsOutputCellsAndTheGatherWindowStandsOnZerosAndPadding) {
  const TraceSession session(test::parse_ok(test::seed_2d));
  // out[1][1] = buffer[2][2] = 1*(-1) + 2*(-1) + 3*1 + 4*1 = 4.
  const std::vector<Contribution> terms = session.contributions({0, 1, 1}, Where::output).value();
  ASSERT_EQ(terms.size(), 4u);
  double sum = 0;
  for (const Contribution& t : terms) sum += t.product;
  EXPECT_EQ(sum, 4);
  EXPECT_EQ(terms[0].tap, (Cell{0, 0, 2, 2}));
  EXPECT_EQ(terms[3].tap, (Cell{0, 0, 0, 0}));
  // The carve cut the intermediate cell [0, 0, 0]: it is reached, but in no output cell.
  const Reach reach = session.reach({0, 0, 0}).value();
  EXPECT_EQ(reach.intermediate.size(), 9u);
  EXPECT_EQ(reach.output, (std::vector<Cell>{{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 1}}));
  // The gather view pads by 1: output [0, 0, 0]'s window has its corner on padding, its centre on input 1.
  const GatherWindow window = session.gather_window({0, 0, 0}).value();
  ASSERT_EQ(window.taps.size(), 9u);
  EXPECT_EQ(window.origin, (std::vector<int>{0, 0}));
  EXPECT_EQ(window.taps[0].on, GatherOn::padding);
  EXPECT_EQ(window.taps[4].on, GatherOn::input);
  EXPECT_EQ(window.taps[4].input, (Cell{0, 0, 0}));
  EXPECT_EQ(window.taps[5].on, GatherOn::zero);
  EXPECT_EQ(window.taps[4].padded, (Cell{0, 1, 1}));
  EXPECT_EQ(window.taps[4].kernel, (Cell{0, 0, 1, 1}));
}

TEST(Provenance, OutputPaddingCellsHaveNoContributions) {
  const TraceSession session(
      test::parse_ok(R"({"dims":1,"input":[2,3],"kernel":[1,2,3],"stride":2,"output_padding":1,"bias":[0.5]})"));
  EXPECT_TRUE(session.contributions({0, 5}, Where::output).value().empty());
  EXPECT_EQ(session.value({0, 5}, Where::output).value(), 0.5);
}

// The visitors give the lists' items in the lists' order, and the lists' errors without a visit.
TEST(Provenance, TheVisitorsGiveTheListsItems) {
  const TraceSession session(test::parse_ok(
      R"({"dims":2,"input":[[[1,2],[3,4]],[[5,6],[7,8]]],"weight":[[[[1,2],[3,4]]],[[[5,6],[7,8]]]],"groups":2,
          "stride":1,"padding":1})"));
  std::vector<Contribution> visited;
  EXPECT_FALSE(
      session.visit_contributions({1, 0, 0}, Where::output, [&](const Contribution& c) { visited.push_back(c); }));
  const std::vector<Contribution> listed = session.contributions({1, 0, 0}, Where::output).value();
  ASSERT_EQ(visited.size(), 4u);
  ASSERT_EQ(visited.size(), listed.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(visited[i].step, listed[i].step);
    EXPECT_EQ(visited[i].input, listed[i].input);
    EXPECT_EQ(visited[i].tap, listed[i].tap);
    EXPECT_EQ(visited[i].product, listed[i].product);
  }
  std::vector<Cell> intermediate, output;
  EXPECT_FALSE(session.visit_reach({1, 1, 1}, [&](const Cell& cell, const Cell& out, bool kept) {
    intermediate.push_back(cell);
    if (kept) output.push_back(out);
  }));
  const Reach reach = session.reach({1, 1, 1}).value();
  EXPECT_EQ(intermediate, reach.intermediate);
  EXPECT_EQ(output, reach.output);
  EXPECT_EQ(intermediate, (std::vector<Cell>{{1, 1, 1}, {1, 1, 2}, {1, 2, 1}, {1, 2, 2}}));
  EXPECT_EQ(output, (std::vector<Cell>{{1, 0, 0}}));
  int visits = 0;
  EXPECT_EQ(session.visit_reach({2, 0, 0}, [&](const Cell&, const Cell&, bool) { ++visits; })->message,
            "input cell [2, 0, 0] is outside the input (2 x 2 x 2)");
  EXPECT_EQ(session.visit_contributions({0, 0}, Where::output, [&](const Contribution&) { ++visits; })->field, "cell");
  EXPECT_EQ(visits, 0);
}

TEST(Provenance, CellsOutsideTheGridAreErrorsNamingTheGrid) {
  const TraceSession session(test::parse_ok(test::seed_2d));
  EXPECT_EQ(session.contributions({0, 3, 0}, Where::output).error().message,
            "output cell [0, 3, 0] is outside the output (1 x 3 x 3)");
  EXPECT_EQ(session.contributions({0, 4, 4}, Where::intermediate).value().size(), 1u);
  EXPECT_EQ(session.contributions({1, 0, 0}, Where::output).error().field, "cell");
  EXPECT_EQ(session.reach({0, 0}).error().message, "an input cell is [channel, row, column] (3 numbers), got 2");
  EXPECT_EQ(session.uses({0, 0, 3, 0}).error().message,
            "weight cell [0, 0, 3, 0] is outside the weight (1 x 1 x 3 x 3)");
  EXPECT_EQ(session.uses({0, 0, 0}).error().message,
            "a weight tap is [input channel, output channel in its group, row, column] (4 numbers), got 3");
  EXPECT_EQ(session.gather_window({0, -1, 0}).error().axis, 0);
  EXPECT_EQ(session.matrix_entry(9, 0).error().message, "row 9 is outside C^T (rows 0 to 8)");
  EXPECT_EQ(session.matrix_column(4).error().message, "column 4 is outside C^T (columns 0 to 3)");
  EXPECT_EQ(session.matrix_column(4, {0, 1}).error().message, "column 4 is outside C^T (columns 0 to 3)");
  EXPECT_EQ(session.matrix_column(0, {9, 1}).error().message, "rows from 9 start outside C^T (rows 0 to 8)");
  EXPECT_EQ(session.matrix_column(0, {7, 3}).error().message,
            "3 rows from 7 do not fit in C^T (rows 0 to 8): 1 to 2 of them");
  EXPECT_EQ(session.matrix_row(0, {0, 0}).error().field, "columns");
}

// Random specs with channels and groups, beyond the fixture's shapes.
TEST(Provenance, RandomSpecsWithChannelsAndGroups) {
  std::mt19937 rng(7);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int checked = 0;
  while (checked < 60) {
    Spec spec;
    spec.dims = pick(1, 2);
    spec.groups = pick(1, 3);
    spec.in_channels = spec.groups * pick(1, 2);
    spec.out_channels = spec.groups * pick(1, 2);
    for (int a = 0; a < spec.dims; ++a) {
      spec.input_size.push_back(pick(1, 4));
      spec.kernel_size.push_back(pick(1, 3));
      AxisParams p;
      p.stride = pick(1, 3);
      p.dilation = pick(1, 2);
      p.padding = pick(0, 3);
      p.output_padding = pick(0, std::max(p.stride, p.dilation) - 1);
      spec.axes.push_back(p);
    }
    std::uniform_real_distribution<double> real(-2, 2);
    for (std::int64_t i = 0; i < spec.in_channels * input_area(spec); ++i) spec.input.push_back(real(rng));
    for (std::int64_t i = 0; i < spec.in_channels * (spec.out_channels / spec.groups) * kernel_area(spec); ++i)
      spec.weight.push_back(real(rng));
    if (pick(0, 1)) spec.bias.assign(static_cast<size_t>(spec.out_channels), real(rng));
    Result<Spec> valid = validate_spec(std::move(spec));
    if (!valid.ok()) continue;
    const TraceSession session(std::move(valid).value());
    check_session(session, nullptr);
    ++checked;
  }
}

}  // namespace
}  // namespace tconv
