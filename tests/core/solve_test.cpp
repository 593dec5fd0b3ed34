// The solver against a brute-force enumeration: random queries, every padding tried, the output size
// computed by the core's geometry and the overlap counted by scattering a long input.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "tconv/tconv.hpp"

namespace tconv {
namespace {

using Key = std::tuple<int, int, int, int, int, bool>;  // kernel, stride, padding, output_padding, dilation, even

// The interior cells' product counts, by scattering a long input of ones.
std::set<int> interior_counts(int k, int s, int d) {
  const int in = 2 * (k * d + s) + 3;
  std::vector<int> counts(static_cast<size_t>((in - 1) * s + d * (k - 1) + 1));
  for (int i = 0; i < in; ++i)
    for (int t = 0; t < k; ++t) ++counts[static_cast<size_t>(i * s + t * d)];
  std::set<int> interior;
  for (int x = (k - 1) * d; x <= (in - 1) * s; ++x) interior.insert(counts[static_cast<size_t>(x)]);
  return interior;
}
bool counted_even(int k, int s, int d) { return interior_counts(k, s, d).size() == 1; }

struct Query {
  int dims;
  std::vector<int> in, out;
  std::vector<std::optional<int>> k, s, p, op, d;
  int max_k, max_s, max_d;
};

std::string json(const Query& q) {
  const auto list = [](const std::vector<int>& v) {
    std::string o = "[";
    for (size_t i = 0; i < v.size(); ++i) o += (i ? "," : "") + std::to_string(v[i]);
    return o + "]";
  };
  std::string o = "{\"dims\":" + std::to_string(q.dims) + ",\"input_size\":" + list(q.in) +
                  ",\"output_size\":" + list(q.out) + ",\"max_kernel\":" + std::to_string(q.max_k) +
                  ",\"max_stride\":" + std::to_string(q.max_s) + ",\"max_dilation\":" + std::to_string(q.max_d);
  const auto fixed = [&](const char* key, const std::vector<std::optional<int>>& v) {
    if (!v[0]) return;
    std::vector<int> values;
    for (const auto& x : v) values.push_back(*x);
    o += std::string(",\"") + key + "\":" + list(values);
  };
  fixed("kernel_size", q.k);
  fixed("stride", q.s);
  fixed("padding", q.p);
  fixed("output_padding", q.op);
  fixed("dilation", q.d);
  return o + "}";
}

std::set<Key> brute_force(const Query& q, int a) {
  std::set<Key> found;
  const size_t i = static_cast<size_t>(a);
  for (int k = 1; k <= std::max(q.max_k, q.k[i].value_or(0)); ++k)
    for (int s = 1; s <= std::max(q.max_s, q.s[i].value_or(0)); ++s)
      for (int d = 1; d <= std::max(q.max_d, q.d[i].value_or(0)); ++d)
        for (int op = 0; op < std::max(s, d); ++op)
          for (int p = 0; p <= 4096; ++p) {
            if ((q.k[i] && *q.k[i] != k) || (!q.k[i] && k > q.max_k)) continue;
            if ((q.s[i] && *q.s[i] != s) || (!q.s[i] && s > q.max_s)) continue;
            if ((q.d[i] && *q.d[i] != d) || (!q.d[i] && d > q.max_d)) continue;
            if ((q.op[i] && *q.op[i] != op) || (q.p[i] && *q.p[i] != p)) continue;
            const AxisSizes sizes = axis_sizes(q.in[i], k, AxisParams{s, p, op, d});
            if (sizes.output == q.out[i]) found.insert({k, s, p, op, d, counted_even(k, s, d)});
          }
  return found;
}

TEST(Solve, FindsExactlyWhatBruteForceFindsOnRandomQueries) {
  std::mt19937 rng(20261201);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int solved = 0, unsolved = 0;
  for (int round = 0; round < 300; ++round) {
    Query q;
    q.dims = pick(1, 2);
    q.max_k = pick(1, 8);
    q.max_s = pick(1, 6);
    q.max_d = pick(1, 3);
    for (int a = 0; a < q.dims; ++a) {
      const int in = pick(1, 40);
      q.in.push_back(in);
      q.out.push_back(pick(1, 3) == 1 ? pick(1, 400) : pick(std::max(1, in - 5), in * 4 + 8));
    }
    const auto maybe = [&](int lo, int hi) -> std::optional<int> {
      return pick(0, 4) == 0 ? std::optional<int>(pick(lo, hi)) : std::nullopt;
    };
    // A fixed value counts for every axis.
    const auto fill = [&](std::vector<std::optional<int>>& v, std::optional<int> x) { v.assign(q.in.size(), x); };
    fill(q.k, maybe(1, 10));
    fill(q.s, maybe(1, 7));
    fill(q.p, maybe(0, 6));
    fill(q.op, maybe(0, 2));
    fill(q.d, maybe(1, 3));
    const Result<SolveQuery> parsed = parse_solve_query(json(q));
    ASSERT_TRUE(parsed.ok()) << json(q) << ": " << parsed.error().message;
    const SolveResult result = solve(parsed.value());
    ASSERT_EQ(result.axes.size(), q.in.size());
    size_t unsolved_seen = 0;
    for (int a = 0; a < q.dims; ++a) {
      std::set<Key> got;
      for (const Solution& s : result.axes[static_cast<size_t>(a)]) {
        EXPECT_TRUE(got.insert({s.kernel_size, s.stride, s.padding, s.output_padding, s.dilation, s.even}).second)
            << "duplicate in " << json(q);
      }
      EXPECT_EQ(got, brute_force(q, a)) << json(q) << " axis " << a;
      if (got.empty()) {
        ++unsolved;
        ASSERT_LT(unsolved_seen, result.unsolved.size()) << json(q);
        const Unsolved& u = result.unsolved[unsolved_seen++];
        EXPECT_EQ(u.axis, a);
        EXPECT_FALSE(u.reason.empty());
        // The nearest sizes are reachable: solving for them finds something.
        for (std::int64_t near : u.nearest) {
          Query moved = q;
          moved.out[static_cast<size_t>(a)] = static_cast<int>(near);
          EXPECT_FALSE(brute_force(moved, a).empty()) << json(q) << " nearest " << near;
        }
      } else {
        ++solved;
      }
    }
    EXPECT_EQ(unsolved_seen, result.unsolved.size());
  }
  EXPECT_GT(solved, 100);
  EXPECT_GT(unsolved, 20);
}

TEST(Solve, NearestSizesAreTheClosestOnEachSide) {
  // Kernel 4, stride 2, padding 1 fixed: out = 2 * in + output_padding, so 66 and 67 from 33... and from 32: 64, 65.
  const SolveResult r = solve(parse_solve_query(R"({"dims":1,"input_size":32,"output_size":70,"kernel_size":4,)"
                                                R"("stride":2,"padding":1})")
                                  .value());
  ASSERT_EQ(r.unsolved.size(), 1U);
  EXPECT_EQ(r.unsolved[0].nearest, (std::vector<std::int64_t>{65}));
  EXPECT_EQ(r.unsolved[0].reason,
            "the largest output length reachable from 32 with these values is 65, smaller than 70");
  const SolveResult gap = solve(parse_solve_query(R"({"dims":2,"input_size":10,"output_size":[20,21],)"
                                                  R"("kernel_size":2,"stride":2,"output_padding":0})")
                                    .value());
  ASSERT_EQ(gap.unsolved.size(), 1U);
  EXPECT_EQ(gap.unsolved[0].axis, 1);
  EXPECT_EQ(gap.unsolved[0].nearest, (std::vector<std::int64_t>{20}));
}

TEST(Solve, RanksEvenOverlapAndTheCommonRecipesFirst) {
  const SolveResult r = solve(parse_solve_query(R"({"dims":1,"input_size":32,"output_size":64})").value());
  ASSERT_GE(r.axes[0].size(), 4U);
  const auto is = [](const Solution& s, int k, int st, int p, int op) {
    return s.kernel_size == k && s.stride == st && s.padding == p && s.output_padding == op && s.dilation == 1;
  };
  EXPECT_TRUE(is(r.axes[0][0], 2, 2, 0, 0));  // kernel = stride: U-Net's up-convolution
  EXPECT_TRUE(is(r.axes[0][1], 4, 2, 1, 0));  // kernel = 2 * stride, padding = stride / 2: DCGAN's
  bool seen_uneven = false;
  for (const Solution& s : r.axes[0]) {
    if (!s.even) seen_uneven = true;
    EXPECT_FALSE(seen_uneven && s.even) << "an even solution after an uneven one";
  }
  // Among the uneven ones, kernel 3 / stride 2 / padding 1 / output_padding 1 (PyTorch's docs) comes first;
  // kernels smaller than the stride, which leave cells empty, come last.
  const auto first_uneven = std::find_if(r.axes[0].begin(), r.axes[0].end(), [](const Solution& s) { return !s.even; });
  ASSERT_NE(first_uneven, r.axes[0].end());
  EXPECT_TRUE(is(*first_uneven, 3, 2, 1, 1));
  const auto holes = std::find_if(r.axes[0].begin(), r.axes[0].end(),
                                  [](const Solution& s) { return has_holes(s.kernel_size, s.stride, s.dilation); });
  ASSERT_NE(holes, r.axes[0].end());
  EXPECT_TRUE(std::all_of(holes, r.axes[0].end(),
                          [](const Solution& s) { return has_holes(s.kernel_size, s.stride, s.dilation); }));
  EXPECT_TRUE(std::any_of(holes, r.axes[0].end(), [&](const Solution& s) { return is(s, 1, 2, 0, 1); }));
}

TEST(Solve, OverlapIsTheCheckerboardQuestion) {
  for (int k = 1; k <= 9; ++k)
    for (int s = 1; s <= 6; ++s)
      for (int d = 1; d <= 4; ++d) EXPECT_EQ(even_overlap(k, s, d), counted_even(k, s, d)) << k << " " << s << " " << d;
}

TEST(Solve, EachAxisOfASpecSaysHowItsCopiesOverlap) {
  for (int k = 1; k <= 9; ++k)
    for (int s = 1; s <= 6; ++s)
      for (int d = 1; d <= 4; ++d) {
        const std::set<int> interior = interior_counts(k, s, d);
        const Overlap counted = interior.count(0) != 0 ? Overlap::holes
                                : interior.size() == 1 ? Overlap::even
                                                       : Overlap::uneven;
        EXPECT_EQ(overlap(k, s, d), counted) << k << " " << s << " " << d;
      }
  // Per axis: the seed's 2D example (kernel 3, stride 2) is uneven along both axes, whatever the
  // input's size; a stride of 2 × 1 makes the width even.
  const Result<Spec> spec =
      parse_spec(R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,1,1],[0,0,0],[-1,-1,-1]],"stride":[2,1]})");
  ASSERT_TRUE(spec.ok());
  const std::vector<AxisGeometry> axes = geometry(spec.value());
  EXPECT_EQ(axes[0].overlap, Overlap::uneven);
  EXPECT_EQ(axes[1].overlap, Overlap::even);
}

TEST(Solve, QueriesAreCheckedLikeSpecs) {
  const auto error = [](std::string_view json) {
    const Result<SolveQuery> q = parse_solve_query(json);
    return q.ok() ? Error{"<accepted>"} : q.error();
  };
  EXPECT_EQ(error(R"({"dims":1,"input_size":4})").field, "output_size");
  EXPECT_EQ(error(R"({"dims":1,"input_size":0,"output_size":4})").message,
            "input_size must be from 1 to 1048576, got 0");
  EXPECT_EQ(error(R"({"dims":1,"input_size":4,"output_size":8,"max_kernel":65})").field, "max_kernel");
  EXPECT_EQ(error(R"({"dims":2,"input_size":4,"output_size":8,"stride":[2,0]})").axis, 1);
  EXPECT_EQ(error(R"({"dims":1,"input_size":4,"output_size":8,"strides":2})").message.substr(0, 22),
            "unknown key \"strides\";");
  EXPECT_EQ(
      error(R"({"dims":1,"input_size":4,"output_size":8,"max_kernel":64,"max_stride":64,"max_dilation":64})").message,
      "the ranges allow 16777216 combinations per axis, over the limit of 1048576: lower max_kernel, max_stride "
      "or max_dilation");
}

TEST(Solve, JsonHasTheDocumentedKeys) {
  EXPECT_EQ(solve_text(R"({"dims":1,"input_size":2,"output_size":4,"max_kernel":2,"max_stride":2})"),
            R"({"axes":[[{"kernel_size":2,"stride":2,"padding":0,"output_padding":0,"dilation":1,"overlap":"even"},)"
            R"({"kernel_size":1,"stride":2,"padding":0,"output_padding":1,"dilation":1,"overlap":"uneven"}]],)"
            R"("unsolved":[]})");
}

}  // namespace
}  // namespace tconv
