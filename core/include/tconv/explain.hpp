#pragma once
/// @file The worked example written out the way the seed post writes it.

#include <optional>
#include <string>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

/// text: plain lines; latex: math-safe LaTeX (names in \texttt{}, \times, $$ blocks between blank
/// lines) for MathJax, KaTeX or a document; markdown: the same for kramdown/MathJax, inline math
/// as $$...$$ and each matrix in an HTML block, which Markdown leaves alone (its \\ stay \\).
enum class ExplainFormat { text, latex, markdown };

/// The step explain() writes when asked for "end": the output.
inline constexpr int explain_end = -1;

/// What to write.
struct ExplainOptions {
  ExplainFormat format = ExplainFormat::text;
  bool standalone = false;  ///< latex only: a whole document that pdflatex compiles (amsmath only)
  /// One state only, numbered as the scatter figure's: 0 the zeros, 1..n a step, n+1 the carve,
  /// n+2 the bias (only when there is one); explain_end the last of them.
  std::optional<int> step;
  bool result = false;  ///< the final equation only: output = conv_transpose(input, kernel)
};

/// Largest number of matrix cells explain() writes in total (it prints every step's buffer).
inline constexpr std::int64_t max_explain_cells = 200000;

/// The size formulas with numbers, each step's scaled kernel and intermediate output,
/// the carve and the result. An error when the text would exceed max_explain_cells.
Result<std::string> explain(const Spec& spec, ExplainFormat format);

/// explain() with options: a format, one step or the result only, a standalone LaTeX document.
/// Errors: a step out of range (field "step"), standalone without latex (field "standalone").
Result<std::string> explain(const Spec& spec, const ExplainOptions& options);

}  // namespace tconv
