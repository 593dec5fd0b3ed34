// display_number (C++, the figure's numbers) writes exactly what web/dom.js `fmt` (the page) writes,
// on many doubles: integers, decimals, sums that are not exact, ties at 4 digits, tiny and huge ones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fmt } from '../../web/dom.js';

const tool = process.env.TCONV_DISPLAY_NUMBER;

function values() {
  const out = [
    0,
    -0,
    1,
    -1,
    0.1,
    0.2,
    0.1 + 0.2,
    1 / 3,
    -2 / 3,
    1e-7,
    1e-6,
    0.000001,
    0.0000015,
    1e21,
    1e22,
    123456789,
    1234567,
    12345678,
    -1234567,
    10015000,
    10025000,
    -10025000,
    99995000,
    999950000,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    1e100,
    -1e100,
    2 ** 53,
    2 ** 53 + 2,
    0.5,
    1.5,
    2.675,
    1.005,
    123.4567,
    0.00012345,
  ];
  // Ties and near-ties at the 5th significant digit, at many scales.
  for (let e = -12; e <= 25; e++)
    for (const m of [10015, 10025, 12345, 99995, 10005, 55555]) out.push(m * 10 ** e, -m * 10 ** e);
  // Products and sums like the ones a trace makes.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 3000; i++) {
    const a = Math.round((random() - 0.5) * 2000) / 100;
    const b = Math.round((random() - 0.5) * 200) / 10;
    out.push(a * b, a + b * 0.1, a / (b || 3), (random() - 0.5) * 10 ** Math.round(random() * 60 - 30));
  }
  return out;
}

const hex = (v) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16);
};

test("display_number equals the page's fmt on every value", {
  skip: !tool && 'TCONV_DISPLAY_NUMBER is not set (run through ctest)',
}, () => {
  const all = values();
  const run = spawnSync(tool, { input: `${all.map(hex).join('\n')}\n`, encoding: 'utf8' });
  assert.equal(run.error, undefined, `${tool}: ${run.error?.message}`);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n').slice(0, -1);
  assert.equal(lines.length, all.length);
  const wrong = all.map((v, i) => [v, lines[i], fmt(v)]).filter(([, got, want]) => got !== want);
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${all.length} differ`);
});
