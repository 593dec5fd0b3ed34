#pragma once
// Core results -> JS values, and nothing else: each function calls the core and copies what it
// returns. A failure comes back as a JS string, the error's JSON (error_json), which the wrapper
// turns into a TconvError; every success is an object, an array or a number.

#include <emscripten/val.h>

#include <string>

#include "spec_input.hpp"
#include "tconv/trace.hpp"

namespace tconv::wasm {

/// {error: "..."} or "" for a spec text's length (checked before the text is copied in).
std::string check_spec_length(double bytes);

/// {shape, data} of compute().
emscripten::val compute(const SpecInput& input);
/// A session over the input's spec (the input is emptied), or null when the input holds an error.
TraceSession* open_session(SpecInput& input);
/// explain()'s text, or the error JSON.
emscripten::val explain(const SpecInput& input, bool latex);

/// Everything about the trace but its steps and queries: axes, final state, carve, output.
emscripten::val summary(const TraceSession& session);
emscripten::val step(const TraceSession& session, int t);
/// step(t) and bufferAfter(n) for the output channels [first, first + count) only.
emscripten::val step_channels(const TraceSession& session, int t, int first, int count);
emscripten::val buffer_after(const TraceSession& session, int n);
emscripten::val buffer_after_channels(const TraceSession& session, int n, int first, int count);
/// The queries take a cell as a JS array of integers (the wrapper checks that it is one) and
/// return flat records in a Float64Array view, which the wrapper reads at once into objects.
emscripten::val contributions(const TraceSession& session, const emscripten::val& cell, bool intermediate);
emscripten::val reach(const TraceSession& session, const emscripten::val& cell);
emscripten::val uses(const TraceSession& session, const emscripten::val& tap);
emscripten::val gather_window(const TraceSession& session, const emscripten::val& cell);
emscripten::val matrix_entry(const TraceSession& session, double row, double col);
emscripten::val matrix_row(const TraceSession& session, double row);
emscripten::val matrix_column(const TraceSession& session, double col);
/// The entries first .. first + count - 1 of a row (columns) or of a column (rows).
emscripten::val matrix_row_part(const TraceSession& session, double row, double first, double count);
emscripten::val matrix_column_part(const TraceSession& session, double col, double first, double count);
emscripten::val gather(const TraceSession& session);
emscripten::val matrix(const TraceSession& session);

emscripten::val limits();
/// Bytes allocated on the wasm heap and the size of linear memory: how tests see leaks.
emscripten::val memory_use();

}  // namespace tconv::wasm
