#pragma once
/// @file The worked example written out the way the seed post writes it.

#include <string>

#include "tconv/result.hpp"
#include "tconv/spec.hpp"

namespace tconv {

enum class ExplainFormat { text, latex };

/// Largest number of matrix cells explain() writes in total (it prints every step's buffer).
inline constexpr std::int64_t max_explain_cells = 200000;

/// The size formulas with numbers, each step's scaled kernel and intermediate output,
/// the carve and the result. An error when the text would exceed max_explain_cells.
Result<std::string> explain(const Spec& spec, ExplainFormat format);

}  // namespace tconv
