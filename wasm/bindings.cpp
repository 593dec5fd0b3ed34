// The table of contents of the WebAssembly module: names only, no logic. The JS wrapper (tconv.js)
// owns every handle it gets here and deletes it (dispose(), or a FinalizationRegistry).

#include <emscripten/bind.h>

#include "conversions.hpp"

using emscripten::allow_raw_pointers;

EMSCRIPTEN_BINDINGS(tconv) {
  using namespace tconv::wasm;
  emscripten::class_<SpecInput>("SpecInput")
      .class_function("fromText", &SpecInput::from_text, allow_raw_pointers())
      .class_function("fromShapes", &SpecInput::from_shapes, allow_raw_pointers())
      .function("error", &SpecInput::error)
      .function("values", &SpecInput::values)
      .function("finish", &SpecInput::finish);
  emscripten::function("checkSpecLength", &check_spec_length);
  emscripten::function("compute", &compute);
  emscripten::function("explain", &explain);
  emscripten::function("openSession", &open_session, allow_raw_pointers());

  emscripten::class_<tconv::TraceSession>("TraceSession")
      .function("summary", &summary)
      .function("step", &step)
      .function("stepChannels", &step_channels)
      .function("bufferAfter", &buffer_after)
      .function("bufferAfterChannels", &buffer_after_channels)
      .function("contributions", &contributions)
      .function("reach", &reach)
      .function("uses", &uses)
      .function("gatherWindow", &gather_window)
      .function("matrixEntry", &matrix_entry)
      .function("matrixRow", &matrix_row)
      .function("matrixColumn", &matrix_column)
      .function("matrixRowPart", &matrix_row_part)
      .function("matrixColumnPart", &matrix_column_part)
      .function("gather", &gather)
      .function("matrix", &matrix);

  emscripten::function("limits", &limits);
  emscripten::function("memoryUse", &memory_use);
}
