// The seed post's worked examples through the module: compute, every step, the carve, explain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTconv, plain, seed1d, seed2d } from './support.mjs';

const { load } = await importTconv();
const tconv = await load();

test('1D seed: compute gives [2,4,9,6,9]', () => {
  assert.deepEqual(tconv.compute(seed1d), { shape: [5], output: [2, 4, 9, 6, 9] });
});

test('1D seed: the buffer is [2,4,6,0,0] after step 1 and [2,4,9,6,9] after step 2', () => {
  const trace = tconv.trace(seed1d);
  assert.equal(trace.stepCount, 2);
  assert.deepEqual(plain(trace.bufferAfter(0).data), [0, 0, 0, 0, 0]);
  const first = trace.step(0);
  assert.deepEqual(first.buffer.shape, [1, 5]);
  assert.deepEqual(plain(first.buffer.data), [2, 4, 6, 0, 0]);
  assert.deepEqual(plain(first.products.data), [2, 4, 6]);
  assert.deepEqual(first.origin, [0]);
  const second = trace.step(1);
  assert.deepEqual(second.position, [1]);
  assert.equal(second.value, 3);
  assert.deepEqual(second.origin, [2]);
  assert.deepEqual(plain(second.products.data), [3, 6, 9]);
  assert.deepEqual(plain(second.buffer.data), [2, 4, 9, 6, 9]);
});

test('2D seed: the 5x5 intermediate output and the carved 3x3', () => {
  const trace = tconv.trace(seed2d);
  assert.equal(trace.stepCount, 4);
  assert.deepEqual(trace.bufferShape, [1, 5, 5]);
  assert.deepEqual(
    plain(trace.step(3).buffer.data),
    [1, 1, 3, 2, 2, 0, 0, 0, 0, 0, 2, 2, 4, 2, 2, 0, 0, 0, 0, 0, -3, -3, -7, -4, -4],
  );
  assert.deepEqual(plain(trace.carved.data), [0, 0, 0, 2, 4, 2, 0, 0, 0]);
  assert.deepEqual(trace.output.shape, [3, 3]);
  for (const axis of trace.axes) {
    assert.equal(axis.intermediate, 5);
    assert.equal(axis.output, 3);
    assert.equal(axis.carveStart, 1);
    assert.equal(axis.carveEnd, 1);
  }
  assert.deepEqual(tconv.compute(seed2d).output, [
    [0, 0, 0],
    [2, 4, 2],
    [0, 0, 0],
  ]);
});

test('2D seed: the gather and matrix views', () => {
  const { gather, matrix } = tconv.trace(seed2d);
  assert.deepEqual(gather.zeroInsertedSize, [3, 3]);
  assert.deepEqual(gather.padBefore, [1, 1]);
  assert.deepEqual(gather.padAfter, [1, 1]);
  assert.deepEqual(gather.paddedInput.shape, [1, 5, 5]);
  assert.deepEqual(plain(gather.rotatedKernel.data), [-1, -1, -1, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(matrix.shape, [9, 4]);
});

test('explain prints the seed text and LaTeX', () => {
  const text = tconv.explain(seed2d);
  assert.match(text, /\[ -3 -3 -7 -4 -4 \]/);
  assert.match(text, /Output \(3x3\):\n\[ 0 0 0 \]\n\[ 2 4 2 \]\n\[ 0 0 0 \]/);
  const latex = tconv.explain(seed2d, { format: 'latex' });
  assert.match(latex, /\\\\\n-3 & -3 & -7 & -4 & -4\n\\end\{bmatrix\}/);
});

test('load() shares one instance', async () => {
  assert.equal(await load(), tconv);
});
