// 10,000 trace and compute calls, valid and invalid mixed, leave the wasm heap, linear memory and
// Embind's handle table exactly as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTconv, seed1d, seed2d } from './support.mjs';

const { load } = await importTconv();
const tconv = await load();

function mixedCall(i) {
  const spec = i % 2 ? seed2d : seed1d;
  try {
    switch (i % 5) {
      case 0: return tconv.compute(spec);
      case 1: return tconv.trace(spec).step(i % 4 === 1 ? 1 : 0);
      case 2: return tconv.compute({ ...spec, stride: 0 });
      case 3: return tconv.trace({ ...spec, padding: 9 });
      default: return tconv.trace(spec).bufferAfter(2);
    }
  } catch (error) {
    if (error.name !== 'TconvError') throw error;
    return error;
  }
}

test('10,000 mixed calls leak nothing', () => {
  for (let i = 0; i < 100; ++i) mixedCall(i); // allocations made once, on first use
  const before = tconv.memoryUse();
  for (let i = 0; i < 10000; ++i) mixedCall(i);
  const after = tconv.memoryUse();
  assert.deepEqual(after, before);
  assert.equal(after.valueHandles, 0);
});
