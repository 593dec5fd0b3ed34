// JSON spec -> Spec. This file checks the JSON's structure (keys, types, nesting, raggedness,
// finiteness); validate_spec() then checks the numbers against PyTorch's rules and the limits.

#include <cmath>
#include <string>

#include "json_read.hpp"
#include "json_value.hpp"
#include "spec_rules.hpp"
#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/spec.hpp"

namespace tconv {
namespace {

using detail::got;
using detail::IntKey;
using detail::JsonValue;
using detail::read_int;
using Kind = JsonValue::Kind;

bool is_non_finite_token(const JsonValue& value) {
  return value.text == "NaN" || value.text == "Infinity" || value.text == "-Infinity";
}

// Where one array of the spec comes from: the JSON text, or a shape whose values the caller holds.
struct ArraySource {
  const JsonValue* json = nullptr;
  const ArrayShape* shape = nullptr;

  [[nodiscard]] bool given() const { return json != nullptr || shape != nullptr; }
};

// A nested array of numbers read into a row-major buffer with its shape.
struct NestedArray {
  std::vector<int> shape;
  std::vector<double> values;
};

class NestedArrayReader {
 public:
  NestedArrayReader(std::string_view name, std::string_view layout, size_t depth)
      : name_(name), layout_(layout), depth_(depth) {}

  // From JSON, or from a shape whose values the caller holds (same messages, values left empty).
  Result<NestedArray> read(const ArraySource& source) {
    return source.json != nullptr ? read(*source.json) : read_shape(*source.shape);
  }

  Result<NestedArray> read(const JsonValue& root) {
    // The shape comes from the first element at each level; every other array must match it.
    const JsonValue* level = &root;
    std::string path(name_);
    for (size_t d = 0; d < depth_; ++d) {
      if (level->kind != Kind::array) return nesting_error(path, *level);
      if (level->items.empty()) return error(path + " is empty; " + expected());
      out_.shape.push_back(static_cast<int>(std::min<size_t>(level->items.size(), 1U << 30)));
      level = &level->items[0];
      path += "[0]";
    }
    if (!walk(root, 0)) return std::move(error_);
    return std::move(out_);
  }

  Result<NestedArray> read_shape(const ArrayShape& given) {
    const std::vector<int>& shape = given.sizes;
    std::string path(name_);
    for (size_t d = 0; d < depth_; ++d) {
      if (d == shape.size())
        return error(path + " must be an array, got " + (given.first.empty() ? "a number" : excerpt(given.first)) +
                     "; " + expected());
      if (shape[d] < 1) return error(path + " is empty; " + expected());
      out_.shape.push_back(std::min(shape[d], 1 << 30));
      path += "[0]";
    }
    if (shape.size() > depth_) return error(path + " must be a number, got an array; " + expected());
    return std::move(out_);
  }

 private:
  std::string expected() const {
    return std::string(name_) + " must be " + std::string(layout_) + " (" + std::to_string(depth_) +
           (depth_ == 1 ? " level" : " levels") + " of arrays)";
  }

  Error error(std::string message) const { return Error{std::move(message), std::string(name_)}; }

  Error nesting_error(const std::string& path, const JsonValue& value) const {
    return error(path + " must be an array, got " + got(value) + "; " + expected());
  }

  // "input[1][0]": the element being walked, written out only for a message.
  std::string path() const {
    std::string text(name_);
    for (size_t i : at_) text += "[" + std::to_string(i) + "]";
    return text;
  }

  bool walk(const JsonValue& value, size_t level) {
    if (level == depth_) {
      if (value.kind == Kind::array) {
        error_ = error(path() + " must be a number, got an array; " + expected());
        return false;
      }
      const double max = limits().max_abs_value;
      const auto over_limit = [&](const JsonValue& number) {
        error_ = error(path() + " = " + got(number) + " is larger in magnitude than the limit " + format_number(max));
        error_.valid = Valid{-max, max, {}};
        return false;
      };
      if (value.kind != Kind::number) {
        // A number too large for a double arrives as its text (JS reads "1e400" as Infinity, so the
        // page sends what was typed): the limit, not "must be a number", is what is wrong with it.
        if (value.kind == Kind::string) {
          Result<JsonValue> literal = detail::parse_json(value.text, 1, 1);
          if (literal.ok() && literal.value().kind == Kind::number && !is_non_finite_token(literal.value()) &&
              !(std::fabs(literal.value().number) <= max))
            return over_limit(literal.value());
        }
        error_ = error(path() + " must be a number, got " + got(value));
        return false;
      }
      if (is_non_finite_token(value)) {
        error_ = error(path() + " must be finite, got " + value.text);
        return false;
      }
      // A literal such as 1e400 is finite as written but over the limit (it would read as infinity).
      if (!(std::fabs(value.number) <= max)) return over_limit(value);
      out_.values.push_back(value.number);
      return true;
    }
    if (value.kind != Kind::array) {
      error_ = nesting_error(path(), value);
      return false;
    }
    const size_t expected_size = static_cast<size_t>(out_.shape[level]);
    if (value.items.size() != expected_size) {
      error_ = error(std::string(name_) + " is ragged: " + path() + " has " + std::to_string(value.items.size()) +
                     (value.items.size() == 1 ? " element" : " elements") + " but the first array at this level has " +
                     std::to_string(expected_size));
      return false;
    }
    at_.push_back(0);
    for (size_t i = 0; i < value.items.size(); ++i) {
      at_.back() = i;
      if (!walk(value.items[i], level + 1)) return false;
    }
    at_.pop_back();
    return true;
  }

  std::string_view name_;
  std::string_view layout_;
  size_t depth_;
  NestedArray out_;
  std::vector<size_t> at_;  // the index at each level of the walk
  Error error_;
};

// stride, padding, output_padding, dilation: one int for every axis, or one per axis, or the default.
Result<std::vector<int>> read_per_axis(const JsonValue* value, const AxisParamKey& param, int dims,
                                       const Limits& limits) {
  if (value == nullptr) return std::vector<int>(static_cast<size_t>(dims), param.fallback);
  return detail::read_ints_per_axis(*value, param.key, param.min, param.max_under(limits), dims);
}

std::string spatial_layout(int dims) { return dims == 1 ? "[L]" : "[H][W]"; }
std::string kernel_layout(int dims) { return dims == 1 ? "[k]" : "[kH][kW]"; }

}  // namespace

Result<bool> check_spec_length(std::int64_t bytes) {
  const std::int64_t max = limits().max_json_bytes;
  if (bytes <= max) return true;
  return Error{"the spec is " + std::to_string(bytes) + " bytes long, over the limit of " + std::to_string(max), "", -1,
               Valid{{}, static_cast<double>(max), {}}};
}

namespace {

// The JSON spec, with the arrays that `shapes` names given by shape only (their values left empty).
Result<Spec> parse_sizes(const JsonValue& root, Spec spec, const Limits& lim);

Result<Spec> parse(std::string_view json, const ArrayShapes& shapes, const Limits& lim) {
  if (Result<bool> length = check_spec_length(static_cast<std::int64_t>(json.size())); !length.ok())
    return length.error();
  Result<JsonValue> parsed = detail::parse_json(json, limits().max_json_depth, limits().max_json_values);
  if (!parsed.ok()) return parsed.error();
  const JsonValue& root = parsed.value();
  if (root.kind != Kind::object) return Error{"the spec must be a JSON object, got " + got(root)};

  for (const auto& [key, value] : root.members) {
    bool known = false;
    for (std::string_view k : spec_keys) known = known || k == key;
    if (!known) {
      std::string names;
      Valid keys;
      for (std::string_view k : spec_keys) {
        names += (names.empty() ? "" : ", ") + std::string(k);
        keys.values.push_back(json_string(k));
      }
      return Error{"unknown key " + quoted(key) + "; the keys are " + names, "", -1, std::move(keys)};
    }
  }

  Spec spec;
  const JsonValue* dims = root.find("dims");
  const Valid one_or_two{{}, {}, {"1", "2"}};
  if (dims == nullptr) return Error{"dims is required: 1 or 2", "dims", -1, one_or_two};
  if (dims->kind != Kind::number || !dims->is_integer_literal || (dims->number != 1 && dims->number != 2))
    return Error{"dims must be 1 or 2, got " + got(*dims), "dims", -1, one_or_two};
  spec.dims = static_cast<int>(dims->number);
  const size_t axes = static_cast<size_t>(spec.dims);
  for (std::string_view key : {"input_size", "kernel_size", "in_channels", "out_channels"})
    if (root.find(key) != nullptr) return parse_sizes(root, std::move(spec), lim);

  const auto source = [&](std::string_view key, const std::optional<ArrayShape>& shape) -> Result<ArraySource> {
    ArraySource from{root.find(key), shape ? &*shape : nullptr};
    if (from.json != nullptr && from.shape != nullptr)
      return Error{std::string(key) + " is given twice, as text and as data", std::string(key)};
    return from;
  };
  Result<ArraySource> weight_source = source("weight", shapes.weight);
  Result<ArraySource> kernel_source = source("kernel", shapes.kernel);
  Result<ArraySource> input_source = source("input", shapes.input);
  Result<ArraySource> bias_source = source("bias", shapes.bias);
  for (const Result<ArraySource>* s : {&weight_source, &kernel_source, &input_source, &bias_source})
    if (!s->ok()) return s->error();
  const ArraySource& weight = weight_source.value();
  const ArraySource& kernel = kernel_source.value();
  const ArraySource& input = input_source.value();
  if (weight.given() && kernel.given())
    return Error{"give either kernel (one channel) or weight (several channels), not both", "kernel"};
  if (!weight.given() && !kernel.given())
    return Error{"weight " + std::string(spec.dims == 1 ? "[C_in][C_out/groups][k]" : "[C_in][C_out/groups][kH][kW]") +
                     " or kernel " + kernel_layout(spec.dims) + " is required",
                 "kernel"};
  if (!input.given()) return Error{"input is required", "input"};
  spec.single_channel = kernel.given();

  // The shorthand has no channel axes; the full form has one on the input and two on the weight.
  const std::string input_layout = (spec.single_channel ? "" : "[C_in]") + spatial_layout(spec.dims);
  Result<NestedArray> input_array =
      NestedArrayReader("input", input_layout, axes + (spec.single_channel ? 0 : 1)).read(input);
  if (!input_array.ok()) return input_array.error();
  const std::string weight_layout = (spec.single_channel ? "" : "[C_in][C_out/groups]") + kernel_layout(spec.dims);
  Result<NestedArray> weight_array =
      NestedArrayReader(spec.single_channel ? "kernel" : "weight", weight_layout, axes + (spec.single_channel ? 0 : 2))
          .read(spec.single_channel ? kernel : weight);
  if (!weight_array.ok()) return weight_array.error();

  NestedArray in = std::move(input_array).value();
  NestedArray w = std::move(weight_array).value();
  if (spec.single_channel) {
    in.shape.insert(in.shape.begin(), 1);
    w.shape.insert(w.shape.begin(), {1, 1});
  }
  if (w.shape[0] != in.shape[0])
    return Error{"weight has " + std::to_string(w.shape[0]) + (w.shape[0] == 1 ? " input channel" : " input channels") +
                     " (its first size) but input has " + std::to_string(in.shape[0]) + " channels",
                 "weight"};

  spec.groups = 1;
  if (const JsonValue* groups = root.find("groups")) {
    Result<int> value = read_int(*groups, IntKey{"groups", "groups", -1, 1, lim.max_channels});
    if (!value.ok()) return value.error();
    if (spec.single_channel && value.value() != 1)
      return Error{"groups must be 1 with kernel (one channel), got " + got(*groups) + "; use weight for groups",
                   "groups", -1, Valid{{}, {}, {"1"}}};
    spec.groups = value.value();
  }
  spec.in_channels = in.shape[0];
  // C_out is only defined once groups is known to be a positive count; validate_spec rejects the rest.
  // In 64 bits: groups may be up to 1e9 here, and C_out/groups up to the JSON value limit.
  const std::int64_t out_channels = static_cast<std::int64_t>(w.shape[1]) * spec.groups;
  spec.out_channels = spec.groups >= 1 && out_channels <= (1 << 20) ? static_cast<int>(out_channels) : w.shape[1];
  spec.input_size.assign(in.shape.begin() + 1, in.shape.end());
  spec.kernel_size.assign(w.shape.begin() + 2, w.shape.end());
  spec.input = std::move(in.values);
  spec.weight = std::move(w.values);

  // null is no bias, as PyTorch's bias=None (and what Python's json writes for None).
  const ArraySource& bias = bias_source.value();
  if (bias.shape != nullptr || (bias.json != nullptr && bias.json->kind != Kind::null)) {
    Result<NestedArray> bias_array = NestedArrayReader("bias", "[C_out]", 1).read(bias);
    if (!bias_array.ok()) return bias_array.error();
    spec.bias = std::move(bias_array).value().values;
    if (bias.shape != nullptr) spec.bias.resize(static_cast<size_t>(std::min(bias.shape->sizes[0], 1 << 20)));
  }

  spec.axes.resize(axes);
  for (const AxisParamKey& param : axis_param_keys) {
    Result<std::vector<int>> values = read_per_axis(root.find(param.key), param, spec.dims, lim);
    if (!values.ok()) return values.error();
    for (size_t a = 0; a < axes; ++a) spec.axes[a].*param.member = values.value()[a];
  }
  return spec;
}

// The sizes form: input_size and kernel_size (an int for every axis, or one per axis), and the channel
// counts (both or neither). No values: validate_sizes() checks everything that applies.
Result<Spec> parse_sizes(const JsonValue& root, Spec spec, const Limits& lim) {
  for (const auto& [values, sizes] :
       {std::pair{"input", "input_size"}, {"weight", "kernel_size"}, {"kernel", "kernel_size"}})
    if (root.find(values) != nullptr)
      return Error{std::string("give either ") + values + " (values) or " + sizes + " (sizes), not both", sizes};
  spec.sizes_only = true;
  const JsonValue* input_size = root.find("input_size");
  const JsonValue* kernel_size = root.find("kernel_size");
  const std::string per_axis = spec.dims == 1 ? "an int" : "an int or a list of 2 (height, width)";
  if (input_size == nullptr) return Error{"input_size is required with kernel_size: " + per_axis, "input_size"};
  if (kernel_size == nullptr) return Error{"kernel_size is required with input_size: " + per_axis, "kernel_size"};
  Result<std::vector<int>> in = detail::read_ints_per_axis(*input_size, "input_size", 1, lim.max_input_size, spec.dims);
  if (!in.ok()) return in.error();
  Result<std::vector<int>> k =
      detail::read_ints_per_axis(*kernel_size, "kernel_size", 1, lim.max_kernel_size, spec.dims);
  if (!k.ok()) return k.error();
  spec.input_size = std::move(in).value();
  spec.kernel_size = std::move(k).value();

  const JsonValue* in_channels = root.find("in_channels");
  const JsonValue* out_channels = root.find("out_channels");
  if ((in_channels == nullptr) != (out_channels == nullptr))
    return Error{"give both in_channels and out_channels, or neither (one channel, the output without a channel axis)",
                 in_channels == nullptr ? "in_channels" : "out_channels"};
  spec.single_channel = in_channels == nullptr;
  if (!spec.single_channel) {
    Result<int> cin = read_int(*in_channels, IntKey{"in_channels", "in_channels", -1, 1, lim.max_channels});
    if (!cin.ok()) return cin.error();
    Result<int> cout = read_int(*out_channels, IntKey{"out_channels", "out_channels", -1, 1, lim.max_channels});
    if (!cout.ok()) return cout.error();
    spec.in_channels = cin.value();
    spec.out_channels = cout.value();
  }
  if (const JsonValue* groups = root.find("groups")) {
    Result<int> value = read_int(*groups, IntKey{"groups", "groups", -1, 1, lim.max_channels});
    if (!value.ok()) return value.error();
    if (spec.single_channel && value.value() != 1)
      return Error{"groups must be 1 without in_channels and out_channels (one channel), got " + got(*groups), "groups",
                   -1, Valid{{}, {}, {"1"}}};
    spec.groups = value.value();
  }
  // null is no bias; a bias list only has its length checked (the sizes form computes no values).
  if (const JsonValue* bias = root.find("bias"); bias != nullptr && bias->kind != Kind::null) {
    Result<NestedArray> bias_array = NestedArrayReader("bias", "[C_out]", 1).read(*bias);
    if (!bias_array.ok()) return bias_array.error();
    spec.bias = std::move(bias_array).value().values;
  }
  spec.axes.resize(static_cast<size_t>(spec.dims));
  for (const AxisParamKey& param : axis_param_keys) {
    Result<std::vector<int>> values = read_per_axis(root.find(param.key), param, spec.dims, lim);
    if (!values.ok()) return values.error();
    for (size_t a = 0; a < spec.axes.size(); ++a) spec.axes[a].*param.member = values.value()[a];
  }
  return spec;
}

// The sizes form is for shape and translate: compute and the binding need values.
Result<Spec> refuse_sizes_form(Result<Spec> parsed) {
  if (parsed.ok() && parsed.value().sizes_only)
    return Error{
        "input_size and kernel_size give sizes only: this needs the values (input, and weight or kernel); "
        "tconv shape answers sizes",
        "input_size"};
  return parsed;
}

}  // namespace

Result<Spec> parse_spec(std::string_view json) {
  Result<Spec> spec = refuse_sizes_form(parse(json, {}, limits()));
  if (!spec.ok()) return spec.error();
  return validate_spec(std::move(spec).value());
}

Result<Spec> parse_shape_spec(std::string_view json) {
  Result<Spec> spec = parse(json, {}, shape_limits());
  if (!spec.ok()) return spec.error();
  Spec sized = std::move(spec).value();
  // Only the sizes matter: values given in the values form are dropped before the checks.
  sized.input.clear();
  sized.weight.clear();
  return detail::validate_sizes(std::move(sized), shape_limits());
}

Result<Spec> parse_spec_shapes(std::string_view json, const ArrayShapes& shapes) {
  Result<Spec> parsed = refuse_sizes_form(parse(json, shapes, limits()));
  if (!parsed.ok()) return parsed.error();
  // Every rule that depends on sizes, before anything is allocated for the values.
  Result<Spec> checked = detail::validate_sizes(std::move(parsed).value());
  if (!checked.ok()) return checked.error();
  Spec spec = std::move(checked).value();
  spec.input.resize(static_cast<size_t>(spec.in_channels * input_area(spec)));
  spec.weight.resize(static_cast<size_t>(spec.in_channels * (spec.out_channels / spec.groups) * kernel_area(spec)));
  return spec;
}

}  // namespace tconv
