// The work behind the JS API's calls, natively, for scripts/bench-wasm.mjs to compare with the same
// calls in Node: `api_compute` is parse + compute (tconv.compute), `api_trace` is what tconv.trace()
// plus one trace.step() in the middle do (parse, the session: final buffer and overlaps, carve,
// output; then the step's products, buffer and overlaps), `api_contributions` one provenance query
// on a session (the middle output cell). scripts/bench-wasm.mjs builds the same specs (same sizes,
// same values).

#include <benchmark/benchmark.h>

#include <string>

#include "tconv/tconv.hpp"

namespace {

// Exact three-decimal values; scripts/bench-wasm.mjs uses the same formula.
std::string value(long i) { return tconv::format_number(static_cast<double>((i * 7919) % 2001 - 1000) / 1000.0); }

// Nested JSON arrays of the given shape filled with value(0), value(1), ...
std::string nested(const std::vector<int>& shape, size_t axis, long& next) {
  std::string text = "[";
  for (int i = 0; i < shape[axis]; ++i) {
    if (i > 0) text += ",";
    text += axis + 1 == shape.size() ? value(next++) : nested(shape, axis + 1, next);
  }
  return text + "]";
}

std::string layer_json(int channels, int input, int kernel, int stride, int padding, int dilation) {
  long next = 0;
  const std::string in = nested({channels, input, input}, 0, next);
  next = 0;
  const std::string weight = nested({channels, channels, kernel, kernel}, 0, next);
  next = 0;
  const std::string bias = nested({channels}, 0, next);
  return R"({"dims":2,"input":)" + in + R"(,"weight":)" + weight + R"(,"bias":)" + bias + R"(,"stride":)" +
         std::to_string(stride) + R"(,"padding":)" + std::to_string(padding) + R"(,"dilation":)" +
         std::to_string(dilation) + "}";
}

const std::string seed_2d =
    R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1,1],[0,0,0],[-1,-1,-1]],"stride":2,"padding":1})";

void api_compute(benchmark::State& state, const std::string& json) {
  for (auto _ : state) {
    const tconv::Spec spec = tconv::parse_spec(json).value();
    benchmark::DoNotOptimize(tconv::compute(spec).values.data());
  }
}

void api_trace(benchmark::State& state, const std::string& json) {
  for (auto _ : state) {
    const tconv::TraceSession session(tconv::parse_spec(json).value());
    benchmark::DoNotOptimize(session.step(session.step_count() / 2).value().buffer.values.data());
  }
}

// The middle cell of the output: [C_out / 2, out / 2, ...].
tconv::Cell middle_cell(const tconv::TraceSession& session) {
  tconv::Cell cell{session.spec().out_channels / 2};
  for (const tconv::AxisGeometry& g : session.axes()) cell.push_back(g.output / 2);
  return cell;
}

void api_contributions(benchmark::State& state, const std::string& json) {
  const tconv::TraceSession session(tconv::parse_spec(json).value());
  const tconv::Cell cell = middle_cell(session);
  for (auto _ : state) benchmark::DoNotOptimize(session.contributions(cell, tconv::Where::output).value().data());
}

// tconv compute as the CLI runs it: parse, compute, the result as JSON text. With values near 1e-160
// every product is subnormal (about 1e-320): the case that once took 10 s to print (1M outputs).
void cli_compute(benchmark::State& state, const std::string& json) {
  for (auto _ : state) {
    const tconv::Spec spec = tconv::parse_spec(json).value();
    benchmark::DoNotOptimize(tconv::result_json(tconv::compute(spec)).data());
  }
}

std::string tiny_values_json() {
  const auto grid = [](int n, long seed) {
    std::string text = "[";
    for (int r = 0; r < n; ++r) {
      text += r ? ",[" : "[";
      for (int c = 0; c < n; ++c)
        text += (c ? "," : "") + tconv::format_number((1 + (seed++ * 7919 % 8000) / 1000.0) * 1e-160);
      text += "]";
    }
    return text + "]";
  };
  return R"({"dims":2,"input":)" + grid(64, 0) + R"(,"kernel":)" + grid(16, 1) + R"(,"stride":16})";
}

const std::string medium = layer_json(16, 32, 4, 2, 1, 1);
const std::string largest = layer_json(64, 16, 4, 8, 0, 2);

BENCHMARK_CAPTURE(api_compute, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_compute, medium, medium)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_compute, largest, largest)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_trace, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_trace, medium, medium)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_trace, largest, largest)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cli_compute, tiny_values, tiny_values_json())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_contributions, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_contributions, medium, medium)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_contributions, largest, largest)->Unit(benchmark::kMicrosecond);

}  // namespace
