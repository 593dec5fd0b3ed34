// The seed post's two worked examples, number for number: the intermediate output after each
// step, the carve, the geometry and the fields of each trace step.

#include <gtest/gtest.h>

#include <vector>

#include "test_support.hpp"

namespace tconv {
namespace {

using test::parse_ok;
using test::seed_1d;
using test::seed_2d;
using Values = std::vector<double>;
using Shape = std::vector<int>;

TEST(SeedExample1D, HasOneStepPerInputElement) { EXPECT_EQ(step_count(parse_ok(seed_1d)), 2); }

TEST(SeedExample1D, IntermediateStartsAsFiveZeros) {
  const Tensor buffer = intermediate_after(parse_ok(seed_1d), 0).value();
  EXPECT_EQ(buffer.shape, (Shape{1, 5}));
  EXPECT_EQ(buffer.values, (Values{0, 0, 0, 0, 0}));
}

TEST(SeedExample1D, FirstStepWritesTwoTimesTheKernelAtPositionZero) {
  const Tensor buffer = intermediate_after(parse_ok(seed_1d), 1).value();
  EXPECT_EQ(buffer.shape, (Shape{1, 5}));
  EXPECT_EQ(buffer.values, (Values{2, 4, 6, 0, 0}));
}

TEST(SeedExample1D, SecondStepOverlapsTheFirstAtPositionTwo) {
  const Tensor buffer = intermediate_after(parse_ok(seed_1d), 2).value();
  EXPECT_EQ(buffer.values, (Values{2, 4, 9, 6, 9}));
}

TEST(SeedExample1D, ComputeReturnsTheIntermediateUncarved) {
  const Tensor out = compute(parse_ok(seed_1d));
  EXPECT_EQ(out.shape, (Shape{5}));
  EXPECT_EQ(out.values, (Values{2, 4, 9, 6, 9}));
}

TEST(SeedExample1D, GeometryHasNothingToCarve) {
  const std::vector<AxisGeometry> axes = geometry(parse_ok(seed_1d));
  ASSERT_EQ(axes.size(), 1U);
  EXPECT_EQ(axes[0].input, 2);
  EXPECT_EQ(axes[0].kernel, 3);
  EXPECT_EQ(axes[0].kernel_span, 3);
  EXPECT_EQ(axes[0].intermediate, 5);
  EXPECT_EQ(axes[0].buffer, 5);
  EXPECT_EQ(axes[0].output, 5);
  EXPECT_EQ(axes[0].carve_start, 0);
  EXPECT_EQ(axes[0].carve_end, 0);
}

TEST(SeedExample1D, TraceStepsPlaceEachCopyAtPositionTimesStride) {
  const Spec spec = parse_ok(seed_1d);
  const TraceStep first = trace_step(spec, 0).value();
  EXPECT_EQ(first.index, 0);
  EXPECT_EQ(first.channel, 0);
  EXPECT_EQ(first.position, (Shape{0}));
  EXPECT_EQ(first.value, 2);
  EXPECT_EQ(first.origin, (Shape{0}));
  EXPECT_EQ(first.span, (Shape{3}));
  EXPECT_EQ(first.dilation, (Shape{1}));
  EXPECT_EQ(first.first_output_channel, 0);
  EXPECT_EQ(first.products.shape, (Shape{1, 3}));
  EXPECT_EQ(first.products.values, (Values{2, 4, 6}));

  const TraceStep second = trace_step(spec, 1).value();
  EXPECT_EQ(second.index, 1);
  EXPECT_EQ(second.position, (Shape{1}));
  EXPECT_EQ(second.value, 3);
  EXPECT_EQ(second.origin, (Shape{2}));
  EXPECT_EQ(second.span, (Shape{3}));
  EXPECT_EQ(second.products.values, (Values{3, 6, 9}));
}

TEST(SeedExample1D, ContributionsCountTheOverlapAtPositionTwo) {
  const Spec spec = parse_ok(seed_1d);
  EXPECT_EQ(contributions_after(spec, 0).value(), (Shape{0, 0, 0, 0, 0}));
  EXPECT_EQ(contributions_after(spec, 1).value(), (Shape{1, 1, 1, 0, 0}));
  EXPECT_EQ(contributions_after(spec, 2).value(), (Shape{1, 1, 2, 1, 1}));
  EXPECT_FALSE(contributions_after(spec, 3).ok());
}

TEST(SeedExample2D, HasOneStepPerInputElement) { EXPECT_EQ(step_count(parse_ok(seed_2d)), 4); }

TEST(SeedExample2D, GeometryIsFiveCellsCarvedToThreeOnBothAxes) {
  const std::vector<AxisGeometry> axes = geometry(parse_ok(seed_2d));
  ASSERT_EQ(axes.size(), 2U);
  for (const AxisGeometry& g : axes) {
    EXPECT_EQ(g.input, 2);
    EXPECT_EQ(g.kernel, 3);
    EXPECT_EQ(g.params.stride, 2);
    EXPECT_EQ(g.params.padding, 1);
    EXPECT_EQ(g.kernel_span, 3);
    EXPECT_EQ(g.intermediate, 5);
    EXPECT_EQ(g.buffer, 5);
    EXPECT_EQ(g.output, 3);
    EXPECT_EQ(g.carve_start, 1);
    EXPECT_EQ(g.carve_end, 1);
  }
  const Spec spec = parse_ok(seed_2d);
  EXPECT_EQ(buffer_shape(spec), (Shape{1, 5, 5}));
  EXPECT_EQ(output_shape(spec), (Shape{3, 3}));
}

TEST(SeedExample2D, IntermediateAfterEachStepMatchesTheWorkedExample) {
  const Spec spec = parse_ok(seed_2d);
  const std::vector<Values> expected{
      {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {1, 1, 3, 2, 2, 0, 0, 0, 0, 0, -1, -1, -3, -2, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {1, 1, 3, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, -2, -2, 0, 0, 0, 0, 0, -3, -3, -3, 0, 0},
  };
  for (int t = 1; t <= 3; ++t) {
    const Tensor buffer = intermediate_after(spec, t).value();
    EXPECT_EQ(buffer.shape, (Shape{1, 5, 5}));
    EXPECT_EQ(buffer.values, expected[static_cast<size_t>(t - 1)]) << "after step " << t;
  }
}

TEST(SeedExample2D, FullIntermediateIsTheFiveByFiveFromThePost) {
  const Tensor buffer = intermediate_after(parse_ok(seed_2d), 4).value();
  EXPECT_EQ(buffer.shape, (Shape{1, 5, 5}));
  EXPECT_EQ(buffer.values, (Values{1,  1,  3,  2,  2,  //
                                   0,  0,  0,  0,  0,  //
                                   2,  2,  4,  2,  2,  //
                                   0,  0,  0,  0,  0,  //
                                   -3, -3, -7, -4, -4}));
}

TEST(SeedExample2D, ContributionsCountTheOverlapsOfTheFourCopies) {
  EXPECT_EQ(contributions_after(parse_ok(seed_2d), 4).value(), (Shape{1, 1, 2, 1, 1,  //
                                                                      1, 1, 2, 1, 1,  //
                                                                      2, 2, 4, 2, 2,  //
                                                                      1, 1, 2, 1, 1,  //
                                                                      1, 1, 2, 1, 1}));
}

TEST(SeedExample2D, CarveCutsOneCellFromEverySide) {
  const Spec spec = parse_ok(seed_2d);
  const Tensor carved = carve(spec, intermediate_after(spec, 4).value());
  EXPECT_EQ(carved.shape, (Shape{1, 3, 3}));
  EXPECT_EQ(carved.values, (Values{0, 0, 0, 2, 4, 2, 0, 0, 0}));
}

TEST(SeedExample2D, ComputeReturnsTheCarvedThreeByThreeWithoutChannelAxis) {
  const Tensor out = compute(parse_ok(seed_2d));
  EXPECT_EQ(out.shape, (Shape{3, 3}));
  EXPECT_EQ(out.values, (Values{0, 0, 0, 2, 4, 2, 0, 0, 0}));
}

TEST(SeedExample2D, TraceStepsWalkTheInputInRowMajorOrder) {
  const Spec spec = parse_ok(seed_2d);
  const Values kernel{1, 1, 1, 0, 0, 0, -1, -1, -1};
  for (int t = 0; t < 4; ++t) {
    const TraceStep step = trace_step(spec, t).value();
    const Shape position{t / 2, t % 2};
    EXPECT_EQ(step.index, t);
    EXPECT_EQ(step.channel, 0);
    EXPECT_EQ(step.position, position);
    EXPECT_EQ(step.value, t + 1);
    EXPECT_EQ(step.origin, (Shape{position[0] * 2, position[1] * 2}));
    EXPECT_EQ(step.span, (Shape{3, 3}));
    EXPECT_EQ(step.dilation, (Shape{1, 1}));
    EXPECT_EQ(step.first_output_channel, 0);
    EXPECT_EQ(step.products.shape, (Shape{1, 3, 3}));
    Values scaled;
    for (double k : kernel) scaled.push_back(k * (t + 1));
    EXPECT_EQ(step.products.values, scaled) << "step " << t;
  }
}

}  // namespace
}  // namespace tconv
