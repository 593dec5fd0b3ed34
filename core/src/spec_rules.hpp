#pragma once
// The validator in two parts, for parse_spec_shapes(): the rules that depend only on sizes (run
// before any value is allocated), and the rest (run by validate_spec()).

#include "tconv/spec.hpp"

namespace tconv::detail {

/// Sizes, PyTorch's parameter rules, channels and groups, value counts, the output: everything but
/// the presence and the magnitude of the values, under `limits` (the_limits for compute, the_shape_limits
/// for sizes without values). Messages name the sizes form's keys when spec.sizes_only.
Result<Spec> validate_sizes(Spec spec, const Limits& limits = the_limits);

}  // namespace tconv::detail
