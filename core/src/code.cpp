// Code to copy. Each program builds the framework's layer with the spec's parameters (translated by
// translate(), so the crop is the one the tests checked against the framework), loads the weights
// converted to the framework's layout, runs the input and prints the output as JSON.

#include "tconv/code.hpp"

#include <numeric>

#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/translate.hpp"

namespace tconv {
namespace {

using i64 = std::int64_t;

std::string str(i64 v) { return std::to_string(v); }

// A nested list literal of `values` (row-major, `shape`), the same in Python and JavaScript.
std::string nested(const std::vector<double>& values, const std::vector<int>& shape, size_t axis = 0,
                   size_t offset = 0) {
  size_t inner = 1;
  for (size_t a = axis + 1; a < shape.size(); ++a) inner *= static_cast<size_t>(shape[a]);
  std::string out = "[";
  for (int i = 0; i < shape[axis]; ++i) {
    if (i) out += ", ";
    const size_t at = offset + static_cast<size_t>(i) * inner;
    out += axis + 1 == shape.size() ? format_number(values[at]) : nested(values, shape, axis + 1, at);
  }
  return out + "]";
}

std::string tuple(const std::vector<i64>& v, bool python = true) {
  std::string out = python ? "(" : "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + str(v[i]);
  return out + (python && v.size() == 1 ? ",)" : python ? ")" : "]");
}

std::string py_list(const std::vector<i64>& v) { return tuple(v, false); }

// The spec in the sizes form, for translate().
std::string sizes_json(const Spec& spec) {
  const auto list = [](const std::vector<int>& v) {
    std::string o = "[";
    for (size_t i = 0; i < v.size(); ++i) o += (i ? "," : "") + std::to_string(v[i]);
    return o + "]";
  };
  std::string o = "{\"dims\":" + str(spec.dims) + ",\"input_size\":" + list(spec.input_size) +
                  ",\"kernel_size\":" + list(spec.kernel_size);
  for (const AxisParamKey& key : axis_param_keys) {
    std::vector<int> v;
    for (const AxisParams& p : spec.axes) v.push_back(p.*key.member);
    o += ",\"" + std::string(key.key) + "\":" + list(v);
  }
  return o + "}";
}

struct Shapes {
  std::vector<int> input, weight;  // with the channel axes: [C_in, ...], [C_in, C_out/g, k...]
};
Shapes shapes(const Spec& spec) {
  Shapes s;
  s.input = spec.input_size;
  s.input.insert(s.input.begin(), spec.in_channels);
  s.weight = spec.kernel_size;
  s.weight.insert(s.weight.begin(), {spec.in_channels, spec.out_channels / spec.groups});
  return s;
}

// The dense kernel in TensorFlow's layout [k..., C_out, C_in]: zeros between groups, and (dilate) zeros
// between taps, for frameworks without groups or dilation.
std::pair<std::vector<int>, std::vector<double>> tf_kernel(const Spec& spec, bool dilate) {
  std::vector<int> k = spec.kernel_size;
  std::vector<int> d(k.size(), 1);
  if (dilate)
    for (size_t a = 0; a < k.size(); ++a) {
      d[a] = spec.axes[a].dilation;
      k[a] = d[a] * (k[a] - 1) + 1;
    }
  const int cin = spec.in_channels, cout = spec.out_channels, cog = cout / spec.groups, cig = cin / spec.groups;
  const int kh = spec.dims == 2 ? k[0] : 1, kw = k.back();
  const int th = spec.dims == 2 ? spec.kernel_size[0] : 1, tw = spec.kernel_size.back();
  std::vector<double> out(static_cast<size_t>(kh) * static_cast<size_t>(kw) * static_cast<size_t>(cout) *
                          static_cast<size_t>(cin));
  for (int ci = 0; ci < cin; ++ci)
    for (int o = 0; o < cog; ++o)
      for (int y = 0; y < th; ++y)
        for (int x = 0; x < tw; ++x) {
          const size_t src =
              ((static_cast<size_t>(ci) * static_cast<size_t>(cog) + static_cast<size_t>(o)) * static_cast<size_t>(th) +
               static_cast<size_t>(y)) *
                  static_cast<size_t>(tw) +
              static_cast<size_t>(x);
          const int yy = spec.dims == 2 ? y * d[0] : 0, xx = x * d.back();
          const int co = (ci / cig) * cog + o;
          const size_t dst = ((static_cast<size_t>(yy) * static_cast<size_t>(kw) + static_cast<size_t>(xx)) *
                                  static_cast<size_t>(cout) +
                              static_cast<size_t>(co)) *
                                 static_cast<size_t>(cin) +
                             static_cast<size_t>(ci);
          out[dst] = spec.weight[src];
        }
  std::vector<int> shape = k;
  shape.push_back(cout);
  shape.push_back(cin);
  return {shape, out};
}

// Where the spec's output lies in the framework's: per axis the first cell and the count, and the
// zeros to add at each end first (a framework whose crop does not hold PyTorch's).
struct Window {
  bool needed = false;
  std::vector<i64> start, size, pad_before, pad_after;
};
Window window(const Spec& spec, const Translation& t) {
  Window w;
  const std::vector<AxisGeometry> g = geometry(spec);
  for (size_t a = 0; a < g.size(); ++a) {
    const i64 start = g[a].carve_start - t.crop[a].begin;
    const i64 size = g[a].output;
    w.needed = w.needed || start != 0 || size != t.output_size[a];
    w.pad_before.push_back(std::max<i64>(0, -start));
    w.pad_after.push_back(std::max<i64>(0, start + size - t.output_size[a]));
    w.start.push_back(start + w.pad_before.back());
    w.size.push_back(size);
  }
  return w;
}

std::string py_window(const Window& w, const std::string& indent = "") {
  std::string pads = "((0, 0)", cut = "y[:";
  for (size_t a = 0; a < w.start.size(); ++a) {
    pads += ", (" + str(w.pad_before[a]) + ", " + str(w.pad_after[a]) + ")";
    cut += ", " + str(w.start[a]) + ":" + str(w.start[a] + w.size[a]);
  }
  return indent + "# This framework cannot crop like PyTorch here: zeros where its output is short, then the cut.\n" +
         indent + "y = np.pad(y, " + pads + "))\n" + indent + "y = " + cut + "]\n";
}

std::string header(const Spec& spec, std::string_view comment) {
  std::string dims = spec.dims == 1 ? "1D" : "2D";
  return std::string(comment) + " Transposed convolution (" + dims +
         "), from tconv: " + std::to_string(spec.in_channels) + " input and " + std::to_string(spec.out_channels) +
         " output channel(s), PyTorch's parameters in the layer below.\n";
}

std::string print_line(const Spec& spec, bool python) {
  const std::string what = spec.single_channel ? "y[0]" : "y";
  if (python) return "print(json.dumps(" + what + ".tolist()))\n";
  return "console.log(JSON.stringify(" + std::string(spec.single_channel ? "y.arraySync()[0]" : "y.arraySync()") +
         "));\n";
}

std::vector<i64> per_axis(const Spec& spec, int AxisParams::*member) {
  std::vector<i64> v;
  for (const AxisParams& p : spec.axes) v.push_back(p.*member);
  return v;
}
std::vector<i64> as_i64(const std::vector<int>& v) { return {v.begin(), v.end()}; }

std::string pytorch_code(const Spec& spec) {
  const Shapes s = shapes(spec);
  const std::string n = spec.dims == 1 ? "1d" : "2d";
  std::string c = header(spec, "#");
  c += "import json\n\nimport torch\n\n";
  c += "x = torch.tensor(" + nested(spec.input, s.input) + ", dtype=torch.float64)  # [C_in, " +
       (spec.dims == 1 ? "L" : "H, W") + "]\n";
  c += "layer = torch.nn.ConvTranspose" + n + "(\n    " + str(spec.in_channels) + ", " + str(spec.out_channels) +
       ", kernel_size=" + tuple(as_i64(spec.kernel_size)) + ", stride=" + tuple(per_axis(spec, &AxisParams::stride)) +
       ", padding=" + tuple(per_axis(spec, &AxisParams::padding)) +
       ",\n    output_padding=" + tuple(per_axis(spec, &AxisParams::output_padding)) + ", groups=" + str(spec.groups) +
       ", bias=" + (spec.bias.empty() ? "False" : "True") +
       ", dilation=" + tuple(per_axis(spec, &AxisParams::dilation)) + ", dtype=torch.float64)\n";
  c += "with torch.no_grad():\n";
  c += "    layer.weight.copy_(torch.tensor(" + nested(spec.weight, s.weight) +
       ", dtype=torch.float64))  # [C_in, C_out/groups, " + (spec.dims == 1 ? "k" : "kH, kW") + "], not flipped\n";
  if (!spec.bias.empty())
    c += "    layer.bias.copy_(torch.tensor(" + nested(spec.bias, {spec.out_channels}) + ", dtype=torch.float64))\n";
  c += "    y = layer(x[None])[0]  # [C_out, " + std::string(spec.dims == 1 ? "L_out" : "H_out, W_out") + "]\n";
  return c + print_line(spec, true);
}

// numpy: PyTorch's weight w to TensorFlow's layout [k..., C_out, C_in] (Keras, JAX), block-diagonal for groups.
std::string py_kernel(const Spec& spec, const std::string& np) {
  const std::string perm = spec.dims == 1 ? "(2, 1, 0)" : "(2, 3, 1, 0)";
  if (spec.groups == 1)
    return "kernel = " + np + ".transpose(w, " + perm + ")  # [" + (spec.dims == 1 ? "k" : "kH, kW") +
           ", C_out, C_in], not flipped\n";
  const int cig = spec.in_channels / spec.groups, cog = spec.out_channels / spec.groups;
  std::string k = "kH, kW";
  std::string shape = spec.dims == 1 ? "(" + str(spec.kernel_size[0]) + ", "
                                     : "(" + str(spec.kernel_size[0]) + ", " + str(spec.kernel_size[1]) + ", ";
  return "# No groups here: a dense kernel, zero between groups.\nkernel = np.zeros(" + shape + str(spec.out_channels) +
         ", " + str(spec.in_channels) + "))\nfor g in range(" + str(spec.groups) + "):\n    kernel[..., g * " +
         str(cog) + ":(g + 1) * " + str(cog) + ", g * " + str(cig) + ":(g + 1) * " + str(cig) +
         "] = np.transpose(np.asarray(w)[g * " + str(cig) + ":(g + 1) * " + str(cig) + "], " + perm + ")\n";
}

Result<Translation> translated(const Spec& spec, Framework f) {
  return translate(sizes_json(spec), Framework::pytorch, f);
}

std::string channels_last(const Spec& spec) { return spec.dims == 1 ? "(1, 0)" : "(1, 2, 0)"; }
std::string channels_first(const Spec& spec) { return spec.dims == 1 ? "(1, 0)" : "(2, 0, 1)"; }

Result<std::string> keras_code(const Spec& spec) {
  Result<Translation> t = translated(spec, Framework::keras);
  if (!t.ok()) return t.error();
  const KerasArgs& k = std::get<KerasArgs>(t.value().target);
  const Window w = window(spec, t.value());
  const Shapes s = shapes(spec);
  const bool bias_in_layer = !spec.bias.empty() && !w.needed;
  std::string c = header(spec, "#");
  c += "import json\n\nimport keras\nimport numpy as np\n\n";
  c += "x = np.array(" + nested(spec.input, s.input) + ", dtype=\"float64\")  # PyTorch's layout [C_in, " +
       (spec.dims == 1 ? "L" : "H, W") + "]\n";
  c += "w = np.array(" + nested(spec.weight, s.weight) +
       ", dtype=\"float64\")  # PyTorch's weight [C_in, C_out/groups, " + (spec.dims == 1 ? "k" : "kH, kW") + "]\n";
  if (!spec.bias.empty()) c += "b = np.array(" + nested(spec.bias, {spec.out_channels}) + ", dtype=\"float64\")\n";
  c += py_kernel(spec, "np");
  c += "layer = keras.layers.Conv" + std::string(spec.dims == 1 ? "1D" : "2D") + "Transpose(\n    " +
       str(spec.out_channels) + ", kernel_size=" + tuple(k.kernel_size) + ", strides=" + tuple(k.strides) +
       ", padding=\"" + k.padding + "\", output_padding=" + (k.output_padding ? tuple(*k.output_padding) : "None") +
       ",\n    dilation_rate=" + tuple(k.dilation_rate) + ", use_bias=" + (bias_in_layer ? "True" : "False") +
       ", dtype=\"float64\")\n";
  c +=
      "layer.build((1, " +
      std::string(spec.dims == 1 ? str(spec.input_size[0]) : str(spec.input_size[0]) + ", " + str(spec.input_size[1])) +
      ", " + str(spec.in_channels) + "))\n";
  c += std::string("layer.set_weights([kernel") + (bias_in_layer ? ", b" : "") + "])\n";
  c += "y = np.transpose(np.asarray(layer(np.transpose(x, " + channels_last(spec) + ")[None]))[0], " +
       channels_first(spec) + ")  # [C_out, ...]\n";
  if (w.needed) {
    c += py_window(w);
    if (!spec.bias.empty()) c += "y = y + b.reshape(-1" + std::string(spec.dims == 1 ? ", 1" : ", 1, 1") + ")\n";
  }
  return c + print_line(spec, true);
}

std::string jax_padding(const JaxArgs& j) {
  if (!j.padding.empty()) return "\"" + j.padding + "\"";
  std::string o = "(";
  for (size_t i = 0; i < j.pairs.size(); ++i)
    o += (i ? ", " : "") + std::string("(") + str(j.pairs[i].first) + ", " + str(j.pairs[i].second) + ")";
  return o + (j.pairs.size() == 1 ? ",)" : ")");
}

Result<std::string> jax_code(const Spec& spec) {
  Result<Translation> t = translated(spec, Framework::jax);
  if (!t.ok()) return t.error();
  const JaxArgs& j = std::get<JaxArgs>(t.value().target);
  const Shapes s = shapes(spec);
  std::string c = header(spec, "#");
  c += "import json\n\nimport jax\n\njax.config.update(\"jax_enable_x64\", True)\nimport jax.numpy as jnp\n"
       "import numpy as np\nfrom jax import lax\n\n";
  c += "x = jnp.array(" + nested(spec.input, s.input) + ", dtype=jnp.float64)  # PyTorch's layout [C_in, " +
       (spec.dims == 1 ? "L" : "H, W") + "]\n";
  c += "w = np.array(" + nested(spec.weight, s.weight) +
       ", dtype=\"float64\")  # PyTorch's weight [C_in, C_out/groups, " + (spec.dims == 1 ? "k" : "kH, kW") + "]\n";
  c += py_kernel(spec, "np");
  c += "# transpose_kernel=True: JAX flips the kernel and swaps its channel axes, as PyTorch's transposed convolution "
       "does.\n";
  c += "y = lax.conv_transpose(\n    jnp.transpose(x, " + channels_last(spec) +
       ")[None], jnp.asarray(kernel, dtype=jnp.float64), strides=" + tuple(j.strides) + ", padding=" + jax_padding(j) +
       ",\n    rhs_dilation=" + tuple(j.rhs_dilation) +
       ", dimension_numbers=" + (spec.dims == 1 ? "(\"NHC\", \"HIO\", \"NHC\")" : "(\"NHWC\", \"HWIO\", \"NHWC\")") +
       ", transpose_kernel=True)[0]\n";
  c += "y = np.transpose(np.asarray(y), " + channels_first(spec) + ")  # [C_out, ...]\n";
  if (!spec.bias.empty())
    c += "y = y + np.array(" + nested(spec.bias, {spec.out_channels}) + ", dtype=\"float64\").reshape(-1" +
         (spec.dims == 1 ? ", 1" : ", 1, 1") + ")\n";
  return c + print_line(spec, true);
}

Result<std::string> onnx_code(const Spec& spec) {
  Result<Translation> t = translated(spec, Framework::onnx);
  if (!t.ok()) return t.error();
  const OnnxArgs& o = std::get<OnnxArgs>(t.value().target);
  const Window w = window(spec, t.value());
  const Shapes s = shapes(spec);
  const bool bias_in_node = !spec.bias.empty() && !w.needed;
  std::string c = header(spec, "#");
  c += "# onnxruntime's ConvTranspose computes in float32.\n";
  c += "import json\n\nimport numpy as np\nimport onnxruntime as ort\nfrom onnx import TensorProto, helper, "
       "numpy_helper\n\n";
  c += "x = np.array(" + nested(spec.input, s.input) + ", dtype=np.float32)[None]  # [1, C_in, " +
       (spec.dims == 1 ? "L" : "H, W") + "]\n";
  c += "w = np.array(" + nested(spec.weight, s.weight) +
       ", dtype=np.float32)  # PyTorch's layout is ONNX's: [C_in, C_out/group, " + (spec.dims == 1 ? "k" : "kH, kW") +
       "]\n";
  std::string inputs = "[\"X\", \"W\"";
  std::string initializers = "[numpy_helper.from_array(w, \"W\")";
  if (!spec.bias.empty()) {
    c += "b = np.array(" + nested(spec.bias, {spec.out_channels}) + ", dtype=np.float32)\n";
    if (bias_in_node) {
      inputs += ", \"B\"";
      initializers += ", numpy_helper.from_array(b, \"B\")";
    }
  }
  c += "node = helper.make_node(\n    \"ConvTranspose\", " + inputs +
       "], [\"Y\"], kernel_shape=" + py_list(o.kernel_shape) + ", strides=" + py_list(o.strides) +
       ",\n    pads=" + py_list(o.pads) + ", output_padding=" + py_list(o.output_padding) +
       ", dilations=" + py_list(o.dilations) + ", group=" + str(spec.groups) + ")\n";
  c += "graph = helper.make_graph(\n    [node], \"tconv\", [helper.make_tensor_value_info(\"X\", TensorProto.FLOAT, "
       "list(x.shape))],\n"
       "    [helper.make_tensor_value_info(\"Y\", TensorProto.FLOAT, None)], " +
       initializers + "])\n";
  c += "model = helper.make_model(graph, opset_imports=[helper.make_opsetid(\"\", 17)])\n";
  c += "session = ort.InferenceSession(model.SerializeToString(), providers=[\"CPUExecutionProvider\"])\n";
  c += "y = session.run(None, {\"X\": x})[0][0]  # [C_out, ...]\n";
  if (w.needed) {
    c += py_window(w);
    if (!spec.bias.empty()) c += "y = y + b.reshape(-1" + std::string(spec.dims == 1 ? ", 1" : ", 1, 1") + ")\n";
  }
  return c + print_line(spec, true);
}

Result<std::string> tfjs_code(const Spec& spec) {
  // TensorFlow.js has no dilations: the filter is dilated (zeros between taps), which TensorFlow's padding
  // rules treat as the same kernel (they use the dilated size), so tf.nn's arguments hold as they are.
  Result<Translation> t = translated(spec, Framework::tf);
  if (!t.ok()) return t.error();
  const TfArgs& tf = std::get<TfArgs>(t.value().target);
  const Window w = window(spec, t.value());
  const Shapes s = shapes(spec);
  const auto [kshape, kvalues] = tf_kernel(spec, true);
  const bool one = spec.dims == 1;
  const i64 h = one ? 1 : spec.input_size[0], wd = spec.input_size.back();
  std::vector<i64> out = tf.output_shape, strides = tf.strides;
  std::vector<int> k2 = kshape;
  if (one) {
    out.insert(out.begin(), 1);
    strides.insert(strides.begin(), 1);
    k2.insert(k2.begin(), 1);
  }
  std::string pad = "'" + std::string(tf.padding == "SAME" ? "same" : "valid") + "'";
  if (tf.padding.empty()) {
    pad = "[[0, 0], ";
    if (one) pad += "[0, 0], ";
    for (const auto& [b, e] : tf.explicit_padding) pad += "[" + str(b) + ", " + str(e) + "], ";
    pad += "[0, 0]]";
  }
  std::string c = header(spec, "//");
  c += "// TensorFlow.js computes in float32; it has no dilations and no groups, so the filter below is\n"
       "// PyTorch's weight written out dilated (zeros between taps) and dense (zeros between groups),\n"
       "// in TensorFlow's layout [kH, kW, C_out, C_in].\n";
  c += "import * as tf from '@tensorflow/tfjs-core';\nimport '@tensorflow/tfjs-backend-cpu';\n\n";
  c += "await tf.setBackend('cpu');\n";
  c += "const input = " + nested(spec.input, s.input) + ";  // PyTorch's layout [C_in, " + (one ? "L" : "H, W") + "]\n";
  c += "const filter = tf.tensor4d(" + nested(kvalues, {static_cast<int>(kvalues.size())}) + ", " +
       tuple(as_i64(k2), false) + ");\n";
  c += "const x = tf.expandDims(tf.transpose(tf.tensor3d(input" + std::string(one ? ".map((row) => [row])" : "") +
       ", [" + str(spec.in_channels) + ", " + str(h) + ", " + str(wd) + "]), [1, 2, 0]), 0);\n";
  c += "let y = tf.conv2dTranspose(x, filter, [1, " + str(out[0]) + ", " + str(out[1]) + ", " + str(spec.out_channels) +
       "], " + tuple(strides, false) + ", " + pad + ");\n";
  c += std::string("y = tf.transpose(tf.squeeze(y, [0]), [2, 0, 1])") + (one ? ";\ny = tf.squeeze(y, [1])" : "") +
       ";  // [C_out, ...]\n";
  if (w.needed) {
    std::string pads = "[[0, 0]", begin = "[0", size = "[" + str(spec.out_channels);
    for (size_t a = 0; a < w.start.size(); ++a) {
      pads += ", [" + str(w.pad_before[a]) + ", " + str(w.pad_after[a]) + "]";
      begin += ", " + str(w.start[a]);
      size += ", " + str(w.size[a]);
    }
    c += "// TensorFlow cannot crop like PyTorch here: zeros where its output is short, then the cut.\n";
    c += "y = tf.slice(tf.pad(y, " + pads + "]), " + begin + "], " + size + "]);\n";
  }
  if (!spec.bias.empty())
    c += "y = tf.add(y, tf.reshape(tf.tensor1d(" + nested(spec.bias, {spec.out_channels}) + "), [" +
         str(spec.out_channels) + (one ? ", 1" : ", 1, 1") + "]));\n";
  return c + print_line(spec, false);
}

}  // namespace

std::optional<CodeTarget> code_target_named(std::string_view name) {
  if (name == "pytorch") return CodeTarget::pytorch;
  if (name == "keras") return CodeTarget::keras;
  if (name == "jax") return CodeTarget::jax;
  if (name == "onnx") return CodeTarget::onnx;
  if (name == "tfjs") return CodeTarget::tfjs;
  return std::nullopt;
}

Result<std::string> code(const Spec& spec, CodeTarget target) {
  switch (target) {
    case CodeTarget::pytorch: return pytorch_code(spec);
    case CodeTarget::keras: return keras_code(spec);
    case CodeTarget::jax: return jax_code(spec);
    case CodeTarget::onnx: return onnx_code(spec);
    case CodeTarget::tfjs: return tfjs_code(spec);
  }
  return Error{"unknown framework"};
}

std::string code_text(std::string_view json, std::string_view framework) {
  const std::optional<CodeTarget> target = code_target_named(framework);
  if (!target)
    return error_json(Error{"framework must be pytorch, keras, jax, onnx or tfjs, got " + quoted(framework),
                            "framework", -1,
                            Valid{{}, {}, {"\"pytorch\"", "\"keras\"", "\"jax\"", "\"onnx\"", "\"tfjs\""}}});
  const Result<Spec> spec = parse_spec(json);
  if (!spec.ok()) return error_json(spec.error());
  const Result<std::string> text = code(spec.value(), *target);
  return text.ok() ? "{\"code\":" + json_string(text.value()) + "}" : error_json(text.error());
}

}  // namespace tconv
