// The step description's running sums, from the core: a long sum is written as its first and last
// products with their count (a 7 × 7 kernel at stride 1 over two input channels sums up to 98), a
// short one whole, and every sum ends in the core's value of the cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeScatter, termsWritten, writtenTerms } from '../../web/describe.js';
import { writtenSums } from '../support/sums.mjs';
import { importTconv } from './support.mjs';

const { load } = await importTconv();
const tconv = await load();

const grid = (n, f) => Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => f(r, c)));
/** Two input channels into two output channels, input n × n, kernel k × k, stride 1. */
const spec = (n, k) => ({
  dims: 2,
  input: [grid(n, (r, c) => ((r * 3 + c) % 5) - 2), grid(n, (r, c) => ((r + 2 * c) % 4) - 1)],
  weight: [0, 1].map((ci) => [0, 1].map((co) => grid(k, (r, c) => ((r + c + ci + co) % 3) - 1))),
});

/** The description of each step, with the sums it writes: [{cell, terms written, value}]. */
function stepsOf(trace) {
  const out = [];
  for (let t = 0; t < trace.stepCount; t++) {
    const step = trace.step(t, { outChannels: [0, 1] });
    const { text } = describeScatter(trace, t + 1, step, 0);
    const sums = writtenSums(text).map(({ written, cell }) => {
      const parts = written.split(' = ');
      return { written, cell, products: parts.at(-2).split(' + '), value: parts.at(-1) };
    });
    out.push({ t, step, text, sums });
  }
  return out;
}

const num = (v) => String(v).replace(/^-/, '−');

test('a sum of more products than the description writes keeps its first and last ones and says how many', () => {
  const trace = tconv.trace(spec(6, 7));
  let elided = 0;
  for (const { t, step, text, sums } of stepsOf(trace)) {
    assert.ok(text.length < 2000, `step ${t + 1}: ${text.length} characters`);
    for (const { written, cell, products, value } of sums) {
      const all = trace.contributions(cell, { where: 'intermediate' }).filter((term) => term.step <= t);
      const i = cell[1] * trace.axes[1].buffer + cell[2];
      assert.equal(value, num(step.buffer.data[i]), `step ${t + 1}: ${written}`);
      if (all.length <= termsWritten) {
        assert.equal(products.length, all.length, written);
        continue;
      }
      elided++;
      assert.match(
        written,
        new RegExp(`^intermediate\\[0\\]\\[${cell[1]}\\]\\[${cell[2]}\\]: ${all.length} products, `),
      );
      assert.equal(products.length, 7, written);
      assert.equal(products[3], '…');
      // The last one written is this step's product: the copy the reader just added.
      assert.equal(products[6].replace(/[()]/g, ''), num(all.at(-1).product));
      assert.equal(all.at(-1).step, t);
    }
  }
  assert.ok(elided > 50, `${elided} long sums written`);
});

test('through a 3 × 3 kernel over two input channels every sum is written whole', () => {
  const trace = tconv.trace(spec(4, 3));
  let longest = 0;
  for (const { t, sums } of stepsOf(trace))
    for (const { cell, products } of sums) {
      const all = trace.contributions(cell, { where: 'intermediate' }).filter((term) => term.step <= t);
      assert.equal(products.length, all.length);
      longest = Math.max(longest, all.length);
    }
  assert.equal(longest, 18);
});

test('writtenTerms: whole up to the bound, else the first three, a gap, the last three', () => {
  const terms = Array.from({ length: termsWritten + 1 }, (_, i) => i);
  assert.deepEqual(writtenTerms(terms.slice(0, termsWritten)), terms.slice(0, termsWritten));
  assert.deepEqual(writtenTerms(terms), [0, 1, 2, null, termsWritten - 2, termsWritten - 1, termsWritten]);
});
