// Minimal protobuf writer for a one-node ONNX ConvTranspose model.
const enc = new TextEncoder();
function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n));
  const out = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const concat = (parts) => {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const o = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    o.set(p, i);
    i += p.length;
  }
  return o;
};
const key = (field, wire) => varint((field << 3) | wire);
const int = (field, n) => Uint8Array.from([...key(field, 0), ...varint(n)]);
const bytes = (field, b) => concat([Uint8Array.from([...key(field, 2), ...varint(b.length)]), b]);
const str = (field, s) => bytes(field, enc.encode(s));
const msg = (field, parts) => bytes(field, concat(parts));
const packedInts = (field, ns) => bytes(field, Uint8Array.from(ns.flatMap(varint)));
export const FLOAT = 1,
  DOUBLE = 11;
function attr(name, value) {
  if (typeof value === 'string') return [str(1, name), int(20, 3), bytes(4, enc.encode(value))];
  if (Array.isArray(value)) return [str(1, name), int(20, 7), packedInts(8, value)];
  return [str(1, name), int(20, 2), int(3, value)];
}
function valueInfo(field, name, elemType, shape) {
  return msg(field, [
    str(1, name),
    msg(2, [
      msg(1, [
        int(1, elemType),
        msg(
          2,
          shape.map((d) => msg(1, typeof d === 'number' ? [int(1, d)] : [str(2, d)])),
        ),
      ]),
    ]),
  ]);
}
function tensor(name, dims, elemType, values) {
  const raw =
    elemType === DOUBLE
      ? new Uint8Array(Float64Array.from(values).buffer)
      : new Uint8Array(Float32Array.from(values).buffer);
  return msg(5, [packedInts(1, dims), int(2, elemType), str(8, name), bytes(9, raw)]);
}
export function convTransposeModel({ xShape, wShape, w, attrs, elemType = FLOAT, opset = 17, bias }) {
  const nodeInputs = ['X', 'W', ...(bias ? ['B'] : [])];
  const node = msg(1, [
    ...nodeInputs.map((n) => str(1, n)),
    str(2, 'Y'),
    str(3, 'convT'),
    str(4, 'ConvTranspose'),
    ...Object.entries(attrs).map(([k, v]) => msg(5, attr(k, v))),
  ]);
  const graph = msg(7, [
    node,
    str(2, 'g'),
    tensor('W', wShape, elemType, w),
    ...(bias ? [tensor('B', [bias.length], elemType, bias)] : []),
    valueInfo(11, 'X', elemType, xShape),
    valueInfo(
      12,
      'Y',
      elemType,
      xShape.map((_, i) => `y${i}`),
    ),
  ]);
  return concat([int(1, 8), str(2, 'tconv-test'), graph, msg(8, [str(1, ''), int(2, opset)])]);
}
