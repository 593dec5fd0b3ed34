// translate in C++ (also under the sanitizers): the crops of each framework's settings, the PyTorch way
// to them, round trips through every framework, and each framework's refusals. The checks against the
// real frameworks are in tests/frameworks.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "tconv/tconv.hpp"

namespace tconv {
namespace {

Translation ok(std::string_view json, Framework from, Framework to) {
  Result<Translation> t = translate(json, from, to);
  if (!t.ok()) throw std::runtime_error(std::string(json) + ": " + t.error().message);
  return std::move(t).value();
}

Error refused(std::string_view json, Framework from, Framework to = Framework::pytorch) {
  Result<Translation> t = translate(json, from, to);
  return t.ok() ? Error{"<accepted>"} : t.error();
}

TEST(Translate, KerasSameWithAnOddTotalCropNeedsASliceInPyTorch) {
  const Translation t = ok(R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,"padding":"same"})",
                           Framework::keras, Framework::keras);
  EXPECT_EQ(t.crop, (std::vector<Crop>{{0, 1}}));
  EXPECT_EQ(t.output_size, (Ints{8}));
  EXPECT_FALSE(t.exact);
  ASSERT_TRUE(t.pytorch && t.slice);
  EXPECT_EQ(t.pytorch->padding, (Ints{0}));
  EXPECT_EQ(*t.slice, (Pairs{{0, 8}}));
}

TEST(Translate, PyTorchsThreeTwoOneOneHasNoKerasPadding) {
  const Translation t = ok(R"({"dims":1,"input_size":4,"kernel_size":3,"stride":2,"padding":1,"output_padding":1})",
                           Framework::pytorch, Framework::keras);
  EXPECT_FALSE(t.reproduces_source);
  EXPECT_EQ(t.crop, (std::vector<Crop>{{0, 0}}));  // "valid": its output holds PyTorch's
  EXPECT_NE(t.note.find("take y[..., 1:9] of it"), std::string::npos) << t.note;
  // In the JSON too: the target does not reproduce the source (though PyTorch gives the target's
  // output exactly), and holds it at [1, 9).
  ASSERT_TRUE(t.holds);
  EXPECT_EQ(*t.holds, (Pairs{{1, 9}}));
  EXPECT_NE(translation_json(t).find(R"("exact":true,)"), std::string::npos);
  EXPECT_NE(translation_json(t).find(R"("reproduces":false,"holds":[[1,9]],)"), std::string::npos);
  // ONNX can write it: reproduces, nothing to take.
  const Translation onnx = ok(R"({"dims":1,"input_size":4,"kernel_size":3,"stride":2,"padding":1,"output_padding":1})",
                              Framework::pytorch, Framework::onnx);
  EXPECT_TRUE(onnx.reproduces_source);
  EXPECT_FALSE(onnx.holds);
  EXPECT_NE(translation_json(onnx).find(R"("reproduces":true,"holds":null,)"), std::string::npos);
}

TEST(Translate, TensorFlowsLayoutIsNamedForItsDims) {
  // tf.nn.conv1d_transpose's default data_format is NWC; conv2d_transpose's is NHWC.
  const std::string one =
      ok(R"({"dims":1,"input_size":4,"kernel_size":3,"stride":2})", Framework::pytorch, Framework::tf).note;
  EXPECT_NE(one.find("[k, C_out, C_in] with NWC input and output"), std::string::npos) << one;
  const std::string two =
      ok(R"({"dims":2,"input_size":[4,4],"kernel_size":[3,3],"stride":2})", Framework::pytorch, Framework::tf).note;
  EXPECT_NE(two.find("[kH, kW, C_out, C_in] with NHWC input and output"), std::string::npos) << two;
}

TEST(Translate, EveryFrameworkReadsItsOwnTargetBackToTheSameCrop) {
  std::mt19937 rng(5);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int nearest = 0;  // targets that cannot give the source exactly (Keras mostly)
  for (int i = 0; i < 300; ++i) {
    const int in = pick(1, 9), k = pick(1, 6), s = pick(1, 4), d = pick(0, 3) == 0 ? pick(1, 3) : 1;
    const int full = (in - 1) * s + d * (k - 1) + 1;
    const int p = pick(0, (full - 1) / 2), op = pick(0, std::max(s, d) - 1);
    if (full - 2 * p + op < 1) continue;
    const std::string spec = "{\"dims\":1,\"input_size\":" + std::to_string(in) +
                             ",\"kernel_size\":" + std::to_string(k) + ",\"stride\":" + std::to_string(s) +
                             ",\"padding\":" + std::to_string(p) + ",\"output_padding\":" + std::to_string(op) +
                             ",\"dilation\":" + std::to_string(d) + "}";
    for (Framework f : {Framework::pytorch, Framework::keras, Framework::tf, Framework::jax, Framework::onnx}) {
      if (f == Framework::keras && s > 1 && d > 1) {
        EXPECT_EQ(refused(spec, Framework::pytorch, f).field, "dilation");
        continue;
      }
      const Translation t = ok(spec, Framework::pytorch, f);
      // The target plus the sizes it does not carry (PyTorch's and Keras's name their kernel size).
      const std::string target = target_json(t.target);
      const bool has_kernel = target.find("\"kernel_size\"") != std::string::npos;
      const std::string args = "{\"dims\":1,\"input_size\":" + std::to_string(in) +
                               (has_kernel ? "" : ",\"kernel_size\":" + std::to_string(k)) + "," + target.substr(1);
      const Translation back = ok(args, f, f);
      EXPECT_EQ(back.crop, t.crop) << spec << " via " << framework_name(f) << ": " << args;
      if (t.reproduces_source) {
        EXPECT_EQ(t.crop, (std::vector<Crop>{{p, p - op}})) << spec;
      }
      if (!t.reproduces_source) ++nearest;
    }
  }
  EXPECT_GT(nearest, 10);
}

TEST(Translate, EachFrameworksRefusalsNameItsOwnArgument) {
  EXPECT_EQ(refused(R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,"padding":"same","output_padding":2})",
                    Framework::keras)
                .field,
            "output_padding");
  EXPECT_EQ(refused(R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,"padding":"SAME","output_shape":9})",
                    Framework::tf)
                .message,
            "TensorFlow refuses output_shape = 9: the forward convolution of 9 cells gives 5, not the input's 4; "
            "output_shape must be from 7 to 8 here");
  EXPECT_EQ(refused(R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,"padding":"same"})", Framework::jax).field,
            "padding");
  EXPECT_EQ(refused(R"({"dims":1,"input_size":4,"kernel_shape":3,"strides":1,"dilations":3,"output_padding":2})",
                    Framework::onnx)
                .field,
            "output_padding");
  EXPECT_EQ(
      refused(R"({"dims":1,"input_size":4,"kernel_shape":3,"pads":[1,1],"auto_pad":"SAME_UPPER"})", Framework::onnx)
          .field,
      "pads");
  EXPECT_EQ(refused(R"({"dims":1,"input_size":4,"kernel_shape":3,"padding":1})", Framework::onnx).message.substr(0, 22),
            "unknown key \"padding\";");
  EXPECT_EQ(translate_text("{}", "pytorch", "caffe").substr(0, 40), R"({"error":"to must be pytorch, keras, tf,)");
}

TEST(Translate, TensorFlowsNhwcListsAreRead) {
  const Translation t =
      ok(R"({"dims":2,"input_size":[4,4],"kernel_size":[3,3],"strides":[1,2,2,1],"padding":[[0,0],[1,1],[1,1],[0,0]],)"
         R"("output_shape":[1,7,7,16]})",
         Framework::tf, Framework::pytorch);
  EXPECT_EQ(t.crop, (std::vector<Crop>{{1, 1}, {1, 1}}));
  EXPECT_TRUE(t.exact);
}

}  // namespace
}  // namespace tconv
