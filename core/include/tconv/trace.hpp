#pragma once
/// @file What a visualizer needs, assembled in one place: the whole trace at once (its final
/// state, the carve, the output and both equivalent views) and the state at any one step.

#include <vector>

#include "tconv/geometry.hpp"
#include "tconv/result.hpp"
#include "tconv/scatter.hpp"
#include "tconv/spec.hpp"
#include "tconv/views.hpp"

namespace tconv {

/// The trace of a spec, everything but the individual steps.
struct TraceSummary {
  int step_count = 0;                    ///< C_in x input area
  std::vector<AxisGeometry> axes;        ///< sizes and carve per axis
  std::vector<int> buffer_shape;         ///< [C_out][buffer...]
  Tensor final_buffer;                   ///< the intermediate output after every step
  std::vector<int> final_contributions;  ///< products each buffer cell received
  Tensor carved;                         ///< [C_out][output...] after the carve, before the bias
  Tensor output;                         ///< what compute() returns
  Result<GatherView> gather;             ///< the gather view, or why it is not built
  std::vector<int> matrix_shape;         ///< C^T's [rows, cols], whether or not it is built
  Result<Tensor> matrix;                 ///< C^T, or why it is not built
};

TraceSummary summarize_trace(const Spec& spec);

/// The state at step t: the step itself and the buffer and contributions after it.
struct StepState {
  TraceStep step;                  ///< the element and its products
  Tensor buffer;                   ///< the intermediate output after step t
  std::vector<int> contributions;  ///< products each buffer cell has received so far
};

/// An error unless 0 <= t < step_count.
Result<StepState> step_state(const Spec& spec, int t);

}  // namespace tconv
