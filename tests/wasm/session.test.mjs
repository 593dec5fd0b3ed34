// The trace session through the module, on every accepted case of the PyTorch fixture: each cell's
// contributions add up (in order, from 0, then the bias) to exactly the value the core returned and to
// PyTorch's within 1e-9; their count is finalContributions; reach and contributions agree; the gather
// window sums to the carved value; Cᵀ's entries, rows and columns are the whole matrix's. Misuse of
// every query throws TconvError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golden, importTconv, seed1d, seed2d } from './support.mjs';

const { load, TconvError } = await importTconv();
const tconv = await load();

// The cells of a grid of this shape, row-major.
function* cells(shape) {
  const count = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < count; flat++) {
    const cell = [];
    for (let a = shape.length - 1, rest = flat; a >= 0; a--, rest = Math.floor(rest / shape[a + 1]))
      cell.unshift(rest % shape[a]);
    yield cell;
  }
}
const key = (cell) => cell.join(',');
const flatten = (nested) => (Array.isArray(nested) ? nested.flatMap(flatten) : [nested]);

/** Each [call, message (text or RegExp), field] throws a TconvError with that message and field. */
function throwsNamingField(misuse) {
  for (const [call, message, field] of misuse) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof TconvError, `${e}`);
      if (message instanceof RegExp) assert.match(e.message, message);
      else assert.equal(e.message, message);
      assert.equal(e.field, field);
      return true;
    });
  }
}

for (const c of golden.filter((g) => !g.rejects)) {
  test(`${c.name}: provenance agrees with the output, the counts, reach, gather and Cᵀ`, () => {
    const trace = tconv.trace(c.spec);
    try {
      const outShape = [trace.outChannels, ...trace.axes.map((a) => a.output)];
      const torch = flatten(c.output);
      const fromContributions = new Map();
      for (const [i, cell] of [...cells(outShape)].entries()) {
        const terms = trace.contributions(cell);
        let sum = 0;
        for (const t of terms) {
          sum += t.product;
          fromContributions.set(`${t.step}|${key(cell)}`, (fromContributions.get(`${t.step}|${key(cell)}`) ?? 0) + 1);
        }
        if (trace.bias) sum += trace.bias[cell[0]];
        assert.ok(Object.is(sum, trace.output.data[i]), `output ${key(cell)}: ${sum} vs ${trace.output.data[i]}`);
        assert.ok(Math.abs(sum - torch[i]) <= 1e-9 * Math.max(1, Math.abs(torch[i])), `PyTorch ${torch[i]}`);
        const window = trace.gatherWindow(cell);
        const gathered = window.taps.reduce((s, t) => s + t.product, 0);
        assert.ok(Math.abs(gathered - trace.carved.data[i]) <= 1e-12 * Math.max(1, Math.abs(trace.carved.data[i])));
        assert.deepEqual(window.origin, cell.slice(1));
      }
      for (const [i, cell] of [...cells(trace.bufferShape)].entries()) {
        assert.equal(trace.contributions(cell, { where: 'intermediate' }).length, trace.finalContributions[i]);
      }
      const fromReach = new Map();
      const inShape = [trace.inChannels, ...trace.axes.map((a) => a.input)];
      for (const [t, cell] of [...cells(inShape)].entries()) {
        for (const out of trace.reach(cell).output)
          fromReach.set(`${t}|${key(out)}`, (fromReach.get(`${t}|${key(out)}`) ?? 0) + 1);
      }
      assert.deepEqual(new Map([...fromReach].sort()), new Map([...fromContributions].sort()));
      // A weight tap's uses are the contributions that name it, with the same products and cells.
      const byCell = new Map();
      for (const cell of cells(trace.bufferShape))
        for (const t of trace.contributions(cell, { where: 'intermediate' }))
          byCell.set(`${t.step}|${key(t.tap)}|${key(cell)}`, t.product);
      const byTap = new Map();
      const fromUses = new Map();
      const weightShape = [trace.inChannels, trace.outChannels / trace.groups, ...trace.axes.map((a) => a.kernel)];
      for (const tap of cells(weightShape)) {
        for (const u of trace.uses(tap)) {
          assert.deepEqual(u.tap, tap);
          assert.ok(Object.is(u.product, u.value * u.weight));
          byTap.set(`${u.step}|${key(tap)}|${key(u.intermediate)}`, u.product);
          if (u.output)
            fromUses.set(`${u.step}|${key(u.output)}`, (fromUses.get(`${u.step}|${key(u.output)}`) ?? 0) + 1);
        }
      }
      assert.deepEqual(new Map([...byTap].sort()), new Map([...byCell].sort()));
      assert.deepEqual(new Map([...fromUses].sort()), new Map([...fromContributions].sort()));
      if (!trace.matrix.error) {
        const [rows, cols] = trace.matrixShape;
        for (let r = 0; r < rows; r++) {
          assert.deepEqual(
            Array.from(trace.matrixRow(r)),
            Array.from(trace.matrix.data.subarray(r * cols, (r + 1) * cols)),
          );
        }
        for (let col = 0; col < cols; col++) {
          const column = trace.matrixColumn(col);
          for (let r = 0; r < rows; r++) assert.equal(column[r], trace.matrix.data[r * cols + col]);
          assert.equal(trace.matrixEntry(rows - 1, col), trace.matrix.data[(rows - 1) * cols + col]);
        }
      }
    } finally {
      trace.dispose();
    }
  });
}

test('the seed’s 9 is 2·3 + 3·1, and the query objects have the documented shape', () => {
  const trace = tconv.trace(seed1d);
  assert.deepEqual(trace.contributions([0, 2]), [
    { step: 0, input: [0, 0], tap: [0, 0, 2], value: 2, weight: 3, product: 6 },
    { step: 1, input: [0, 1], tap: [0, 0, 0], value: 3, weight: 1, product: 3 },
  ]);
  assert.deepEqual(trace.reach([0, 1]), {
    intermediate: [
      [0, 2],
      [0, 3],
      [0, 4],
    ],
    output: [
      [0, 2],
      [0, 3],
      [0, 4],
    ],
  });
  // The tap w[2] = 3 of the seed: x[0]·3 into cell 2, x[1]·3 into cell 4.
  assert.deepEqual(trace.uses([0, 0, 2]), [
    { step: 0, input: [0, 0], tap: [0, 0, 2], value: 2, weight: 3, product: 6, intermediate: [0, 2], output: [0, 2] },
    { step: 1, input: [0, 1], tap: [0, 0, 2], value: 3, weight: 3, product: 9, intermediate: [0, 4], output: [0, 4] },
  ]);
  // The seed's 2D carve (padding 1) cuts the intermediate cell [0, 0, 0] that x[0][0]·w[0][0] goes into.
  assert.equal(tconv.trace(seed2d).uses([0, 0, 0, 0])[0].output, null);
  const window = tconv.trace(seed2d).gatherWindow([0, 1, 1]);
  assert.deepEqual(window.origin, [1, 1]);
  assert.deepEqual(window.dilation, [1, 1]);
  assert.deepEqual(window.taps.map((t) => t.on).join(' '), 'input zero input zero zero zero input zero input');
  assert.deepEqual(window.taps[0], {
    padded: [0, 1, 1],
    kernel: [0, 0, 0, 0],
    on: 'input',
    input: [0, 0, 0],
    value: 1,
    weight: -1,
    product: -1,
  });
  assert.equal(
    window.taps.reduce((s, t) => s + t.product, 0),
    4,
  );
});

test('the views are built on first use, not with every trace', () => {
  const big = { dims: 2, input: Array(16).fill(Array(16).fill(1)), kernel: Array(7).fill(Array(7).fill(1)), stride: 4 };
  const before = tconv.memoryUse().heapBytesInUse;
  const trace = tconv.trace(big);
  const held = tconv.memoryUse().heapBytesInUse - before;
  assert.ok(held < 200_000, `a trace of a 67×67 buffer holds ${held} bytes: no Cᵀ (4489 × 256 doubles = 9 MB)`);
  assert.match(trace.matrix.error, /^the matrix C\^T would be 4489 x 256/);
  // Its columns and rows are still there, from the on-demand queries.
  assert.equal(trace.matrixColumn(0).length, 4489);
  assert.equal(trace.matrixRow(0).length, 256);
  assert.deepEqual(trace.gather.padBefore, [6, 6]);
  trace.dispose();
});

test('a step, a buffer, a row and a column can be asked for some channels only: those channels of the whole', () => {
  // 64 groups (64 → 64 channels), 16 × 16, kernel 7 × 7, stride 4: each step feeds one channel of 64.
  const spec = {
    dims: 2,
    input: Array.from({ length: 64 }, (_, c) =>
      Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, k) => ((c + r * 3 + k) % 7) - 3)),
    ),
    weight: Array.from({ length: 64 }, (_, c) => [
      Array.from({ length: 7 }, (_, r) => Array.from({ length: 7 }, (_, k) => ((c + r + 2 * k) % 5) - 2)),
    ]),
    stride: 4,
    groups: 64,
  };
  const trace = tconv.trace(spec);
  const area = 67 * 67;
  for (const [t, first, count] of [
    [0, 0, 1],
    [300, 1, 1],
    [300, 0, 3],
    [16383, 63, 1],
  ]) {
    const whole = trace.step(t);
    const part = trace.step(t, { outChannels: [first, count] });
    assert.deepEqual(part.buffer.shape, [count, 67, 67]);
    assert.deepEqual(part.buffer.data, whole.buffer.data.slice(first * area, (first + count) * area));
    assert.deepEqual(part.contributions, whole.contributions.slice(first * area, (first + count) * area));
    assert.deepEqual(part.products, whole.products);
    const before = trace.bufferAfter(t, { outChannels: [first, count] });
    assert.deepEqual(before.data, trace.bufferAfter(t).data.slice(first * area, (first + count) * area));
  }
  // Column 300 (input channel 1's element 44) reaches output channel 1 only: its block is that part.
  const column = trace.matrixColumn(300);
  assert.deepEqual(trace.matrixColumn(300, { rows: [area, area] }), column.slice(area, 2 * area));
  assert.deepEqual(trace.matrixRow(area + 5, { columns: [256, 256] }), trace.matrixRow(area + 5).slice(256, 512));
  const misuse = [
    [() => trace.step(0, { outChannels: [64, 1] }), 'first channel 64 is out of range 0 to 63', 'first channel'],
    [() => trace.step(0, { outChannels: [60, 5] }), 'channel count 5 is out of range 1 to 4', 'channel count'],
    [() => trace.step(0, { outChannels: [0] }), /^outChannels must be \[first, count\]/, 'outChannels'],
    [
      () => trace.bufferAfter(0, { outChannels: [0, 1.5] }),
      'outChannels[1] must be an integer, got 1.5',
      'outChannels[1]',
    ],
    [() => trace.matrixColumn(0, { rows: [0, 0] }), /^0 rows from 0 do not fit in C\^T/, 'rows'],
    [() => trace.matrixRow(0, { columns: 'all' }), /^columns must be \[first, count\]/, 'columns'],
  ];
  throwsNamingField(misuse);
  trace.dispose();
});

test('every misuse of a query is a TconvError naming the argument', () => {
  const trace = tconv.trace(seed2d);
  const misuse = [
    [() => trace.contributions([0, 3, 0]), 'output cell [0, 3, 0] is outside the output (1 x 3 x 3)', 'cell'],
    [() => trace.contributions([0, 1]), 'an output cell is [channel, row, column] (3 numbers), got 2', 'cell'],
    [() => trace.contributions('0,1,1'), /^cell must be an array of whole numbers/, 'cell'],
    [() => trace.contributions([0, 1.5, 1]), /^cell must be an array of whole numbers/, 'cell'],
    [() => trace.contributions([0, 1, 1], null), /^options must be an object/, 'options'],
    [
      () => trace.contributions([0, 1, 1], { where: 'buffer' }),
      'where must be "output" or "intermediate", got "buffer"',
      'where',
    ],
    [() => trace.reach([1, 0, 0]), 'input cell [1, 0, 0] is outside the input (1 x 2 x 2)', 'cell'],
    [() => trace.uses([0, 0, 3, 0]), 'weight cell [0, 0, 3, 0] is outside the weight (1 x 1 x 3 x 3)', 'cell'],
    [() => trace.gatherWindow([0, 0, -1]), 'output cell [0, 0, -1] is outside the output (1 x 3 x 3)', 'cell'],
    [() => trace.matrixEntry(0, 4), 'column 4 is outside C^T (columns 0 to 3)', 'column'],
    [() => trace.matrixRow(-1), 'row -1 is outside C^T (rows 0 to 8)', 'row'],
    [() => trace.matrixColumn(2 ** 40), /^column must be an integer/, 'column'],
    [() => trace.step(1.5), 'step must be an integer, got 1.5', 'step'],
    [() => tconv.explain(seed1d, null), /^options must be an object/, 'options'],
    [() => tconv.explain(seed1d, { format: 3 }), 'format must be "text" or "latex", got 3', 'format'],
    [() => tconv.explain(seed1d, 'latex'), /^options must be an object/, 'options'],
  ];
  throwsNamingField(misuse);
  trace.dispose();
});
