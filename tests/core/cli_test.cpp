// The built `tconv` binary: what it prints for the seed examples, its exit codes and its
// number format.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs `tconv <arguments>` with `input` on stdin.
CliRun run_cli(const std::string& arguments, const std::string& input) {
  static int counter = 0;
  const fs::path dir =
      fs::temp_directory_path() / ("tconv_cli_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  fs::create_directories(dir);
  std::ofstream(dir / "in", std::ios::binary) << input;
  const std::string command = std::string("'") + TCONV_CLI_PATH + "' " + arguments + " < '" + (dir / "in").string() +
                              "' > '" + (dir / "out").string() + "' 2> '" + (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(dir / "out");
  run.err = read_file(dir / "err");
  fs::remove_all(dir);
  return run;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Cli, ComputePrintsTheSeed1DResult) {
  const CliRun run = run_cli("compute", std::string(test::seed_1d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "{\"shape\":[5],\"output\":[2,4,9,6,9]}\n");
  EXPECT_EQ(run.err, "");
}

TEST(Cli, ComputePrintsTheSeed2DResult) {
  const CliRun run = run_cli("compute", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "{\"shape\":[3,3],\"output\":[[0,0,0],[2,4,2],[0,0,0]]}\n");
}

TEST(Cli, ComputeKeepsTheChannelAxisOfTheFullForm) {
  const CliRun run = run_cli("compute", R"({"dims":1,"input":[[2,3]],"weight":[[[1,2,3]]],"stride":2,"bias":[1]})");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "{\"shape\":[1,5],\"output\":[[3,5,10,7,10]]}\n");
}

TEST(Cli, ComputePrintsShortestRoundTripNumbers) {
  const CliRun run = run_cli("compute", R"({"dims":1,"input":[0.1,0.2],"kernel":[1,1]})");
  EXPECT_EQ(run.out, "{\"shape\":[3],\"output\":[0.1,0.30000000000000004,0.2]}\n");
  const CliRun third = run_cli("compute", R"({"dims":1,"input":[1],"kernel":[0.3333333333333333,1500]})");
  EXPECT_EQ(third.out, "{\"shape\":[2],\"output\":[0.3333333333333333,1500]}\n");
}

TEST(Cli, ComputeOnAnInvalidSpecPrintsErrorJsonAndExits2) {
  const CliRun run = run_cli("compute", R"({"dims":1,"input":[1],"kernel":[1],"stride":0})");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out,
            "{\"error\":\"stride must be from 1 to 16, got 0\",\"field\":\"stride\",\"axis\":0,"
            "\"valid\":{\"min\":1,\"max\":16}}\n");
  EXPECT_EQ(run.err, "");
}

TEST(Cli, ErrorJsonIsValidUtf8WhateverTheInputBytes) {
  // A byte order mark, then a stray byte of a multi-byte character: both are named, and what is
  // printed is valid UTF-8 (a lone 0xEF was once echoed as it was).
  const CliRun bom = run_cli("compute", "\xEF\xBB\xBF{}");
  EXPECT_EQ(bom.exit_code, 2);
  EXPECT_EQ(bom.out,
            "{\"error\":\"invalid JSON at character 1: unexpected byte order mark (U+FEFF): save the spec without "
            "it\",\"field\":null,\"axis\":null}\n");
  const CliRun stray = run_cli("compute", "{\"dims\":1,\"input\":[1],\"kernel\":[1],\"k\xEF\":1}");
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_TRUE(contains(stray.out, "unknown key \\\"k\xEF\xBF\xBD\\\"")) << stray.out;
}

TEST(Cli, AFailedWriteIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  for (const char* command : {"compute", "explain", "help"}) {
    const std::string line = std::string("echo '") + std::string(test::seed_1d) + "' | '" + TCONV_CLI_PATH + "' " +
                             command + " > /dev/full 2>/dev/null";
    const int status = std::system(line.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << command << ": status " << status;
  }
}

TEST(Cli, ErrorJsonEscapesTheMessage) {
  const CliRun run = run_cli("compute", R"({"dims":1,"input":[1],"kernel":[1],"bad\"key":1})");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.starts_with(R"({"error":"unknown key \"bad\\\"key\"; the keys are)")) << run.out;
}

TEST(Cli, EmptyStdinExits2WithErrorJson) {
  const CliRun run = run_cli("compute", "");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out,
            "{\"error\":\"invalid JSON at character 1: expected a value, found the end of the text\",\"field\":null,"
            "\"axis\":null}\n");
}

TEST(Cli, OversizedStdinExits2) {
  const CliRun run = run_cli("compute", std::string((8 << 20) + 100, ' '));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.starts_with("{\"error\":\"the spec is ")) << run.out;
  EXPECT_TRUE(contains(run.out, "bytes long, over the limit of 8388608")) << run.out;
}

TEST(Cli, AnUnknownCommandOrOptionExits2WithTheUsageOnStderr) {
  for (const char* arguments : {"", "convolve", "compute --latex", "explain --json", "explain --latex extra"}) {
    const CliRun run = run_cli(arguments, std::string(test::seed_1d));
    EXPECT_EQ(run.exit_code, 2) << arguments;
    EXPECT_EQ(run.out, "") << arguments;
    EXPECT_TRUE(run.err.starts_with("tconv: ")) << arguments << ": " << run.err;
    EXPECT_TRUE(contains(run.err, "\n\nusage: tconv compute")) << arguments << ": " << run.err;
  }
}

TEST(Cli, HelpPrintsTheUsageAndExits0) {
  for (const char* arguments : {"help", "--help", "-h"}) {
    const CliRun run = run_cli(arguments, "");
    EXPECT_EQ(run.exit_code, 0) << arguments;
    EXPECT_TRUE(run.out.starts_with("usage: tconv compute")) << arguments << ": " << run.out;
    EXPECT_EQ(run.err, "") << arguments;
  }
}

TEST(Cli, ExplainShowsTheSeed2DIntermediateAndCarvedOutput) {
  const CliRun run = run_cli("explain", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(contains(run.out,
                       "Intermediate output:\n"
                       "[  1  1  3  2  2 ]\n"
                       "[  0  0  0  0  0 ]\n"
                       "[  2  2  4  2  2 ]\n"
                       "[  0  0  0  0  0 ]\n"
                       "[ -3 -3 -7 -4 -4 ]\n"))
      << run.out;
  EXPECT_TRUE(contains(run.out, "Output (3x3):\n[ 0 0 0 ]\n[ 2 4 2 ]\n[ 0 0 0 ]\n")) << run.out;
  EXPECT_TRUE(contains(run.out, "height: (2 - 1) * 2 + 1 * (3 - 1) + 1 = 5")) << run.out;
  EXPECT_TRUE(contains(run.out, "Step 4 of 4: input[1][1] = 4. Add 4 x kernel at rows 2-4, columns 2-4:")) << run.out;
}

TEST(Cli, ExplainLatexPrintsBmatrixBlocks) {
  const CliRun run = run_cli("explain --latex", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(contains(run.out, "\\begin{bmatrix}")) << run.out;
  EXPECT_TRUE(contains(run.out, "\\end{bmatrix}")) << run.out;
  EXPECT_TRUE(contains(run.out, "-3 & -3 & -7 & -4 & -4\n")) << run.out;
  EXPECT_TRUE(contains(run.out, "2 & 4 & 2 \\\\\n")) << run.out;
  EXPECT_TRUE(contains(run.out, "$(2 - 1) \\times 2 + 1 \\times (3 - 1) + 1 = 5$")) << run.out;
}

TEST(Cli, ExplainOnAnInvalidSpecPrintsTheErrorOnStderrAndExits2) {
  const CliRun run = run_cli("explain", R"({"dims":1,"input":[1],"kernel":[1],"dilation":0})");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "error: dilation must be from 1 to 16, got 0\n");
}

TEST(Cli, ExplainOverItsLimitExits2) {
  // 16 x 16 ones with a 3 x 3 kernel at stride 2: too much text for explain, fine for compute.
  std::string input = "[";
  for (int r = 0; r < 16; ++r) input += std::string(r ? "," : "") + "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
  input += "]";
  const std::string spec = R"({"dims":2,"input":)" + input + R"(,"kernel":[[1,1,1],[1,1,1],[1,1,1]],"stride":2})";
  const CliRun run = run_cli("explain", spec);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.err.starts_with("error: explain would print 283266 matrix cells")) << run.err;
  EXPECT_EQ(run_cli("compute", spec).exit_code, 0);
}

TEST(Cli, FigurePrintsAnSvgOfTheAskedStateAndView) {
  const CliRun run = run_cli("figure --svg --step 2 --view scatter", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << run.out;
  EXPECT_TRUE(contains(run.out, "step 2 of 4")) << run.out;
  // The default step is the last state (the output), the default view the scatter.
  const CliRun end = run_cli("figure --svg", std::string(test::seed_2d));
  EXPECT_EQ(end.out, run_cli("figure --svg --step end --view scatter", std::string(test::seed_2d)).out);
  EXPECT_EQ(end.out, run_cli("figure --svg --step=5", std::string(test::seed_2d)).out);
  EXPECT_TRUE(
      contains(run_cli("figure --svg --view gather --step 5", std::string(test::seed_2d)).out, ">out[1][1] = "));
  EXPECT_TRUE(
      contains(run_cli("figure --svg --view matrix --step 1", std::string(test::seed_2d)).out, "data-grid=\"ct\""));
  EXPECT_TRUE(contains(run_cli("figure --svg --theme dark", std::string(test::seed_2d)).out, "fill=\"#17191e\""));
}

TEST(Cli, FigureErrorsAreErrorJsonWithTheFieldAndExit2) {
  const CliRun step = run_cli("figure --svg --step 6", std::string(test::seed_2d));
  EXPECT_EQ(step.exit_code, 2);
  EXPECT_EQ(step.out,
            "{\"error\":\"step must be end or a whole number from 0 to 5 in the scatter view, got \\\"6\\\"\","
            "\"field\":\"step\",\"axis\":null,\"valid\":{\"min\":0,\"max\":5}}\n");
  const CliRun view = run_cli("figure --svg --view lines", std::string(test::seed_2d));
  EXPECT_EQ(view.exit_code, 2);
  EXPECT_TRUE(
      view.out.starts_with("{\"error\":\"view must be scatter, gather or matrix, got \\\"lines\\\"\","
                           "\"field\":\"view\",\"axis\":null,\"valid\":[\"scatter\",\"gather\",\"matrix\"]}"))
      << view.out;
  const CliRun spec = run_cli("figure --svg", R"({"dims":1,"input":[1],"kernel":[1],"stride":0})");
  EXPECT_EQ(spec.exit_code, 2);
  EXPECT_TRUE(spec.out.starts_with("{\"error\":\"stride must be from 1 to 16, got 0\",\"field\":\"stride\""))
      << spec.out;
  const CliRun option = run_cli("figure --png", std::string(test::seed_2d));
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_TRUE(contains(option.err, "usage: tconv compute")) << option.err;
}

TEST(Cli, ExplainLatexIsMathSafe) {
  const CliRun run =
      run_cli("explain --latex", R"({"dims":1,"input":[2,3],"kernel":[1,2,3],"stride":2,"output_padding":1})");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(contains(run.out, "PyTorch's \\texttt{conv\\_transpose1d}")) << run.out;
  EXPECT_TRUE(contains(run.out, "\\texttt{output\\_padding} 1")) << run.out;
  EXPECT_TRUE(contains(run.out, "Add $2 \\times \\text{kernel}$ at positions 0--2:")) << run.out;
  EXPECT_FALSE(contains(run.out, " x ")) << run.out;
  EXPECT_FALSE(contains(run.out, "*")) << run.out;
  // Display math between blank lines.
  EXPECT_TRUE(contains(run.out, ":\n\n$$\n\\begin{bmatrix}")) << run.out;
  EXPECT_TRUE(contains(run.out, "\\end{bmatrix}\n$$\n\n")) << run.out;
}

TEST(Cli, ExplainStandaloneIsADocument) {
  const CliRun run = run_cli("explain --latex --standalone", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("\\documentclass{article}\n\\usepackage{amsmath}\n")) << run.out;
  EXPECT_TRUE(run.out.ends_with("\\end{document}\n")) << run.out;
  EXPECT_EQ(run_cli("explain --standalone", std::string(test::seed_2d)).out, run.out) << "--standalone implies --latex";
}

TEST(Cli, ExplainNamesEachKernelAsThePageDoesAndTheBiasWithTheParameters) {
  // groups 2, one output channel per group: the kernels are w[0][0] and w[1][0] (not "weight pair 0,
  // 1"), the parameters line names the bias every output number includes, and a 1D intermediate
  // output is "a 4-cell" one (not "a 4").
  const std::string spec =
      R"({"dims":1,"input":[[1,2],[3,4]],"weight":[[[1,2]],[[3,4]]],"groups":2,"stride":2,"bias":[0.5,1]})";
  const CliRun all = run_cli("explain", spec);
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_TRUE(contains(all.out, "Kernel (2 each):\nw[0][0]:\n[ 1 2 ]\nw[1][0]:\n[ 3 4 ]\n")) << all.out;
  EXPECT_FALSE(contains(all.out, "weight pair")) << all.out;
  EXPECT_TRUE(contains(all.out, "dilation 1, groups 2, bias per output channel\n")) << all.out;
  EXPECT_TRUE(contains(all.out, "Start with a 4-cell intermediate output of zeros:")) << all.out;
  const CliRun result = run_cli("explain --result", R"({"dims":1,"input":[1,2],"kernel":[1,1],"bias":[0.5]})");
  EXPECT_TRUE(contains(result.out, "dilation 1, bias 0.5")) << result.out;
  // The gather figure's words agree with their numbers ("1 of its 2 taps fall …, the others").
  const std::string sparse = R"({"dims":1,"input":[1,2,3,4],"kernel":[1,-1],"stride":3})";
  EXPECT_TRUE(contains(run_cli("figure --svg --view gather --step 2", sparse).out,
                       "1 of its 2 taps falls on input values, the other on inserted zeros or padding."));
  EXPECT_TRUE(
      contains(run_cli("figure --svg --view gather --step 2", R"({"dims":1,"input":[1,2,3],"kernel":[1,-1]})").out,
               "all 2 of its taps fall on input values."));
  // With channels the scatter figure names each kernel it adds, and where: the kernels stand beside
  // the input's stack from its top, so their captions say which channels they join.
  const std::string channels = R"({"dims":1,"input":[[1,2],[3,4]],"weight":[[[1,2],[0,1]],[[3,4],[1,1]]],"stride":2})";
  const std::string svg = run_cli("figure --svg --step 3", channels).out;
  EXPECT_TRUE(
      contains(svg, "Add 3 \xC3\x97 w[1][0] into output channel 0 and 3 \xC3\x97 w[1][1] into output channel 1 at"))
      << svg;
  EXPECT_TRUE(contains(svg, "w[1][0] \xC2\xB7 input 1 \xE2\x86\x92 output 0")) << svg;
}

TEST(Cli, ExplainStepAndResultWriteOnePart) {
  const CliRun step = run_cli("explain --step 2", std::string(test::seed_2d));
  EXPECT_EQ(step.exit_code, 0);
  EXPECT_TRUE(step.out.starts_with("Step 2 of 4: input[0][1] = 2. Add 2 x kernel at rows 0-2, columns 2-4:\n"))
      << step.out;
  EXPECT_FALSE(contains(step.out, "Step 1 of 4")) << step.out;
  EXPECT_FALSE(contains(step.out, "Step 3 of 4")) << step.out;
  EXPECT_TRUE(run_cli("explain --step 0", std::string(test::seed_2d)).out.starts_with("Start with a 5x5"));
  EXPECT_TRUE(run_cli("explain --step 5", std::string(test::seed_2d)).out.starts_with("Carve: "));
  const CliRun result = run_cli("explain --latex --result", std::string(test::seed_1d));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(result.out.starts_with("Output of \\texttt{conv\\_transpose1d} with \\texttt{stride} 2")) << result.out;
  EXPECT_TRUE(contains(result.out, "\\texttt{conv\\_transpose1d}\\left(\\begin{bmatrix}\n2 & 3\n\\end{bmatrix},"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "=\n\\begin{bmatrix}\n2 & 4 & 9 & 6 & 9\n\\end{bmatrix}\n$$\n")) << result.out;
  const CliRun bad = run_cli("explain --step 6", std::string(test::seed_2d));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "error: step must be end or a whole number from 0 to 5, got 6\n");
  for (const char* arguments : {"explain --step", "explain --step x", "explain --step 1 --result",
                                "explain --latex --markdown", "explain --markdown --standalone"}) {
    const CliRun run = run_cli(arguments, std::string(test::seed_2d));
    EXPECT_EQ(run.exit_code, 2) << arguments;
    EXPECT_TRUE(contains(run.err, "usage: tconv compute")) << arguments << ": " << run.err;
  }
}

TEST(Cli, ExplainMarkdownProtectsEachMatrixInAnHtmlBlock) {
  const CliRun run = run_cli("explain --markdown", std::string(test::seed_2d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(contains(
      run.out, "\n\n<div class=\"math\">\n$$\n\\begin{bmatrix}\n1 & 2 \\\\\n3 & 4\n\\end{bmatrix}\n$$\n</div>\n\n"))
      << run.out;
  EXPECT_TRUE(contains(run.out, "PyTorch's `conv_transpose2d`")) << run.out;
  EXPECT_TRUE(contains(run.out, "height: $$(2 - 1) \\times 2 + 1 \\times (3 - 1) + 1 = 5$$")) << run.out;
}

TEST(Cli, TheUsageNamesEveryCommand) {
  const CliRun run = run_cli("help", "");
  for (const char* part :
       {"tconv compute", "tconv explain [--latex [--standalone] | --markdown] [--step N|end | --result]",
        "tconv figure --svg [--step N|end] [--view scatter|gather|matrix]", "tconv shape", "tconv solve",
        "tconv translate --to F | --from F", "tconv code --framework F", "tconv help"})
    EXPECT_TRUE(contains(run.out, part)) << part << "\n" << run.out;
}

TEST(Cli, ShapeAnswersFromSizesAlone) {
  const CliRun run = run_cli("shape", R"({"dims":2,"input_size":[32,32],"kernel_size":4,"stride":2,"padding":1,)"
                                      R"("in_channels":64,"out_channels":32})");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "{\"shape\":[32,64,64]}\n");
  const CliRun bad = run_cli("shape", R"({"dims":1,"input_size":0,"kernel_size":3})");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.out, R"("field":"input_size")")) << bad.out;
}

TEST(Cli, SolveListsTheWaysAndSaysWhenThereIsNone) {
  const CliRun run = run_cli("solve", R"({"dims":1,"input_size":32,"output_size":64,"max_kernel":4,"max_stride":2})");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with(R"({"axes":[[{"kernel_size":2,"stride":2,"padding":0,"output_padding":0,)"
                                  R"("dilation":1,"overlap":"even"},{"kernel_size":4,"stride":2,"padding":1,)"))
      << run.out;
  const CliRun none = run_cli("solve", R"({"dims":1,"input_size":32,"output_size":1000})");
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_TRUE(contains(none.out, R"("nearest":[263])")) << none.out;
}

TEST(Cli, TranslateTakesFromAndTo) {
  const CliRun keras = run_cli("translate --from keras", R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,)"
                                                         R"("padding":"same"})");
  EXPECT_EQ(keras.exit_code, 0);
  EXPECT_TRUE(keras.out.starts_with(R"({"output_size":[8],"crop":{"begin":[0],"end":[1]},"exact":false,)"))
      << keras.out;
  const CliRun onnx = run_cli("translate --from keras --to onnx",
                              R"({"dims":1,"input_size":4,"kernel_size":3,"strides":2,"padding":"same"})");
  EXPECT_TRUE(contains(onnx.out, R"("target":{"kernel_shape":[3],"strides":[2],"pads":[0,1],"output_padding":[0],)"))
      << onnx.out;
  EXPECT_EQ(run_cli("translate --to caffe", "{}").exit_code, 2);
  EXPECT_EQ(run_cli("translate --to", "{}").exit_code, 2);
}

TEST(Cli, CodePrintsAProgramOrTheError) {
  const CliRun run = run_cli("code --framework pytorch", std::string(test::seed_1d));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(contains(run.out, "torch.nn.ConvTranspose1d(")) << run.out;
  const CliRun bad =
      run_cli("code --framework keras", R"({"dims":1,"input":[1],"kernel":[1],"stride":2,"dilation":2})");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "Keras refuses strides > 1 together with dilation_rate > 1")) << bad.err;
  EXPECT_EQ(run_cli("code --framework caffe", std::string(test::seed_1d)).exit_code, 2);
}

}  // namespace
}  // namespace tconv
