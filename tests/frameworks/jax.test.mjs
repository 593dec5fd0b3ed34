// translate for jax, which has no runtime here: its documented rules, written out from the source
// (jax/_src/lax/convolution.py, _conv_transpose_padding and conv_transpose), the worked example of the
// JAX docs ("Convolutions in JAX": 'SAME' with strides 2 doubles 200 x 198 to 400 x 396), and Keras's
// JAX backend (keras/src/backend/common/backend_utils.py), which must give Keras's own crop.
import test from 'node:test';
import assert from 'node:assert/strict';
import { translate, random } from './support.mjs';

// jax._src.lax.convolution._conv_transpose_padding(k, s, padding), k the dilated kernel size.
function convTransposePadding(k, s, padding) {
  let padLen, padA;
  if (padding === 'SAME') {
    padLen = k + s - 2;
    padA = s > k - 1 ? k - 1 : Math.ceil(padLen / 2);
  } else {
    padLen = k + s - 2 + Math.max(k - s, 0);
    padA = k - 1;
  }
  return [padA, padLen - padA];
}

// keras: _convert_conv_transpose_padding_args_from_keras_to_jax
function kerasToJax(k, s, d, padding, op) {
  k = (k - 1) * d + 1;
  if (padding === 'valid') {
    op = op ?? Math.max(k, s) - k;
    return [k - 1, k - 1 + op];
  }
  const padLen = op == null ? s + k - 2 : k + (k % 2) - 2 + op;
  const left = Math.min(Math.floor(padLen / 2) + (padLen % 2), k - 1);
  return [left, padLen - left];
}

test('jax: SAME and VALID are the padding of jax._src.lax.convolution._conv_transpose_padding', () => {
  const rng = random(31);
  for (let i = 0; i < 400; i++) {
    const n = rng.int(1, 40),
      k = rng.int(1, 9),
      s = rng.int(1, 6),
      d = rng.int(1, 3);
    const padding = rng.pick(['SAME', 'VALID']);
    const kd = (k - 1) * d + 1;
    const [lo, hi] = convTransposePadding(kd, s, padding);
    const r = translate(
      { dims: 1, input_size: n, kernel_size: k, strides: [s], padding, rhs_dilation: [d] },
      { from: 'jax' },
    );
    const label = JSON.stringify({ n, k, s, d, padding });
    // conv_general_dilated over the stride-dilated input ((n - 1) * s + 1 cells) padded by (lo, hi).
    assert.deepEqual(r.output_size, [(n - 1) * s + 1 + lo + hi - kd + 1], label);
    assert.deepEqual(r.crop, { begin: [kd - 1 - lo], end: [kd - 1 - hi] }, label);
    if (padding === 'SAME') assert.deepEqual(r.output_size, [n * s], `${label}: SAME multiplies by the stride`);
  }
});

test("jax: the docs' worked example, SAME with strides 2 on 200 x 198", () => {
  const r = translate(
    { dims: 2, input_size: [200, 198], kernel_size: [3, 3], strides: [2, 2], padding: 'SAME' },
    { from: 'jax' },
  );
  assert.deepEqual(r.output_size, [400, 396]);
  assert.deepEqual(r.crop, { begin: [0, 0], end: [1, 1] });
  assert.equal(r.exact, false); // PyTorch needs padding 0 and a slice: the extra cell is cut at the end only
  assert.deepEqual(r.slice, [
    [0, 400],
    [0, 396],
  ]);
});

test('jax: explicit pairs pad the stride-dilated input; use_consistent_padding takes PyTorch-like pairs', () => {
  const rng = random(32);
  for (let i = 0; i < 300; i++) {
    const n = rng.int(1, 20),
      k = rng.int(1, 7),
      s = rng.int(1, 5);
    const lo = rng.int(-2, k + 2),
      hi = rng.int(-2, k + 2);
    const out = (n - 1) * s + 1 + lo + hi - k + 1;
    const args = { dims: 1, input_size: n, kernel_size: k, strides: [s], padding: [[lo, hi]] };
    const r = translate(args, { from: 'jax' });
    if (out < 1) {
      assert.ok(r.error, JSON.stringify(args));
      continue;
    }
    assert.deepEqual(r.crop, { begin: [k - 1 - lo], end: [k - 1 - hi] });
    const consistent = translate({ ...args, use_consistent_padding: true }, { from: 'jax' });
    if (n * s - s + k - lo - hi >= 1) assert.deepEqual(consistent.crop, { begin: [lo], end: [hi] });
    // Zeros before the buffer (lo > k - 1) are not a PyTorch crop, even with a slice.
    if (lo > k - 1) assert.equal(r.pytorch, null);
  }
});

test('jax: PyTorch parameters always have an exact JAX form, and it reads back to the same crop', () => {
  const rng = random(33);
  for (let i = 0; i < 300; i++) {
    const dims = rng.int(1, 2);
    const ax = () => Array.from({ length: dims }, () => rng.int(1, 5));
    const input_size = ax(),
      kernel_size = ax(),
      stride = ax(),
      dilation = ax();
    const padding = stride.map(() => rng.int(0, 3));
    const output_padding = stride.map((s, a) => rng.int(0, Math.max(s, dilation[a]) - 1));
    const spec = { dims, input_size, kernel_size, stride, padding, output_padding, dilation };
    const r = translate(spec, { to: 'jax' });
    if (r.error) {
      assert.equal(r.field, 'padding', `${JSON.stringify(spec)}: ${r.error}`); // PyTorch's own refusal
      continue;
    }
    assert.deepEqual(r.crop, { begin: padding, end: padding.map((p, a) => p - output_padding[a]) });
    assert.equal(r.exact, true);
    assert.equal(r.target.transpose_kernel, true);
    const back = translate({ dims, input_size, kernel_size, ...r.target }, { from: 'jax' });
    assert.deepEqual(back.crop, r.crop, JSON.stringify(r.target));
  }
});

test("keras: the JAX backend's padding gives the same crop as the TensorFlow backend's rule", () => {
  const rng = random(34);
  for (let i = 0; i < 400; i++) {
    const n = rng.int(1, 12),
      k = rng.int(1, 7),
      s = rng.int(1, 5);
    const d = s === 1 ? rng.int(1, 3) : 1;
    const padding = rng.pick(['same', 'valid']);
    const op = rng.int(0, 1) ? rng.int(0, s - 1) : null;
    const args = {
      dims: 1,
      input_size: n,
      kernel_size: k,
      strides: s,
      padding,
      dilation_rate: d,
      ...(op == null ? {} : { output_padding: op }),
    };
    const r = translate(args, { from: 'keras' });
    const kd = (k - 1) * d + 1;
    const [left, right] = kerasToJax(k, s, d, padding, op);
    const out = (n - 1) * s + 1 + left + right - kd + 1;
    if (out < 1) {
      assert.ok(r.error, JSON.stringify(args));
      continue;
    }
    assert.deepEqual(r.crop, { begin: [kd - 1 - left], end: [kd - 1 - right] }, JSON.stringify(args));
    assert.deepEqual(r.output_size, [out]);
  }
});
