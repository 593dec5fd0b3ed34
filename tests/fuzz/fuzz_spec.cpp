// libFuzzer target: arbitrary bytes through the JSON reader and, for every accepted spec, through
// every entry point of the core. Besides the sanitizers, it checks the invariants that must hold
// for any accepted spec and traps when one does not.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "json_value.hpp"
#include "tconv/tconv.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool all_finite(const tconv::Tensor& tensor) {
  for (double v : tensor.values)
    if (!std::isfinite(v)) return false;
  return true;
}

bool consistent(const tconv::Tensor& tensor) {
  return static_cast<long>(tensor.values.size()) == tconv::element_count(tensor.shape);
}

// gather_compute is a test oracle outside the core's limits: its work is output cells x group
// inputs x taps, up to stride^dims times the scatter's. Only run it when that stays small.
bool gather_is_cheap(const tconv::Spec& spec) {
  long work = spec.in_channels / spec.groups * tconv::kernel_area(spec) * spec.out_channels;
  for (const tconv::AxisGeometry& g : tconv::geometry(spec)) work *= g.output;
  return work <= (1L << 20);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tconv::Result<tconv::Spec> parsed = tconv::parse_spec(text);
  if (!parsed.ok()) {
    check(!parsed.error().message.empty());
    check(!tconv::error_json(parsed.error()).empty());
    return 0;
  }
  const tconv::Spec& spec = parsed.value();

  const tconv::Tensor out = tconv::compute(spec);
  check(out.shape == tconv::output_shape(spec) && consistent(out) && all_finite(out));

  const int steps = tconv::step_count(spec);
  check(steps >= 1);
  check(tconv::trace_step(spec, 0).ok() && tconv::trace_step(spec, steps - 1).ok());
  check(!tconv::trace_step(spec, steps).ok() && !tconv::trace_step(spec, -1).ok());
  for (int done : {0, steps / 2, steps}) {
    const tconv::Result<tconv::Tensor> buffer = tconv::intermediate_after(spec, done);
    check(buffer.ok() && consistent(buffer.value()) && buffer.value().shape == tconv::buffer_shape(spec));
  }
  check(!tconv::intermediate_after(spec, steps + 1).ok());

  const tconv::Tensor carved = tconv::carve(spec, tconv::intermediate_after(spec, steps).value());
  check(consistent(carved));
  const tconv::Result<tconv::GatherView> view = tconv::gather_view(spec);
  if (view.ok()) {
    check(consistent(view.value().padded_input) && consistent(view.value().rotated_kernel));
    if (gather_is_cheap(spec)) {
      const tconv::Tensor gathered = tconv::gather_compute(spec, view.value());
      check(gathered.shape == carved.shape && all_finite(gathered));
    }
  }

  const tconv::Result<tconv::Tensor> matrix = tconv::transposed_matrix(spec);
  if (matrix.ok()) check(consistent(matrix.value()));
  const tconv::Tensor adjoint = tconv::direct_convolution(spec, carved);
  check(consistent(adjoint) && all_finite(adjoint));

  // explain may refuse a large spec; either way it must not crash.
  const tconv::Result<std::string> explained = tconv::explain(spec, tconv::ExplainFormat::text);
  if (explained.ok()) check(!explained.value().empty());
  (void)tconv::explain(spec, tconv::ExplainFormat::latex);

  // The CLI's output is valid JSON with the same shape.
  const std::string json = tconv::result_json(out);
  const tconv::Result<tconv::detail::JsonValue> reread = tconv::detail::parse_json(json, 16, 1L << 24);
  check(reread.ok());
  return 0;
}
