// tconv: the core on the command line. Each command reads one JSON document on stdin; this file
// only picks the command. A thin user of the core: reading, choosing and writing is all it does.

#include <algorithm>
#include <cstdio>

#include "cli.hpp"

namespace tconv::cli {

int run_compute(const Args& args);
int run_explain(const Args& args);
int run_figure(const Args& args);
int run_shape(const Args& args);
int run_solve(const Args& args);
int run_translate(const Args& args);
int run_code(const Args& args);

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"compute", "compute            < spec.json   prints {\"shape\": [...], \"output\": [...]}", run_compute},
      {"explain",
       "explain [--latex [--standalone] | --markdown] [--step N|end | --result]  < spec.json\n"
       "                                        prints the worked example step by step",
       run_explain},
      {"figure",
       "figure --svg [--step N|end] [--view scatter|gather|matrix] [--theme light|dark]  < spec.json\n"
       "                                        prints one state of one view as an SVG document",
       run_figure},
      {"shape", "shape              < spec.json   prints {\"shape\": [...]} from sizes alone (input_size, ...)",
       run_shape},
      {"solve", "solve              < query.json  prints every kernel, stride, padding... giving output_size",
       run_solve},
      {"translate", "translate --to F | --from F < args.json   F: pytorch keras tf jax onnx; the crop, PyTorch's way",
       run_translate},
      {"code", "code --framework F < spec.json   F: pytorch keras jax onnx tfjs; a program that prints the output",
       run_code},
  };
  return table;
}

std::string usage() {
  std::string text = "usage:";
  for (const Command& command : commands())
    text += (text == "usage:" ? " tconv " : "       tconv ") + std::string(command.usage) + "\n";
  text += "       tconv help                       prints this text\n";
  text +=
      "Invalid input prints {\"error\": \"...\", \"field\", \"axis\", \"valid\"} (explain: \"error: ...\" on stderr) "
      "and "
      "exits 2.\n"
      "Spec keys: dims, input, weight | kernel, bias, stride, padding, output_padding, dilation, groups;\n"
      "sizes without values: input_size, kernel_size, in_channels, out_channels.\n";
  return text;
}

}  // namespace tconv::cli

int main(int argc, char** argv) {
  using namespace tconv::cli;
  const std::string_view name = argc > 1 ? argv[1] : "";
  if (name == "help" || name == "--help" || name == "-h") return write_stdout(usage());
  const Args args(argv + std::min(argc, 2), argv + argc);
  for (const Command& command : commands())
    if (command.name == name) return command.run(args);
  return usage_error(name.empty() ? "no command given" : "unknown command " + std::string(name));
}
