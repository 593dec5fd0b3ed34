#pragma once
// Row-major index arithmetic shared by the formulations.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tconv::detail {

// Distance between neighbours along each axis of a row-major array of this shape.
inline std::vector<std::int64_t> row_major_strides(const std::vector<int>& shape) {
  std::vector<std::int64_t> strides(shape.size(), 1);
  for (std::size_t a = shape.size(); a-- > 1;) strides[a - 1] = strides[a] * shape[a];
  return strides;
}

// The multi-index of a flat row-major index.
inline std::vector<int> unravel(std::int64_t flat, const std::vector<int>& shape) {
  std::vector<int> index(shape.size());
  for (std::size_t a = shape.size(); a-- > 0;) {
    index[a] = static_cast<int>(flat % shape[a]);
    flat /= shape[a];
  }
  return index;
}

// The flat row-major index of a multi-index.
inline std::int64_t flat_index(const std::vector<int>& index, const std::vector<int>& shape) {
  std::int64_t flat = 0;
  for (std::size_t a = 0; a < shape.size(); ++a) flat = flat * shape[a] + index[a];
  return flat;
}

}  // namespace tconv::detail
