#pragma once
/// @file The seed's method: each input element scatters a scaled kernel copy into the
/// intermediate output; the padding is then carved off. Also the step trace.

#include <vector>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

/// One step of the trace: one input element and the products it adds.
///
/// Steps run over input channels (outer) then input positions in row-major order. One
/// step adds the element times its kernel slice to every output channel of its group,
/// so a single-channel spec has exactly one step per input element.
struct TraceStep {
  int index = 0;                 ///< t, from 0
  int channel = 0;               ///< input channel of the element
  std::vector<int> position;     ///< its spatial index, one per axis
  double value = 0;              ///< its value
  std::vector<int> origin;       ///< where the kernel copy lands: position*stride, per axis
  std::vector<int> span;         ///< cells the copy covers: dilation*(k-1)+1, per axis
  std::vector<int> dilation;     ///< distance between taps, per axis
  int first_output_channel = 0;  ///< first output channel of the group
  Tensor products;               ///< value x weight[channel]: [C_out/groups][kernel...]
};

/// Number of steps: C_in x input area.
int step_count(const Spec& spec);

/// Step t; an error unless 0 <= t < step_count.
Result<TraceStep> trace_step(const Spec& spec, int t);

/// Adds step t's products (0 <= t < step_count) into a buffer of shape buffer_shape(spec):
/// replaying steps one by one from zeros reproduces intermediate_after().
void apply_step(const Spec& spec, int t, Tensor& buffer);

/// The intermediate buffer [C_out][buffer...] after the first `steps_done` steps (0 = all
/// zeros), without storing earlier states: O(output) memory. An error unless
/// 0 <= steps_done <= step_count.
Result<Tensor> intermediate_after(const Spec& spec, int steps_done);

/// How many products each cell of the buffer has received after the first `steps_done` steps:
/// the overlaps of the kernel copies, cell by cell, in buffer_shape(spec) order.
Result<std::vector<int>> contributions_after(const Spec& spec, int steps_done);

/// The carve: cuts `padding` cells at the start of each axis and `padding - output_padding`
/// at the end (adding zero cells when negative). Shape [C_out][output...], no bias.
Tensor carve(const Spec& spec, const Tensor& buffer);

/// Adds the bias (if any) and drops the channel axis for the single-channel shorthand.
Tensor finish_output(const Spec& spec, Tensor carved);

/// The transposed convolution: finish_output(carve(intermediate_after(all steps))).
Tensor compute(const Spec& spec);

}  // namespace tconv
