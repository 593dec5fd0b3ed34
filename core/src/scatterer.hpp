#pragma once
// The scatter's inner loop with its offsets precomputed, shared by the free functions of
// scatter.cpp and by TraceSession, which keeps one for all its steps.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index.hpp"
#include "tconv/geometry.hpp"
#include "tconv/spec.hpp"
#include "text.hpp"

namespace tconv::detail {

/// An error unless 0 <= value <= last: "step 5 is out of range 0 to 3".
inline std::optional<Error> check_index(const char* name, std::int64_t value, std::int64_t last) {
  if (value >= 0 && value <= last) return std::nullopt;
  return Error{Text() << name << ' ' << value << " is out of range 0 to " << last, name, -1,
               Valid{0, static_cast<double>(last), {}}};
}

// Precomputed offsets into the buffer, so that each step is one tight loop.
class Scatterer {
 public:
  explicit Scatterer(const Spec& spec) : spec_(spec), axes_(geometry(spec)), shape_(buffer_shape(spec)) {
    const std::vector<std::int64_t> strides = detail::row_major_strides(shape_);
    channel_stride_ = static_cast<std::ptrdiff_t>(strides[0]);
    group_outputs_ = spec.out_channels / spec.groups;
    // Each tap's offset from a copy's corner (taps `dilation` apart), and where each input
    // position's copy has its corner (positions `stride` apart): no index arithmetic per step.
    tap_offsets_ = plane_offsets(spec.kernel_size, strides, [](const AxisParams& p) { return p.dilation; });
    origins_ = plane_offsets(spec.input_size, strides, [](const AxisParams& p) { return p.stride; });
  }

  const std::vector<int>& shape() const { return shape_; }

  // Calls visit(cell, product) for every product step t adds: cell indexes the flat buffer.
  template <typename Visit>
  void for_each_product(int t, Visit visit) const {
    const int channel = static_cast<int>(t / static_cast<std::ptrdiff_t>(origins_.size()));
    const int first_output = channel / (spec_.in_channels / spec_.groups) * group_outputs_;
    for (int j = 0; j < group_outputs_; ++j) copy(t, j, (first_output + j) * channel_stride_, visit);
  }

  void apply(int t, std::vector<double>& buffer) const {
    for_each_product(t, [&](size_t cell, double product) { buffer[cell] += product; });
  }

  // Adds the products of the steps [0, n) that land in output channels [first, first + count) to
  // a buffer of those channels alone: one output channel at a time, its steps in order. Each cell receives its products
  // in step order, exactly as step by step (so every sum is bit for bit the same), while the scatter stays in one
  // channel's plane instead of striding across all of them (64 channels of 127 x 127 are 8 MB, one is 126 KB). Plain
  // loops with their invariants hoisted: this is the hot loop of compute and of every step.
  void apply_before(int n, int first, int count, double* buffer) const {
    const auto area = static_cast<std::ptrdiff_t>(origins_.size());
    const auto taps = static_cast<std::ptrdiff_t>(tap_offsets_.size());
    const int group_inputs = spec_.in_channels / spec_.groups;
    const std::ptrdiff_t* offsets = tap_offsets_.data();
    for (int o = first; o < first + count; ++o) {
      const int j = o % group_outputs_;
      const int first_input = o / group_outputs_ * group_inputs;
      const std::ptrdiff_t plane = (o - first) * channel_stride_;
      for (int c = first_input; c < first_input + group_inputs; ++c) {
        const std::ptrdiff_t begin = c * area;
        if (begin >= n) break;
        const std::ptrdiff_t steps = std::min<std::ptrdiff_t>(area, n - begin);
        const double* x = spec_.input.data() + begin;
        const double* w = spec_.weight.data() + (c * group_outputs_ + j) * taps;
        for (std::ptrdiff_t p = 0; p < steps; ++p) {
          double* b = buffer + plane + origins_[static_cast<size_t>(p)];
          for (std::ptrdiff_t k = 0; k < taps; ++k) b[offsets[k]] += x[p] * w[k];
        }
      }
    }
  }

  // Adds to counts (output channels [first, first + count), each a plane) how many products the
  // steps [0, n) put into each cell. They do not depend on the values: an output channel's counts
  // are (the input channels of its group done) times one input channel's pattern, plus the pattern
  // of the positions done in the channel in progress. That is a pass over one plane per channel,
  // not over every product (the counting pass took as long as the scatter).
  void count_before(int n, int first, int count, int* counts) const {
    const auto area = static_cast<std::ptrdiff_t>(origins_.size());
    const int group_inputs = spec_.in_channels / spec_.groups;
    const std::vector<int> whole = plane_counts(area);
    std::vector<int> partial;  // at most one group is in progress after n steps
    std::ptrdiff_t partial_positions = -1;
    for (int o = first; o < first + count; ++o) {
      const std::ptrdiff_t begin = static_cast<std::ptrdiff_t>(o / group_outputs_ * group_inputs) * area;
      const std::ptrdiff_t done = std::clamp<std::ptrdiff_t>(n - begin, 0, group_inputs * area);
      const auto channels_done = static_cast<int>(done / area);
      const std::ptrdiff_t positions = done % area;
      int* out = counts + (o - first) * channel_stride_;
      if (channels_done > 0)
        for (size_t i = 0; i < whole.size(); ++i) out[i] += channels_done * whole[i];
      if (positions > 0) {
        if (positions != partial_positions) {
          partial = plane_counts(positions);
          partial_positions = positions;
        }
        for (size_t i = 0; i < partial.size(); ++i) out[i] += partial[i];
      }
    }
  }

 private:
  // How many products the copies of input positions [0, positions) of one input channel put into
  // each cell of a channel's plane.
  std::vector<int> plane_counts(std::ptrdiff_t positions) const {
    std::vector<int> counts(static_cast<size_t>(channel_stride_), 0);
    for (std::ptrdiff_t p = 0; p < positions; ++p) {
      int* here = counts.data() + origins_[static_cast<size_t>(p)];
      for (const std::ptrdiff_t offset : tap_offsets_) ++here[offset];
    }
    return counts;
  }

  // For every index of a grid of this shape (row-major), its offset in a channel's plane of the
  // buffer when axis a moves spacing(params of a) cells per index.
  template <typename Spacing>
  std::vector<std::ptrdiff_t> plane_offsets(const std::vector<int>& shape, const std::vector<std::int64_t>& strides,
                                            Spacing spacing) const {
    std::vector<std::ptrdiff_t> offsets(static_cast<size_t>(element_count(shape)));
    for (size_t i = 0; i < offsets.size(); ++i) {
      const std::vector<int> index = detail::unravel(static_cast<std::int64_t>(i), shape);
      std::int64_t offset = 0;
      for (size_t a = 0; a < index.size(); ++a)
        offset += static_cast<std::int64_t>(index[a]) * spacing(axes_[a].params) * strides[a + 1];
      offsets[i] = static_cast<std::ptrdiff_t>(offset);
    }
    return offsets;
  }

  // Step t's copy of kernel j of its group (x times that kernel) at plane + its origin.
  template <typename Visit>
  void copy(int t, int j, std::ptrdiff_t plane, Visit visit) const {
    const auto area = static_cast<std::ptrdiff_t>(origins_.size());
    const std::ptrdiff_t channel = t / area;
    const double x = spec_.input[static_cast<size_t>(t)];
    const auto taps = static_cast<std::ptrdiff_t>(tap_offsets_.size());
    const double* w = &spec_.weight[static_cast<size_t>((channel * group_outputs_ + j) * taps)];
    const std::ptrdiff_t corner = plane + origins_[static_cast<size_t>(t % area)];
    for (std::ptrdiff_t k = 0; k < taps; ++k)
      visit(static_cast<size_t>(corner + tap_offsets_[static_cast<size_t>(k)]), x * w[k]);
  }

  const Spec& spec_;
  std::vector<AxisGeometry> axes_;
  std::vector<int> shape_;
  // Pointer-sized: every buffer the limits accept is far below 2^31 cells, and wasm32 adds them
  // in 32 bits.
  std::ptrdiff_t channel_stride_ = 0;
  int group_outputs_ = 1;
  std::vector<std::ptrdiff_t> tap_offsets_;
  std::vector<std::ptrdiff_t> origins_;
};

}  // namespace tconv::detail
