// Prepended to the Emscripten glue (--pre-js). Emscripten 3.1.6's minimal runtime assigns the wasm
// exports to `asm` without declaring it unless library_exports.js is linked, which is an error in an
// ES module (strict mode). Declaring it here is harmless where a later release declares it itself.
var asm;
