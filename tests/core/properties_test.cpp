// Properties over a few hundred random specs (fixed seeds): the scatter, gather and matrix
// formulations agree, the direct convolution is the adjoint, the step replay is exact, and the
// gather view's shapes follow their formulas.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace tconv {
namespace {

using Rng = std::mt19937;

int pick(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

std::vector<double> random_values(Rng& rng, long count, bool integers) {
  std::vector<double> values;
  std::uniform_real_distribution<double> real(-2.0, 2.0);
  for (long i = 0; i < count; ++i) values.push_back(integers ? pick(rng, -3, 3) : real(rng));
  return values;
}

// A random spec over every parameter. With `any_output_padding` the output_padding may break
// PyTorch's rule; otherwise only padding can make a spec invalid (output smaller than 1).
Spec draw_spec(Rng& rng, bool any_output_padding = false) {
  Spec spec;
  spec.dims = pick(rng, 1, 2);
  spec.single_channel = pick(rng, 0, 3) == 0;
  if (!spec.single_channel) {
    spec.groups = pick(rng, 1, 4);
    spec.in_channels = spec.groups * pick(rng, 1, 4 / spec.groups);
    spec.out_channels = spec.groups * pick(rng, 1, 4 / spec.groups);
  }
  for (int a = 0; a < spec.dims; ++a) {
    spec.input_size.push_back(pick(rng, 1, spec.dims == 1 ? 8 : 5));
    spec.kernel_size.push_back(pick(rng, 1, 4));
    AxisParams p;
    p.stride = pick(rng, 1, 4);
    p.dilation = pick(rng, 1, 3);
    p.padding = pick(rng, 0, 4);
    p.output_padding = pick(rng, 0, any_output_padding ? 4 : std::max(p.stride, p.dilation) - 1);
    spec.axes.push_back(p);
  }
  const bool integers = pick(rng, 0, 2) == 0;
  spec.input = random_values(rng, spec.in_channels * input_area(spec), integers);
  spec.weight = random_values(rng, spec.in_channels * (spec.out_channels / spec.groups) * kernel_area(spec), integers);
  if (pick(rng, 0, 1) == 1) spec.bias = random_values(rng, spec.out_channels, integers);
  return spec;
}

// 300 valid specs, the same on every run.
const std::vector<Spec>& random_specs() {
  static const std::vector<Spec> specs = [] {
    std::vector<Spec> out;
    Rng rng(20240517);
    while (out.size() < 300) {
      Result<Spec> spec = validate_spec(draw_spec(rng));
      if (spec.ok()) out.push_back(std::move(spec).value());
    }
    return out;
  }();
  return specs;
}

std::string describe(const Spec& spec) {
  std::string text = std::to_string(spec.dims) + "D C_in " + std::to_string(spec.in_channels) + " C_out " +
                     std::to_string(spec.out_channels) + " groups " + std::to_string(spec.groups) +
                     (spec.single_channel ? " (kernel form)" : "") + (spec.bias.empty() ? "" : " with bias");
  for (int a = 0; a < spec.dims; ++a) {
    const auto i = static_cast<size_t>(a);
    const AxisParams& p = spec.axes[i];
    text += "; axis " + std::to_string(a) + ": in " + std::to_string(spec.input_size[i]) + " k " +
            std::to_string(spec.kernel_size[i]) + " s " + std::to_string(p.stride) + " p " + std::to_string(p.padding) +
            " op " + std::to_string(p.output_padding) + " d " + std::to_string(p.dilation);
  }
  return text;
}

Spec without_bias(Spec spec) {
  spec.bias.clear();
  return spec;
}

// The transposed convolution of the spec without bias: [C_out][output...].
Tensor carved_output(const Spec& spec) { return carve(spec, intermediate_after(spec, step_count(spec)).value()); }

// Per output cell, the sum of |every product| that reaches it: the scale of its rounding error.
std::vector<double> magnitude(const Spec& spec) {
  Spec abs_spec = without_bias(spec);
  for (double& v : abs_spec.input) v = std::fabs(v);
  for (double& v : abs_spec.weight) v = std::fabs(v);
  return carved_output(abs_spec).values;
}

std::vector<std::uint64_t> bits(const std::vector<double>& values) {
  std::vector<std::uint64_t> out;
  for (double v : values) out.push_back(std::bit_cast<std::uint64_t>(v));
  return out;
}

void expect_close(const std::vector<double>& actual, const std::vector<double>& expected,
                  const std::vector<double>& scale, const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_LE(std::fabs(actual[i] - expected[i]), 1e-12 * scale[i])
        << what << ", value " << i << ": " << actual[i] << " vs " << expected[i];
}

TEST(Properties, RandomSpecsCoverEveryParameter) {
  bool two_d = false, grouped = false, kernel_form = false, biased = false, cropped = false, extended = false;
  for (const Spec& spec : random_specs()) {
    two_d = two_d || spec.dims == 2;
    grouped = grouped || spec.groups > 1;
    kernel_form = kernel_form || spec.single_channel;
    biased = biased || !spec.bias.empty();
    for (const AxisGeometry& g : geometry(spec)) {
      cropped = cropped || g.params.dilation * (g.kernel - 1) < g.params.padding;  // gather pads negatively
      extended = extended || g.carve_end < 0;  // output_padding reaches past the intermediate output
    }
  }
  EXPECT_TRUE(two_d && grouped && kernel_form && biased && cropped && extended);
}

TEST(Properties, ScatterEqualsGather) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const Tensor scatter = carved_output(spec);
    const Tensor gather = gather_compute(spec, gather_view(spec).value());
    EXPECT_EQ(gather.shape, scatter.shape);
    expect_close(gather.values, scatter.values, magnitude(spec), "gather");
  }
}

TEST(Properties, ScatterEqualsTransposedMatrixTimesInput) {
  int checked = 0;
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    Result<Tensor> matrix = transposed_matrix(spec);
    if (!matrix.ok()) continue;
    ++checked;
    const Tensor scatter = carved_output(spec);
    const int rows = matrix.value().shape[0];
    const int cols = matrix.value().shape[1];
    ASSERT_EQ(static_cast<size_t>(rows), scatter.values.size());
    ASSERT_EQ(static_cast<size_t>(cols), spec.input.size());
    std::vector<double> product(static_cast<size_t>(rows), 0.0);
    for (size_t r = 0; r < product.size(); ++r)
      for (size_t c = 0; c < spec.input.size(); ++c)
        product[r] += matrix.value().values[r * static_cast<size_t>(cols) + c] * spec.input[c];
    expect_close(product, scatter.values, magnitude(spec), "C^T x");
  }
  EXPECT_GT(checked, 250);
}

TEST(Properties, DirectConvolutionIsTheAdjoint) {
  Rng rng(7);
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const Tensor tx = carved_output(spec);
    const Tensor y{tx.shape, random_values(rng, static_cast<long>(tx.values.size()), false)};
    const Tensor cy = direct_convolution(spec, y);
    std::vector<int> input_shape{spec.in_channels};
    input_shape.insert(input_shape.end(), spec.input_size.begin(), spec.input_size.end());
    ASSERT_EQ(cy.shape, input_shape);
    // <C y, x> == <y, C^T x>, to rounding: both sides sum the same products.
    double lhs = 0, rhs = 0, scale = 0;
    for (size_t i = 0; i < spec.input.size(); ++i) lhs += cy.values[i] * spec.input[i];
    const std::vector<double> terms = magnitude(spec);
    for (size_t o = 0; o < y.values.size(); ++o) {
      rhs += y.values[o] * tx.values[o];
      scale += std::fabs(y.values[o]) * terms[o];
    }
    EXPECT_LE(std::fabs(lhs - rhs), 1e-10 * scale) << lhs << " vs " << rhs;
  }
}

TEST(Properties, ReplayingApplyStepReproducesIntermediateAfterBitForBit) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const std::vector<int> shape = buffer_shape(spec);
    Tensor buffer{shape, std::vector<double>(static_cast<size_t>(element_count(shape)), 0.0)};
    for (int t = 0; t <= step_count(spec); ++t) {
      const Tensor expected = intermediate_after(spec, t).value();
      ASSERT_EQ(expected.shape, shape);
      ASSERT_EQ(bits(buffer.values), bits(expected.values)) << "after " << t << " steps";
      if (t < step_count(spec)) apply_step(spec, t, buffer);
    }
  }
}

TEST(Properties, ContributionsCountEveryProductOnce) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const long per_step = spec.out_channels / spec.groups * kernel_area(spec);
    for (int t : {0, step_count(spec) / 2, step_count(spec)}) {
      const std::vector<int> counts = contributions_after(spec, t).value();
      const Tensor buffer = intermediate_after(spec, t).value();
      ASSERT_EQ(counts.size(), buffer.values.size());
      long total = 0;
      for (size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        // A cell no product reached still holds the +0 it started with.
        if (counts[i] == 0) {
          EXPECT_EQ(bits({buffer.values[i]}), bits({0.0})) << "cell " << i << " after " << t;
        }
      }
      EXPECT_EQ(total, t * per_step);
    }
    EXPECT_FALSE(contributions_after(spec, step_count(spec) + 1).ok());
    EXPECT_FALSE(contributions_after(spec, -1).ok());
  }
}

// A spec with channels and groups, every input and weight 1 (not yet validated).
Spec grouped_ones(int dims, int groups, int in_channels, int out_channels, std::vector<int> input_size,
                  std::vector<int> kernel_size, std::vector<AxisParams> axes) {
  Spec spec;
  spec.dims = dims;
  spec.single_channel = false;
  spec.groups = groups;
  spec.in_channels = in_channels;
  spec.out_channels = out_channels;
  spec.input_size = std::move(input_size);
  spec.kernel_size = std::move(kernel_size);
  spec.axes = std::move(axes);
  spec.input.assign(static_cast<size_t>(spec.in_channels * input_area(spec)), 1.0);
  spec.weight.assign(static_cast<size_t>(spec.in_channels * (spec.out_channels / spec.groups) * kernel_area(spec)),
                     1.0);
  return spec;
}

// Counts come from one input channel's pattern (Scatterer::count_before), not from the products:
// with every input and weight 1 the intermediate output after t steps holds exactly the number of
// products each cell received, an independent count, at every t, for the free functions and for
// the session's steps of some channels. Beside the random specs, specs with several input channels
// per group, where a wrong pattern or a wrong channel in progress would show.
TEST(Properties, CountsAreTheIntermediateOutputOfAllOnes) {
  std::vector<Spec> specs = random_specs();
  for (Spec spec : {grouped_ones(2, 2, 6, 4, {3, 4}, {2, 3}, {AxisParams{2, 1, 0, 1}, AxisParams{1, 0, 1, 2}}),
                    grouped_ones(1, 3, 6, 3, {5}, {3}, {AxisParams{1, 0, 0, 2}})}) {
    Result<Spec> valid = validate_spec(spec);
    ASSERT_TRUE(valid.ok()) << valid.error().message;
    specs.push_back(std::move(valid).value());
  }
  for (Spec spec : specs) {
    std::fill(spec.input.begin(), spec.input.end(), 1.0);
    std::fill(spec.weight.begin(), spec.weight.end(), 1.0);
    spec.bias.clear();
    SCOPED_TRACE(describe(spec));
    const TraceSession session(spec);
    const int middle = spec.out_channels / 2;
    const ChannelRange some{middle, spec.out_channels - middle};
    for (int t = 0; t <= step_count(spec); ++t) {
      const std::vector<double> ones = intermediate_after(spec, t).value().values;
      const std::vector<int> counts = contributions_after(spec, t).value();
      ASSERT_EQ(counts.size(), ones.size());
      for (size_t i = 0; i < counts.size(); ++i)
        ASSERT_EQ(static_cast<double>(counts[i]), ones[i]) << "cell " << i << " after " << t;
      if (t == 0) continue;
      const std::vector<int> part = session.step(t - 1, some).value().contributions;
      const size_t offset = counts.size() / static_cast<size_t>(spec.out_channels) * static_cast<size_t>(middle);
      ASSERT_EQ(part.size(), counts.size() - offset);
      for (size_t i = 0; i < part.size(); ++i)
        ASSERT_EQ(part[i], counts[offset + i]) << "cell " << i << " of step " << t - 1;
    }
  }
}

TEST(Properties, CarveThenFinishOutputIsCompute) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const Tensor finished = finish_output(spec, carved_output(spec));
    const Tensor computed = compute(spec);
    EXPECT_EQ(finished.shape, computed.shape);
    EXPECT_EQ(computed.shape, output_shape(spec));
    EXPECT_EQ(bits(finished.values), bits(computed.values));
  }
}

TEST(Properties, TheSessionsStateAgreesWithTheFreeFunctions) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const TraceSession session(spec);
    const int steps = step_count(spec);
    EXPECT_EQ(session.step_count(), steps);
    EXPECT_EQ(bits(session.output().values), bits(compute(spec).values));
    EXPECT_EQ(session.output().shape, output_shape(spec));
    EXPECT_EQ(bits(session.final_buffer().values), bits(intermediate_after(spec, steps).value().values));
    EXPECT_EQ(session.final_contributions(), contributions_after(spec, steps).value());
    EXPECT_EQ(bits(session.carved().values), bits(carved_output(spec).values));
    const std::int64_t rows = element_count(carved_output(spec).shape);
    EXPECT_EQ(session.matrix_shape(), (std::vector<std::int64_t>{rows, spec.in_channels * input_area(spec)}));
    if (session.matrix().ok()) {
      EXPECT_EQ(session.matrix().value().shape,
                (std::vector<int>{static_cast<int>(rows), static_cast<int>(spec.in_channels * input_area(spec))}));
    }
    for (int t : {0, steps / 2, steps - 1}) {
      const StepState state = session.step(t).value();
      EXPECT_EQ(bits(state.buffer.values), bits(intermediate_after(spec, t + 1).value().values));
      EXPECT_EQ(state.contributions, contributions_after(spec, t + 1).value());
      EXPECT_EQ(bits(state.step.products.values), bits(trace_step(spec, t).value().products.values));
      EXPECT_EQ(bits(session.buffer_after(t).value().values), bits(intermediate_after(spec, t).value().values));
    }
    EXPECT_FALSE(session.step(steps).ok());
    EXPECT_FALSE(session.step(-1).ok());
    EXPECT_FALSE(session.buffer_after(steps + 1).ok());
  }
}

// A step or buffer asked for some output channels is exactly those channels of the whole one, bit
// for bit, counts included, for every range of channels (one, a group, all).
TEST(Properties, AStepOfSomeChannelsIsThoseChannelsOfTheWholeStep) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const TraceSession session(spec);
    const int steps = step_count(spec);
    const auto per_channel = static_cast<std::ptrdiff_t>(session.final_buffer().values.size()) / spec.out_channels;
    for (int t : {0, steps / 3, steps - 1}) {
      const StepState whole = session.step(t).value();
      const Tensor before = session.buffer_after(t).value();
      for (int first = 0; first < spec.out_channels; ++first) {
        for (int count = 1; first + count <= spec.out_channels; ++count) {
          SCOPED_TRACE("step " + std::to_string(t) + ", channels " + std::to_string(first) + " + " +
                       std::to_string(count));
          const StepState part = session.step(t, {first, count}).value();
          std::vector<int> shape = whole.buffer.shape;
          shape[0] = count;
          EXPECT_EQ(part.buffer.shape, shape);
          const auto from = first * per_channel;
          const auto to = (first + count) * per_channel;
          EXPECT_EQ(bits(part.buffer.values),
                    bits({whole.buffer.values.begin() + from, whole.buffer.values.begin() + to}));
          EXPECT_EQ(part.contributions,
                    std::vector<int>(whole.contributions.begin() + from, whole.contributions.begin() + to));
          EXPECT_EQ(bits(part.step.products.values), bits(whole.step.products.values));
          const Tensor part_before = session.buffer_after(t, {first, count}).value();
          EXPECT_EQ(part_before.shape, shape);
          EXPECT_EQ(bits(part_before.values), bits({before.values.begin() + from, before.values.begin() + to}));
        }
      }
    }
  }
}

TEST(Properties, ChannelRangesOutsideTheOutputChannelsAreErrors) {
  const TraceSession session(
      validate_spec(parse_spec(R"({"dims":1,"input":[[1,2],[3,4]],"weight":[[[1,1]],[[1,-1]]],"groups":2})").value())
          .value());
  EXPECT_EQ(session.step(0, {2, 1}).error().message, "first channel 2 is out of range 0 to 1");
  EXPECT_EQ(session.step(0, {1, 2}).error().message, "channel count 2 is out of range 1 to 1");
  EXPECT_EQ(session.step(0, {0, 0}).error().field, "channel count");
  EXPECT_EQ(session.buffer_after(0, {-1, 1}).error().field, "first channel");
  EXPECT_EQ(session.step(4, {0, 1}).error().message, "step 4 is out of range 0 to 3");
  // Channel 1 is fed by input channel 1 only (groups 2): steps 0 and 1 leave it at zero.
  EXPECT_EQ(session.step(1, {1, 1}).value().buffer.values, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(session.step(2, {1, 1}).value().buffer.values, (std::vector<double>{3, -3, 0}));
}

TEST(Properties, BiasIsAddedOncePerOutputChannel) {
  for (const Spec& spec : random_specs()) {
    if (spec.bias.empty()) continue;
    SCOPED_TRACE(describe(spec));
    const Tensor with = compute(spec);
    const Tensor without = compute(without_bias(spec));
    const size_t per_channel = with.values.size() / static_cast<size_t>(spec.out_channels);
    for (size_t i = 0; i < with.values.size(); ++i)
      EXPECT_EQ(with.values[i], without.values[i] + spec.bias[i / per_channel]) << "value " << i;
  }
}

TEST(Properties, GeometryFollowsPyTorchsOutputFormula) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    for (const AxisGeometry& g : geometry(spec)) {
      const AxisParams& p = g.params;
      EXPECT_EQ(g.kernel_span, p.dilation * (g.kernel - 1) + 1);
      EXPECT_EQ(g.intermediate, (g.input - 1) * p.stride + g.kernel_span);
      EXPECT_EQ(g.output,
                (g.input - 1) * p.stride - 2 * p.padding + p.dilation * (g.kernel - 1) + p.output_padding + 1);
      EXPECT_EQ(g.carve_start, p.padding);
      EXPECT_EQ(g.carve_end, p.padding - p.output_padding);
      EXPECT_EQ(g.output, g.intermediate - g.carve_start - g.carve_end);
      EXPECT_EQ(g.buffer, std::max(g.intermediate, g.carve_start + g.output));
    }
  }
}

TEST(Properties, TraceStepIsOneInputElementTimesItsKernelSlice) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const long area = input_area(spec);
    const int group_outputs = spec.out_channels / spec.groups;
    const std::vector<AxisGeometry> axes = geometry(spec);
    ASSERT_EQ(step_count(spec), static_cast<int>(spec.input.size()));
    for (int t = 0; t < step_count(spec); ++t) {
      const TraceStep step = trace_step(spec, t).value();
      EXPECT_EQ(step.index, t);
      EXPECT_EQ(step.channel, t / area);
      EXPECT_EQ(step.value, spec.input[static_cast<size_t>(t)]);
      EXPECT_EQ(step.first_output_channel, step.channel / (spec.in_channels / spec.groups) * group_outputs);
      // Row-major position: the last axis varies fastest.
      long flat = 0;
      for (size_t a = 0; a < axes.size(); ++a) {
        flat = flat * axes[a].input + step.position[a];
        EXPECT_EQ(step.origin[a], step.position[a] * axes[a].params.stride);
        EXPECT_EQ(step.span[a], axes[a].kernel_span);
        EXPECT_EQ(step.dilation[a], axes[a].params.dilation);
      }
      EXPECT_EQ(flat, t % area);
      std::vector<int> shape{group_outputs};
      shape.insert(shape.end(), spec.kernel_size.begin(), spec.kernel_size.end());
      EXPECT_EQ(step.products.shape, shape);
      const size_t count = step.products.values.size();
      for (size_t i = 0; i < count; ++i)
        EXPECT_EQ(step.products.values[i], step.value * spec.weight[static_cast<size_t>(step.channel) * count + i]);
    }
    EXPECT_FALSE(trace_step(spec, step_count(spec)).ok());
    EXPECT_FALSE(trace_step(spec, -1).ok());
    EXPECT_FALSE(intermediate_after(spec, step_count(spec) + 1).ok());
    EXPECT_FALSE(intermediate_after(spec, -1).ok());
  }
}

TEST(Properties, GatherViewShapesFollowTheirFormulas) {
  for (const Spec& spec : random_specs()) {
    SCOPED_TRACE(describe(spec));
    const GatherView view = gather_view(spec).value();
    const std::vector<AxisGeometry> axes = geometry(spec);
    std::vector<int> padded{spec.in_channels};
    for (size_t a = 0; a < axes.size(); ++a) {
      const AxisGeometry& g = axes[a];
      EXPECT_EQ(view.zero_inserted_size[a], (g.input - 1) * g.params.stride + 1);
      EXPECT_EQ(view.pad_before[a], g.params.dilation * (g.kernel - 1) - g.params.padding);
      EXPECT_EQ(view.pad_after[a], view.pad_before[a] + g.params.output_padding);
      padded.push_back(view.zero_inserted_size[a] + view.pad_before[a] + view.pad_after[a]);
      // Correlating with the dilated kernel shrinks the padded input to the output size.
      EXPECT_EQ(padded.back() - g.params.dilation * (g.kernel - 1), g.output);
    }
    EXPECT_EQ(view.padded_input.shape, padded);
    ASSERT_EQ(view.padded_input.values.size(), static_cast<size_t>(element_count(padded)));

    // Each padded cell holds the input element at (cell - pad_before) / stride, or zero.
    for (long flat = 0; flat < element_count(padded); ++flat) {
      long rest = flat;
      std::vector<int> index(padded.size());
      for (size_t a = padded.size(); a-- > 0;) {
        index[a] = static_cast<int>(rest % padded[a]);
        rest /= padded[a];
      }
      long source = index[0];
      bool holds_input = true;
      for (size_t a = 0; a < axes.size(); ++a) {
        const int shifted = index[a + 1] - view.pad_before[a];
        const int stride = axes[a].params.stride;
        holds_input = holds_input && shifted >= 0 && shifted % stride == 0 && shifted / stride < axes[a].input;
        source = source * axes[a].input + (holds_input ? shifted / stride : 0);
      }
      EXPECT_EQ(view.padded_input.values[static_cast<size_t>(flat)],
                holds_input ? spec.input[static_cast<size_t>(source)] : 0.0)
          << "padded cell " << flat;
    }

    // Rotating a kernel by 180 degrees reverses its taps.
    std::vector<int> kernel_shape{spec.in_channels, spec.out_channels / spec.groups};
    kernel_shape.insert(kernel_shape.end(), spec.kernel_size.begin(), spec.kernel_size.end());
    EXPECT_EQ(view.rotated_kernel.shape, kernel_shape);
    const auto taps = static_cast<size_t>(kernel_area(spec));
    ASSERT_EQ(view.rotated_kernel.values.size(), spec.weight.size());
    for (size_t first = 0; first < spec.weight.size(); first += taps)
      EXPECT_TRUE(std::equal(
          spec.weight.begin() + static_cast<std::ptrdiff_t>(first),
          spec.weight.begin() + static_cast<std::ptrdiff_t>(first + taps),
          view.rotated_kernel.values.rbegin() + static_cast<std::ptrdiff_t>(spec.weight.size() - first - taps)));
  }
}

TEST(Properties, ValidationFollowsPyTorchsRules) {
  Rng rng(99);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < 400; ++i) {
    const Spec spec = draw_spec(rng, true);
    SCOPED_TRACE(describe(spec));
    bool valid = true;
    for (int a = 0; a < spec.dims; ++a) {
      const auto i_a = static_cast<size_t>(a);
      const AxisParams& p = spec.axes[i_a];
      const AxisSizes sizes = axis_sizes(spec.input_size[i_a], spec.kernel_size[i_a], p);
      valid = valid && p.output_padding < std::max(p.stride, p.dilation) && sizes.output >= 1;
    }
    const Result<Spec> checked = validate_spec(spec);
    EXPECT_EQ(checked.ok(), valid) << (checked.ok() ? "" : checked.error().message);
    (checked.ok() ? accepted : rejected) += 1;
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 50);
}

}  // namespace
}  // namespace tconv
