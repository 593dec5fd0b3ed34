// Channels and groups on screen, checked against the core (the same tconv.js in Node): a 2 → 3
// channel spec, a groups-2 spec and a depthwise one stepped through, every step's intermediate
// output and scaled copy in every output channel, the channels the strips mark, the sums the step's
// description writes and the provenance of every output cell; the block maps of the weight and of
// Cᵀ; the presets; the editor's channel fields; and the element with 64 groups (64 → 64 channels,
// 16 × 16, kernel 7 × 7) drawing its shown channels only, within the named bound of drawn cells
// (its timings are scripts/bench-channels.mjs's: no test here is timed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writtenTerms } from '../../web/describe.js';
import { fmt } from '../../web/dom.js';
import { writtenSums } from '../support/sums.mjs';
import { pageSuite, shotPath, showView, text } from './support.mjs';

const suite = pageSuite();
const open = suite.open;

const ramp = (n, m, k = 1) =>
  Array.from({ length: n }, (_, r) => Array.from({ length: m }, (_, c) => (r * m + c + k) % 5));
const specs = {
  '2 → 3 channels (1D, stride 2)': {
    dims: 1,
    input: [
      [1, 2],
      [3, -1],
    ],
    weight: [
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [
        [2, 1],
        [1, 2],
        [0, -1],
      ],
    ],
    stride: 2,
  },
  'groups 2 (2D, 4 → 2 channels, stride 2)': {
    dims: 2,
    input: [ramp(2, 2), ramp(2, 2, 2), ramp(2, 2, 3), ramp(2, 2, 4)],
    weight: [
      [ramp(2, 2)],
      [ramp(2, 2, 1)],
      [
        [
          [1, 0],
          [0, -1],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
        ],
      ],
    ],
    stride: 2,
    groups: 2,
  },
  'depthwise (1D, groups = 3 channels, a bias per channel)': {
    dims: 1,
    input: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    weight: [[[1, 2]], [[0, 1]], [[-1, 1]]],
    groups: 3,
    bias: [0.5, -1, 2],
  },
};
const query = (spec) => {
  const n = spec.dims;
  const parts = [
    `in${n}=${encodeURIComponent(JSON.stringify(spec.input))}`,
    `w${n}=${encodeURIComponent(JSON.stringify(spec.weight))}`,
  ];
  if (spec.stride) parts.push(`s${n}=${spec.stride}`);
  if (spec.groups) parts.push(`g${n}=${spec.groups}`);
  if (spec.bias) parts.push(`b${n}=${spec.bias.join(',')}`);
  return `?${parts.join('&')}`;
};

// How the page writes numbers in its sentences: the real minus sign, negative factors in parentheses.
const num = (v) => fmt(v).replace(/^-/, '−');
const factor = (v) => (v < 0 ? `(${num(v)})` : num(v));
const name = (symbol, cell) => symbol + cell.map((v) => `[${v}]`).join('');
const numbers = (page, selector) =>
  page.$$eval(`${selector} [role=gridcell]`, (tds) => tds.map((td) => td.textContent));
const pressed = (page, ex, side) =>
  page.$eval(`#ex${ex} .strip-${side} button[aria-pressed=true]`, (b) => Number(b.dataset.c));
const ringed = (page, ex, side) =>
  page.$$eval(`#ex${ex} .strip-${side} button.now`, (bs) => bs.map((b) => Number(b.dataset.c)));
const pick = (page, ex, side, c) => page.click(`#ex${ex} .strip-${side} button[data-c="${c}"]`);
const flatCells = (shape, channel) => {
  const area = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: area }, (_, i) =>
    shape.length === 2 ? [channel, Math.floor(i / shape[1]), i % shape[1]] : [channel, i],
  );
};

/** The sums a step's description writes ("intermediate[0][2]: x[0][1]·w[0][0][0] + … = 2 + 2 = 4"), each
 *  rebuilt from the core's contributions up to this step and the core's buffer. */
function checkSums(desc, trace, t, co) {
  const sums = writtenSums(desc);
  if (!sums.length) return 0;
  const buffer = trace.bufferAfter(t + 1, { outChannels: [co, 1] }).data;
  const bufShape = trace.axes.map((a) => a.buffer);
  let checked = 0;
  for (const { written, cell } of sums) {
    const all = trace.contributions(cell, { where: 'intermediate' }).filter((term) => term.step <= t);
    const terms = writtenTerms(all); // a long sum keeps its first and last products (null: '…')
    const i = bufShape.length === 2 ? cell[1] * bufShape[1] + cell[2] : cell[1];
    const count = terms.length < all.length ? `${all.length} products, ` : '';
    const expected =
      `${name('intermediate', cell)}: ${count}${terms.map((term) => (term ? `${name('x', term.input)}·${name('w', term.tap)}` : '…')).join(' + ')} = ` +
      `${terms.map((term, k) => (term ? (k ? factor(term.product) : num(term.product)) : '…')).join(' + ')} = ${num(buffer[i])}`;
    assert.equal(written, expected, `step ${t + 1}: the written sum of ${name('intermediate', cell)}`);
    checked++;
  }
  return checked;
}

describe('stepping with channels, against the core', () => {
  for (const [label, spec] of Object.entries(specs)) {
    test(`${label}: every step's buffer and copy in every output channel, the strips, the sums, the provenance`, async () => {
      const n = spec.dims;
      const trace = suite.api.trace(spec);
      const page = await open(query(spec));
      const ex = `#ex${n}`;
      const per = trace.outChannels / trace.groups;
      const outShape = trace.axes.map((a) => a.output);
      const taps = trace.axes.reduce((k, a) => k * a.kernel, 1);
      assert.match(
        await text(page, `${ex} .summary`),
        new RegExp(`channels ${trace.inChannels} → ${trace.outChannels}`),
      );
      assert.match(
        await text(page, `${ex} .pickers .rule`),
        trace.groups === 1 ? /every input channel feeds every output channel/ : new RegExp(`^groups ${trace.groups}`),
      );
      let sums = 0;
      await page.click(`${ex} button.first`);
      for (let t = 0; t < trace.stepCount; t++) {
        await page.click(`${ex} button.next`);
        const step = trace.step(t);
        // The step's own input channel is drawn and ringed; its receivers are ringed on the output side.
        assert.equal(await pressed(page, n, 'input'), step.channel, `step ${t + 1}: the input channel drawn`);
        assert.deepEqual(await ringed(page, n, 'input'), [step.channel]);
        assert.deepEqual(
          await ringed(page, n, 'output'),
          Array.from({ length: per }, (_, j) => step.firstOutputChannel + j),
          `step ${t + 1}: the output channels that receive its copies`,
        );
        assert.match(
          await text(page, `${ex} .receivers`),
          new RegExp(
            `into output channels? ${step.firstOutputChannel}${per > 1 ? `–${step.firstOutputChannel + per - 1}` : ''}`,
          ),
        );
        const desc = await text(page, `${ex} .desc`);
        sums += checkSums(desc, trace, t, await pressed(page, n, 'output'));
        // Every output channel of the example, picked in the strip: its buffer after this step, and
        // the scaled copy where the step feeds it.
        for (let co = 0; co < trace.outChannels; co++) {
          await pick(page, n, 'output', co);
          assert.equal(await pressed(page, n, 'output'), co);
          const expected = trace.bufferAfter(t + 1, { outChannels: [co, 1] }).data;
          assert.deepEqual(
            await numbers(page, `${ex} .scatter .buf`),
            Array.from(expected, fmt),
            `step ${t + 1}: intermediate output of channel ${co}`,
          );
          const feeds = co >= step.firstOutputChannel && co < step.firstOutputChannel + per;
          const copy = await numbers(page, `${ex} .scatter .copy`);
          if (feeds) {
            const j = co - step.firstOutputChannel;
            assert.deepEqual(
              copy,
              Array.from(step.products.data.subarray(j * taps, (j + 1) * taps), fmt),
              `copy into ${co}`,
            );
          } else
            assert.ok(
              copy.every((v) => v === ''),
              `step ${t + 1} adds nothing to channel ${co}`,
            );
          if (per === trace.outChannels || feeds) continue;
          // A channel of another group: the input strip moved to that group, the description says so.
          assert.match(await text(page, `${ex} .receivers`), /in another group and receives nothing/);
        }
      }
      assert.ok(sums > 0 || trace.groups === trace.inChannels, 'some step wrote a sum over input channels');

      // The end: every output cell of every channel, its value and its provenance sentence.
      await page.click(`${ex} button.last`);
      for (let co = 0; co < trace.outChannels; co++) {
        await pick(page, n, 'output', co);
        const area = outShape.reduce((a, b) => a * b, 1);
        assert.deepEqual(
          await numbers(page, `${ex} .scatter .out`),
          Array.from(trace.output.data.subarray(co * area, (co + 1) * area), fmt),
          `the output of channel ${co}`,
        );
        const tds = await page.$$(`${ex} .scatter .out [role=gridcell]`);
        for (const [i, cell] of flatCells(outShape, co).entries()) {
          await tds[i].hover();
          const terms = trace.contributions(cell);
          const bias = trace.bias ? ` + ${factor(trace.bias[co])} (bias)` : '';
          const value = trace.output.data[co * area + i];
          const expected = terms.length
            ? `${name('out', cell)} = ${terms.map((term) => `${name('x', term.input)}·${name('w', term.tap)}`).join(' + ')} = ` +
              `${terms.map((term) => `${num(term.value)}·${factor(term.weight)}`).join(' + ')}${bias} = ${num(value)}`
            : `${name('out', cell)} = ${num(value)}`;
          assert.ok(
            (await text(page, `${ex} .provenance`)).startsWith(expected),
            `provenance of ${name('out', cell)}: ${await text(page, `${ex} .provenance`)} (expected ${expected})`,
          );
        }
      }
      trace.dispose();
    });
  }

  test('the block maps: the weight as C_in × C_out blocks and Cᵀ in blocks, zero between groups, the group lit', async () => {
    const spec = specs['groups 2 (2D, 4 → 2 channels, stride 2)'];
    const trace = suite.api.trace(spec);
    const page = await open(query(spec));
    const map = await page.$$eval('#ex2 .scatter .blocks [role=row]:not(.ix-row)', (rows) =>
      rows.map((tr) => [...tr.querySelectorAll('[role=gridcell]')].map((td) => [td.textContent, td.className])),
    );
    // 4 input channels × 2 output channels; group 0 is inputs 0–1 → output 0, group 1 inputs 2–3 → output 1.
    assert.equal(map.length, 4);
    for (const [ci, row] of map.entries())
      for (const [co, [, cls]] of row.entries())
        assert.equal(cls.includes('z'), Math.floor(ci / 2) !== co, `block in ${ci} → out ${co}: zero between groups`);
    // Stepping into group 1 lights its blocks.
    await page.click('#ex2 button.first');
    for (let s = 0; s < 9; s++) await page.click('#ex2 button.next');
    const lit = await page.$$eval('#ex2 .scatter .blocks [role=gridcell].tap', (tds) => tds.length);
    assert.equal(lit, 2, 'the current group: 2 input channels × 1 output channel');
    assert.match(
      await text(page, '#ex2 .pickers .rule'),
      /input channels 0–1 feed output channel 0 only; input channels 2–3 feed output channel 1 only/,
    );
    // Cᵀ: its block map, and the block drawn of the shown channels equals the core's entries.
    await showView(page, 2, 'matrix');
    assert.equal(await page.$$eval('#ex2 .matrix .blocks [role=gridcell]', (tds) => tds.length), 8);
    const inArea = 4;
    const outShape = trace.axes.map((a) => a.output);
    const outArea = outShape[0] * outShape[1];
    for (const ci of [0, 3]) {
      await pick(page, 2, 'input', ci);
      const co = await pressed(page, 2, 'output');
      const drawn = await numbers(page, '#ex2 .matrix .ct');
      const expected = [];
      for (let r = 0; r < outArea; r++)
        for (let c = 0; c < inArea; c++) expected.push(fmt(trace.matrixEntry(co * outArea + r, ci * inArea + c)));
      assert.deepEqual(drawn, expected, `the block of Cᵀ for out ${co}, in ${ci}`);
    }
    trace.dispose();
  });

  test('the presets open the channel examples, the bias step adds one number per channel', async () => {
    const page = await open('');
    for (const [label, summary] of [
      ['2 → 3 channels', /channels 2 → 3/],
      ['Groups 2', /channels 2 → 2, groups 2/],
      ['Depthwise (groups = channels)', /channels 3 → 3, groups 3/],
      ['A bias per output channel', /channels 1 → 2, bias per channel/],
    ]) {
      await page.selectOption('#e1-preset', { label });
      assert.match(await text(page, '#ex1 .summary'), summary, label);
    }
    await page.click('#ex1 button.last');
    assert.match(await text(page, '#ex1 .desc'), /Add the bias 0\.5, −1 \(one per output channel\)/);
    await page.screenshot({ path: shotPath('channels-bias-1280') });
  });

  test('the editor: channels and groups, their errors at the field with the valid range, the URL', async () => {
    const page = await open('');
    await page.selectOption('#e1-preset', { label: '2 → 3 channels' });
    await page.fill('#ex1 input[aria-label="out channels"]', '4');
    assert.match(await text(page, '#ex1 .summary'), /channels 2 → 4/);
    await page.fill('#ex1 input[aria-label="groups"]', '3');
    // At the field just typed in: groups.
    const msg = await text(page, '#e1-groups');
    assert.match(msg, /out channels \(4\) must be a multiple of groups \(3\)/);
    assert.equal(await page.inputValue('#ex1 input[aria-label="groups"]'), '3', 'the typing stays');
    await page.fill('#ex1 input[aria-label="groups"]', '2');
    assert.match(await text(page, '#ex1 .summary'), /channels 2 → 4, groups 2/);
    await page.fill('#ex1 input[aria-label="in channels"]', '99');
    assert.match(await text(page, '#e1-in_channels'), /from 1 to 64/);
    await page.fill('#ex1 input[aria-label="in channels"]', '2');
    await page.click('#ex1 button.random');
    await page.waitForFunction(() => /w1=/.test(location.search) && /g1=2/.test(location.search));
    const url = new URL(page.url());
    const weight = JSON.parse(url.searchParams.get('w1'));
    assert.equal(weight.length, 2, 'C_in rows in the URL');
    assert.equal(weight[0].length, 2, 'C_out/groups columns');
  });
});

/** A page for elements of the test's own: the blog post's (which sets no tconv-ready mark), the element defined. */
async function elementPage() {
  const context = await suite.site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = suite.adopt(await context.newPage());
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.goto(`${suite.site.url}examples/blog-post.html`);
  await page.waitForFunction(() => customElements.get('tconv-viz'));
  return page;
}

describe('the scaled copy’s caption', () => {
  for (const width of [1280, 360])
    test(`${width} px: “−1.5 × w[1][2]” and the rest are never cut, and stepping never resizes the copy`, async () => {
      const spec = {
        dims: 2,
        input: [[[-1.5, 2]], [[3, -12.25]]],
        weight: [
          [[[1]], [[2]], [[3]]],
          [[[4]], [[5]], [[6]]],
        ],
      };
      const page = await open(query(spec), { width, height: 900 });
      const caption = () =>
        page.$eval('#ex2 .copy', (copy) => {
          const span = copy.querySelector('.cap > span');
          const range = document.createRange();
          range.selectNodeContents(span);
          const text = range.getBoundingClientRect();
          const shown = copy.querySelector('.scroll').getBoundingClientRect();
          return {
            words: span.textContent,
            cut: text.right > shown.right + 0.5,
            width: copy.getBoundingClientRect().width,
          };
        });
      const widths = new Set();
      const last = await page.$eval('#ex2 input[type=range]', (r) => Number(r.max));
      await page.click('#ex2 button.first');
      for (let s = 0; s <= last; s++) {
        for (const c of [0, 2]) {
          await page.click(`#ex2 .strip-output button[data-c="${c}"]`);
          const now = await caption();
          assert.equal(now.cut, false, `state ${s}, channel ${c}: “${now.words}” is cut`);
          widths.add(now.width);
        }
        if (s < last) await page.click('#ex2 button.next');
      }
      assert.equal(widths.size, 1, `the copy's widths: ${[...widths]}`);
    });
});

describe('the bound of drawn cells', () => {
  test('the largest example in all three views, 16 → 16 channels, 16 × 16, kernel 7 × 7, stride 4: at most 30,000 cells, as written', async () => {
    const m = (n, f) => Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => f(r, c)));
    const spec = {
      input: Array.from({ length: 16 }, () => m(16, (r, c) => (r + c) % 5)),
      weight: Array.from({ length: 16 }, () => Array.from({ length: 16 }, () => m(7, (r, c) => (r * c) % 3))),
    };
    const page = await elementPage();
    const { cells, written } = await page.evaluate(async (s) => {
      const el = document.createElement('tconv-viz');
      el.setAttribute('input', JSON.stringify(s.input));
      el.setAttribute('weight', JSON.stringify(s.weight));
      el.setAttribute('stride', '4');
      el.setAttribute('view', 'all');
      el.setAttribute('controls', 'full');
      document.body.prepend(el);
      while (el.stepCount === null && el.error === null) await new Promise((r) => setTimeout(r, 20));
      while (!el.shadowRoot.querySelector('.stage .matrix')) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {
        cells: el.shadowRoot.querySelectorAll('[role=gridcell]').length,
        written: el.shadowRoot.querySelector('.drawn').textContent,
      };
    }, spec);
    assert.ok(cells <= 30000, `${cells} cells drawn`);
    assert.ok(cells > 25000, `${cells}: the three views of the largest example`);
    assert.ok(written.startsWith(`${cells.toLocaleString('en')} cells drawn, of a bound of 30,000`), written);
  });
});

describe('the step description’s box', () => {
  // A 7 × 7 kernel at stride 1 over 64 groups: descriptions of 5 and 6 lines alternate. The box
  // that shrank back at each shorter one moved everything below it, twice in a few steps.
  test('grows to its longest text while stepping, never shrinks back, and fits a new spec’s text', async () => {
    const page = await elementPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(
      (s) => {
        const el = document.createElement('tconv-viz');
        el.id = 'long';
        el.setAttribute('input', JSON.stringify(s.input));
        el.setAttribute('weight', JSON.stringify(s.weight));
        el.setAttribute('groups', '64');
        el.setAttribute('step', '150');
        document.body.prepend(el);
      },
      {
        input: Array.from({ length: 64 }, (_, c) => ramp(16, 16, c)),
        weight: Array.from({ length: 64 }, (_, c) => [ramp(7, 7, c + 1)]),
      },
    );
    await page.waitForFunction(() => document.getElementById('long').stepCount !== null);
    const box = () =>
      page.$eval(
        '#long',
        (el) =>
          new Promise((done) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const desc = el.shadowRoot.querySelector('.desc');
                const text = el.shadowRoot.querySelector('.desc-text');
                done({
                  host: el.getBoundingClientRect().height,
                  desc: desc.getBoundingClientRect().height,
                  text: text.getBoundingClientRect().height,
                  cut: desc.scrollHeight - desc.clientHeight,
                });
              }),
            ),
          ),
      );
    const texts = new Set();
    let last = await box();
    for (let s = 151; s <= 190; s++) {
      await page.$eval('#long', (el, step) => el.setAttribute('step', String(step)), s);
      const now = await box();
      texts.add(now.text);
      assert.ok(now.cut <= 0, `step ${s}: ${now.cut} px of the description cut off`);
      assert.ok(now.desc >= last.desc, `step ${s}: the box shrank from ${last.desc} to ${now.desc} px`);
      assert.ok(now.host >= last.host, `step ${s}: the element shrank from ${last.host} to ${now.host} px`);
      last = now;
    }
    assert.ok(texts.size > 1, `texts of different heights were stepped through: ${[...texts]}`);
    assert.ok(last.desc > Math.min(...texts), 'the box kept the height of the longest text');
    // A new spec: its short description fits again.
    await page.$eval('#long', (el) => {
      el.removeAttribute('weight');
      el.removeAttribute('groups');
      el.setAttribute('input', '[2, 3]');
      el.setAttribute('kernel', '[1, 2, 3]');
      el.setAttribute('step', '1');
    });
    const fresh = await box();
    assert.ok(fresh.desc < last.desc, `after a new spec the box is ${fresh.desc} px, was ${last.desc}`);
    assert.ok(fresh.cut <= 0);
  });
});

describe('the element with 64 groups', () => {
  test('64 → 64 channels, 16 × 16, kernel 7 × 7: only the shown channels drawn, the bound named, steps right', async () => {
    const spec = {
      dims: 2,
      input: Array.from({ length: 64 }, (_, c) => ramp(16, 16, c)),
      weight: Array.from({ length: 64 }, (_, c) => [ramp(7, 7, c + 1)]),
      groups: 64,
    };
    const trace = suite.api.trace(spec);
    const page = await elementPage();
    await page.evaluate((s) => {
      const el = document.createElement('tconv-viz');
      el.id = 'big';
      el.setAttribute('input', JSON.stringify(s.input));
      el.setAttribute('weight', JSON.stringify(s.weight));
      el.setAttribute('groups', '64');
      document.body.prepend(el);
    }, spec);
    await page.waitForFunction(() => document.getElementById('big').stepCount !== null);
    assert.equal(await page.$eval('#big', (el) => el.error), null);
    assert.equal(await page.$eval('#big', (el) => el.stepCount), 64 * 256);
    const drawn = await page.$eval('#big', (el) => el.shadowRoot.querySelectorAll('[role=gridcell]').length);
    assert.ok(drawn <= 30000, `${drawn} cells drawn`);
    assert.match(
      await page.$eval('#big', (el) => el.shadowRoot.querySelector('.drawn').textContent),
      /cells drawn, of a bound of 30,000 for all channels and views/,
    );
    // Steps in channel 0, then a jump into channel 40: its buffer is the core's.
    const buf = (el) =>
      [...el.shadowRoot.querySelectorAll('.scatter .buf [role=gridcell]')].map((td) => td.textContent);
    await page.$eval('#big', (el) => el.setAttribute('step', '3'));
    assert.deepEqual(
      await page.$eval('#big', buf),
      Array.from(trace.bufferAfter(3, { outChannels: [0, 1] }).data, fmt),
    );
    await page.$eval('#big', (el) => el.setAttribute('step', String(40 * 256 + 17)));
    await page.$eval('#big', () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    // The step label's fixed box holds five-digit counts whole (it showed "Step 10257 of").
    const label = await page.$eval('#big', (el) => {
      // A strict box clips its text: a wrapped line or an overflow would be painted away.
      const box = el.shadowRoot.querySelector('.step-label');
      const range = document.createRange();
      range.selectNodeContents(box);
      const [text, outer] = [range.getBoundingClientRect(), box.getBoundingClientRect()];
      const fits = text.right <= outer.right + 0.5 && text.bottom <= outer.bottom + 0.5;
      return { text: box.textContent, fits, width: outer.width };
    });
    assert.equal(label.text, `Step ${40 * 256 + 17} of ${64 * 256}`);
    assert.ok(label.fits, `the label's ${label.width} px cut "${label.text}"`);
    assert.deepEqual(
      await page.$eval('#big', buf),
      Array.from(trace.bufferAfter(40 * 256 + 17, { outChannels: [40, 1] }).data, fmt),
      'the buffer of channel 40, which step 10257 feeds',
    );
    assert.ok((await page.$eval('#big', (el) => el.shadowRoot.querySelectorAll('[role=gridcell]').length)) <= 30000);
    trace.dispose();
  });
});
