#pragma once
/// @file Two equivalent formulations of the same result, as data the page can show:
/// gather (zero insertion + padding + rotated kernel + direct correlation) and matrix (C^T x).

#include <vector>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

/// The gather formulation: out = correlate(padded_input, rotated_kernel, dilation).
struct GatherView {
  std::vector<int> zero_inserted_size;  ///< (input-1)*stride+1: stride-1 zeros between elements
  std::vector<int> pad_before;          ///< dilation*(k-1)-padding; negative means crop
  std::vector<int> pad_after;           ///< pad_before + output_padding
  Tensor padded_input;                  ///< [C_in][zero_inserted + pad_before + pad_after ...]
  Tensor rotated_kernel;                ///< [C_in][C_out/groups][k...], each kernel rotated 180 degrees
};

/// Largest padded input (cells) that gather_view() builds.
inline constexpr std::int64_t max_gather_elements = std::int64_t{1} << 20;

/// The gather view; an error when its padded input is larger than max_gather_elements.
Result<GatherView> gather_view(const Spec& spec);

/// Direct stride-1 correlation of the gather view with the given dilation, summed over each
/// group's input channels: [C_out][output...], no bias. Equals carve(intermediate_after(all)).
Tensor gather_compute(const Spec& spec, const GatherView& view);

/// Largest matrix (rows x cols) that transposed_matrix() builds.
inline constexpr std::int64_t max_matrix_elements = std::int64_t{1} << 18;

/// C^T, where C is the matrix of the direct convolution that this one transposes:
/// shape [C_out x output area][C_in x input area], so that flatten(out) = C^T flatten(x)
/// (no bias). An error when larger than max_matrix_elements.
Result<Tensor> transposed_matrix(const Spec& spec);

/// The direct convolution this one transposes (PyTorch's conv with the same weight, stride,
/// padding, dilation, groups): y [C_out][output...] -> [C_in][input...], no bias.
Tensor direct_convolution(const Spec& spec, const Tensor& y);

}  // namespace tconv
