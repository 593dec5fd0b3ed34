// tconv: exact transposed convolution (PyTorch semantics) with its step-by-step trace.
// The public entry point: `load()` resolves to the API. Works unchanged in browsers (the .wasm is
// found relative to this file's URL, never the page's) and in Node 20 (read from beside this file).
// This layer only converts: the spec goes in once (spec-encoding.js), answers come out as plain JS
// values, and every handle the module hands out is released here, never by the caller.
import createTconvCore from './tconv-core.js';
import { specText, splitSpec } from './spec-encoding.js';

/** The one error class: every invalid spec or call throws it, with what it is about as data. */
export class TconvError extends Error {
  /** @param {{field?: string|null, axis?: number|null, valid?: object|array|null}} [about] */
  constructor(message, { field = null, axis = null, valid = null } = {}) {
    super(message);
    this.name = 'TconvError';
    /** The spec key (or argument) the error is about, or null for the spec as a whole. */
    this.field = field;
    /** The spatial axis (0: length or height, 1: width), or null. */
    this.axis = axis;
    /** What the field accepts: {min, max} or a list of values, or null. */
    this.valid = valid;
  }
}

const wasmUrl = new URL('./tconv-core.wasm', import.meta.url);
let apiPromise = null;

/** Loads the module once; later calls share the same instance. */
export function load() {
  apiPromise ??= instantiate().then(createApi);
  return apiPromise;
}

async function instantiate() {
  const options = { locateFile: () => wasmUrl.href };
  // Node's fetch cannot read file: URLs, so Node gets the bytes directly.
  if (wasmUrl.protocol === 'file:' && typeof process === 'object' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    options.wasmBinary = await readFile(wasmUrl);
  }
  return createTconvCore(options);
}

// The core answers a failure with its error as JSON text; anything else is the result.
function fromCore(result) {
  if (typeof result !== 'string') return result;
  const { error, field, axis, valid } = JSON.parse(result);
  throw new TconvError(error, { field, axis, valid: valid ?? null });
}

// A misuse of the API itself, named like the core names a spec's errors.
const misuse = (message, field) => new TconvError(message, { field });
const shown = (value) =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'number'
      ? String(value)
      : value === null
        ? 'null'
        : typeof value;

function integer(name, value) {
  // Embind would silently turn 1.7, NaN or 2**32 into some int.
  if (Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31) return value;
  throw misuse(`${name} must be an integer, got ${shown(value)}`, name);
}

function cellArgument(cell, name = 'cell') {
  const list = ArrayBuffer.isView(cell) ? Array.from(cell) : cell;
  if (Array.isArray(list) && list.length <= 8 && list.every((v) => Number.isSafeInteger(v) && Math.abs(v) < 2 ** 31))
    return list;
  throw misuse(
    `${name} must be an array of whole numbers, [channel, ...position], got ${Array.isArray(cell) ? JSON.stringify(cell).slice(0, 40) : shown(cell)}`,
    name,
  );
}

function optionsArgument(options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw misuse(`options must be an object like {${allowed}}, got ${shown(options)}`, 'options');
  }
  return options;
}

function oneOf(name, value, values) {
  if (values.includes(value)) return value;
  throw new TconvError(`${name} must be ${values.map((v) => `"${v}"`).join(' or ')}, got ${shown(value)}`, {
    field: name,
    valid: values,
  });
}

/** A flat row-major array (a Tensor's data) as nested arrays of this shape, like PyTorch's tolist(). */
export function nest(data, shape, axis = 0, offset = 0) {
  const size = shape[axis];
  if (axis === shape.length - 1) return Array.from(data.subarray(offset, offset + size));
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(data, shape, axis + 1, offset + i * inner));
}

const cellAt = (records, at, length) => {
  const cell = new Array(length);
  for (let i = 0; i < length; i++) cell[i] = records[at + i];
  return cell;
};
const gatherOn = ['input', 'zero', 'padding'];

const frameworks = ['pytorch', 'keras', 'tf', 'jax', 'onnx'];
const codeFrameworks = ['pytorch', 'keras', 'jax', 'onnx', 'tfjs'];

// The one-shot calls answer JSON text: the result, or the error with its field, axis and valid.
function oneShot(text) {
  const result = JSON.parse(text);
  if (result.error !== undefined) {
    const { error, field, axis, valid } = result;
    throw new TconvError(error, { field, axis, valid: valid ?? null });
  }
  return result;
}

function createApi(core) {
  const limits = Object.freeze(core.limits());

  // A query or a spec as JSON text, refused here when it is over the length limit.
  function jsonArgument(value) {
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
  }
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
    /** Step t: the element, where its kernel copy lands, the products, the buffer and counts after it. */
    step(t) {
      return fromCore(this.#live().step(integer('step', t)));
    }
    /** The intermediate buffer after the first n steps (0: all zeros). */
    bufferAfter(n) {
      return fromCore(this.#live().bufferAfter(integer('steps done', n)));
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
      const cells = (from, count) =>
        Array.from({ length: count }, (_, i) => cellAt(records, from + i * length, length));
      return { intermediate: cells(2, records[0]), output: cells(2 + records[0] * length, records[1]) };
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
    /** Row `row` of Cᵀ (one output cell's weights), as a Float64Array. */
    matrixRow(row) {
      return fromCore(this.#live().matrixRow(integer('row', row)));
    }
    /** Column `col` of Cᵀ (one input element's kernel copy, unscaled), as a Float64Array. */
    matrixColumn(col) {
      return fromCore(this.#live().matrixColumn(integer('column', col)));
    }
    /** One state of a view as a self-contained SVG, the same text as `tconv figure --svg`.
     *  step: a state index or 'end' (default); view: 'scatter' (default), 'gather' or 'matrix';
     *  palette: CSS colour strings by name (bg, fg, muted, cell, line, win, tap, cur, multi, cut, op, font, mono). */
    figureSvg({ step = 'end', view = 'scatter', palette = {} } = {}) {
      return fromCore(this.#live().figureSvg(String(view), String(step), palette)).svg;
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
    /** A number as the page and the figures write it (web/dom.js fmt, in the core). */
    displayNumber(value) {
      return core.displayNumber(Number(value));
    },
    explain(spec, options) {
      const { format = 'text' } = optionsArgument(options, "format: 'latex'");
      oneOf('format', format, ['text', 'latex']);
      return withSpec(spec, (input) => fromCore(core.explain(input, format === 'latex'))).text;
    },
    /** The output shape from sizes alone ({input_size, kernel_size, in_channels, out_channels}) or values. */
    shape(spec) {
      return oneShot(core.shapeText(jsonArgument(spec)));
    },
    /** Every parameter set giving output_size from input_size, per axis, ranked: {axes, unsolved}. */
    solve(query) {
      return oneShot(core.solveText(jsonArgument(query)));
    },
    /** One framework's arguments as a crop of the full buffer, and in another's (default: PyTorch in). */
    translate(spec, options) {
      const { from = 'pytorch', to = from } = optionsArgument(options, "from: 'keras', to: 'onnx'");
      oneOf('from', from, frameworks);
      oneOf('to', to, frameworks);
      return oneShot(core.translateText(jsonArgument(spec), from, to));
    },
    /** A program that builds the spec's layer in a framework, runs its input and prints the output. */
    code(spec, options) {
      const { framework = 'pytorch' } = optionsArgument(options, "framework: 'keras'");
      oneOf('framework', framework, codeFrameworks);
      return oneShot(core.codeText(jsonArgument(spec), framework)).code;
    },
    /** Diagnostics: wasm heap bytes in use, linear memory size, live Embind value handles. */
    // count_emval_handles is Embind's own diagnostic; null where an Emscripten release lacks it.
    memoryUse: () => ({ ...core.memoryUse(), valueHandles: core.count_emval_handles?.() ?? null }),
  });
}
