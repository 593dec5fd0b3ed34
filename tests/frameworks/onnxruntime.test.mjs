// translate for onnx against onnxruntime-node: a one-node ConvTranspose model built here (onnx_model.mjs)
// and run on random attribute sets, both directions: pads, output_padding, output_shape, auto_pad
// SAME_UPPER / SAME_LOWER / VALID, dilations, kernels smaller than the stride; onnxruntime's refusals
// must be translate's refusals.
import test from 'node:test';
import assert from 'node:assert/strict';
import ort from 'onnxruntime-node';
import { convTransposeModel } from './onnx_model.mjs';
import {
  translate,
  random,
  values,
  nest,
  slice,
  torchOutput,
  fullBuffer,
  cropOf,
  fullSize,
  clean,
} from './support.mjs';

async function runOrt(c, attrs) {
  const xShape = [1, 1, ...c.inShape];
  const model = convTransposeModel({ xShape, wShape: [1, 1, ...c.kShape], w: c.kernel, attrs });
  try {
    const session = await ort.InferenceSession.create(model, {
      logSeverityLevel: 4,
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    const out = await session.run({ X: new ort.Tensor('float32', Float32Array.from(c.input), xShape) });
    const data = Array.from(out.Y.data);
    return { output: c.dims === 2 ? nest(data, out.Y.dims.slice(2)) : data };
  } catch (error) {
    return { error: error.message };
  }
}

function problem(rng) {
  const dims = rng.int(1, 2);
  const inShape = Array.from({ length: dims }, () => rng.int(1, 6));
  const kShape = Array.from({ length: dims }, () => rng.int(1, 5));
  const stride = Array.from({ length: dims }, () => rng.int(1, 4));
  const dilation = rng.int(0, 2) === 0 ? Array.from({ length: dims }, () => rng.int(1, 3)) : Array(dims).fill(1);
  const n = (s) => s.reduce((a, b) => a * b, 1);
  return { dims, inShape, kShape, stride, dilation, input: values(rng, n(inShape)), kernel: values(rng, n(kShape)) };
}

function checkClaims(c, r, got, label) {
  const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
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
}

test('onnx: from ConvTranspose attributes, onnxruntime computes the crop translate names', async () => {
  const rng = random(21);
  const seen = { refused: 0, pads: 0, SAME_UPPER: 0, SAME_LOWER: 0, VALID: 0, output_shape: 0, inexact: 0 };
  for (let i = 0; i < 450; i++) {
    const c = problem(rng);
    const full = fullSize(c.inShape, c.kShape, c.stride, c.dilation);
    const mode = rng.pick(['pads', 'SAME_UPPER', 'SAME_LOWER', 'VALID', 'output_shape']);
    const attrs = { kernel_shape: c.kShape, strides: c.stride, dilations: c.dilation };
    if (rng.int(0, 1))
      attrs.output_padding = c.stride.map((s, a) =>
        rng.int(0, Math.max(s, c.dilation[a]) - (rng.int(0, 6) === 0 ? 0 : 1)),
      );
    if (mode === 'pads') attrs.pads = [...c.inShape.map(() => rng.int(0, 3)), ...c.inShape.map(() => rng.int(0, 3))];
    else if (mode === 'output_shape') {
      attrs.output_shape = full.map((f, a) => rng.int(1, f + c.stride[a]));
      if (rng.int(0, 1)) attrs.auto_pad = rng.pick(['SAME_UPPER', 'SAME_LOWER', 'NOTSET']);
    } else attrs.auto_pad = mode;
    const label = JSON.stringify({ inShape: c.inShape, ...attrs });
    const ran = await runOrt(c, attrs);
    const r = translate({ dims: c.dims, input_size: c.inShape, ...attrs }, { from: 'onnx' });
    if (ran.error) {
      assert.ok(
        r.error,
        `${label}: onnxruntime refuses it (${ran.error.slice(0, 160)}), translate gave ${JSON.stringify(r)}`,
      );
      seen.refused++;
      continue;
    }
    assert.equal(r.error, undefined, `${label}: onnxruntime runs it, translate refused: ${r.error}`);
    checkClaims(c, r, ran.output, label);
    seen[mode]++;
    if (!r.exact) seen.inexact++;
  }
  for (const [what, count] of Object.entries(seen)) assert.ok(count >= 20, `only ${count} cases: ${what}`);
});

test("onnx: from PyTorch parameters, onnxruntime with the target gives PyTorch's output", async () => {
  const rng = random(22);
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
    const r = translate(spec, { to: 'onnx' });
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    const ran = await runOrt(c, r.target);
    assert.equal(ran.error, undefined, `${label}: onnxruntime refuses ${JSON.stringify(r.target)}: ${ran.error}`);
    checkClaims(c, r, ran.output, label);
    // onnxruntime adds fewer than stride cells past the buffer; every other PyTorch crop it keeps exactly.
    if (padding.every((p, a) => p - op[a] >= -(c.stride[a] - 1))) {
      const source = torchOutput(c.dims, c.input, c.inShape, c.kernel, c.kShape, {
        stride: c.stride,
        padding,
        output_padding: op,
        dilation: c.dilation,
      });
      assert.deepEqual(clean(ran.output), clean(source), `${label}: target ${JSON.stringify(r.target)}`);
      reproduced++;
    } else {
      nearest++;
    }
  }
  assert.ok(reproduced >= 300, `reproduced ${reproduced}`);
  assert.ok(nearest >= 1, `nearest ${nearest}`);
});
