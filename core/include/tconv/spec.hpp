#pragma once
/// @file The validated description of one transposed convolution (one sample, no batch axis)
/// and the size limits every accepted spec respects.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tconv/result.hpp"

namespace tconv {

/// Per-axis hyper-parameters, with PyTorch's meaning.
struct AxisParams {
  int stride = 1;          ///< distance between kernel copies in the intermediate output, >= 1
  int padding = 0;         ///< cells carved from each end of the intermediate output, >= 0
  int output_padding = 0;  ///< cells given back at the end only, < stride or < dilation
  int dilation = 1;        ///< distance between kernel taps, >= 1
};

/// A dense row-major array of doubles with its shape.
struct Tensor {
  std::vector<int> shape;      ///< sizes, outermost first
  std::vector<double> values;  ///< row-major, product(shape) values
};

/// One transposed convolution. Build it with parse_spec() or validate_spec(); the
/// functions of the core assume a spec that validate_spec() accepted.
struct Spec {
  int dims = 1;                  ///< spatial axes: 1 or 2
  int in_channels = 1;           ///< C_in
  int out_channels = 1;          ///< C_out = weight's second size x groups
  int groups = 1;                ///< channel groups; divides C_in (and so C_out)
  std::vector<int> input_size;   ///< spatial size of the input, one per axis
  std::vector<int> kernel_size;  ///< spatial size of the kernel, one per axis
  std::vector<AxisParams> axes;  ///< hyper-parameters, one per axis
  std::vector<double> input;     ///< [C_in][input_size...] row-major
  std::vector<double> weight;    ///< [C_in][C_out/groups][kernel_size...] row-major, PyTorch layout
  std::vector<double> bias;      ///< [C_out], or empty for no bias
  bool single_channel = false;   ///< given in the shorthand form (`kernel`): outputs drop the channel axis
  bool sizes_only = false;  ///< given by sizes (`input_size`, `kernel_size`, ...): no values, messages name those keys
};

/// The documented size limits. Together they keep any accepted spec well under
/// 64 MiB of memory and 1 s of work (see README, "Limits").
struct Limits {
  int max_channels = 64;                                     ///< C_in and C_out each
  int max_input_size = 64;                                   ///< per spatial axis
  int max_kernel_size = 16;                                  ///< per spatial axis
  int max_stride = 16;                                       ///< per axis
  int max_dilation = 16;                                     ///< per axis
  int max_padding = 1024;                                    ///< per axis
  std::int64_t max_input_elements = 65536;                   ///< C_in x input area
  std::int64_t max_weight_elements = 65536;                  ///< C_in x C_out/groups x kernel area
  std::int64_t max_buffer_elements = std::int64_t{1} << 20;  ///< C_out x intermediate (uncropped) area
  std::int64_t max_multiply_adds = std::int64_t{1} << 24;    ///< C_in x input area x C_out/groups x kernel area
  double max_abs_value = 1e100;                              ///< |input|, |weight|, |bias|: keeps every sum finite
  std::int64_t max_json_bytes = std::int64_t{8} << 20;       ///< length of a JSON spec
  int max_json_depth = 16;                                   ///< nesting of a JSON spec
  std::int64_t max_json_values = 200000;                     ///< numbers, arrays, ... in a JSON spec
};

/// The limits every function of the core enforces.
inline constexpr Limits the_limits{};
inline const Limits& limits() { return the_limits; }

/// The limits of sizes without values (`tconv shape`, `translate`): far beyond the drawing limits, since
/// nothing is allocated. Stride and dilation stay at 1024 so that every axis size fits in an int.
inline constexpr std::int64_t no_count_limit = INT64_MAX;
inline constexpr Limits the_shape_limits{.max_channels = 1 << 16,
                                         .max_input_size = 1 << 20,
                                         .max_kernel_size = 1 << 20,
                                         .max_stride = 1024,
                                         .max_dilation = 1024,
                                         .max_padding = 1 << 30,
                                         .max_input_elements = no_count_limit,
                                         .max_weight_elements = no_count_limit,
                                         .max_buffer_elements = no_count_limit,
                                         .max_multiply_adds = no_count_limit};
inline const Limits& shape_limits() { return the_shape_limits; }

/// A per-axis hyper-parameter: its key in a JSON spec, its default, where AxisParams keeps it and
/// the range the limits allow (output_padding's real bound depends on stride and dilation). This is
/// the one list of them: the reader, the validator, explain and the binding all walk it.
struct AxisParamKey {
  std::string_view key;
  int fallback;
  int AxisParams::*member;
  int min;
  int max;             ///< under the_limits
  int Limits::*limit;  ///< where other limits keep max (null: output_padding, bounded by stride and dilation)

  /// The largest value `limits` accept.
  [[nodiscard]] constexpr int max_under(const Limits& limits) const {
    if (limit != nullptr) return limits.*limit;
    return (limits.max_stride > limits.max_dilation ? limits.max_stride : limits.max_dilation) - 1;
  }
};
inline constexpr std::array<AxisParamKey, 4> axis_param_keys{{
    {"stride", 1, &AxisParams::stride, 1, the_limits.max_stride, &Limits::max_stride},
    {"padding", 0, &AxisParams::padding, 0, the_limits.max_padding, &Limits::max_padding},
    {"output_padding", 0, &AxisParams::output_padding, 0,
     (the_limits.max_stride > the_limits.max_dilation ? the_limits.max_stride : the_limits.max_dilation) - 1, nullptr},
    {"dilation", 1, &AxisParams::dilation, 1, the_limits.max_dilation, &Limits::max_dilation},
}};

/// Every key of a JSON spec, in the order messages list them. The last four give sizes without
/// values (`tconv shape`, `translate`): `input_size` and `kernel_size` instead of `input` and
/// `weight`/`kernel`, and the channel counts (both or neither: the single-channel form).
inline constexpr std::array<std::string_view, 14> spec_keys{
    "dims",           "input",    "weight", "kernel",     "bias",        "stride",      "padding",
    "output_padding", "dilation", "groups", "input_size", "kernel_size", "in_channels", "out_channels"};

/// Human names of the spatial axes: {"length"} or {"height", "width"}.
std::string_view axis_name(int dims, int axis);

/// How messages name a per-axis parameter: "stride" in 1D (or for every axis), "stride (width)" in 2D.
std::string param_name(int dims, std::string_view key, int axis);

/// Checks a spec built in C++ (sizes agree with the data, PyTorch's validity rules, limits).
Result<Spec> validate_spec(Spec spec);

/// The length check of a JSON spec (max_json_bytes), on its own: the binding refuses an oversized
/// text with it before copying the text anywhere.
Result<bool> check_spec_length(std::int64_t bytes);

/// Reads a JSON spec (the CLI's format, see README) and validates it. A spec given by sizes alone
/// (`input_size`, ...) is refused: its values are missing.
Result<Spec> parse_spec(std::string_view json);

/// Reads a spec for its sizes only: the sizes form (`input_size`, `kernel_size`, optional `in_channels`
/// and `out_channels`) or the values form, checked by the same rules as parse_spec() under
/// shape_limits(). Values are neither needed nor allocated: the spec comes back with empty vectors.
Result<Spec> parse_shape_spec(std::string_view json);

/// The shapes of arrays that a caller holds as data rather than JSON text (the WebAssembly binding's
/// fast path), by spec key, outermost size first. A key given here must not also be in the text.
struct ArrayShape {
  std::vector<int> sizes;  ///< outermost first
  std::string first;       ///< the first value as written, which a nesting error quotes ("got 1")
};
struct ArrayShapes {
  std::optional<ArrayShape> input, weight, kernel, bias;
};

/// parse_spec() with the arrays of `shapes` given by shape only: every rule that depends on sizes is
/// checked first, and the spec comes back with its input, weight and bias vectors zero-filled at their
/// sizes, for the caller to fill and then pass to check_values(). Nothing is allocated for a spec that
/// is refused, however large the shapes it names.
Result<Spec> parse_spec_shapes(std::string_view json, const ArrayShapes& shapes);

/// The value rules alone: every input, weight and bias value finite and within max_abs_value. The
/// error names the first offending element as parse_spec() would ("input[0][1] = 1e+200 ...").
Result<Spec> check_values(Spec spec);

/// Number of weight values per (input channel, output channel of its group) pair.
std::int64_t kernel_area(const Spec& spec);
/// Number of input values per channel.
std::int64_t input_area(const Spec& spec);

}  // namespace tconv
