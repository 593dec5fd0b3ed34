// The solver. Per axis the output size is (in - 1)*s - 2p + d*(k - 1) + op + 1, so for each kernel,
// stride, dilation and output_padding in the ranges the padding is determined (it must be a whole,
// non-negative number): the search is a plain enumeration, at most 2^20 combinations per axis.

#include "tconv/solve.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "json_read.hpp"
#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/spec.hpp"

namespace tconv {
namespace {

using detail::JsonValue;
using Kind = JsonValue::Kind;

constexpr int max_range = 64;                       // max_kernel, max_stride, max_dilation
constexpr std::int64_t max_combinations = 1 << 20;  // per axis
constexpr int max_output_size = 1 << 30;

std::string str(std::int64_t v) { return std::to_string(v); }

// The candidates for one parameter on one axis: the fixed value, or 1 .. range.
std::vector<int> candidates(const std::optional<int>& fixed, int from, int range) {
  if (fixed) return {*fixed};
  std::vector<int> out;
  for (int v = from; v <= range; ++v) out.push_back(v);
  return out;
}

// The ranking, best first: even overlap; no cells without products; the common recipes; dilation 1;
// the fewest computed cells thrown away (2p - op); then smaller kernel, stride and output_padding.
auto rank_key(const Solution& s) {
  return std::make_tuple(!s.even, has_holes(s.kernel_size, s.stride, s.dilation), !common_recipe(s), s.dilation,
                         2 * static_cast<std::int64_t>(s.padding) - s.output_padding, s.kernel_size, s.stride,
                         s.output_padding);
}

struct AxisQuery {
  std::int64_t in, out;
  std::vector<int> kernels, strides, dilations;
  std::optional<int> padding, output_padding;
};

// Every (k, s, d, op) the query allows, with the output before any padding: base - 2p is the output.
template <typename F>
void for_each_base(const AxisQuery& q, F&& visit) {
  for (int k : q.kernels)
    for (int s : q.strides)
      for (int d : q.dilations) {
        const int op_end = std::max(s, d);
        for (int op = q.output_padding.value_or(0); op < (q.output_padding ? *q.output_padding + 1 : op_end); ++op) {
          if (op >= op_end) break;
          const std::int64_t base = (q.in - 1) * s + static_cast<std::int64_t>(d) * (k - 1) + op + 1;
          visit(k, s, d, op, base);
        }
      }
}

Unsolved explain_unsolved(const AxisQuery& q, int axis, int dims) {
  Unsolved u;
  u.axis = axis;
  std::optional<std::int64_t> below, above, largest, smallest;
  bool any = false;
  for_each_base(q, [&](int, int, int, int, std::int64_t base) {
    any = true;
    // The sizes this combination reaches: base - 2p for p >= 0 (or the fixed p), at least 1.
    const std::int64_t low = q.padding ? base - 2 * static_cast<std::int64_t>(*q.padding) : (base % 2 == 0 ? 2 : 1);
    const std::int64_t high = q.padding ? low : base;
    if (high < 1) return;
    largest = std::max(largest.value_or(high), high);
    smallest = std::min(smallest.value_or(low), low);
    // Nearest below: the largest reachable size under out; above: the smallest over it (same parity as high).
    const auto same_parity = [&](std::int64_t v) { return (high - v) % 2 == 0; };
    if (high < q.out) {
      below = std::max(below.value_or(high), high);
    } else {
      const std::int64_t c = same_parity(q.out - 1) ? q.out - 1 : q.out - 2;
      if (c >= low) below = std::max(below.value_or(c), c);
    }
    if (low > q.out) {
      above = std::min(above.value_or(low), low);
    } else {
      const std::int64_t c = same_parity(q.out + 1) ? q.out + 1 : q.out + 2;
      if (c <= high) above = std::min(above.value_or(c), c);
    }
  });
  const std::string what = "output " + std::string(axis_name(dims, axis));
  if (!any || !largest) {
    u.reason = "no combination of the fixed values and ranges gives a valid " + what +
               ": output_padding must be smaller than the stride or the dilation";
  } else if (q.out > *largest) {
    u.reason = "the largest " + what + " reachable from " + str(q.in) + " with these values is " + str(*largest) +
               ", smaller than " + str(q.out);
  } else if (q.out < *smallest) {
    u.reason = "the smallest " + what + " reachable from " + str(q.in) + " with these values is " + str(*smallest) +
               ", larger than " + str(q.out);
  } else {
    u.reason = "no combination of these values gives an " + what + " of exactly " + str(q.out) +
               ": the reachable sizes skip it";
  }
  if (below) u.nearest.push_back(*below);
  if (above) u.nearest.push_back(*above);
  return u;
}

std::vector<Solution> solve_axis(const AxisQuery& q) {
  std::vector<Solution> out;
  for_each_base(q, [&](int k, int s, int d, int op, std::int64_t base) {
    const std::int64_t twice_p = base - q.out;
    if (twice_p < 0 || twice_p % 2 != 0 || twice_p / 2 > shape_limits().max_padding) return;
    const int p = static_cast<int>(twice_p / 2);
    if (q.padding && *q.padding != p) return;
    out.push_back(Solution{k, s, p, op, d, even_overlap(k, s, d)});
  });
  std::sort(out.begin(), out.end(), [](const Solution& a, const Solution& b) { return rank_key(a) < rank_key(b); });
  return out;
}

// Reading the query.

Result<std::vector<std::optional<int>>> read_fixed(const JsonValue& root, std::string_view key, int min, int max,
                                                   int dims) {
  const JsonValue* value = root.find(key);
  if (value == nullptr || value->kind == Kind::null) return std::vector<std::optional<int>>(static_cast<size_t>(dims));
  Result<std::vector<int>> ints = detail::read_ints_per_axis(*value, key, min, max, dims);
  if (!ints.ok()) return ints.error();
  std::vector<std::optional<int>> out;
  for (size_t a = 0; a < ints.value().size(); ++a) {
    const int v = ints.value()[a];
    if (v < min || v > max) {
      const std::string name = param_name(dims, key, value->kind == Kind::array ? static_cast<int>(a) : -1);
      return detail::int_error(
          detail::IntKey{name, key, value->kind == Kind::array ? static_cast<int>(a) : -1, min, max},
          name + " must be from " + str(min) + " to " + str(max) + ", got " + str(v));
    }
    out.emplace_back(v);
  }
  return out;
}

Result<std::vector<int>> read_required(const JsonValue& root, std::string_view key, int min, int max, int dims,
                                       std::optional<int> fallback = std::nullopt) {
  const JsonValue* value = root.find(key);
  if (value == nullptr) {
    if (fallback) return std::vector<int>(static_cast<size_t>(dims), *fallback);
    return Error{std::string(key) + " is required: " + (dims == 1 ? "an int" : "an int or a list of 2 (height, width)"),
                 std::string(key)};
  }
  Result<std::vector<std::optional<int>>> fixed = read_fixed(root, key, min, max, dims);
  if (!fixed.ok()) return fixed.error();
  std::vector<int> out;
  for (const std::optional<int>& v : fixed.value()) out.push_back(*v);
  return out;
}

}  // namespace

bool common_recipe(const Solution& s) {
  if (s.dilation != 1 || s.output_padding != 0) return false;
  const bool no_overlap = s.kernel_size == s.stride && s.padding == 0;
  const bool twice = s.kernel_size == 2 * s.stride && 2 * s.padding == s.stride;
  const bool same_size = s.stride == 1 && s.kernel_size % 2 == 1 && 2 * s.padding == s.kernel_size - 1;
  return no_overlap || twice || same_size;
}

Result<SolveQuery> parse_solve_query(std::string_view json) {
  if (Result<bool> length = check_spec_length(static_cast<std::int64_t>(json.size())); !length.ok())
    return length.error();
  Result<JsonValue> parsed = detail::parse_json(json, limits().max_json_depth, limits().max_json_values);
  if (!parsed.ok()) return parsed.error();
  const JsonValue& root = parsed.value();
  if (root.kind != Kind::object) return Error{"the query must be a JSON object, got " + detail::got(root)};
  Result<bool> keys =
      detail::check_known_keys(root, {"dims", "input_size", "output_size", "kernel_size", "stride", "padding",
                                      "output_padding", "dilation", "max_kernel", "max_stride", "max_dilation"});
  if (!keys.ok()) return keys.error();
  const JsonValue* dims = root.find("dims");
  const Valid one_or_two{{}, {}, {"1", "2"}};
  if (dims == nullptr) return Error{"dims is required: 1 or 2", "dims", -1, one_or_two};
  if (dims->kind != Kind::number || !dims->is_integer_literal || (dims->number != 1 && dims->number != 2))
    return Error{"dims must be 1 or 2, got " + detail::got(*dims), "dims", -1, one_or_two};
  SolveQuery q;
  q.dims = static_cast<int>(dims->number);
  const Limits& lim = shape_limits();
  Result<std::vector<int>> in = read_required(root, "input_size", 1, lim.max_input_size, q.dims);
  if (!in.ok()) return in.error();
  Result<std::vector<int>> out = read_required(root, "output_size", 1, max_output_size, q.dims);
  if (!out.ok()) return out.error();
  q.input_size = std::move(in).value();
  q.output_size = std::move(out).value();
  struct Fixed {
    std::string_view key;
    int min, max;
    std::vector<std::optional<int>> SolveQuery::*member;
  };
  for (const Fixed& f : {Fixed{"kernel_size", 1, lim.max_kernel_size, &SolveQuery::kernel_size},
                         Fixed{"stride", 1, lim.max_stride, &SolveQuery::stride},
                         Fixed{"padding", 0, lim.max_padding, &SolveQuery::padding},
                         Fixed{"output_padding", 0, lim.max_stride - 1, &SolveQuery::output_padding},
                         Fixed{"dilation", 1, lim.max_dilation, &SolveQuery::dilation}}) {
    Result<std::vector<std::optional<int>>> values = read_fixed(root, f.key, f.min, f.max, q.dims);
    if (!values.ok()) return values.error();
    q.*f.member = std::move(values).value();
  }
  struct Range {
    std::string_view key;
    int fallback;
    std::vector<int> SolveQuery::*member;
  };
  for (const Range& r :
       {Range{"max_kernel", 8, &SolveQuery::max_kernel}, Range{"max_stride", 8, &SolveQuery::max_stride},
        Range{"max_dilation", 1, &SolveQuery::max_dilation}}) {
    Result<std::vector<int>> values = read_required(root, r.key, 1, max_range, q.dims, r.fallback);
    if (!values.ok()) return values.error();
    q.*r.member = std::move(values).value();
  }
  for (int a = 0; a < q.dims; ++a) {
    const size_t i = static_cast<size_t>(a);
    const std::int64_t ks = q.kernel_size[i] ? 1 : q.max_kernel[i];
    const std::int64_t ss = q.stride[i] ? 1 : q.max_stride[i];
    const std::int64_t ds = q.dilation[i] ? 1 : q.max_dilation[i];
    const std::int64_t ops = q.output_padding[i] ? 1
                                                 : std::max(q.stride[i].value_or(q.max_stride[i]),
                                                            q.dilation[i].value_or(q.max_dilation[i]));
    if (ks * ss * ds * ops > max_combinations)
      return Error{"the ranges allow " + str(ks * ss * ds * ops) + " combinations per axis, over the limit of " +
                       str(max_combinations) + ": lower max_kernel, max_stride or max_dilation",
                   "max_kernel", q.dims == 1 ? -1 : a};
  }
  return q;
}

SolveResult solve(const SolveQuery& q) {
  SolveResult result;
  for (int a = 0; a < q.dims; ++a) {
    const size_t i = static_cast<size_t>(a);
    AxisQuery axis{q.input_size[i],
                   q.output_size[i],
                   candidates(q.kernel_size[i], 1, q.max_kernel[i]),
                   candidates(q.stride[i], 1, q.max_stride[i]),
                   candidates(q.dilation[i], 1, q.max_dilation[i]),
                   q.padding[i],
                   q.output_padding[i]};
    result.axes.push_back(solve_axis(axis));
    if (result.axes.back().empty()) result.unsolved.push_back(explain_unsolved(axis, a, q.dims));
  }
  return result;
}

std::string solve_json(const SolveResult& result) {
  std::string out = "{\"axes\":[";
  for (size_t a = 0; a < result.axes.size(); ++a) {
    out += a ? ",[" : "[";
    for (size_t i = 0; i < result.axes[a].size(); ++i) {
      const Solution& s = result.axes[a][i];
      out += std::string(i ? "," : "") + "{\"kernel_size\":" + str(s.kernel_size) + ",\"stride\":" + str(s.stride) +
             ",\"padding\":" + str(s.padding) + ",\"output_padding\":" + str(s.output_padding) +
             ",\"dilation\":" + str(s.dilation) + ",\"overlap\":\"" + (s.even ? "even" : "uneven") + "\"}";
    }
    out += "]";
  }
  out += "],\"unsolved\":[";
  for (size_t i = 0; i < result.unsolved.size(); ++i) {
    const Unsolved& u = result.unsolved[i];
    out += std::string(i ? "," : "") + "{\"axis\":" + str(u.axis) + ",\"reason\":" + json_string(u.reason) +
           ",\"nearest\":[";
    for (size_t n = 0; n < u.nearest.size(); ++n) out += (n ? "," : "") + str(u.nearest[n]);
    out += "]}";
  }
  return out + "]}";
}

std::string solve_text(std::string_view json) {
  const Result<SolveQuery> query = parse_solve_query(json);
  return query.ok() ? solve_json(solve(query.value())) : error_json(query.error());
}

}  // namespace tconv
