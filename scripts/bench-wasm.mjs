#!/usr/bin/env node
// The module's figures: the gzip size of everything tconv.js loads, and the time of compute(),
// trace() + one step() and one contributions() query in Node as a ratio to the same work in the
// native core, in the same run.
// Usage: node scripts/bench-wasm.mjs   (after scripts/build wasm native)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seed } from '../web/state.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const site = resolve(root, process.env.TCONV_SITE_DIR ?? 'build/site');
const benchBinary = resolve(root, 'build/native/bench/tconv_bench');

// Size: tconv.js, its import (the glue) and the .wasm the glue fetches.
const files = ['tconv.js', 'tconv-core.js', 'tconv-core.wasm'];
let total = 0;
console.log('Size (gzip -9) of everything tconv.js loads:');
for (const file of files) {
  const bytes = readFileSync(join(site, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`  ${file.padEnd(16)} ${String(bytes.length).padStart(7)} B raw  ${String(gz).padStart(6)} B gzip`);
}
console.log(`  total            ${(total / 1000).toFixed(1)} KB gzip (budget 40 KB)\n`);

// The specs of bench/bench_api.cpp: same sizes, same values.
const value = (i) => (((i * 7919) % 2001) - 1000) / 1000;
function nested(shape, axis = 0, counter = { next: 0 }) {
  return Array.from({ length: shape[axis] }, () =>
    axis + 1 === shape.length ? value(counter.next++) : nested(shape, axis + 1, counter),
  );
}
const layer = (c, n, k, stride, padding, dilation) => ({
  dims: 2,
  input: nested([c, n, n]),
  weight: nested([c, c, k, k]),
  bias: nested([c]),
  stride,
  padding,
  dilation,
});
const specs = {
  seed_2d: seed[2],
  medium: layer(16, 32, 4, 2, 1, 1),
  largest: layer(64, 16, 4, 8, 0, 2),
};

const { load } = await import(pathToFileURL(join(site, 'tconv.js')).href);
const tconv = await load();
// The middle output cell, as bench_api.cpp's middle_cell().
const middle = (trace) => [Math.floor(trace.outChannels / 2), ...trace.axes.map((a) => Math.floor(a.output / 2))];
const sessions = new Map();
const work = {
  compute: (spec) => tconv.compute(spec),
  trace: (spec) => {
    const trace = tconv.trace(spec);
    const step = trace.step(Math.floor(trace.stepCount / 2));
    trace.dispose();
    return step;
  },
  // One query on a session made once, outside the timing.
  contributions: (spec) => {
    if (!sessions.has(spec)) sessions.set(spec, tconv.trace(spec));
    const trace = sessions.get(spec);
    return trace.contributions(middle(trace));
  },
};

// Median time per call over repeated runs of at least 0.3 s, after a warm-up of 0.3 s (at least 3
// calls): a few calls leave the wrapper in V8's interpreter, which made small specs look 4× slower.
function timeNode(fn) {
  const warm = process.hrtime.bigint();
  for (let i = 0; i < 3 || process.hrtime.bigint() - warm < 300_000_000n; i++) fn();
  const samples = [];
  for (let run = 0; run < 7; run++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    do {
      fn();
      calls++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < 300_000_000n / 7n);
    samples.push(Number(elapsed) / calls);
  }
  return samples.sort((a, b) => a - b)[3];
}

const native = JSON.parse(
  execFileSync(benchBinary, ['--benchmark_filter=^api_', '--benchmark_format=json', '--benchmark_min_time=0.3'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
).benchmarks;
const nativeNs = (name) => {
  const b = native.find((x) => x.name === name);
  const unit = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit];
  return b.real_time * unit;
};

console.log('Time per call, Node (module + JS wrapper) vs the same work in the native core:');
console.log('  call     spec        native        node     node/native');
for (const [kind, fn] of Object.entries(work)) {
  for (const [name, spec] of Object.entries(specs)) {
    const nodeNs = timeNode(() => fn(spec));
    const nat = nativeNs(`api_${kind}/${name}`);
    if (kind === 'contributions') fn(spec); // the session, made once
    const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
    console.log(
      `  ${kind.padEnd(8)} ${name.padEnd(8)} ${fmt(nat).padStart(11)} ${fmt(nodeNs).padStart(11)}   ${(nodeNs / nat).toFixed(2)}×`,
    );
  }
}
