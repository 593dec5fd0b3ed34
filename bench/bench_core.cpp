// The core's speed at three sizes: the seed's 2D example, a medium layer and the largest spec the
// limits accept. Two measurements each:
//  - compute: the transposed convolution (scatter, carve, bias).
//  - trace: what stepping through every step costs: intermediate_after() at the last step plus
//    trace_step() for every step (each step's products). A page recomputes one buffer per shown
//    step rather than all of them, so this is the cost of the whole walk-through's data.
// Counters: ns_per_output is time per output element (seconds with an SI prefix: "2.5n" is
// 2.5 ns); multiply_adds is the scatter's multiply-adds per second.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "tconv/tconv.hpp"

namespace {

tconv::Spec must(tconv::Result<tconv::Spec> spec) {
  if (!spec.ok()) {
    std::cerr << "benchmark spec rejected: " << spec.error().message << "\n";
    std::abort();
  }
  return std::move(spec).value();
}

// A spec with random values in [-1, 1]: `channels` in and out, a square input and kernel.
tconv::Spec square_spec(int channels, int input, int kernel, int stride, int dilation) {
  tconv::Spec spec;
  spec.dims = 2;
  spec.in_channels = channels;
  spec.out_channels = channels;
  spec.input_size = {input, input};
  spec.kernel_size = {kernel, kernel};
  spec.axes.assign(2, tconv::AxisParams{stride, 0, 0, dilation});
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  for (long i = 0; i < static_cast<long>(channels) * input * input; ++i) spec.input.push_back(value(rng));
  for (long i = 0; i < static_cast<long>(channels) * channels * kernel * kernel; ++i) spec.weight.push_back(value(rng));
  for (int c = 0; c < channels; ++c) spec.bias.push_back(value(rng));
  return must(tconv::validate_spec(std::move(spec)));
}

// The seed post's 2D example: 2x2 input, 3x3 kernel, stride 2, padding 1.
tconv::Spec seed_2d() {
  return must(tconv::parse_spec(
      R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1,1],[0,0,0],[-1,-1,-1]],"stride":2,"padding":1})"));
}

// C_in = C_out = 16, 32x32 input, 4x4 kernel, stride 2: a decoder layer.
tconv::Spec medium() { return square_spec(16, 32, 4, 2, 1); }

// The largest accepted spec: exactly 2^24 multiply-adds (64 x 16x16 inputs x 64 outputs x 4x4 taps),
// 65,536 weights (the limit), and an intermediate output of 64 x 127 x 127 = 1,032,256 values, 98% of
// the 2^20 limit (stride 8, dilation 2). More channels, inputs or taps exceed the multiply-adds;
// a larger stride or dilation exceeds the buffer.
tconv::Spec largest() { return square_spec(64, 16, 4, 8, 2); }

double outputs(const tconv::Spec& spec) { return static_cast<double>(tconv::element_count(tconv::output_shape(spec))); }

double multiply_adds(const tconv::Spec& spec) {
  return static_cast<double>(spec.in_channels) * static_cast<double>(tconv::input_area(spec)) *
         (spec.out_channels / spec.groups) * static_cast<double>(tconv::kernel_area(spec));
}

void set_counters(benchmark::State& state, const tconv::Spec& spec) {
  state.counters["ns_per_output"] =
      benchmark::Counter(outputs(spec), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["multiply_adds"] =
      benchmark::Counter(multiply_adds(spec), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["outputs"] = outputs(spec);
  state.counters["steps"] = tconv::step_count(spec);
}

void compute(benchmark::State& state, tconv::Spec (*make)()) {
  const tconv::Spec spec = make();
  for (auto _ : state) {
    tconv::Tensor out = tconv::compute(spec);
    benchmark::DoNotOptimize(out.values.data());
  }
  set_counters(state, spec);
}

void trace(benchmark::State& state, tconv::Spec (*make)()) {
  const tconv::Spec spec = make();
  const int steps = tconv::step_count(spec);
  for (auto _ : state) {
    tconv::Result<tconv::Tensor> buffer = tconv::intermediate_after(spec, steps);
    benchmark::DoNotOptimize(buffer.value().values.data());
    for (int t = 0; t < steps; ++t) {
      tconv::Result<tconv::TraceStep> step = tconv::trace_step(spec, t);
      benchmark::DoNotOptimize(step.value().products.values.data());
    }
  }
  set_counters(state, spec);
}

BENCHMARK_CAPTURE(compute, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(compute, medium, medium)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(compute, largest, largest)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(trace, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trace, medium, medium)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trace, largest, largest)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
