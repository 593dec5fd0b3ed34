#pragma once
/// @file The solver: every parameter set that turns one size into another (`tconv solve`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tconv/geometry.hpp"
#include "tconv/result.hpp"

namespace tconv {

/// What is asked, per axis: the sizes, the values held fixed, and the ranges searched.
struct SolveQuery {
  int dims = 1;
  std::vector<int> input_size, output_size;  ///< one per axis
  /// Values held fixed, one per axis (nullopt: searched). A fixed value may lie outside its range.
  std::vector<std::optional<int>> kernel_size, stride, padding, output_padding, dilation;
  std::vector<int> max_kernel, max_stride, max_dilation;  ///< ranges, one per axis (defaults 8, 8, 1)
};

/// One way to get the output size: PyTorch's parameters along one axis.
struct Solution {
  int kernel_size = 1, stride = 1, padding = 0, output_padding = 0, dilation = 1;
  bool even = false;  ///< every interior cell receives the same number of products (no checkerboard)
};

/// An axis with no solution: why, and the nearest output sizes that the same query reaches.
struct Unsolved {
  int axis = 0;
  std::string reason;
  std::vector<std::int64_t> nearest;  ///< the closest reachable size below and above, when they exist
};

struct SolveResult {
  std::vector<std::vector<Solution>> axes;  ///< per axis, best first (see rank_key)
  std::vector<Unsolved> unsolved;           ///< the axes whose list is empty
};

/// Reads `{"dims", "input_size", "output_size", ...}` (see README, "tconv solve").
Result<SolveQuery> parse_solve_query(std::string_view json);

/// Every combination in the ranges (padding >= 0, 0 <= output_padding < max(stride, dilation)) that
/// gives exactly the output size, per axis, ranked.
SolveResult solve(const SolveQuery& query);

/// A common recipe: kernel = stride with padding 0 (no overlap), kernel = 2 * stride with padding =
/// stride / 2, or stride 1 with an odd kernel and padding (k - 1) / 2 (the size kept); dilation 1 and
/// output_padding 0 in each.
bool common_recipe(const Solution& s);

/// `{"axes": [[{...}, ...], ...], "unsolved": [{"axis", "reason", "nearest"}]}`.
std::string solve_json(const SolveResult& result);

/// JSON text in, JSON text out (the binding's one call): solve_json() or error_json().
std::string solve_text(std::string_view json);

}  // namespace tconv
