// tconv: exact transposed convolution (PyTorch semantics) with its step-by-step trace.
// The public entry point: `load()` resolves to the API, `loadTools()` to the tools (figures, the
// worked example in LaTeX and Markdown, shape, solve, translate, code), a second module fetched
// only when first asked for, so that what every page and element loads stays small. Works unchanged
// in browsers (each .wasm is found relative to this file's URL, never the page's) and in Node 20
// (read from beside this file).
// This layer only converts: the spec goes in once (spec-encoding.js), answers come out as plain JS
// values, and every handle the module hands out is released here, never by the caller.
import createTconvCore from './tconv-core.js';
import {
  cellArgument,
  fromCore,
  integer,
  misuse,
  oneOf,
  optionsArgument,
  rangeArgument,
  TconvError,
} from './arguments.js';
import { specText, splitSpec } from './spec-encoding.js';
import { createTools } from './tools-api.js';

export { TconvError };

let apiPromise = null;
let toolsPromise = null;
// What the tools' API borrows from the core's: the limits and the length check of a JSON argument.
let jsonArgument = null;

/** Loads the core module once; later calls share the same instance. */
export function load() {
  apiPromise ??= instantiate(createTconvCore, new URL('./tconv-core.wasm', import.meta.url)).then(createApi);
  return apiPromise;
}

/** Loads the tools module once (and the core, whose limits it shares); later calls share it. */
export function loadTools() {
  toolsPromise ??= Promise.all([
    load(),
    import('./tconv-tools.js').then((glue) =>
      instantiate(glue.default, new URL('./tconv-tools.wasm', import.meta.url)),
    ),
  ]).then(([, tools]) => createTools(tools, jsonArgument));
  // A failed fetch may be retried by a later call.
  toolsPromise.catch(() => {
    toolsPromise = null;
  });
  return toolsPromise;
}

// The glue is Emscripten's minimal runtime, which loads nothing itself: it takes the .wasm's bytes.
async function instantiate(factory, wasmUrl) {
  let wasm;
  // Node's fetch cannot read file: URLs, so Node reads the bytes directly.
  if (wasmUrl.protocol === 'file:' && typeof process === 'object' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    wasm = await readFile(wasmUrl);
  } else {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`tconv: fetching ${wasmUrl.href} failed: ${response.status}`);
    wasm = await response.arrayBuffer();
  }
  const module = await factory({ wasm });
  delete module.wasm; // the instance is made: the bytes need not stay alive
  return module;
}

/** A flat row-major array (a Tensor's data) as nested arrays of this shape, like PyTorch's tolist(). */
export function nest(data, shape, axis = 0, offset = 0) {
  const size = shape[axis];
  // Plain loops into arrays of known length: Array.from over a typed array goes through the
  // iterator protocol and took 60% of compute() on a million-element output.
  const out = new Array(size);
  if (axis === shape.length - 1) {
    for (let i = 0; i < size; i++) out[i] = data[offset + i];
    return out;
  }
  let inner = 1;
  for (let a = axis + 1; a < shape.length; a++) inner *= shape[a];
  for (let i = 0; i < size; i++) out[i] = nest(data, shape, axis + 1, offset + i * inner);
  return out;
}

const cellAt = (records, at, length) => {
  const cell = new Array(length);
  for (let i = 0; i < length; i++) cell[i] = records[at + i];
  return cell;
};
const gatherOn = ['input', 'zero', 'padding'];

function createApi(core) {
  const limits = Object.freeze(core.limits());

  // A query or a spec as JSON text, refused here when it is over the length limit.
  jsonArgument = (value) => {
    let text;
    try {
      text = specText(value, limits);
    } catch (e) {
      if (e && e.cycle !== undefined)
        throw misuse('the argument contains itself: it cannot be written as JSON', 'spec');
      throw e;
    }
    if (text.bytes > limits.maxJsonBytes) fromCore(core.checkSpecLength(text.bytes));
    return text.text;
  };
  // Handles a trace dropped without dispose() are released when it is collected.
  const sessions = new FinalizationRegistry((session) => session.delete());

  /** Runs use(input) with the spec inside the module, and releases it after. */
  function withSpec(spec, use) {
    const input = openSpec(spec);
    try {
      const error = input.error();
      if (error) fromCore(error);
      return use(input);
    } finally {
      input.delete();
    }
  }

  function openSpec(spec) {
    const split = splitSpec(spec, limits);
    if (split) {
      const input = core.SpecInput.fromShapes(split.scalars, split.shapes);
      // The values go straight into the vectors the core sized, only once the sizes passed.
      if (input.error() === '') {
        // An array too large to copy is always over a size limit, so the core has refused it.
        if (Object.values(split.arrays).includes(null)) throw new Error('tconv: an oversized array was accepted');
        for (const [key, data] of Object.entries(split.arrays)) input.values(key).set(data);
        input.finish();
      }
      return input;
    }
    let text;
    try {
      text = specText(spec, limits);
    } catch (e) {
      if (e && e.cycle !== undefined)
        throw misuse(
          `the spec contains itself${e.cycle ? ` at ${e.cycle}` : ''}: it cannot be written as JSON`,
          'spec',
        );
      throw e;
    }
    // Refused before anything is copied into the module.
    if (text.bytes > limits.maxJsonBytes) fromCore(core.checkSpecLength(text.bytes));
    return core.SpecInput.fromText(text.text);
  }

  class Trace {
    #session;
    #dims;
    #gather;
    #matrix;

    constructor(session) {
      this.#session = session;
      Object.assign(this, session.summary());
      this.#dims = this.dims;
      sessions.register(this, session, this);
      Object.freeze(this);
    }

    #live() {
      if (!this.#session) throw misuse('this trace was disposed: call trace(spec) again', 'trace');
      return this.#session;
    }

    /** The gather view (built on first use), or {error} when its padded input is over the limit. */
    get gather() {
      return (this.#gather ??= this.#live().gather());
    }
    /** Cᵀ (built on first use), or {error} when it is over the limit. */
    get matrix() {
      return (this.#matrix ??= this.#live().matrix());
    }
    /** Step t: the element, where its kernel copy lands, the products, the buffer and counts after it;
     *  with {outChannels: [first, count]} the buffer and counts of those output channels only. */
    step(t, options) {
      const channels = rangeArgument('outChannels', optionsArgument(options, 'outChannels: [0, 1]').outChannels);
      const step = integer('step', t);
      return fromCore(channels ? this.#live().stepChannels(step, ...channels) : this.#live().step(step));
    }
    /** The intermediate buffer after the first n steps (0: all zeros); {outChannels} as for step. */
    bufferAfter(n, options) {
      const channels = rangeArgument('outChannels', optionsArgument(options, 'outChannels: [0, 1]').outChannels);
      const done = integer('steps done', n);
      return fromCore(channels ? this.#live().bufferAfterChannels(done, ...channels) : this.#live().bufferAfter(done));
    }
    /** The products a cell received, in the order the core added them. */
    contributions(cell, options) {
      const { where = 'output' } = optionsArgument(options, "where: 'output'");
      oneOf('where', where, ['output', 'intermediate']);
      const records = fromCore(this.#live().contributions(cellArgument(cell), where === 'intermediate'));
      const d = this.#dims;
      const stride = 7 + 2 * d;
      const terms = [];
      for (let at = 0; at < records.length; at += stride) {
        terms.push({
          step: records[at],
          input: cellAt(records, at + 1, 1 + d),
          tap: cellAt(records, at + 2 + d, 2 + d),
          value: records[at + 4 + 2 * d],
          weight: records[at + 5 + 2 * d],
          product: records[at + 6 + 2 * d],
        });
      }
      return terms;
    }
    /** Every cell an input element adds to: {intermediate: [cells], output: [cells]}. */
    reach(cell) {
      const records = fromCore(this.#live().reach(cellArgument(cell)));
      const length = 1 + this.#dims;
      const cells = (from, count) => {
        const list = new Array(count); // a plain loop: Array.from({length}) took twice as long
        for (let i = 0; i < count; i++) list[i] = cellAt(records, from + i * length, length);
        return list;
      };
      return { intermediate: cells(2, records[0]), output: cells(2 + records[0] * length, records[1]) };
    }
    /** Every product a weight tap [c_in, c_out_in_group, ...kernel] took part in, one per input
     *  element of its channel in step order: {step, input, tap, value, weight, product,
     *  intermediate, output} (output null where the carve removes the cell). */
    uses(tap) {
      const given = cellArgument(tap);
      const records = fromCore(this.#live().uses(given));
      const d = this.#dims;
      const stride = 7 + 3 * d;
      const uses = [];
      for (let at = 0; at < records.length; at += stride) {
        const output = records[at + 6 + 2 * d];
        uses.push({
          step: records[at],
          input: cellAt(records, at + 1, 1 + d),
          tap: [...given],
          value: records[at + 2 + d],
          weight: records[at + 3 + d],
          product: records[at + 4 + d],
          intermediate: cellAt(records, at + 5 + d, 1 + d),
          output: output < 0 ? null : cellAt(records, at + 6 + 2 * d, 1 + d),
        });
      }
      return uses;
    }
    /** The gather view's window for an output cell: its origin in the padded input and its taps. */
    gatherWindow(cell) {
      const given = cellArgument(cell);
      const records = fromCore(this.#live().gatherWindow(given));
      const d = this.#dims;
      const stride = 8 + 3 * d;
      const taps = [];
      for (let at = 2 * d; at < records.length; at += stride) {
        const input = records[at + 4 + 2 * d] < 0 ? null : cellAt(records, at + 4 + 2 * d, 1 + d);
        taps.push({
          padded: cellAt(records, at, 1 + d),
          kernel: cellAt(records, at + 1 + d, 2 + d),
          on: gatherOn[records[at + 3 + 2 * d]],
          input,
          value: records[at + 5 + 3 * d],
          weight: records[at + 6 + 3 * d],
          product: records[at + 7 + 3 * d],
        });
      }
      return { cell: [...given], origin: cellAt(records, 0, d), dilation: cellAt(records, d, d), taps };
    }
    /** Cᵀ[row][col], without building Cᵀ. */
    matrixEntry(row, col) {
      return fromCore(this.#live().matrixEntry(integer('row', row), integer('column', col)));
    }
    /** Row `row` of Cᵀ (one output cell's weights), as a Float64Array; {columns: [first, count]}: part of it. */
    matrixRow(row, options) {
      const part = rangeArgument('columns', optionsArgument(options, 'columns: [0, 4]').columns);
      const r = integer('row', row);
      return fromCore(part ? this.#live().matrixRowPart(r, ...part) : this.#live().matrixRow(r));
    }
    /** Column `col` of Cᵀ (one input element's kernel copy, unscaled), as a Float64Array; {rows: [first, count]}: part of it. */
    matrixColumn(col, options) {
      const part = rangeArgument('rows', optionsArgument(options, 'rows: [0, 4]').rows);
      const c = integer('column', col);
      return fromCore(part ? this.#live().matrixColumnPart(c, ...part) : this.#live().matrixColumn(c));
    }
    /** Releases the trace's memory in the module now; later queries throw. Idempotent. */
    dispose() {
      if (!this.#session) return;
      sessions.unregister(this);
      this.#session.delete();
      this.#session = null;
    }
  }
  if (typeof Symbol.dispose === 'symbol') Trace.prototype[Symbol.dispose] = Trace.prototype.dispose;

  return Object.freeze({
    limits,
    /** The result nested like PyTorch's tolist(), without the batch axis. */
    compute(spec) {
      const { shape, data } = withSpec(spec, (input) => fromCore(core.compute(input)));
      return { shape, output: nest(data, shape) };
    },
    /** The trace session of a spec: parsed once, asked many questions. */
    trace(spec) {
      return new Trace(withSpec(spec, (input) => core.openSession(input)));
    },
    explain(spec, options) {
      const { format = 'text' } = optionsArgument(options, "format: 'latex'");
      oneOf('format', format, ['text', 'latex']);
      return withSpec(spec, (input) => fromCore(core.explain(input, format === 'latex'))).text;
    },
    // The practitioner's answers, from the tools module (loaded on the first call): Promises.
    shape: async (spec) => (await loadTools()).shape(spec),
    solve: async (query) => (await loadTools()).solve(query),
    translate: async (spec, options) => (await loadTools()).translate(spec, options),
    code: async (spec, options) => (await loadTools()).code(spec, options),
    /** Diagnostics: wasm heap bytes in use, linear memory size, live Embind value handles. */
    // count_emval_handles is Embind's own diagnostic; null where an Emscripten release lacks it.
    memoryUse: () => ({ ...core.memoryUse(), valueHandles: core.count_emval_handles?.() ?? null }),
  });
}
