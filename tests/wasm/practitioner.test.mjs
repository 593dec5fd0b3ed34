// The practitioner's calls in JavaScript (shape, solve, translate, code), from the tools module: the
// same answers as the CLI, errors as TconvError with field, axis and valid, and what a page needs
// (structured, per axis); the core API's same-named calls are Promises of the same answers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath, golden, importTconv, seed1d, seed2d } from './support.mjs';

const { load, loadTools, TconvError } = await importTconv();
const tconv = await loadTools();

function cli(args, input) {
  const run = spawnSync(cliPath, args, { input: JSON.stringify(input), encoding: 'utf8' });
  return { status: run.status, out: run.stdout, err: run.stderr };
}
const cliJson = (args, input) => JSON.parse(cli(args, input).out);

function thrown(call) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof TconvError, String(error));
    return error;
  }
  assert.fail('expected a TconvError');
}

test('shape: every golden case, by values and by sizes, as the CLI answers', () => {
  for (const c of golden) {
    const want = cliJson(['shape'], c.spec);
    if (want.error) {
      const e = thrown(() => tconv.shape(c.spec));
      assert.equal(e.message, want.error, c.name);
      assert.equal(e.field, want.field, c.name);
    } else {
      assert.deepEqual(tconv.shape(c.spec), want, c.name);
      assert.deepEqual(want.shape, c.shape, c.name);
    }
  }
  assert.deepEqual(
    tconv.shape({
      dims: 2,
      input_size: [1 << 20, 512],
      kernel_size: 4,
      stride: 2,
      padding: 1,
      in_channels: 1 << 16,
      out_channels: 3,
    }),
    { shape: [3, 1 << 21, 1024] },
  );
  const e = thrown(() =>
    tconv.shape({ dims: 2, input_size: [4, 4], kernel_size: 3, output_padding: [0, 2], stride: [1, 2] }),
  );
  assert.equal(e.field, 'output_padding');
  assert.equal(e.axis, 1);
  assert.deepEqual(e.valid, { min: 0, max: 1 });
});

test('solve: random queries answer as the CLI', () => {
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < 60; i++) {
    const query = { dims: 1 + rand(2), input_size: 1 + rand(40), output_size: 1 + rand(200), max_kernel: 1 + rand(8) };
    if (rand(3) === 0) query.stride = 1 + rand(4);
    assert.deepEqual(tconv.solve(query), cliJson(['solve'], query), JSON.stringify(query));
  }
  const none = tconv.solve({ dims: 1, input_size: 32, output_size: 1000 });
  assert.deepEqual(none.axes, [[]]);
  assert.equal(none.unsolved[0].axis, 0);
  assert.deepEqual(none.unsolved[0].nearest, [263]);
  const e = thrown(() => tconv.solve({ dims: 1, input_size: 32 }));
  assert.equal(e.field, 'output_size');
});

test('translate: every framework both ways as the CLI, with the crop per axis', () => {
  const specs = [
    { dims: 1, input_size: 4, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 },
    { dims: 2, input_size: [5, 6], kernel_size: [4, 3], stride: [2, 3], padding: [1, 0], dilation: 1 },
    { dims: 1, input_size: 7, kernel_size: 2, stride: 1, dilation: 3, output_padding: 2 },
    seed2d,
  ];
  for (const spec of specs)
    for (const to of ['pytorch', 'keras', 'tf', 'jax', 'onnx']) {
      const got = tconv.translate(spec, { to });
      assert.deepEqual(got, cliJson(['translate', '--to', to], spec), `${to} ${JSON.stringify(spec)}`);
      const back = tconv.translate(
        { dims: spec.dims, input_size: spec.input_size ?? [2, 2], kernel_size: spec.kernel_size ?? 3, ...got.target },
        { from: to },
      );
      assert.deepEqual(back.crop, got.crop, `${to} reads its own target back`);
      assert.equal(got.crop.begin.length, spec.dims);
    }
  const keras = tconv.translate(
    { dims: 2, input_size: [4, 4], kernel_size: 3, strides: 2, padding: 'same' },
    { from: 'keras' },
  );
  assert.deepEqual(keras.crop, { begin: [0, 0], end: [1, 1] });
  assert.equal(keras.exact, false);
  assert.deepEqual(keras.slice, [
    [0, 8],
    [0, 8],
  ]);
  assert.deepEqual(keras.target.padding, 'same');
  const e = thrown(() =>
    tconv.translate(
      { dims: 1, input_size: 4, kernel_size: 3, output_shape: 20, strides: 2, padding: 'SAME' },
      { from: 'tf' },
    ),
  );
  assert.equal(e.field, 'output_shape');
  assert.deepEqual(e.valid, { min: 7, max: 8 });
  assert.equal(thrown(() => tconv.translate(seed1d, { to: 'caffe' })).field, 'to');
});

test("code: the CLI's program for every framework; refusals as TconvError", () => {
  for (const framework of ['pytorch', 'keras', 'jax', 'onnx', 'tfjs'])
    for (const spec of [seed1d, seed2d, golden.find((c) => c.spec.groups > 1).spec]) {
      const run = cli(['code', '--framework', framework], spec);
      assert.equal(run.status, 0, run.err);
      assert.equal(tconv.code(spec, { framework }), run.out, framework);
    }
  assert.equal(tconv.code(seed1d), cli(['code', '--framework', 'pytorch'], seed1d).out);
  const e = thrown(() =>
    tconv.code({ dims: 1, input: [1, 2], kernel: [1, 2], stride: 2, dilation: 2 }, { framework: 'keras' }),
  );
  assert.match(e.message, /Keras refuses strides > 1 together with dilation_rate > 1/);
  assert.equal(thrown(() => tconv.code(seed1d, { framework: 'caffe' })).field, 'framework');
});

test("the core API's shape, solve, translate and code are Promises of the tools' answers", async () => {
  const api = await load();
  const query = { dims: 1, input_size: 32, output_size: 64, max_kernel: 4, max_stride: 2 };
  const pending = api.solve(query);
  assert.ok(pending instanceof Promise);
  assert.deepEqual(await pending, tconv.solve(query));
  assert.deepEqual(await api.shape({ dims: 1, input_size: 4, kernel_size: 3, stride: 2 }), { shape: [9] });
  assert.deepEqual(await api.translate(seed2d, { to: 'onnx' }), tconv.translate(seed2d, { to: 'onnx' }));
  assert.equal(await api.code(seed1d, { framework: 'jax' }), tconv.code(seed1d, { framework: 'jax' }));
  await assert.rejects(api.code(seed1d, { framework: 'caffe' }), { name: 'TconvError', field: 'framework' });
});
