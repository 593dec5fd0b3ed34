#pragma once
/// @file Sizes along one axis: the intermediate output, the carve, the output.

#include <cstdint>
#include <vector>

#include "tconv/spec.hpp"

namespace tconv {

/// How the kernel copies overlap along an axis (the checkerboard question), in the interior of a
/// long input: cell x receives one product per kernel tap t with t*dilation = x (mod stride).
enum class Overlap {
  even,    ///< every interior cell receives the same number of products
  uneven,  ///< neighbouring cells receive different numbers: the checkerboard pattern
  holes,   ///< some interior cells receive no product at all
};

/// Even overlap: the count is the same for every interior cell exactly when stride divides the
/// kernel size and gcd(stride, dilation) = 1.
bool even_overlap(int kernel_size, int stride, int dilation);

/// Some interior cells receive no product at all (kernel smaller than the stride, or taps that skip
/// residues because gcd(stride, dilation) > 1).
bool has_holes(int kernel_size, int stride, int dilation);

/// Holes first (a kernel copy with holes between is uneven too), then even or uneven.
Overlap overlap(int kernel_size, int stride, int dilation);

/// Everything about one spatial axis that follows from the spec's sizes.
struct AxisGeometry {
  int input = 0;                    ///< input size
  int kernel = 0;                   ///< kernel size
  AxisParams params;                ///< stride, padding, output_padding, dilation
  int kernel_span = 0;              ///< dilation*(kernel-1)+1: cells a kernel copy covers
  int intermediate = 0;             ///< (input-1)*stride + kernel_span: the uncropped scatter result
  int buffer = 0;                   ///< intermediate, extended at the end where output_padding reaches past it
  int output = 0;                   ///< intermediate - 2*padding + output_padding
  int carve_start = 0;              ///< cells cut at the start: padding
  int carve_end = 0;                ///< cells cut at the end: padding - output_padding (negative: cells added)
  Overlap overlap = Overlap::even;  ///< how the copies overlap in the interior of a long input
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
