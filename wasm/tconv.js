// tconv: exact transposed convolution (PyTorch semantics) with its step-by-step trace.
// The public entry point: `load()` resolves to the API. Works unchanged in browsers (the .wasm is
// found relative to this file's URL, never the page's) and in Node 20 (read from beside this file).
import createTconvCore from './tconv-core.js';

/** The one error class: every invalid spec throws it, with the core's message. */
export class TconvError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TconvError';
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

// JSON text for the core. JSON.stringify is fast but turns NaN, ±Infinity, undefined and functions
// into null, which would make the core's message name the wrong thing; when its text holds a null
// the careful writer below runs instead.
function specText(spec) {
  let text;
  try {
    text = holdsTypedArray(spec) ? undefined : JSON.stringify(spec);
    return text === undefined || text.includes('null') ? carefulText(spec) : text;
  } catch (error) {
    // Nesting deeper than the JS stack: the core's own limit is 16 levels, so say that.
    if (error instanceof RangeError) throw new TconvError('the spec nests deeper than 16 levels of arrays');
    return carefulText(spec); // a BigInt, which only the careful writer turns into a number
  }
}

// JSON.stringify writes typed arrays as objects; a replacer would fix that but halves its speed.
function holdsTypedArray(value) {
  if (ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.length > 0 && typeof value[0] === 'object' && value.some(holdsTypedArray);
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsTypedArray);
}

// Keeps NaN and ±Infinity visible (as the bare tokens the core reads and rejects by name).
function carefulText(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) return `[${value.map(carefulText).join(',')}]`;
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${carefulText(value[key])}`)
      .join(',')}}`;
  }
  if (ArrayBuffer.isView(value)) return carefulText(Array.from(value));
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return JSON.stringify(String(value));  // undefined, functions, bigints: a string the core names
}

// Embind would silently turn 1.7, NaN or 2**32 into some int: refuse what is not a step number.
function stepIndex(name, value) {
  if (Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31) return value;
  throw new TconvError(`${name} must be an integer, got ${typeof value === 'number' ? value : typeof value}`);
}

function unwrap(result) {
  if (result.error !== undefined) throw new TconvError(result.error);
  return result;
}

// A flat row-major array as nested arrays, like PyTorch's tolist().
function nest(data, shape, axis = 0, offset = 0) {
  const size = shape[axis];
  if (axis === shape.length - 1) return Array.from(data.subarray(offset, offset + size));
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(data, shape, axis + 1, offset + i * inner));
}

function createApi(core) {
  const limits = Object.freeze(core.limits());
  return Object.freeze({
    limits,
    compute(spec) {
      const { shape, data } = unwrap(core.compute(specText(spec)));
      return { shape, output: nest(data, shape) };
    },
    trace(spec) {
      const text = specText(spec);
      const summary = unwrap(core.trace(text));
      return Object.freeze({
        ...summary,
        /** Step t: the element, where its kernel copy lands, the products, the buffer after it. */
        step: (t) => unwrap(core.traceStep(text, stepIndex('step', t))),
        /** The intermediate buffer after the first n steps (0: all zeros). */
        bufferAfter: (n) => unwrap(core.intermediateAfter(text, stepIndex('steps done', n))),
      });
    },
    /** Diagnostics: wasm heap bytes in use, linear memory size, live Embind value handles. */
    // count_emval_handles is Embind's own diagnostic; null where an Emscripten release lacks it.
    memoryUse: () => ({ ...core.memoryUse(), valueHandles: core.count_emval_handles?.() ?? null }),
    explain(spec, { format = 'text' } = {}) {
      if (format !== 'text' && format !== 'latex') {
        throw new TconvError(`format must be "text" or "latex", got ${JSON.stringify(String(format))}`);
      }
      return unwrap(core.explain(specText(spec), format === 'latex')).text;
    },
  });
}
