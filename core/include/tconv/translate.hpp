#pragma once
/// @file Every framework's parameters, both ways (`tconv translate`). Each framework's transposed
/// convolution computes the same full buffer, (in - 1)*stride + dilation*(k - 1) + 1 cells per axis,
/// and keeps a crop of it; translating is finding the crop and writing it in another's arguments.
/// The rules and their sources: docs/frameworks.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

enum class Framework { pytorch, keras, tf, jax, onnx };

/// "pytorch", "keras", "tf", "jax", "onnx".
std::string_view framework_name(Framework framework);
/// The framework of that name, or nullopt.
std::optional<Framework> framework_named(std::string_view name);
/// Every name, in the order above, as JSON strings (for an error's `valid`).
std::vector<std::string> framework_names_json();

/// The sizes one axis shares between frameworks.
struct AxisConv {
  std::int64_t input = 1, kernel = 1, stride = 1, dilation = 1;
  [[nodiscard]] std::int64_t span() const { return dilation * (kernel - 1) + 1; }
  /// The full buffer: (in - 1)*stride + dilation*(kernel - 1) + 1.
  [[nodiscard]] std::int64_t full() const { return (input - 1) * stride + span(); }
};

/// Cells cut from the full buffer at each end; negative: cells added (zeros, plus the bias).
struct Crop {
  std::int64_t begin = 0, end = 0;
  friend bool operator==(const Crop&, const Crop&) = default;
};

/// Per-axis values are lists of one value per axis (height, width).
using Ints = std::vector<std::int64_t>;
using Pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;

struct TorchArgs {
  Ints kernel_size, stride, padding, output_padding, dilation;
};
struct KerasArgs {
  Ints kernel_size, strides, dilation_rate;
  std::string padding;                 ///< "same" or "valid"
  std::optional<Ints> output_padding;  ///< None: Keras's default for the padding
};
struct TfArgs {
  Ints output_shape, strides, dilations;
  std::string padding;  ///< "SAME", "VALID", or "" with explicit
  Pairs explicit_padding;
};
struct JaxArgs {
  Ints strides, rhs_dilation;
  std::string padding;  ///< "SAME", "VALID", or "" with pairs
  Pairs pairs;
  bool transpose_kernel = true;
  bool use_consistent_padding = false;  ///< pairs are PyTorch-like padding (jax >= 0.7)
};
struct OnnxArgs {
  Ints kernel_shape, strides, pads, output_padding, dilations;  ///< pads: begins then ends
  std::optional<Ints> output_shape;
  std::string auto_pad = "NOTSET";
};
using FrameworkArgs = std::variant<TorchArgs, KerasArgs, TfArgs, JaxArgs, OnnxArgs>;

/// One framework's arguments and what they mean as a crop of the full buffer, with PyTorch's way to
/// the same output.
struct Translation {
  int dims = 1;
  std::vector<AxisConv> axes;
  std::vector<Crop> crop;                    ///< the target's crop, per axis
  Ints output_size;                          ///< full - begin - end, per axis
  bool exact = false;                        ///< PyTorch's padding and output_padding alone give this crop
  std::optional<TorchArgs> pytorch;          ///< the PyTorch parameters, exact or to slice (null: none can)
  std::optional<Pairs> slice;                ///< when not exact: take [begin, end) of PyTorch's output per axis
  Framework framework = Framework::pytorch;  ///< the target's framework
  FrameworkArgs target;
  bool reproduces_source = true;  ///< translating to another framework: the target gives the source's crop
  std::vector<Crop> source_crop;  ///< the crop that was read
  /// When the target does not reproduce the source but its output holds the source's: take [begin, end)
  /// of the target's output per axis (the other way round from `slice`).
  std::optional<Pairs> holds;
  std::string note;
};

/// Reads `from`'s arguments (for pytorch: a spec, by sizes or by values) plus `dims` and `input_size`,
/// and writes them in `to`'s (the same framework: its arguments normalized).
Result<Translation> translate(std::string_view json, Framework from, Framework to);

/// `{"output_size", "crop": {"begin", "end"}, "exact", "pytorch", "slice", "reproduces", "holds", "target",
/// "note"}`.
std::string translation_json(const Translation& translation);

/// The target's arguments as a JSON object, in that framework's own names.
std::string target_json(const FrameworkArgs& args);

/// JSON text in, JSON text out (the binding's one call): `from` and `to` are framework names ("" is pytorch
/// for `from`, and `from` for `to`).
std::string translate_text(std::string_view json, std::string_view from, std::string_view to);

}  // namespace tconv
