// translate: one framework's transposed-convolution arguments as a crop of the full buffer, and that
// crop in another framework's arguments. Each framework's rule is one function here, with its source
// in docs/frameworks.md; the tests check them against TensorFlow.js, onnxruntime and PyTorch.

#include "tconv/translate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "json_read.hpp"
#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "text.hpp"

namespace tconv {
namespace {

using detail::got;
using detail::JsonValue;
using Kind = JsonValue::Kind;
using i64 = std::int64_t;

constexpr i64 max_size = 1 << 20;      // input and kernel per axis (shape_limits)
constexpr i64 max_step = 1024;         // stride and dilation (shape_limits)
constexpr i64 max_pad = i64{1} << 30;  // explicit paddings, either sign
constexpr i64 max_output = i64{1} << 31;

std::string str(i64 v) { return std::to_string(v); }

i64 floor_div(i64 a, i64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
i64 ceil_div(i64 a, i64 b) { return -floor_div(-a, b); }

std::string axis_key(int dims, std::string_view key, int axis) { return param_name(dims, key, axis); }

Error range_error(int dims, std::string_view key, int axis, i64 value, i64 min, i64 max) {
  const std::string name = axis_key(dims, key, axis);
  detail::Text message;
  if (value < min)
    detail::range_words(message << name << " must be ", min, max) << ", got " << value;
  else
    message << name << ' ' << value << " is over the limit of " << max;
  return Error{std::move(message), std::string(key), dims == 1 ? -1 : axis,
               Valid{static_cast<double>(min), static_cast<double>(max), {}}};
}

// ---------------------------------------------------------------------------------------------
// Reading

struct Reader {
  const JsonValue& root;
  int dims;

  [[nodiscard]] const JsonValue* find(std::string_view key) const {
    const JsonValue* v = root.find(key);
    return v != nullptr && v->kind == Kind::null ? nullptr : v;
  }

  // One int per axis: an int for every axis, a list of dims values, or (extra_outer) a list of dims + 2
  // whose first and last are 1 (TensorFlow's NHWC form of strides and dilations).
  Result<Ints> ints(std::string_view key, i64 min, i64 max, std::optional<i64> fallback, bool extra_outer = false,
                    i64 outer = 1) const {
    const JsonValue* v = find(key);
    if (v == nullptr) {
      if (fallback) return Ints(static_cast<size_t>(dims), *fallback);
      return Error{
          std::string(key) + " is required: " + (dims == 1 ? "an int" : "an int or a list of 2 (height, width)"),
          std::string(key)};
    }
    std::vector<const JsonValue*> items;
    if (v->kind == Kind::array) {
      const size_t n = v->items.size();
      if (extra_outer && n == static_cast<size_t>(dims) + 2) {
        for (size_t i : {size_t{0}, n - 1}) {
          Result<int> o = detail::read_int(v->items[i], detail::IntKey{std::string(key), key, -1, outer, outer});
          if (!o.ok()) return o.error();
          if (o.value() != outer)
            return Error{std::string(key) + " must be " + str(outer) + " in the batch and channel dimensions, got " +
                             str(o.value()),
                         std::string(key)};
        }
        for (size_t i = 1; i + 1 < n; ++i) items.push_back(&v->items[i]);
      } else if (n == static_cast<size_t>(dims) || n == 1) {
        for (size_t a = 0; a < static_cast<size_t>(dims); ++a) items.push_back(&v->items[n == 1 ? 0 : a]);
      } else {
        return Error{std::string(key) + " must have " + (dims == 1 ? "1 value" : "1 or 2 values (height, width)") +
                         (extra_outer ? " (or " + str(dims + 2) + " with the batch and channel dimensions)" : "") +
                         ", got " + str(static_cast<i64>(n)),
                     std::string(key)};
      }
    } else {
      items.assign(static_cast<size_t>(dims), v);
    }
    Ints out;
    for (int a = 0; a < dims; ++a) {
      const int axis = v->kind == Kind::array ? a : -1;
      Result<int> n = detail::read_int(*items[static_cast<size_t>(a)],
                                       detail::IntKey{axis_key(dims, key, axis), key, axis, min, max});
      if (!n.ok()) return n.error();
      if (n.value() < min || n.value() > max) return range_error(dims, key, a, n.value(), min, max);
      out.push_back(n.value());
    }
    return out;
  }

  // A list of exactly `count` ints (ONNX's pads and output_shape).
  Result<Ints> flat(std::string_view key, size_t count, i64 min, i64 max, const std::string& layout) const {
    const JsonValue* v = find(key);
    if (v->kind != Kind::array || v->items.size() != count)
      return Error{std::string(key) + " must be a list of " + str(static_cast<i64>(count)) + " ints " + layout +
                       ", got " +
                       (v->kind == Kind::array ? str(static_cast<i64>(v->items.size())) + " values" : got(*v)),
                   std::string(key)};
    Ints out;
    for (size_t i = 0; i < count; ++i) {
      Result<int> n = detail::read_int(v->items[i], detail::IntKey{std::string(key), key, -1, min, max});
      if (!n.ok()) return n.error();
      if (n.value() < min || n.value() > max)
        return Error{std::string(key) + "[" + str(static_cast<i64>(i)) + "] = " + str(n.value()) + " must be from " +
                         str(min) + " to " + str(max),
                     std::string(key), -1, Valid{static_cast<double>(min), static_cast<double>(max), {}}};
      out.push_back(n.value());
    }
    return out;
  }

  // (before, after) pairs, one per axis, or (extra_outer) dims + 2 pairs whose first and last are [0, 0].
  Result<Pairs> pairs(std::string_view key, i64 min, bool extra_outer) const {
    const JsonValue* v = find(key);
    const size_t n = v->items.size();
    const bool outer = extra_outer && n == static_cast<size_t>(dims) + 2;
    if (n != static_cast<size_t>(dims) && !outer)
      return Error{std::string(key) + " must be \"SAME\", \"VALID\" or " + str(dims) + " [before, after] pairs" +
                       (extra_outer ? " (or " + str(dims + 2) + " with [0, 0] for batch and channels)" : "") +
                       ", got " + str(static_cast<i64>(n)) + " values",
                   std::string(key)};
    Pairs out;
    for (size_t i = 0; i < n; ++i) {
      const JsonValue& pair = v->items[i];
      const int axis = outer ? static_cast<int>(i) - 1 : static_cast<int>(i);
      if (pair.kind != Kind::array || pair.items.size() != 2)
        return Error{
            std::string(key) + "[" + str(static_cast<i64>(i)) + "] must be a [before, after] pair, got " + got(pair),
            std::string(key), dims == 1 ? -1 : axis};
      std::array<i64, 2> both{};
      for (size_t j = 0; j < 2; ++j) {
        Result<int> x =
            detail::read_int(pair.items[j], detail::IntKey{std::string(key), key, dims == 1 ? -1 : axis, min, max_pad});
        if (!x.ok()) return x.error();
        if (x.value() < min || x.value() > max_pad)
          return Error{std::string(key) + "[" + str(static_cast<i64>(i)) + "] = " + str(x.value()) + " must be from " +
                           str(min) + " to " + str(max_pad),
                       std::string(key), dims == 1 ? -1 : axis,
                       Valid{static_cast<double>(min), static_cast<double>(max_pad), {}}};
        both[j] = x.value();
      }
      if (outer && (i == 0 || i + 1 == n)) {
        if (both[0] != 0 || both[1] != 0)
          return Error{std::string(key) + " must be [0, 0] for the batch and channel dimensions", std::string(key)};
        continue;
      }
      out.emplace_back(both[0], both[1]);
    }
    return out;
  }

  Result<bool> boolean(std::string_view key, bool fallback) const {
    const JsonValue* v = find(key);
    if (v == nullptr) return fallback;
    if (v->kind != Kind::boolean)
      return Error{std::string(key) + " must be true or false, got " + got(*v), std::string(key), -1,
                   Valid{{}, {}, {"true", "false"}}};
    return v->boolean;
  }

  // A string of `choices`, compared exactly or (fold) ignoring case; "" when absent.
  Result<std::string> choice(std::string_view key, const std::vector<std::string>& choices, bool fold,
                             std::string_view also = "") const {
    const JsonValue* v = find(key);
    if (v == nullptr) return std::string();
    Valid valid;
    std::string words;
    for (const std::string& c : choices) {
      valid.values.push_back(json_string(c));
      words += (words.empty() ? "" : " or ") + json_string(c);
    }
    if (v->kind == Kind::string) {
      std::string text = v->text;
      if (fold)
        std::transform(text.begin(), text.end(), text.begin(),
                       [](char c) { return static_cast<char>(std::tolower(c)); });
      for (const std::string& c : choices)
        if (text == c) return c;
    }
    return Error{std::string(key) + " must be " + words + std::string(also) + ", got " + got(*v), std::string(key), -1,
                 std::move(valid)};
  }
};

Result<JsonValue> read_object(std::string_view json) {
  if (Result<bool> length = check_spec_length(static_cast<i64>(json.size())); !length.ok()) return length.error();
  Result<JsonValue> parsed = detail::parse_json(json, limits().max_json_depth, limits().max_json_values);
  if (!parsed.ok()) return parsed.error();
  if (parsed.value().kind != Kind::object)
    return Error{"the arguments must be a JSON object, got " + got(parsed.value())};
  return parsed;
}

Result<int> read_dims(const JsonValue& root) {
  const JsonValue* dims = root.find("dims");
  const Valid one_or_two{{}, {}, {"1", "2"}};
  if (dims == nullptr) return Error{"dims is required: 1 or 2", "dims", -1, one_or_two};
  if (dims->kind != Kind::number || !dims->is_integer_literal || (dims->number != 1 && dims->number != 2))
    return Error{"dims must be 1 or 2, got " + got(*dims), "dims", -1, one_or_two};
  return static_cast<int>(dims->number);
}

// What every reader produces: the shared sizes and the framework's own arguments.
struct Read {
  std::vector<AxisConv> axes;
  FrameworkArgs args;
};

std::vector<AxisConv> make_axes(const Ints& in, const Ints& k, const Ints& s, const Ints& d) {
  std::vector<AxisConv> axes;
  for (size_t a = 0; a < in.size(); ++a) axes.push_back(AxisConv{in[a], k[a], s[a], d[a]});
  return axes;
}

Result<Read> read_pytorch(std::string_view json) {
  Result<Spec> spec = parse_shape_spec(json);
  if (!spec.ok()) return spec.error();
  TorchArgs t;
  Read r;
  for (const AxisGeometry& g : geometry(spec.value())) {
    r.axes.push_back(AxisConv{g.input, g.kernel, g.params.stride, g.params.dilation});
    t.kernel_size.push_back(g.kernel);
    t.stride.push_back(g.params.stride);
    t.padding.push_back(g.params.padding);
    t.output_padding.push_back(g.params.output_padding);
    t.dilation.push_back(g.params.dilation);
  }
  r.args = t;
  return r;
}

// The output size must be a positive number of cells: `what` is F's own wording of the result.
std::optional<Error> check_output(int dims, const std::vector<AxisConv>& axes, const std::vector<Crop>& crops,
                                  std::string_view field, std::string_view framework) {
  for (size_t a = 0; a < axes.size(); ++a) {
    const i64 n = axes[a].full() - crops[a].begin - crops[a].end;
    if (n < 1 || n >= max_output)
      return Error{std::string(framework) + "'s output " + std::string(axis_name(dims, static_cast<int>(a))) +
                       " would be " + str(n) + " cells: it must be from 1 to " + str(max_output - 1),
                   std::string(field), dims == 1 ? -1 : static_cast<int>(a)};
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Crops: what each framework's arguments keep of the full buffer

std::vector<Crop> crop_of(const TorchArgs& t, const std::vector<AxisConv>& axes) {
  std::vector<Crop> c;
  for (size_t a = 0; a < axes.size(); ++a) c.push_back({t.padding[a], t.padding[a] - t.output_padding[a]});
  return c;
}

// Keras's output length (keras.src.backend.common.backend_utils._get_output_shape_given_tf_padding).
i64 keras_length(const AxisConv& g, const std::string& padding, std::optional<i64> output_padding) {
  const i64 k = g.span();
  if (padding == "valid") return (g.input - 1) * g.stride + k + output_padding.value_or(std::max(k, g.stride) - k);
  if (!output_padding) return g.input * g.stride;
  return (g.input - 1) * g.stride + k % 2 + *output_padding;
}

// TensorFlow's SAME (and VALID, where it is 0): pad_before = floor(max(0, full - N) / 2) of the forward
// convolution over the N output cells, which is what the transposed convolution crops at the start.
Crop tf_crop(const AxisConv& g, i64 n, std::optional<i64> pad_before) {
  const i64 begin = pad_before ? *pad_before : std::max<i64>(0, g.full() - n) / 2;
  return {begin, g.full() - begin - n};
}

std::vector<Crop> crop_of(const KerasArgs& k, const std::vector<AxisConv>& axes) {
  std::vector<Crop> c;
  for (size_t a = 0; a < axes.size(); ++a) {
    const std::optional<i64> op = k.output_padding ? std::optional<i64>((*k.output_padding)[a]) : std::nullopt;
    c.push_back(tf_crop(axes[a], keras_length(axes[a], k.padding, op), std::nullopt));
  }
  return c;
}

std::vector<Crop> crop_of(const TfArgs& t, const std::vector<AxisConv>& axes) {
  std::vector<Crop> c;
  for (size_t a = 0; a < axes.size(); ++a)
    c.push_back(tf_crop(axes[a], t.output_shape[a],
                        t.padding.empty() ? std::optional<i64>(t.explicit_padding[a].first) : std::nullopt));
  return c;
}

// jax._src.lax.convolution._conv_transpose_padding for SAME and VALID (k: the dilated kernel).
std::pair<i64, i64> jax_pads(i64 k, i64 s, const std::string& padding) {
  i64 pad_len = 0, pad_a = 0;
  if (padding == "SAME") {
    pad_len = k + s - 2;
    pad_a = s > k - 1 ? k - 1 : ceil_div(pad_len, 2);
  } else {
    pad_len = k + s - 2 + std::max<i64>(k - s, 0);
    pad_a = k - 1;
  }
  return {pad_a, pad_len - pad_a};
}

std::vector<Crop> crop_of(const JaxArgs& j, const std::vector<AxisConv>& axes) {
  std::vector<Crop> c;
  for (size_t a = 0; a < axes.size(); ++a) {
    const i64 k = axes[a].span();
    if (j.padding.empty() && j.use_consistent_padding) {
      c.push_back({j.pairs[a].first, j.pairs[a].second});
      continue;
    }
    // lax.conv_general_dilated pads the stride-dilated input by (lo, hi): k - 1 of each is the full buffer.
    const auto [lo, hi] = j.padding.empty() ? j.pairs[a] : jax_pads(k, axes[a].stride, j.padding);
    c.push_back({k - 1 - lo, k - 1 - hi});
  }
  return c;
}

// onnxruntime's ConvTranspose (conv_transpose_attributes.h): with output_shape, the total padding is
// max(0, full + output_padding - output_shape), split with the extra cell at the start except for
// SAME_UPPER; with SAME_UPPER/SAME_LOWER alone the same against in * stride; else the pads.
std::vector<Crop> crop_of(const OnnxArgs& o, const std::vector<AxisConv>& axes) {
  std::vector<Crop> c;
  const size_t dims = axes.size();
  for (size_t a = 0; a < dims; ++a) {
    const AxisConv& g = axes[a];
    const i64 adj = o.output_padding[a];
    const auto split = [&](i64 total) {
      const i64 head = o.auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      return std::pair{head, total - head};
    };
    if (o.output_shape) {
      const i64 n = (*o.output_shape)[a];
      const i64 head = split(std::max<i64>(0, g.full() + adj - n)).first;
      c.push_back({head, g.full() - head - n});
    } else if (o.auto_pad == "SAME_UPPER" || o.auto_pad == "SAME_LOWER") {
      const auto [head, tail] = split(std::max<i64>(0, g.full() + adj - g.input * g.stride));
      c.push_back({head, tail - adj});
    } else {
      c.push_back({o.pads[a], o.pads[dims + a] - adj});
    }
  }
  return c;
}

std::vector<Crop> crop_of(const FrameworkArgs& args, const std::vector<AxisConv>& axes) {
  return std::visit([&](const auto& f) { return crop_of(f, axes); }, args);
}

// ---------------------------------------------------------------------------------------------
// Reading each framework's arguments, with its own validity rules

Result<Read> read_keras(const Reader& r, const Ints& in) {
  Read out;
  KerasArgs k;
  Result<Ints> kernel = r.ints("kernel_size", 1, max_size, std::nullopt);
  if (!kernel.ok()) return kernel.error();
  Result<Ints> strides = r.ints("strides", 1, max_step, 1);
  if (!strides.ok()) return strides.error();
  Result<Ints> dilation = r.ints("dilation_rate", 1, max_step, 1);
  if (!dilation.ok()) return dilation.error();
  Result<std::string> padding = r.choice("padding", {"valid", "same"}, true, " (case-insensitive)");
  if (!padding.ok()) return padding.error();
  k.kernel_size = kernel.value();
  k.strides = strides.value();
  k.dilation_rate = dilation.value();
  k.padding = padding.value().empty() ? "valid" : padding.value();
  if (r.find("output_padding") != nullptr) {
    Result<Ints> op = r.ints("output_padding", 0, max_step - 1, std::nullopt);
    if (!op.ok()) return op.error();
    k.output_padding = op.value();
    for (size_t a = 0; a < in.size(); ++a)
      if ((*k.output_padding)[a] >= k.strides[a])
        return Error{
            "Keras requires output_padding < strides: " + axis_key(r.dims, "output_padding", static_cast<int>(a)) +
                " is " + str((*k.output_padding)[a]) + " with strides " + str(k.strides[a]),
            "output_padding", r.dims == 1 ? -1 : static_cast<int>(a),
            Valid{0.0, static_cast<double>(k.strides[a] - 1), {}}};
  }
  if (*std::max_element(k.strides.begin(), k.strides.end()) > 1 &&
      *std::max_element(k.dilation_rate.begin(), k.dilation_rate.end()) > 1)
    return Error{"Keras refuses strides > 1 together with dilation_rate > 1", "dilation_rate"};
  out.axes = make_axes(in, k.kernel_size, k.strides, k.dilation_rate);
  out.args = k;
  if (std::optional<Error> e = check_output(r.dims, out.axes, crop_of(k, out.axes), "padding", "Keras")) return *e;
  return out;
}

// TensorFlow checks that the forward convolution of output_shape gives the input back
// (conv_grad_shape_utils.cc, "Size of out_backprop doesn't match computed").
i64 tf_forward_size(const AxisConv& g, i64 n, const std::string& padding, std::pair<i64, i64> pads) {
  if (padding == "SAME") return ceil_div(n, g.stride);
  const i64 padded = n + (padding.empty() ? pads.first + pads.second : 0) - g.span();
  return padded < 0 ? -1 : padded / g.stride + 1;
}

Result<Read> read_tf(const Reader& r, const Ints& in) {
  Read out;
  TfArgs t;
  Result<Ints> kernel = r.ints("kernel_size", 1, max_size, std::nullopt);
  if (!kernel.ok()) return kernel.error();
  Result<Ints> strides = r.ints("strides", 1, max_step, 1, true);
  if (!strides.ok()) return strides.error();
  Result<Ints> dilations = r.ints("dilations", 1, max_step, 1, true);
  if (!dilations.ok()) return dilations.error();
  Result<Ints> shape = r.ints("output_shape", 1, max_output - 1, std::nullopt, true, -1);
  if (r.find("output_shape") == nullptr) return shape.error();
  if (!shape.ok()) {
    // [batch, spatial..., channels]: any batch and channel counts.
    const JsonValue* v = r.find("output_shape");
    if (v->kind == Kind::array && v->items.size() == static_cast<size_t>(r.dims) + 2) {
      JsonValue middle = *v;
      middle.items.assign(v->items.begin() + 1, v->items.end() - 1);
      JsonValue wrapper;
      wrapper.kind = Kind::object;
      wrapper.members.push_back({"output_shape", middle});
      shape = Reader{wrapper, r.dims}.ints("output_shape", 1, max_output - 1, std::nullopt);
    }
    if (!shape.ok()) return shape.error();
  }
  t.output_shape = shape.value();
  t.strides = strides.value();
  t.dilations = dilations.value();
  const JsonValue* padding = r.find("padding");
  if (padding == nullptr) return Error{"padding is required: \"SAME\", \"VALID\" or explicit pairs", "padding"};
  if (padding->kind == Kind::array) {
    Result<Pairs> pairs = r.pairs("padding", 0, true);
    if (!pairs.ok()) return pairs.error();
    t.explicit_padding = pairs.value();
  } else {
    // "SAME" and "VALID" as documented; lowercase too, as Keras writes them before upper-casing.
    std::string text = padding->kind == Kind::string ? padding->text : "";
    std::transform(text.begin(), text.end(), text.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
    if (text != "SAME" && text != "VALID")
      return Error{"padding must be \"SAME\", \"VALID\" or explicit pairs, got " + got(*padding), "padding", -1,
                   Valid{{}, {}, {"\"SAME\"", "\"VALID\""}}};
    t.padding = text;
  }
  out.axes = make_axes(in, kernel.value(), t.strides, t.dilations);
  for (size_t a = 0; a < in.size(); ++a) {
    const AxisConv& g = out.axes[a];
    const i64 forward = tf_forward_size(g, t.output_shape[a], t.padding,
                                        t.padding.empty() ? t.explicit_padding[a] : std::pair<i64, i64>{0, 0});
    if (forward != g.input) {
      // The output sizes whose forward convolution gives the input back.
      i64 lo = 0, hi = -1;
      if (t.padding == "SAME") {
        lo = (g.input - 1) * g.stride + 1;
        hi = g.input * g.stride;
      } else {
        const i64 pads = t.padding.empty() ? t.explicit_padding[a].first + t.explicit_padding[a].second : 0;
        lo = std::max<i64>(1, g.full() - pads);
        hi = g.full() - pads + g.stride - 1;
      }
      const int axis = r.dims == 1 ? -1 : static_cast<int>(a);
      return Error{
          "TensorFlow refuses " + axis_key(r.dims, "output_shape", axis) + " = " + str(t.output_shape[a]) +
              ": the forward convolution of " + str(t.output_shape[a]) + " cells gives " + str(forward) +
              ", not the input's " + str(g.input) +
              (hi >= lo
                   ? "; output_shape must be " + (lo == hi ? str(lo) : "from " + str(lo) + " to " + str(hi)) + " here"
                   : "; no output_shape fits these paddings"),
          "output_shape", axis, hi >= lo ? Valid{static_cast<double>(lo), static_cast<double>(hi), {}} : Valid{}};
    }
  }
  out.args = t;
  return out;
}

Result<Read> read_jax(const Reader& r, const Ints& in) {
  Read out;
  JaxArgs j;
  Result<Ints> kernel = r.ints("kernel_size", 1, max_size, std::nullopt);
  if (!kernel.ok()) return kernel.error();
  Result<Ints> strides = r.ints("strides", 1, max_step, std::nullopt);
  if (!strides.ok()) return strides.error();
  Result<Ints> dilation = r.ints("rhs_dilation", 1, max_step, 1);
  if (!dilation.ok()) return dilation.error();
  Result<bool> transpose = r.boolean("transpose_kernel", false);
  if (!transpose.ok()) return transpose.error();
  Result<bool> consistent = r.boolean("use_consistent_padding", false);
  if (!consistent.ok()) return consistent.error();
  j.strides = strides.value();
  j.rhs_dilation = dilation.value();
  j.transpose_kernel = transpose.value();
  j.use_consistent_padding = consistent.value();
  const JsonValue* padding = r.find("padding");
  if (padding == nullptr) return Error{"padding is required: \"SAME\", \"VALID\" or [low, high] pairs", "padding"};
  if (padding->kind == Kind::array) {
    Result<Pairs> pairs = r.pairs("padding", -max_pad, false);
    if (!pairs.ok()) return pairs.error();
    j.pairs = pairs.value();
  } else {
    // conv_transpose compares the string exactly: "same" would reach conv_general_dilated as its own SAME.
    Result<std::string> mode = r.choice("padding", {"SAME", "VALID"}, false, " (exactly) or [low, high] pairs");
    if (!mode.ok()) return mode.error();
    j.padding = mode.value();
  }
  out.axes = make_axes(in, kernel.value(), j.strides, j.rhs_dilation);
  out.args = j;
  if (std::optional<Error> e = check_output(r.dims, out.axes, crop_of(j, out.axes), "padding", "JAX")) return *e;
  return out;
}

Result<Read> read_onnx(const Reader& r, const Ints& in) {
  Read out;
  OnnxArgs o;
  const bool shape_given = r.find("kernel_shape") != nullptr;
  if (!shape_given && r.find("kernel_size") == nullptr)
    return Error{"kernel_shape (or kernel_size, the weight's spatial shape) is required", "kernel_shape"};
  Result<Ints> kernel = r.ints(shape_given ? "kernel_shape" : "kernel_size", 1, max_size, std::nullopt);
  if (!kernel.ok()) return kernel.error();
  if (shape_given && r.find("kernel_size") != nullptr) {
    Result<Ints> size = r.ints("kernel_size", 1, max_size, std::nullopt);
    if (!size.ok()) return size.error();
    if (size.value() != kernel.value())
      return Error{"kernel_shape and kernel_size (the weight's shape) disagree", "kernel_shape"};
  }
  Result<Ints> strides = r.ints("strides", 1, max_step, 1);
  if (!strides.ok()) return strides.error();
  Result<Ints> dilations = r.ints("dilations", 1, max_step, 1);
  if (!dilations.ok()) return dilations.error();
  Result<Ints> adj = r.ints("output_padding", 0, max_step - 1, 0);
  if (!adj.ok()) return adj.error();
  Result<std::string> auto_pad = r.choice("auto_pad", {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"}, false);
  if (!auto_pad.ok()) return auto_pad.error();
  o.kernel_shape = kernel.value();
  o.strides = strides.value();
  o.dilations = dilations.value();
  o.output_padding = adj.value();
  o.auto_pad = auto_pad.value().empty() ? "NOTSET" : auto_pad.value();
  const size_t dims = in.size();
  if (r.find("pads") != nullptr) {
    if (o.auto_pad != "NOTSET") return Error{"onnxruntime refuses pads together with auto_pad " + o.auto_pad, "pads"};
    Result<Ints> pads = r.flat("pads", 2 * dims, 0, max_pad, dims == 1 ? "[begin, end]" : "[top, left, bottom, right]");
    if (!pads.ok()) return pads.error();
    o.pads = pads.value();
  } else {
    o.pads.assign(2 * dims, 0);
  }
  if (r.find("output_shape") != nullptr) {
    Result<Ints> shape = r.flat("output_shape", dims, 1, max_output - 1, dims == 1 ? "[length]" : "[height, width]");
    if (!shape.ok()) return shape.error();
    o.output_shape = shape.value();
  }
  out.axes = make_axes(in, o.kernel_shape, o.strides, o.dilations);
  for (size_t a = 0; a < dims; ++a) {
    const AxisConv& g = out.axes[a];
    const int axis = r.dims == 1 ? -1 : static_cast<int>(a);
    const i64 largest = std::max(g.stride, g.dilation) - 1;
    if (o.output_padding[a] > largest)
      return Error{axis_key(r.dims, "output_padding", axis) + " must be less than max(strides, dilations) = " +
                       str(largest + 1) + ", got " + str(o.output_padding[a]),
                   "output_padding", axis, Valid{0.0, static_cast<double>(largest), {}}};
    // onnxruntime also runs the forward convolution of its output back: output_padding >= stride fails there.
    if (o.output_padding[a] >= g.stride)
      return Error{"onnxruntime refuses " + axis_key(r.dims, "output_padding", axis) + " = " +
                       str(o.output_padding[a]) + " with strides " + str(g.stride) +
                       ": its output would not convolve back to the input's size; it must be less than the stride",
                   "output_padding", axis, Valid{0.0, static_cast<double>(g.stride - 1), {}}};
    if (o.output_shape) {
      const i64 n = (*o.output_shape)[a];
      const i64 total = std::max<i64>(0, g.full() + o.output_padding[a] - n);
      if ((n + total - g.span()) / g.stride + 1 != g.input)
        return Error{"onnxruntime refuses " + axis_key(r.dims, "output_shape", axis) + " = " + str(n) +
                         ": it must be at most " + str(g.full() + g.stride - 1) + " (the full buffer plus stride - 1)",
                     "output_shape", axis, Valid{1.0, static_cast<double>(g.full() + g.stride - 1), {}}};
    }
  }
  out.args = o;
  if (std::optional<Error> e = check_output(r.dims, out.axes, crop_of(o, out.axes), "pads", "onnxruntime")) return *e;
  return out;
}

const std::vector<std::string_view>& keys_of(Framework f) {
  static const std::vector<std::string_view> keras{"dims",    "input_size",     "kernel_size",  "strides",
                                                   "padding", "output_padding", "dilation_rate"};
  static const std::vector<std::string_view> tf{"dims",    "input_size", "kernel_size", "output_shape",
                                                "strides", "padding",    "dilations"};
  static const std::vector<std::string_view> jax{
      "dims",    "input_size",   "kernel_size",      "strides",
      "padding", "rhs_dilation", "transpose_kernel", "use_consistent_padding"};
  static const std::vector<std::string_view> onnx{"dims", "input_size",     "kernel_shape", "kernel_size", "strides",
                                                  "pads", "output_padding", "output_shape", "auto_pad",    "dilations"};
  switch (f) {
    case Framework::keras: return keras;
    case Framework::tf: return tf;
    case Framework::jax: return jax;
    default: return onnx;
  }
}

Result<Read> read_args(std::string_view json, Framework from, int& dims) {
  if (from == Framework::pytorch) {
    Result<Read> read = read_pytorch(json);
    if (read.ok()) dims = static_cast<int>(read.value().axes.size());
    return read;
  }
  Result<JsonValue> root = read_object(json);
  if (!root.ok()) return root.error();
  Result<bool> keys = detail::check_known_keys(root.value(), keys_of(from));
  if (!keys.ok()) return keys.error();
  Result<int> d = read_dims(root.value());
  if (!d.ok()) return d.error();
  dims = d.value();
  const Reader r{root.value(), dims};
  Result<Ints> in = r.ints("input_size", 1, max_size, std::nullopt);
  if (!in.ok()) return in.error();
  switch (from) {
    case Framework::keras: return read_keras(r, in.value());
    case Framework::tf: return read_tf(r, in.value());
    case Framework::jax: return read_jax(r, in.value());
    default: return read_onnx(r, in.value());
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a crop in each framework's arguments: exactly when it can, else the nearest crop whose
// output holds the one asked for (the fewest extra cells), else the nearest at all.

// How far `got` is from `want`: containing crops first, then the cells in excess or missing.
i64 distance(const std::vector<Crop>& got, const std::vector<Crop>& want) {
  i64 extra = 0, missing = 0;
  for (size_t a = 0; a < got.size(); ++a) {
    for (const auto& [g, w] : {std::pair{got[a].begin, want[a].begin}, {got[a].end, want[a].end}}) {
      if (g <= w)
        extra += w - g;
      else
        missing += g - w;
    }
  }
  return missing * (i64{1} << 40) + extra;
}

// PyTorch: (padding, padding - output_padding), 0 <= output_padding < max(stride, dilation).
std::pair<i64, i64> torch_nearest(const AxisConv& g, const Crop& c) {
  const i64 m = std::max(g.stride, g.dilation);
  i64 p = std::max<i64>(0, std::min(c.begin, c.end + m - 1));
  p = std::min(p, g.full() - 1);  // keep at least one cell
  const i64 op = std::clamp<i64>(p - c.end, 0, m - 1);
  return {p, op};
}

TorchArgs render_torch(const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  TorchArgs t;
  for (size_t a = 0; a < axes.size(); ++a) {
    const auto [p, op] = torch_nearest(axes[a], crops[a]);
    t.kernel_size.push_back(axes[a].kernel);
    t.stride.push_back(axes[a].stride);
    t.padding.push_back(p);
    t.output_padding.push_back(op);
    t.dilation.push_back(axes[a].dilation);
  }
  return t;
}

OnnxArgs render_onnx(const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  OnnxArgs o;
  const size_t dims = axes.size();
  o.pads.assign(2 * dims, 0);
  for (size_t a = 0; a < dims; ++a) {
    const AxisConv& g = axes[a];
    const i64 b = std::max<i64>(0, crops[a].begin);
    const i64 e = std::max<i64>(crops[a].end, -(g.stride - 1));
    i64 head = b, tail = 0, adj = 0;
    if (b - e >= 0 && b - e < g.stride) {
      tail = b;  // PyTorch's form: pads [p, p] and output_padding
      adj = b - e;
    } else if (e >= 0) {
      tail = e;
    } else {
      adj = -e;
    }
    head = std::min(head, g.full() + adj - tail - 1);
    o.kernel_shape.push_back(g.kernel);
    o.strides.push_back(g.stride);
    o.dilations.push_back(g.dilation);
    o.output_padding.push_back(adj);
    o.pads[a] = head;
    o.pads[dims + a] = tail;
  }
  return o;
}

TfArgs render_tf(const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  TfArgs t;
  std::vector<Crop> near;
  for (size_t a = 0; a < axes.size(); ++a) {
    const AxisConv& g = axes[a];
    const i64 e = std::max<i64>(crops[a].end, -(g.stride - 1));
    const i64 b = std::clamp<i64>(crops[a].begin, 0, g.full() - e - 1);
    near.push_back({b, e});
    t.output_shape.push_back(g.full() - b - e);
    t.strides.push_back(g.stride);
    t.dilations.push_back(g.dilation);
  }
  const auto all = [&](const std::string& mode) {
    for (size_t a = 0; a < axes.size(); ++a) {
      if (tf_forward_size(axes[a], t.output_shape[a], mode, {0, 0}) != axes[a].input) return false;
      if (!(tf_crop(axes[a], t.output_shape[a], mode == "VALID" ? std::optional<i64>(0) : std::nullopt) == near[a]))
        return false;
    }
    return true;
  };
  if (all("VALID")) {
    t.padding = "VALID";
  } else if (all("SAME")) {
    t.padding = "SAME";
  } else {
    for (const Crop& c : near) t.explicit_padding.emplace_back(c.begin, std::max<i64>(c.end, 0));
  }
  return t;
}

JaxArgs render_jax(const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  JaxArgs j;
  for (const AxisConv& g : axes) {
    j.strides.push_back(g.stride);
    j.rhs_dilation.push_back(g.dilation);
  }
  for (const std::string mode : {"VALID", "SAME"}) {
    JaxArgs named = j;
    named.padding = mode;
    if (crop_of(named, axes) == crops) return named;
  }
  for (size_t a = 0; a < axes.size(); ++a) {
    const i64 k = axes[a].span();
    j.pairs.emplace_back(k - 1 - crops[a].begin, k - 1 - crops[a].end);
  }
  return j;
}

std::optional<KerasArgs> render_keras(const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  for (const AxisConv& g : axes)
    if (g.stride > 1)
      for (const AxisConv& h : axes)
        if (h.dilation > 1) return std::nullopt;
  KerasArgs base;
  for (const AxisConv& g : axes) {
    base.kernel_size.push_back(g.kernel);
    base.strides.push_back(g.stride);
    base.dilation_rate.push_back(g.dilation);
  }
  std::optional<KerasArgs> best;
  i64 best_distance = std::numeric_limits<i64>::max();
  const auto consider = [&](const KerasArgs& k) {
    for (size_t a = 0; a < axes.size(); ++a) {
      const std::optional<i64> op = k.output_padding ? std::optional<i64>((*k.output_padding)[a]) : std::nullopt;
      if (keras_length(axes[a], k.padding, op) < 1) return;
    }
    const i64 d = distance(crop_of(k, axes), crops);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  };
  // Output_padding None first, then per axis the value nearest to the crop.
  for (const std::string mode : {"valid", "same"}) {
    KerasArgs k = base;
    k.padding = mode;
    consider(k);
  }
  for (const std::string mode : {"valid", "same"}) {
    KerasArgs k = base;
    k.padding = mode;
    k.output_padding = Ints(axes.size(), 0);
    for (size_t a = 0; a < axes.size(); ++a) {
      i64 axis_best = std::numeric_limits<i64>::max();
      for (i64 op = 0; op < axes[a].stride; ++op) {
        if (keras_length(axes[a], mode, op) < 1) continue;
        const i64 d = distance({tf_crop(axes[a], keras_length(axes[a], mode, op), std::nullopt)}, {crops[a]});
        if (d < axis_best) {
          axis_best = d;
          (*k.output_padding)[a] = op;
        }
      }
    }
    consider(k);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Words

std::string list(const Ints& v) {
  std::string o = "[";
  for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + str(v[i]);
  return o + "]";
}
std::string per_axis(const Ints& v) {
  return std::all_of(v.begin(), v.end(), [&](i64 x) { return x == v[0]; }) ? str(v[0]) : list(v);
}

std::string describe(const FrameworkArgs& args) {
  struct V {
    std::string operator()(const TorchArgs& t) const {
      return "PyTorch padding=" + per_axis(t.padding) + ", output_padding=" + per_axis(t.output_padding);
    }
    std::string operator()(const KerasArgs& k) const {
      return "Keras padding=\"" + k.padding +
             "\", output_padding=" + (k.output_padding ? per_axis(*k.output_padding) : std::string("None"));
    }
    std::string operator()(const TfArgs& t) const {
      std::string pads = "\"" + t.padding + "\"";
      if (t.padding.empty()) {
        pads = "[";
        for (size_t i = 0; i < t.explicit_padding.size(); ++i)
          pads += (i ? ", " : "") + list({t.explicit_padding[i].first, t.explicit_padding[i].second});
        pads += "]";
      }
      return "tf.nn padding=" + pads + ", output_shape=" + list(t.output_shape);
    }
    std::string operator()(const JaxArgs& j) const {
      std::string pads = "\"" + j.padding + "\"";
      if (j.padding.empty()) {
        pads = "[";
        for (size_t i = 0; i < j.pairs.size(); ++i)
          pads += (i ? ", " : "") + list({j.pairs[i].first, j.pairs[i].second});
        pads += "]";
        if (j.use_consistent_padding) pads += " (use_consistent_padding)";
      }
      return "jax.lax.conv_transpose padding=" + pads;
    }
    std::string operator()(const OnnxArgs& o) const {
      std::string s = "ONNX ConvTranspose ";
      if (o.output_shape) s += "output_shape=" + list(*o.output_shape) + ", ";
      if (o.auto_pad != "NOTSET") s += "auto_pad=" + o.auto_pad + ", ";
      return s + "pads=" + list(o.pads) + ", output_padding=" + list(o.output_padding);
    }
  };
  return std::visit(V{}, args);
}

std::string crop_words(int dims, const std::vector<AxisConv>& axes, const std::vector<Crop>& crops) {
  std::string s;
  for (size_t a = 0; a < axes.size(); ++a) {
    const Crop& c = crops[a];
    const auto end = [](i64 n, const char* where) {
      if (n >= 0) return "cuts " + str(n) + " at the " + where;
      return "adds " + str(-n) + " zero cell" + (n == -1 ? "" : "s") + " at the " + where;
    };
    s += (a ? "; " : "") + (dims == 1 ? std::string() : std::string(axis_name(dims, static_cast<int>(a))) + ": ") +
         "of the full buffer of " + str(axes[a].full()) + " cells it " + end(c.begin, "start") + " and " +
         end(c.end, "end") + ", keeping " + str(axes[a].full() - c.begin - c.end);
  }
  return s;
}

std::string weight_words(Framework f, int dims) {
  const std::string k = dims == 1 ? "k" : "kH, kW";
  const std::string w = "PyTorch's weight w [C_in, C_out/groups, " + k + "]";
  const std::string perm = dims == 1 ? "w.permute(2, 1, 0)" : "w.permute(2, 3, 1, 0)";
  switch (f) {
    case Framework::pytorch: return "Weights: " + w + ", not flipped.";
    case Framework::keras:
      return "Weights: Keras's kernel is [" + k + ", C_out, C_in] (channels_last), " + w +
             " permuted, not flipped: kernel = " + perm + "; Keras has no groups.";
    case Framework::tf:
      return "Weights: tf.nn's filters are [" + k + ", C_out, C_in] with " + (dims == 1 ? "NWC" : "NHWC") +
             " input and output: filters = " + perm + " of " + w + ", not flipped; no groups.";
    case Framework::jax:
      return "Weights: with transpose_kernel=True, dimension_numbers (" +
             std::string(dims == 1 ? "\"NHC\", \"HIO\", \"NHC\"" : "\"NHWC\", \"HWIO\", \"NHWC\"") + ") and " + w +
             ", rhs = " + perm + " (JAX flips it and swaps the channel axes); with transpose_kernel=False, pass it " +
             "flipped: rhs = " + (dims == 1 ? "w.flip(2).permute(2, 0, 1)" : "w.flip(2, 3).permute(2, 3, 0, 1)") + ".";
    case Framework::onnx: return "Weights: ONNX's W is PyTorch's layout [C_in, C_out/group, " + k + "], not flipped.";
  }
  return "";
}

std::string slice_words(const Pairs& slice) {
  std::string s = "y[..., ";
  for (size_t a = 0; a < slice.size(); ++a) s += (a ? ", " : "") + str(slice[a].first) + ":" + str(slice[a].second);
  return s + "]";
}

// ---------------------------------------------------------------------------------------------
// JSON

std::string ints_json(const Ints& v) {
  std::string o = "[";
  for (size_t i = 0; i < v.size(); ++i) o += (i ? "," : "") + str(v[i]);
  return o + "]";
}
std::string pairs_json(const Pairs& v) {
  std::string o = "[";
  for (size_t i = 0; i < v.size(); ++i)
    o += std::string(i ? "," : "") + "[" + str(v[i].first) + "," + str(v[i].second) + "]";
  return o + "]";
}

std::string torch_json(const TorchArgs& t, bool with_kernel) {
  return std::string("{") + (with_kernel ? "\"kernel_size\":" + ints_json(t.kernel_size) + "," : "") +
         "\"stride\":" + ints_json(t.stride) + ",\"padding\":" + ints_json(t.padding) +
         ",\"output_padding\":" + ints_json(t.output_padding) + ",\"dilation\":" + ints_json(t.dilation) + "}";
}

}  // namespace

std::string_view framework_name(Framework framework) {
  switch (framework) {
    case Framework::pytorch: return "pytorch";
    case Framework::keras: return "keras";
    case Framework::tf: return "tf";
    case Framework::jax: return "jax";
    case Framework::onnx: return "onnx";
  }
  return "";
}

std::optional<Framework> framework_named(std::string_view name) {
  for (Framework f : {Framework::pytorch, Framework::keras, Framework::tf, Framework::jax, Framework::onnx})
    if (framework_name(f) == name) return f;
  return std::nullopt;
}

std::vector<std::string> framework_names_json() {
  std::vector<std::string> names;
  for (Framework f : {Framework::pytorch, Framework::keras, Framework::tf, Framework::jax, Framework::onnx})
    names.push_back(json_string(framework_name(f)));
  return names;
}

std::string target_json(const FrameworkArgs& args) {
  struct V {
    std::string operator()(const TorchArgs& t) const { return torch_json(t, true); }
    std::string operator()(const KerasArgs& k) const {
      return "{\"kernel_size\":" + ints_json(k.kernel_size) + ",\"strides\":" + ints_json(k.strides) +
             ",\"padding\":" + json_string(k.padding) +
             ",\"output_padding\":" + (k.output_padding ? ints_json(*k.output_padding) : std::string("null")) +
             ",\"dilation_rate\":" + ints_json(k.dilation_rate) + "}";
    }
    std::string operator()(const TfArgs& t) const {
      return "{\"output_shape\":" + ints_json(t.output_shape) + ",\"strides\":" + ints_json(t.strides) +
             ",\"padding\":" + (t.padding.empty() ? pairs_json(t.explicit_padding) : json_string(t.padding)) +
             ",\"dilations\":" + ints_json(t.dilations) + "}";
    }
    std::string operator()(const JaxArgs& j) const {
      return "{\"strides\":" + ints_json(j.strides) +
             ",\"padding\":" + (j.padding.empty() ? pairs_json(j.pairs) : json_string(j.padding)) +
             ",\"rhs_dilation\":" + ints_json(j.rhs_dilation) +
             ",\"transpose_kernel\":" + (j.transpose_kernel ? "true" : "false") +
             (j.use_consistent_padding ? ",\"use_consistent_padding\":true" : "") + "}";
    }
    std::string operator()(const OnnxArgs& o) const {
      std::string s = "{\"kernel_shape\":" + ints_json(o.kernel_shape) + ",\"strides\":" + ints_json(o.strides);
      if (o.auto_pad != "NOTSET") s += ",\"auto_pad\":" + json_string(o.auto_pad);
      if (o.output_shape) s += ",\"output_shape\":" + ints_json(*o.output_shape);
      if (o.auto_pad == "NOTSET" && !o.output_shape) s += ",\"pads\":" + ints_json(o.pads);
      return s + ",\"output_padding\":" + ints_json(o.output_padding) + ",\"dilations\":" + ints_json(o.dilations) +
             "}";
    }
  };
  return std::visit(V{}, args);
}

Result<Translation> translate(std::string_view json, Framework from, Framework to) {
  Translation t;
  Result<Read> read = read_args(json, from, t.dims);
  if (!read.ok()) return read.error();
  t.axes = read.value().axes;
  t.source_crop = crop_of(read.value().args, t.axes);
  t.framework = to;
  if (to == from) {
    t.target = read.value().args;
  } else {
    switch (to) {
      case Framework::pytorch: t.target = render_torch(t.axes, t.source_crop); break;
      case Framework::keras: {
        std::optional<KerasArgs> k = render_keras(t.axes, t.source_crop);
        if (!k)
          return Error{"Keras refuses strides > 1 together with dilation_rate > 1: there are no Keras arguments here",
                       "dilation"};
        t.target = *k;
        break;
      }
      case Framework::tf: t.target = render_tf(t.axes, t.source_crop); break;
      case Framework::jax: t.target = render_jax(t.axes, t.source_crop); break;
      case Framework::onnx: t.target = render_onnx(t.axes, t.source_crop); break;
    }
  }
  t.crop = crop_of(t.target, t.axes);
  t.reproduces_source = t.crop == t.source_crop;
  if (!t.reproduces_source) {
    // The source's output inside the target's, when it lies wholly within it.
    Pairs inside;
    for (size_t a = 0; a < t.axes.size(); ++a) {
      const i64 from_start = t.source_crop[a].begin - t.crop[a].begin;
      if (from_start < 0 || t.source_crop[a].end < t.crop[a].end) break;
      inside.emplace_back(from_start, from_start + t.axes[a].full() - t.source_crop[a].begin - t.source_crop[a].end);
    }
    if (inside.size() == t.axes.size()) t.holds = std::move(inside);
  }

  // PyTorch's way to the target's output.
  t.exact = true;
  TorchArgs torch = render_torch(t.axes, t.crop);
  Pairs slice;
  bool sliceable = true;
  for (size_t a = 0; a < t.axes.size(); ++a) {
    const Crop& c = t.crop[a];
    const i64 n = t.axes[a].full() - c.begin - c.end;
    t.output_size.push_back(n);
    const i64 p = torch.padding[a], op = torch.output_padding[a];
    if (p != c.begin || p - op != c.end) t.exact = false;
    if (p > c.begin || p - op > c.end) sliceable = false;
    slice.emplace_back(c.begin - p, c.begin - p + n);
  }
  if (t.exact || sliceable) t.pytorch = torch;
  if (!t.exact && sliceable) t.slice = slice;

  // The note: the target as a crop, PyTorch's way to it, the source when the target differs, the weights.
  std::string note = describe(t.target) + ": " + crop_words(t.dims, t.axes, t.crop) + ". ";
  if (t.exact) {
    note += framework_name(to) == std::string_view("pytorch")
                ? ""
                : "PyTorch gives exactly this with padding=" + per_axis(torch.padding) +
                      ", output_padding=" + per_axis(torch.output_padding) + ". ";
  } else if (t.slice) {
    note +=
        "PyTorch's padding and output_padding cannot give this crop alone (padding cuts both ends equally, "
        "output_padding gives cells back at the end only, fewer than max(stride, dilation)): use padding=" +
        per_axis(torch.padding) + ", output_padding=" + per_axis(torch.output_padding) + " and take " +
        slice_words(*t.slice) + " of its output. ";
  } else {
    note +=
        "PyTorch cannot give this output even with a slice: it needs zero cells before the full buffer or more "
        "after it than output_padding can add; pad PyTorch's output with zeros (and the bias) instead. ";
  }
  if (!t.reproduces_source) {
    note += "These are the nearest " + std::string(framework_name(to)) + " arguments: none give the " +
            std::string(framework_name(from)) + " result exactly (" + crop_words(t.dims, t.axes, t.source_crop) + ")";
    note += t.holds ? "; their output holds it: take " + slice_words(*t.holds) + " of it. "
                    : "; their output lacks some of its cells. ";
  }
  if (const auto* k = std::get_if<KerasArgs>(&t.target)) {
    for (size_t a = 0; a < t.axes.size(); ++a)
      if (k->padding == "same" && k->output_padding && (*k->output_padding)[a] == 0 && t.axes[a].span() % 2 == 0) {
        note +=
            "Keras's TensorFlow backend refuses output_padding 0 with an even kernel and padding=\"same\" (its "
            "output_shape does not convolve back to the input); the JAX and PyTorch backends compute this crop. ";
        break;
      }
  }
  if (const auto* o = std::get_if<OnnxArgs>(&t.target); o && o->auto_pad.starts_with("SAME") && !o->output_shape) {
    for (const AxisConv& g : t.axes)
      if (g.full() < g.input * g.stride) {
        note +=
            "onnxruntime's SAME pads only when the buffer is longer than input * stride: with a kernel smaller "
            "than the stride the output is the full buffer plus output_padding, not input * stride. ";
        break;
      }
  }
  note += weight_words(to, t.dims);
  t.note = std::move(note);
  return t;
}

std::string translation_json(const Translation& t) {
  Ints begin, end;
  for (const Crop& c : t.crop) {
    begin.push_back(c.begin);
    end.push_back(c.end);
  }
  return "{\"output_size\":" + ints_json(t.output_size) + ",\"crop\":{\"begin\":" + ints_json(begin) +
         ",\"end\":" + ints_json(end) + "},\"exact\":" + (t.exact ? "true" : "false") +
         ",\"pytorch\":" + (t.pytorch ? torch_json(*t.pytorch, false) : std::string("null")) +
         ",\"slice\":" + (t.slice ? pairs_json(*t.slice) : std::string("null")) +
         ",\"reproduces\":" + (t.reproduces_source ? "true" : "false") +
         ",\"holds\":" + (t.holds ? pairs_json(*t.holds) : std::string("null")) +
         ",\"target\":" + target_json(t.target) + ",\"note\":" + json_string(t.note) + "}";
}

std::string translate_text(std::string_view json, std::string_view from, std::string_view to) {
  const auto named = [](std::string_view name, const char* field) -> Result<Framework> {
    if (std::optional<Framework> f = framework_named(name)) return *f;
    return Error{std::string(field) + " must be pytorch, keras, tf, jax or onnx, got " + quoted(name), field, -1,
                 Valid{{}, {}, framework_names_json()}};
  };
  const Result<Framework> source = named(from.empty() ? "pytorch" : from, "from");
  if (!source.ok()) return error_json(source.error());
  const Result<Framework> target = to.empty() ? source : named(to, "to");
  if (!target.ok()) return error_json(target.error());
  const Result<Translation> t = translate(json, source.value(), target.value());
  return t.ok() ? translation_json(t.value()) : error_json(t.error());
}

}  // namespace tconv
