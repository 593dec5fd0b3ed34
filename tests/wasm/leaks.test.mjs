// 10,000 trace and compute calls, valid and invalid mixed, leave the wasm heap, linear memory and
// Embind's handle table exactly as they were; a trace dropped without dispose() is released when
// the garbage collector collects it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importTconv, seed1d, seed2d } from './support.mjs';

const { load } = await importTconv();
const tconv = await load();

function mixedCall(i) {
  const spec = i % 2 ? seed2d : seed1d;
  let trace = null;
  try {
    switch (i % 6) {
      case 0:
        return tconv.compute(spec);
      case 1:
        return (trace = tconv.trace(spec)).step(i % 4 === 1 ? 1 : 0);
      case 2:
        return tconv.compute({ ...spec, stride: 0 });
      case 3:
        return tconv.trace({ ...spec, padding: 9 });
      case 4:
        return (trace = tconv.trace(spec)).contributions(spec.dims === 1 ? [0, 2] : [0, 1, 1]);
      default:
        return (trace = tconv.trace(spec)).bufferAfter(2);
    }
  } catch (error) {
    if (error.name !== 'TconvError') throw error;
    return error;
  } finally {
    trace?.dispose();
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

test('traces dropped without dispose() are released by the garbage collector', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const before = tconv.memoryUse().heapBytesInUse;
  for (let i = 0; i < 200; ++i) tconv.trace(seed2d).step(1);
  assert.ok(tconv.memoryUse().heapBytesInUse > before, 'the traces hold memory until collected');
  // Finalizers run in later tasks after a collection.
  for (let round = 0; round < 50 && tconv.memoryUse().heapBytesInUse !== before; ++round) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(tconv.memoryUse().heapBytesInUse, before);
});

test('dispose() releases at once, is idempotent, and later queries throw TconvError', () => {
  const before = tconv.memoryUse().heapBytesInUse;
  const trace = tconv.trace(seed2d);
  assert.ok(tconv.memoryUse().heapBytesInUse > before);
  trace.dispose();
  trace.dispose();
  assert.equal(tconv.memoryUse().heapBytesInUse, before);
  assert.throws(() => trace.step(0), {
    name: 'TconvError',
    message: 'this trace was disposed: call trace(spec) again',
  });
  assert.throws(() => trace.contributions([0, 0, 0]), { name: 'TconvError' });
  // The data already copied out stays readable.
  assert.deepEqual(Array.from(trace.output.data), [0, 0, 0, 2, 4, 2, 0, 0, 0]);
  if (typeof Symbol.dispose === 'symbol') {
    const other = tconv.trace(seed1d);
    other[Symbol.dispose]();
    assert.throws(() => other.step(0), { name: 'TconvError' });
  }
});
