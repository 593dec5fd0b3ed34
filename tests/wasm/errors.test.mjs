// Every class of invalid spec throws TconvError with the CLI's message; nothing else escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTconv, runCli, seed1d, seed2d } from './support.mjs';

const { load, TconvError } = await importTconv();
const tconv = await load();

const invalid = {
  'unknown key': { ...seed1d, strides: 2 },
  'missing dims': { input: [1], kernel: [1] },
  'dims 3': { ...seed1d, dims: 3 },
  'kernel and weight': { ...seed1d, weight: [[[1]]] },
  'no kernel': { dims: 1, input: [1] },
  'no input': { dims: 1, kernel: [1] },
  'too shallow': { dims: 2, input: [1, 2], kernel: [[1]] },
  'too deep': { dims: 1, input: [[1, 2]], kernel: [1] },
  ragged: { dims: 2, input: [[1, 2], [3]], kernel: [[1]] },
  empty: { dims: 1, input: [], kernel: [1] },
  'string value': { dims: 1, input: [1, '2'], kernel: [1] },
  'boolean value': { dims: 1, input: [true], kernel: [1] },
  'null value': { dims: 1, input: [null], kernel: [1] },
  'huge value': { dims: 1, input: [1e300], kernel: [1] },
  'fractional stride': { ...seed1d, stride: 1.5 },
  'stride as text': { ...seed1d, stride: '2' },
  'stride 0': { ...seed1d, stride: 0 },
  'negative padding': { ...seed1d, padding: -1 },
  'dilation 0': { ...seed1d, dilation: 0 },
  'per-axis list too long': { ...seed2d, stride: [1, 2, 3] },
  'output_padding too large': { ...seed2d, output_padding: [0, 2] },
  'output too small': { ...seed1d, padding: 4 },
  'groups not dividing': { dims: 1, input: [[1], [2], [3]], weight: [[[1]], [[1]], [[1]]], groups: 2 },
  'channel mismatch': { dims: 1, input: [[1], [2]], weight: [[[1]]] },
  'bias length': { ...seed1d, bias: [1, 2] },
  'input over the size limit': { dims: 1, input: Array(65).fill(1), kernel: [1] },
  'not an object': [1, 2, 3],
};

for (const [name, spec] of Object.entries(invalid)) {
  test(`${name}: TconvError with the CLI's message`, () => {
    const cli = runCli('compute', spec);
    assert.equal(cli.status, 2);
    const { error } = JSON.parse(cli.stdout);
    assert.ok(error.length > 10, error);
    assert.throws(
      () => tconv.compute(spec),
      (e) => e instanceof TconvError && e.message === error,
    );
    assert.throws(
      () => tconv.trace(spec),
      (e) => e instanceof TconvError && e.message === error,
    );
    assert.throws(
      () => tconv.explain(spec),
      (e) => e instanceof TconvError && e.message === error,
    );
  });
}

test('NaN and Infinity are named, not turned into null', () => {
  assert.throws(() => tconv.compute({ dims: 1, input: [1, NaN], kernel: [1] }), {
    name: 'TconvError',
    message: 'input[1] must be finite, got NaN',
  });
  assert.throws(() => tconv.compute({ dims: 1, input: [1], kernel: [-Infinity] }), {
    message: 'kernel[0] must be finite, got -Infinity',
  });
});

test('a step out of range and an unknown explain format throw TconvError', () => {
  const trace = tconv.trace(seed1d);
  assert.throws(() => trace.step(2), { name: 'TconvError', message: 'step 2 is out of range 0 to 1' });
  assert.throws(() => trace.step(-1), { name: 'TconvError' });
  assert.throws(() => trace.bufferAfter(3), { name: 'TconvError', message: 'steps done 3 is out of range 0 to 2' });
  assert.throws(() => tconv.explain(seed1d, { format: 'html' }), { name: 'TconvError' });
});

test('steps that are not integers and absurd nesting throw TconvError; BigInts are numbers', () => {
  const trace = tconv.trace(seed1d);
  for (const bad of [1.7, NaN, 2 ** 32, 'abc', undefined]) assert.throws(() => trace.step(bad), { name: 'TconvError' });
  assert.throws(() => trace.bufferAfter(1.5), {
    name: 'TconvError',
    message: 'steps done must be an integer, got 1.5',
  });
  // A BigInt is a number written without a fraction: read as one, not a TypeError.
  assert.deepEqual(tconv.compute({ dims: 1, input: [2, 3n], kernel: [1] }).output, [2, 3]);
  let deep = [1];
  for (let i = 0; i < 20000; ++i) deep = [deep];
  assert.throws(() => tconv.compute({ dims: 1, input: deep, kernel: [1] }), { name: 'TconvError' });
});

test('typed arrays are accepted as input data', () => {
  const spec = { dims: 1, input: new Float64Array([2, 3]), kernel: [1, 2, 3], stride: 2 };
  assert.deepEqual(tconv.compute(spec).output, [2, 4, 9, 6, 9]);
});

test('the matrix view reports its size limit instead of failing', () => {
  const big = {
    dims: 2,
    input: Array(16).fill(Array(16).fill(1)),
    kernel: [
      [1, 2],
      [3, 4],
    ],
    stride: 4,
  };
  const { matrix } = tconv.trace(big);
  assert.match(matrix.error, /^the matrix C\^T would be 3844 x 256, over the limit of 262144 cells$/);
});

test('the largest accepted spec traces; its matrix view is refused without overflowing 32-bit sizes', () => {
  // 64 channels, 16x16 input, 4x4 kernel, stride 8, dilation 2: C^T would be 1,032,256 x 16,384 cells,
  // a count that wraps around in 32-bit arithmetic.
  const fill = (n, inner) => Array.from({ length: n }, inner);
  const spec = {
    dims: 2,
    input: fill(64, () => fill(16, () => fill(16, () => 1))),
    weight: fill(64, () => fill(64, () => fill(4, () => fill(4, () => 0.5)))),
    stride: 8,
    dilation: 2,
  };
  const trace = tconv.trace(spec);
  assert.equal(trace.stepCount, 16384);
  assert.match(trace.matrix.error, /^the matrix C\^T would be 1032256 x 16384, over the limit of 262144 cells$/);
  assert.match(trace.gather.error, /^the gather view's padded input would have/);
  assert.deepEqual(trace.output.shape, [64, 127, 127]);
});

test('limits are exposed and frozen', () => {
  assert.equal(tconv.limits.maxInputSize, 64);
  assert.ok(Object.isFrozen(tconv.limits));
});
