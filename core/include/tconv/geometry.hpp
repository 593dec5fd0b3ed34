#pragma once
/// @file Sizes along one axis: the intermediate output, the carve, the output.

#include <cstdint>
#include <vector>

#include "tconv/spec.hpp"

namespace tconv {

/// Everything about one spatial axis that follows from the spec's sizes.
struct AxisGeometry {
  int input = 0;         ///< input size
  int kernel = 0;        ///< kernel size
  AxisParams params;     ///< stride, padding, output_padding, dilation
  int kernel_span = 0;   ///< dilation*(kernel-1)+1: cells a kernel copy covers
  int intermediate = 0;  ///< (input-1)*stride + kernel_span: the uncropped scatter result
  int buffer = 0;        ///< intermediate, extended at the end where output_padding reaches past it
  int output = 0;        ///< intermediate - 2*padding + output_padding
  int carve_start = 0;   ///< cells cut at the start: padding
  int carve_end = 0;     ///< cells cut at the end: padding - output_padding (negative: cells added)
};

/// The geometry of one axis; exact in 64-bit, so callers may check it before trusting it.
struct AxisSizes {
  std::int64_t kernel_span, intermediate, output;
};
AxisSizes axis_sizes(std::int64_t input, std::int64_t kernel, const AxisParams& params);

/// The geometry of every axis of a valid spec.
std::vector<AxisGeometry> geometry(const Spec& spec);

/// Shape of the intermediate buffer: [C_out][buffer...].
std::vector<int> buffer_shape(const Spec& spec);
/// Shape of the output as returned to users: [C_out][output...], or [output...] for
/// the single-channel shorthand.
std::vector<int> output_shape(const Spec& spec);

/// Product of sizes.
std::int64_t element_count(const std::vector<int>& shape);

}  // namespace tconv
