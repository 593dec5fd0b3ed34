// Code to copy: the PyTorch program of every golden case is the one that generate_golden.py ran under
// PyTorch, and what it printed there is the core's output; the other frameworks' programs carry the
// translated arguments.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "fixture_support.hpp"
#include "tconv/tconv.hpp"
#include "test_support.hpp"

namespace tconv {
namespace {

using test::JsonValue;

void flatten(const JsonValue& value, std::vector<double>& out) {
  if (value.kind == JsonValue::Kind::number) {
    out.push_back(value.number);
    return;
  }
  for (const JsonValue& item : value.items) flatten(item, out);
}

TEST(CodeFixture, PyTorchProgramsAreTheRecordedOnesAndPrintedTheCoresOutput) {
  std::map<std::string, std::string> specs;
  for (const test::FixtureCase& c : test::fixture_cases()) specs[c.name] = c.spec_text;
  Result<JsonValue> root =
      detail::parse_json(test::read_text_file(std::string(TCONV_FIXTURE_DIR) + "/golden_code.json"), 64, 100'000'000);
  ASSERT_TRUE(root.ok()) << root.error().message;
  const std::vector<JsonValue>& records = root.value().find("cases")->items;
  size_t accepted = 0;
  for (const test::FixtureCase& c : test::fixture_cases()) accepted += c.rejects.empty() ? 1 : 0;
  ASSERT_EQ(records.size(), accepted) << "every accepted case has its program";
  for (const JsonValue& record : records) {
    const std::string& name = record.find("name")->text;
    ASSERT_TRUE(specs.count(name)) << name;
    const Spec spec = test::parse_ok(specs[name]);
    const Result<std::string> program = code(spec, CodeTarget::pytorch);
    ASSERT_TRUE(program.ok()) << name;
    EXPECT_EQ(program.value(), record.find("code")->text) << name << ": the program changed; rerun generate_golden.py";
    Result<JsonValue> printed = detail::parse_json(record.find("printed")->text, 64, 10'000'000);
    ASSERT_TRUE(printed.ok()) << name;
    std::vector<double> values;
    flatten(printed.value(), values);
    const Tensor out = compute(spec);
    ASSERT_EQ(values.size(), out.values.size()) << name;
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_LE(std::fabs(values[i] - out.values[i]), 1e-9 * std::max(1.0, std::fabs(out.values[i])))
          << name << " value " << i;
  }
}

std::string program(std::string_view spec, CodeTarget target) {
  const Result<std::string> text = code(test::parse_ok(spec), target);
  return text.ok() ? text.value() : "error: " + text.error().message;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Code, KerasGetsTheTranslatedPaddingAndTheConvertedKernel) {
  const std::string k = program(R"({"dims":2,"input":[[1,2],[3,4]],"kernel":[[1,2,3,4],[5,6,7,8],[1,1,1,1],[2,2,2,2]],)"
                                R"("stride":2,"padding":1})",
                                CodeTarget::keras);
  EXPECT_TRUE(has(k, "keras.layers.Conv2DTranspose(")) << k;
  EXPECT_TRUE(has(k, "padding=\"same\", output_padding=None")) << k;
  EXPECT_TRUE(has(k, "kernel = np.transpose(w, (2, 3, 1, 0))")) << k;
  EXPECT_FALSE(has(k, "np.pad")) << k;
  // PyTorch's classic kernel 3, stride 2, padding 1, output_padding 1 has no Keras padding: a cut follows.
  const std::string cut =
      program(R"({"dims":1,"input":[1,2,3],"kernel":[1,2,3],"stride":2,"padding":1,"output_padding":1,"bias":[5]})",
              CodeTarget::keras);
  EXPECT_TRUE(has(cut, "use_bias=False")) << cut;
  EXPECT_TRUE(has(cut, "y = y[:, 1:7]")) << cut;
  EXPECT_TRUE(has(cut, "y = y + b.reshape(-1, 1)")) << cut;
  EXPECT_EQ(program(R"({"dims":1,"input":[1,2],"kernel":[1,2],"stride":2,"dilation":2})", CodeTarget::keras),
            "error: Keras refuses strides > 1 together with dilation_rate > 1: there are no Keras arguments here");
}

TEST(Code, JaxAndOnnxGetTheirOwnPaddings) {
  const std::string spec = R"({"dims":1,"input":[1,2,3],"kernel":[1,2,3],"stride":2,"padding":1,"output_padding":1})";
  const std::string jax = program(spec, CodeTarget::jax);
  EXPECT_TRUE(has(jax, "padding=((1, 2),)")) << jax;
  EXPECT_TRUE(has(jax, "transpose_kernel=True")) << jax;
  const std::string onnx = program(spec, CodeTarget::onnx);
  EXPECT_TRUE(has(onnx, "pads=[1, 1], output_padding=[1]")) << onnx;
  EXPECT_TRUE(has(onnx, "group=1")) << onnx;
}

TEST(Code, ErrorsNameTheFramework) {
  EXPECT_TRUE(code_text(test::seed_1d, "caffe")
                  .starts_with(R"({"error":"framework must be pytorch, keras, jax, onnx or tfjs, got \"caffe\"")"));
  EXPECT_TRUE(code_text(R"({"dims":1,"input_size":2,"kernel_size":3})", "pytorch")
                  .starts_with(R"({"error":"input_size and kernel_size give sizes only)"));
  EXPECT_TRUE(code_text(test::seed_1d, "pytorch").starts_with(R"({"code":"# Transposed convolution (1D))"));
}

}  // namespace
}  // namespace tconv
