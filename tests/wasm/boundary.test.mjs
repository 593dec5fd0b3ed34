// The spec crosses into the module once, as data (or as text when it is not regular data): what is
// over the limits is refused before anything is copied in, a refused spec leaves the heap as it was,
// no input can make a later call fail, −0 survives, and the errors carry field, axis and valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath, importTconv, runCli, seed1d, seed2d } from './support.mjs';

const { load, TconvError } = await importTconv();
const tconv = await load();
// The module's first call claims the allocator's working space once (emmalloc counts the headers of
// its free blocks as in use, so that first split shows in heapBytesInUse without anything being
// held). Every heap figure below is taken after it: what they compare is what a call leaves behind.
tconv.compute(seed1d);

const refused = (call) => {
  try {
    call();
  } catch (e) {
    if (e instanceof TconvError) return e;
    throw e;
  }
  throw new Error('not refused');
};

test('a 60 MB spec is refused before it is copied, and every later call still works', () => {
  const before = tconv.memoryUse();
  const huge = {
    dims: 1,
    input: Array.from({ length: 6_000_000 }, (_, i) => (i % 7 === 0 ? 'x' : 1.234567)),
    kernel: [1],
  };
  const e = refused(() => tconv.compute(huge));
  assert.match(e.message, /^the spec is \d+ bytes long, over the limit of 8388608$/);
  assert.deepEqual(e.valid, { min: null, max: 8388608 });
  const text = refused(() => tconv.trace('x'.repeat(60_000_000)));
  assert.match(text.message, /^the spec is 60000002 bytes long/);
  assert.deepEqual(tconv.memoryUse(), before);
  assert.deepEqual(tconv.compute(seed1d).output, [2, 4, 9, 6, 9]);
});

test('a spec over the size limits is refused from its shapes alone: nothing is allocated', () => {
  const before = tconv.memoryUse();
  const wide = { dims: 2, input: Array.from({ length: 4096 }, () => new Float64Array(4096)), kernel: [[1]] };
  const e = refused(() => tconv.compute(wide));
  assert.equal(e.message, 'input height 4096 is over the limit of 64');
  assert.equal(e.field, 'input');
  assert.equal(e.axis, 0);
  assert.deepEqual(e.valid, { min: 1, max: 64 });
  assert.deepEqual(tconv.memoryUse(), before, 'neither the heap nor linear memory grew');
});

test('every kind of refused spec leaves the heap as it was', () => {
  const bad = [
    { ...seed1d, stride: 0 },
    { ...seed2d, output_padding: [0, 2] },
    { dims: 1, input: [1, NaN], kernel: [1] },
    { dims: 1, input: [1, '2'], kernel: [1] },
    { dims: 2, input: [[1, 2], [3]], kernel: [[1]] },
    { dims: 1, input: [1e300], kernel: [1] },
    { dims: 1, input: Array(65).fill(1), kernel: [1] },
    'not a spec',
    [1, 2],
    { dims: 1, input: [[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]], kernel: [1] },
  ];
  for (const spec of bad) refused(() => tconv.trace(spec)); // warm-up
  const before = tconv.memoryUse();
  for (let round = 0; round < 20; round++) for (const spec of bad) refused(() => tconv.trace(spec));
  assert.deepEqual(tconv.memoryUse(), before);
});

test('−0 survives the crossing: explain agrees with the CLI reading -0', () => {
  const spec = { dims: 1, input: [-0, 2], kernel: [1, -0] };
  const cli = spawnSync(cliPath, ['explain'], { input: '{"dims":1,"input":[-0,2],"kernel":[1,-0]}', encoding: 'utf8' });
  assert.equal(cli.status, 0);
  assert.equal(tconv.explain(spec), cli.stdout);
  assert.ok(cli.stdout.includes('[ -0 2 ]'), cli.stdout);
  assert.ok(Object.is(tconv.trace(spec).input.data[0], -0));
});

test('cycles, functions and absurd nesting are TconvErrors, never a RangeError or TypeError', () => {
  const cyclic = [1];
  cyclic.push(cyclic);
  const e = refused(() => tconv.compute({ dims: 1, input: cyclic, kernel: [1] }));
  assert.equal(e.message, 'the spec contains itself at input[1]: it cannot be written as JSON');
  const self = { dims: 1, kernel: [1] };
  self.input = self;
  assert.match(refused(() => tconv.trace(self)).message, /^the spec contains itself at input/);
  let deep = [1];
  for (let i = 0; i < 100000; ++i) deep = [deep];
  assert.match(
    refused(() => tconv.compute({ dims: 1, input: deep, kernel: [1] })).message,
    /nesting deeper than 16 levels/,
  );
  assert.match(
    refused(() => tconv.compute({ dims: 1, input: [() => 1], kernel: [1] })).message,
    /^input\[0\] must be a number, got null/,
  );
  assert.match(refused(() => tconv.compute(null)).message, /^the spec must be a JSON object, got null/);
  assert.match(refused(() => tconv.compute(undefined)).message, /^the spec must be a JSON object/);
});

test('errors carry field, axis and valid as data, like the CLI’s error JSON', () => {
  const cases = [
    { ...seed2d, stride: [1, 0] },
    { ...seed2d, output_padding: [3, 0], stride: [3, 2] },
    { ...seed1d, padding: 9 },
    { dims: 1, input: [[1], [2], [3], [4]], weight: [[[1]], [[1]], [[1]], [[1]]], groups: 3 },
    { ...seed1d, strides: 2 },
    { ...seed1d, dims: 3 },
  ];
  for (const spec of cases) {
    const cli = JSON.parse(runCli('compute', spec).stdout);
    const e = refused(() => tconv.compute(spec));
    assert.deepEqual(
      { error: e.message, field: e.field, axis: e.axis, valid: e.valid ?? undefined },
      { ...cli, valid: cli.valid ?? undefined },
    );
  }
});
