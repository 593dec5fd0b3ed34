// Shared by the framework tests: the CLI's translate and compute, random parameter sets, and the
// arrays that every framework's result is compared with.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = resolve(repoRoot, process.env.TCONV_CLI ?? 'build/native/bin/tconv');

function cli(args, input) {
  const run = spawnSync(cliPath, args, { input: JSON.stringify(input), encoding: 'utf8' });
  if (run.error) throw run.error;
  return JSON.parse(run.stdout);
}

/** translate(args, {from, to}) through the CLI: the result, or {error, field, axis}. */
export function translate(args, { from, to } = {}) {
  const flags = [...(from ? ['--from', from] : []), ...(to ? ['--to', to] : [])];
  return cli(['translate', ...flags], args);
}

/** The core's PyTorch result for a single-channel spec (checked against PyTorch by the golden fixture). */
export function compute(spec) {
  const out = cli(['compute'], spec);
  if (out.error) throw new Error(`compute refused ${JSON.stringify(spec)}: ${out.error}`);
  return out;
}

/** A seeded generator (mulberry32), so that a failure names a reproducible case. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)] };
}

/** Small integers, so that float32 frameworks compute exactly what the double core computes. */
export const values = (rng, n) => Array.from({ length: n }, () => rng.int(-3, 3));

/** Nested [H][W] (or [L]) from a flat row-major array. */
export function nest(flat, shape) {
  if (shape.length === 1) return flat.slice(0, shape[0]);
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nest(flat.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}

/** Takes [begin, end) per axis of a nested array. */
export function slice(nested, ranges) {
  const [[b, e], ...rest] = ranges;
  const part = nested.slice(b, e);
  return rest.length ? part.map((row) => slice(row, rest)) : part;
}

/** The kernel with dilation - 1 zeros between taps: TensorFlow.js's conv2dTranspose has no dilations,
 * and a dilated kernel is the same as the zero-inserted one for every padding rule (they use the
 * dilated size). */
export function dilateKernel(flat, shape, dilation) {
  const spans = shape.map((k, a) => dilation[a] * (k - 1) + 1);
  const out = new Array(spans.reduce((a, b) => a * b, 1)).fill(0);
  const width = shape.length === 2 ? shape[1] : 1;
  const spanW = shape.length === 2 ? spans[1] : 1;
  for (let i = 0; i < flat.length; i++) {
    const r = shape.length === 2 ? Math.floor(i / width) : 0;
    const c = shape.length === 2 ? i % width : i;
    const rr = shape.length === 2 ? r * dilation[0] : 0;
    const cc = c * dilation[shape.length === 2 ? 1 : 0];
    out[rr * spanW + cc] = flat[i];
  }
  return { flat: out, shape: spans };
}

/** PyTorch's output (the core's compute) for one channel, given sizes, values and PyTorch parameters. */
export function torchOutput(dims, input, inShape, kernel, kShape, p) {
  return compute({
    dims,
    input: nest(input, inShape),
    kernel: nest(kernel, kShape),
    stride: p.stride,
    padding: p.padding,
    output_padding: p.output_padding,
    dilation: p.dilation,
  }).output;
}

/** The full buffer as a function: cell x (per axis, may lie outside) of the uncropped scatter result. */
export function fullBuffer(dims, input, inShape, kernel, kShape, stride, dilation) {
  const out = torchOutput(dims, input, inShape, kernel, kShape, {
    stride,
    padding: Array(dims).fill(0),
    output_padding: Array(dims).fill(0),
    dilation,
  });
  return (...idx) => {
    let v = out;
    for (const i of idx) {
      if (i < 0 || i >= v.length) return 0;
      v = v[i];
    }
    return v;
  };
}

/** The crop's cells of the full buffer, nested: what every framework must produce. */
export function cropOf(cell, full, crop, dims) {
  const n = full.map((f, a) => f - crop.begin[a] - crop.end[a]);
  if (dims === 1) return Array.from({ length: n[0] }, (_, i) => cell(crop.begin[0] + i));
  return Array.from({ length: n[0] }, (_, i) =>
    Array.from({ length: n[1] }, (_, j) => cell(crop.begin[0] + i, crop.begin[1] + j)),
  );
}

export const fullSize = (inS, k, s, d) => inS.map((n, a) => (n - 1) * s[a] + d[a] * (k[a] - 1) + 1);

/** -0 as 0, so that deepEqual compares values. */
export const clean = (nested) => (Array.isArray(nested) ? nested.map(clean) : nested === 0 ? 0 : nested);
