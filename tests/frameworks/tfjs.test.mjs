// translate for tf and keras against TensorFlow.js (CPU backend): tf.conv2dTranspose for tf.nn's rules
// and the Keras layers API (tf.layers.conv2dTranspose) for Keras's, both directions, on random
// parameter sets: SAME and VALID, explicit paddings, odd and even kernels, kernels smaller than the
// stride, and the crops PyTorch cannot give without a slice.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  translate,
  random,
  values,
  nest,
  slice,
  dilateKernel,
  torchOutput,
  fullBuffer,
  cropOf,
  fullSize,
  clean,
} from './support.mjs';

await tf.setBackend('cpu');

// tf.conv2dTranspose on a 1D (as height 1) or 2D single-channel problem; null when TensorFlow would
// refuse the output_shape (its forward convolution must give the input back: tfjs's CPU kernel does
// not check that, so the check is tfjs's own computeConv2DInfo).
function tfjsTranspose(c, outShape, strides, padding) {
  const two = c.dims === 2;
  const dk = dilateKernel(c.kernel, c.kShape, c.dilation);
  const [H, W] = two ? c.inShape : [1, c.inShape[0]];
  const [kH, kW] = two ? dk.shape : [1, dk.shape[0]];
  const [oH, oW] = two ? outShape : [1, outShape[0]];
  const st = two ? strides : [1, strides[0]];
  const pad =
    typeof padding === 'string'
      ? padding.toLowerCase()
      : [[0, 0], two ? padding[0] : [0, 0], padding[two ? 1 : 0], [0, 0]];
  const info = tf.backend_util.computeConv2DInfo([1, oH, oW, 1], [kH, kW, 1, 1], st, 1, pad);
  if (info.outHeight !== H || info.outWidth !== W) return null;
  return tf.tidy(() => {
    const y = tf.conv2dTranspose(
      tf.tensor4d(c.input, [1, H, W, 1]),
      tf.tensor4d(dk.flat, [kH, kW, 1, 1]),
      [1, oH, oW, 1],
      st,
      pad,
    );
    const data = Array.from(y.dataSync());
    return two ? nest(data, [oH, oW]) : data;
  });
}

// The Keras layers API: Conv2DTranspose (tfjs-layers has padding and strides; no output_padding, no dilation).
function kerasLayer(c, strides, padding) {
  const two = c.dims === 2;
  const [H, W] = two ? c.inShape : [1, c.inShape[0]];
  const [kH, kW] = two ? c.kShape : [1, c.kShape[0]];
  return tf.tidy(() => {
    const layer = tfl.layers.conv2dTranspose({
      filters: 1,
      kernelSize: [kH, kW],
      strides: two ? strides : [1, strides[0]],
      padding,
      useBias: false,
    });
    layer.apply(tf.zeros([1, H, W, 1]));
    layer.setWeights([tf.tensor4d(c.kernel, [kH, kW, 1, 1])]);
    const y = layer.apply(tf.tensor4d(c.input, [1, H, W, 1]));
    const data = Array.from(y.dataSync());
    return two ? nest(data, [y.shape[1], y.shape[2]]) : data;
  });
}

// Keras's output length for the TensorFlow backend, which passes it to tf.nn.conv_transpose as
// output_shape (keras/src/backend/common/backend_utils.py, _get_output_shape_given_tf_padding).
function kerasLength(n, k, s, d, padding, op) {
  const kd = (k - 1) * d + 1;
  if (padding === 'valid') return (n - 1) * s + kd + (op ?? Math.max(kd, s) - kd);
  return op == null ? n * s : (n - 1) * s + (kd % 2) + op;
}

function problem(rng, { dilation = true } = {}) {
  const dims = rng.int(1, 2);
  const inShape = Array.from({ length: dims }, () => rng.int(1, 6));
  const kShape = Array.from({ length: dims }, () => rng.int(1, 6));
  const stride = Array.from({ length: dims }, () => rng.int(1, 4));
  const d = dilation && rng.int(0, 3) === 0 ? Array.from({ length: dims }, () => rng.int(1, 3)) : Array(dims).fill(1);
  const n = (s) => s.reduce((a, b) => a * b, 1);
  return { dims, inShape, kShape, stride, dilation: d, input: values(rng, n(inShape)), kernel: values(rng, n(kShape)) };
}

// Every translation's claims against what the framework computed: the output is its crop of the full
// buffer, and PyTorch's parameters (with the slice) give it too.
function checkClaims(c, r, got, label) {
  const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
  assert.deepEqual(r.output_size, c.dims === 2 ? [got.length, got[0].length] : [got.length], label);
  const cell = fullBuffer(c.dims, c.input, c.inShape, c.kernel, c.kShape, c.stride, c.dilation);
  assert.deepEqual(
    clean(got),
    clean(cropOf(cell, full, r.crop, c.dims)),
    `${label}: not the crop ${JSON.stringify(r.crop)}`,
  );
  if (r.pytorch) {
    let y = torchOutput(c.dims, c.input, c.inShape, c.kernel, c.kShape, r.pytorch);
    if (r.slice) y = slice(y, r.slice);
    assert.deepEqual(
      clean(y),
      clean(got),
      `${label}: PyTorch ${JSON.stringify(r.pytorch)} slice ${JSON.stringify(r.slice)}`,
    );
  }
  assert.equal(r.exact, r.slice === null && r.pytorch !== null, label);
}

test('tf: from tf.nn arguments, the crop and PyTorch agree with tf.conv2dTranspose', () => {
  const rng = random(11);
  const seen = { inexact: 0, refused: 0, same: 0, valid: 0, explicit: 0, smallKernel: 0 };
  for (let i = 0; i < 400; i++) {
    const c = problem(rng);
    const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
    const mode = rng.pick(['SAME', 'VALID', 'explicit']);
    const pads = c.inShape.map(() => [rng.int(0, 3), rng.int(0, 3)]);
    const outShape = c.inShape.map((n, a) => {
      const s = c.stride[a];
      const [lo, hi] =
        mode === 'SAME'
          ? [(n - 1) * s + 1, n * s]
          : mode === 'VALID'
            ? [full[a], full[a] + s - 1]
            : [full[a] - pads[a][0] - pads[a][1], full[a] - pads[a][0] - pads[a][1] + s - 1];
      return Math.max(1, rng.int(0, 5) === 0 ? rng.pick([lo - 1, hi + 1]) : rng.int(lo, hi));
    });
    const args = {
      dims: c.dims,
      input_size: c.inShape,
      kernel_size: c.kShape,
      output_shape: outShape,
      strides: c.stride,
      padding: mode === 'explicit' ? pads : mode,
      dilations: c.dilation,
    };
    const label = JSON.stringify(args);
    const got = tfjsTranspose(c, outShape, c.stride, mode === 'explicit' ? pads : mode);
    const r = translate(args, { from: 'tf' });
    if (got === null) {
      assert.equal(r.field, 'output_shape', `${label}: TensorFlow refuses it, translate said ${JSON.stringify(r)}`);
      seen.refused++;
      continue;
    }
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    checkClaims(c, r, got, label);
    assert.deepEqual(r.target.output_shape, outShape);
    seen[mode === 'explicit' ? 'explicit' : mode.toLowerCase()]++;
    if (!r.exact) seen.inexact++;
    if (c.kShape.some((k, a) => k < c.stride[a])) seen.smallKernel++;
  }
  for (const [what, count] of Object.entries(seen)) assert.ok(count >= 20, `only ${count} cases: ${what}`);
});

test("tf: from PyTorch parameters, tf.conv2dTranspose with the target gives PyTorch's output", () => {
  const rng = random(12);
  let reproduced = 0,
    nearest = 0;
  for (let i = 0; i < 400; i++) {
    const c = problem(rng);
    const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
    const padding = full.map((f) => rng.int(0, Math.floor((f - 1) / 2)));
    const op = c.stride.map((s, a) => rng.int(0, Math.max(s, c.dilation[a]) - 1));
    if (full.some((f, a) => f - 2 * padding[a] + op[a] < 1)) continue;
    const spec = {
      dims: c.dims,
      input_size: c.inShape,
      kernel_size: c.kShape,
      stride: c.stride,
      padding,
      output_padding: op,
      dilation: c.dilation,
    };
    const label = JSON.stringify(spec);
    const r = translate(spec, { to: 'tf' });
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    const got = tfjsTranspose(c, r.target.output_shape, r.target.strides, r.target.padding);
    assert.notEqual(got, null, `${label}: TensorFlow refuses the target ${JSON.stringify(r.target)}`);
    checkClaims(c, r, got, label);
    // TensorFlow can keep any crop that starts inside the buffer and adds fewer than stride cells at the end.
    if (padding.every((p, a) => p - op[a] >= -(c.stride[a] - 1))) {
      const source = torchOutput(c.dims, c.input, c.inShape, c.kernel, c.kShape, {
        stride: c.stride,
        padding,
        output_padding: op,
        dilation: c.dilation,
      });
      assert.deepEqual(
        clean(got),
        clean(source),
        `${label}: target ${JSON.stringify(r.target)} is not PyTorch's output`,
      );
      reproduced++;
    } else {
      nearest++;
    }
  }
  assert.ok(reproduced >= 300, `reproduced ${reproduced}`);
  assert.ok(nearest >= 1, `nearest ${nearest}`);
});

test("keras: from Keras arguments, the crop agrees with the layers API and with tf.nn given Keras's output_shape", () => {
  const rng = random(13);
  const seen = { layers: 0, outputPadding: 0, inexact: 0, same: 0, valid: 0 };
  for (let i = 0; i < 400; i++) {
    const c = problem(rng, { dilation: false });
    const padding = rng.pick(['same', 'valid']);
    const withOp = rng.int(0, 1) === 1;
    const op = withOp ? c.stride.map((s) => rng.int(0, s - 1)) : null;
    const args = {
      dims: c.dims,
      input_size: c.inShape,
      kernel_size: c.kShape,
      strides: c.stride,
      padding,
      ...(op ? { output_padding: op } : {}),
    };
    const label = JSON.stringify(args);
    const r = translate(args, { from: 'keras' });
    const lengths = c.inShape.map((n, a) => kerasLength(n, c.kShape[a], c.stride[a], 1, padding, op?.[a]));
    if (lengths.some((n) => n < 1)) {
      assert.ok(r.error, `${label}: an empty output must be refused`);
      continue;
    }
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    if (!op) {
      checkClaims(c, r, kerasLayer(c, c.stride, padding), label);
      seen.layers++;
    } else {
      const got = tfjsTranspose(c, lengths, c.stride, padding);
      if (got === null) continue; // Keras's TensorFlow backend refuses it too (even kernel, same, output_padding 0)
      checkClaims(c, r, got, label);
      seen.outputPadding++;
    }
    seen[padding]++;
    if (!r.exact) seen.inexact++;
  }
  for (const [what, count] of Object.entries(seen)) assert.ok(count >= 20, `only ${count} cases: ${what}`);
});

test("keras: from PyTorch parameters, the Keras target computes its claimed crop, PyTorch's when Keras can", () => {
  const rng = random(14);
  let reproduced = 0,
    nearest = 0;
  for (let i = 0; i < 400; i++) {
    const c = problem(rng, { dilation: false });
    const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
    const padding = full.map((f) => rng.int(0, Math.min(3, Math.floor((f - 1) / 2))));
    const op = c.stride.map((s) => rng.int(0, s - 1));
    if (full.some((f, a) => f - 2 * padding[a] + op[a] < 1)) continue;
    const spec = {
      dims: c.dims,
      input_size: c.inShape,
      kernel_size: c.kShape,
      stride: c.stride,
      padding,
      output_padding: op,
    };
    const label = JSON.stringify(spec);
    const r = translate(spec, { to: 'keras' });
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    const t = r.target;
    const got =
      t.output_padding === null
        ? kerasLayer(c, t.strides, t.padding)
        : tfjsTranspose(
            c,
            c.inShape.map((n, a) => kerasLength(n, c.kShape[a], t.strides[a], 1, t.padding, t.output_padding[a])),
            t.strides,
            t.padding,
          );
    if (got === null) continue;
    checkClaims(c, r, got, label);
    const source = torchOutput(c.dims, c.input, c.inShape, c.kernel, c.kShape, {
      stride: c.stride,
      padding,
      output_padding: op,
      dilation: c.dilation,
    });
    const sourceCrop = { begin: padding, end: padding.map((p, a) => p - op[a]) };
    if (JSON.stringify(r.crop) === JSON.stringify(sourceCrop)) {
      assert.deepEqual(clean(got), clean(source), label);
      reproduced++;
    } else {
      nearest++;
    }
  }
  assert.ok(reproduced >= 100, `reproduced ${reproduced}`);
  assert.ok(nearest >= 50, `nearest ${nearest}`);
});
