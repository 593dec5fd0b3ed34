#pragma once
/// @file Everything the core offers to its users (the CLI and the WebAssembly binding).

#include "tconv/code.hpp"
#include "tconv/explain.hpp"
#include "tconv/figure.hpp"
#include "tconv/format.hpp"
#include "tconv/geometry.hpp"
#include "tconv/result.hpp"
#include "tconv/scatter.hpp"
#include "tconv/shape.hpp"
#include "tconv/solve.hpp"
#include "tconv/spec.hpp"
#include "tconv/trace.hpp"
#include "tconv/translate.hpp"
#include "tconv/views.hpp"
