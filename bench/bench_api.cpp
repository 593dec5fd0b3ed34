// The work behind the JS API's calls, natively, for scripts/bench-wasm.mjs to compare with the same
// calls in Node: `api_compute` is parse + compute (tconv.compute), `api_trace` is what tconv.trace()
// plus one trace.step() in the middle do (parse, final buffer and overlaps, carve, gather and
// matrix views; then the step's products, buffer and overlaps). scripts/bench-wasm.mjs builds the same
// specs (same sizes, same values).

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
    const tconv::Spec spec = tconv::parse_spec(json).value();
    const int steps = tconv::step_count(spec);
    const tconv::Tensor final_buffer = tconv::intermediate_after(spec, steps).value();
    benchmark::DoNotOptimize(tconv::contributions_after(spec, steps).value().data());
    benchmark::DoNotOptimize(tconv::finish_output(spec, tconv::carve(spec, final_buffer)).values.data());
    benchmark::DoNotOptimize(tconv::gather_view(spec).ok());
    benchmark::DoNotOptimize(tconv::transposed_matrix(spec).ok());
    // trace.step(mid) parses again, like the module does on every call.
    const tconv::Spec again = tconv::parse_spec(json).value();
    const int mid = steps / 2;
    benchmark::DoNotOptimize(tconv::trace_step(again, mid).value().products.values.data());
    benchmark::DoNotOptimize(tconv::intermediate_after(again, mid + 1).value().values.data());
    benchmark::DoNotOptimize(tconv::contributions_after(again, mid + 1).value().data());
  }
}

const std::string medium = layer_json(16, 32, 4, 2, 1, 1);
const std::string largest = layer_json(64, 16, 4, 8, 0, 2);

BENCHMARK_CAPTURE(api_compute, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_compute, medium, medium)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_compute, largest, largest)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_trace, seed_2d, seed_2d)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(api_trace, medium, medium)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(api_trace, largest, largest)->Unit(benchmark::kMillisecond);

}  // namespace
