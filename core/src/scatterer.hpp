#pragma once
// The scatter's inner loop with its offsets precomputed, shared by the free functions of
// scatter.cpp and by TraceSession, which keeps one for all its steps.

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
    channel_stride_ = strides[0];
    group_outputs_ = spec.out_channels / spec.groups;
    tap_offsets_.resize(static_cast<size_t>(kernel_area(spec)));
    for (size_t k = 0; k < tap_offsets_.size(); ++k) {
      const std::vector<int> tap = detail::unravel(static_cast<std::int64_t>(k), spec.kernel_size);
      std::int64_t offset = 0;
      for (size_t a = 0; a < tap.size(); ++a)
        offset += static_cast<std::int64_t>(tap[a]) * axes_[a].params.dilation * strides[a + 1];
      tap_offsets_[k] = offset;
    }
    origin_strides_.resize(axes_.size());
    for (size_t a = 0; a < axes_.size(); ++a) origin_strides_[a] = axes_[a].params.stride * strides[a + 1];
  }

  const std::vector<int>& shape() const { return shape_; }

  // Calls visit(cell, product) for every product step t adds: cell indexes the flat buffer.
  template <typename Visit>
  void for_each_product(int t, Visit visit) const {
    for_each_product_in(t, 0, spec_.out_channels, visit);
  }

  // The same for the products that land in output channels [first, first + count) only; cell
  // indexes a buffer of those channels alone (channel `first` at 0).
  template <typename Visit>
  void for_each_product_in(int t, int first, int count, Visit visit) const {
    const std::int64_t area = input_area(spec_);
    const int channel = static_cast<int>(t / area);
    const std::vector<int> position = detail::unravel(t % area, spec_.input_size);
    std::int64_t origin = 0;
    for (size_t a = 0; a < position.size(); ++a) origin += position[a] * origin_strides_[a];
    const double x = spec_.input[static_cast<size_t>(t)];
    const int first_output = channel / (spec_.in_channels / spec_.groups) * group_outputs_;
    const size_t taps = tap_offsets_.size();
    for (int j = 0; j < group_outputs_; ++j) {
      if (first_output + j < first || first_output + j >= first + count) continue;
      const double* w =
          &spec_.weight[(static_cast<size_t>(channel) * static_cast<size_t>(group_outputs_) + static_cast<size_t>(j)) *
                        taps];
      const std::int64_t first_cell = (first_output + j - first) * channel_stride_ + origin;
      for (size_t k = 0; k < taps; ++k) visit(static_cast<size_t>(first_cell + tap_offsets_[k]), x * w[k]);
    }
  }

  void apply(int t, std::vector<double>& buffer) const {
    for_each_product(t, [&](size_t cell, double product) { buffer[cell] += product; });
  }

  void count(int t, std::vector<int>& contributions) const {
    for_each_product(t, [&](size_t cell, double) { ++contributions[cell]; });
  }

  // Both at once: one pass over the step's products.
  void apply_counting(int t, std::vector<double>& buffer, std::vector<int>& contributions) const {
    for_each_product(t, [&](size_t cell, double product) {
      buffer[cell] += product;
      ++contributions[cell];
    });
  }

  // Into a buffer of output channels [first, first + count) only (counting when counts is given).
  void apply_in(int t, int first, int count, std::vector<double>& buffer, std::vector<int>* counts) const {
    if (counts == nullptr) {
      for_each_product_in(t, first, count, [&](size_t cell, double product) { buffer[cell] += product; });
      return;
    }
    for_each_product_in(t, first, count, [&](size_t cell, double product) {
      buffer[cell] += product;
      ++(*counts)[cell];
    });
  }

 private:
  const Spec& spec_;
  std::vector<AxisGeometry> axes_;
  std::vector<int> shape_;
  std::int64_t channel_stride_ = 0;
  int group_outputs_ = 1;
  std::vector<std::int64_t> tap_offsets_;
  std::vector<std::int64_t> origin_strides_;
};

}  // namespace tconv::detail
