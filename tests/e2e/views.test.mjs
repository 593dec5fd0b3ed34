// The three views in lockstep, checked against the core (the same tconv.js in Node): every gather
// step's window and written sum, the matrix's lit column and row at every step, the provenance
// sentence and the cells it lights in all three views (pointer, keyboard, tap), an input element
// that jumps to its step, the counts of the checkerboard, and motion that respects reduced motion.
import assert from 'node:assert/strict';
import { seed2d } from '../support/seeds.mjs';
import { describe, test } from 'node:test';
import { fmt } from '../../web/dom.js';
import { grid, pageSuite, shotPath, showView, text } from './support.mjs';

const suite = pageSuite();
const open = suite.open;

const seed2 = seed2d;
const opening = {
  dims: 2,
  input: [
    [1, 2],
    [3, 4],
  ],
  kernel: [
    [1, 1, 1],
    [1, 1, 1],
    [1, 1, 1],
  ],
};
const opening2d = '?in2=1,2;3,4&k2=1,1,1;1,1,1;1,1,1';
const shown = (v) => fmt(v).replace(/^-/, '−');
const cellsOf = (shape) => {
  const out = [];
  const count = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < count; i++) out.push(shape.length === 2 ? [0, Math.floor(i / shape[1]), i % shape[1]] : [0, i]);
  return out;
};
/** The classes and texts of the cells of a grid, row-major. */
const cells = (page, selector) =>
  page.$$eval(`${selector} [role=gridcell]`, (tds) =>
    tds
      .filter((td) => !td.classList.contains('corner'))
      .map((td) => ({ cls: td.className.split(' '), text: td.textContent })),
  );

describe('the gather view steps through the output cells', () => {
  for (const [name, search, spec] of [
    ['the seed’s 2D example', '', seed2],
    ['the post’s opening figure', opening2d, opening],
  ]) {
    test(`${name}: at every gather step, the window and the written sum are the core’s`, async () => {
      const page = await open(search);
      await showView(page, 2, 'gather');
      const trace = suite.api.trace(spec);
      const outShape = trace.axes.map((a) => a.output);
      const padded = trace.gather.paddedInput.shape.slice(1);
      for (const [i, cell] of cellsOf(outShape).entries()) {
        await page.click('#ex2 button.next');
        assert.equal(await text(page, '#ex2 .step-label'), `Cell ${i + 1} of ${outShape[0] * outShape[1]}`);
        const window = trace.gatherWindow(cell);
        const grid = await cells(page, '#ex2 .gather .padded');
        const taps = grid.flatMap((c, k) => (c.cls.includes('tap') ? [k] : []));
        assert.deepEqual(
          taps,
          window.taps.map((t) => t.padded[1] * padded[1] + t.padded[2]).sort((a, b) => a - b),
          `cell ${cell}`,
        );
        // Taps on inserted zeros and on padding are marked as what they are.
        for (const t of window.taps) {
          const kind = { input: 'gv', zero: 'gz', padding: 'gp' }[t.on];
          assert.ok(grid[t.padded[1] * padded[1] + t.padded[2]].cls.includes(kind), `${t.on} at ${t.padded}`);
        }
        const onInput = window.taps.filter((t) => t.on === 'input');
        const value = trace.output.data[i];
        const sum = await text(page, '#ex2 .gather .sum');
        const terms = onInput
          .map((t) => `${shown(t.value)}·${t.weight < 0 ? `(${shown(t.weight)})` : shown(t.weight)}`)
          .join(' + ');
        // With no tap on an input value, the value and why (not "0 = 0").
        const all = window.taps.length;
        assert.ok(
          sum.startsWith(
            terms
              ? `out[${cell[1]}][${cell[2]}] = ${terms} = ${shown(value)}`
              : `out[${cell[1]}][${cell[2]}] = ${shown(value)} (${all === 1 ? 'its one tap falls' : `all ${all} taps fall`} on inserted zeros or padding`,
          ),
          `${sum} vs ${terms}`,
        );
        // The output so far: the computed cells, the current one marked.
        const out = await cells(page, '#ex2 .gather .out');
        assert.deepEqual(
          out.slice(0, i + 1).map((c) => c.text),
          Array.from(trace.output.data.subarray(0, i + 1), fmt),
        );
        assert.ok(out[i].cls.includes('cur'));
      }
      trace.dispose();
    });
  }

  test('a window with no tap on an input value says so, not "0 = 0"', async () => {
    const page = await open('?in1=1,2,3,4&k1=1,-1&s1=3&v1=gather&step1=3');
    assert.equal(
      await text(page, '#ex1 .gather .sum'),
      'out[2] = 0 (all 2 taps fall on inserted zeros or padding: products of 0).',
    );
    await page.click('#ex1 button.back');
    assert.equal(
      await text(page, '#ex1 .gather .sum'),
      'out[1] = 1·(−1) = −1 (1 more tap falls on inserted zeros or padding: products of 0).',
    );
  });

  test('the original kernel stands beside the rotated one, with the turn labelled', async () => {
    const page = await open();
    await showView(page, 2, 'gather');
    const kernel = await page.$$eval('#ex2 .gather .kern:not(.rotated) [role=gridcell]', (tds) =>
      tds.map((td) => td.textContent),
    );
    const rotated = await page.$$eval('#ex2 .gather .rotated [role=gridcell]', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(kernel, ['1', '1', '1', '0', '0', '0', '-1', '-1', '-1']);
    assert.deepEqual(rotated, ['-1', '-1', '-1', '0', '0', '0', '1', '1', '1']);
    assert.match(await text(page, '#ex2 .gather .turn'), /180°/);
  });
});

describe('the matrix view steps too', () => {
  test('at each scatter step the lit column of Cᵀ is the core’s column; at each gather step the row', async () => {
    const page = await open();
    const trace = suite.api.trace(seed2);
    const [rows, cols] = trace.matrixShape;
    await showView(page, 2, 'matrix');
    for (let t = 0; t < cols; t++) {
      await page.click('#ex2 button.next');
      const ct = await cells(page, '#ex2 .matrix .ct');
      const lit = ct.flatMap((c, k) => (c.cls.includes('line') ? [k] : []));
      assert.deepEqual(
        lit,
        Array.from({ length: rows }, (_, r) => r * cols + t),
      );
      assert.deepEqual(
        lit.map((k) => ct[k].text),
        Array.from(trace.matrixColumn(t), fmt),
      );
    }
    // Driven by the gather's steps in the lockstep view: the rows, one per output cell.
    await showView(page, 2, 'all');
    // "Step by" is one radio group: one checked (input elements first), one tab stop, ←/→ choose.
    const radios = () =>
      page.$$eval('#ex2 .driver [role=radio]', (bs) => bs.map((b) => [b.getAttribute('aria-checked'), b.tabIndex]));
    assert.deepEqual(await radios(), [
      ['true', 0],
      ['false', -1],
    ]);
    await page.focus('#ex2 .driver [data-driver=scatter]');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await radios(), [
      ['false', -1],
      ['true', 0],
    ]);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.driver), 'gather');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await radios(), [
      ['true', 0],
      ['false', -1],
    ]);
    await page.click('#ex2 .driver [data-driver=gather]');
    for (let r = 0; r < rows; r++) {
      await page.click('#ex2 button.next');
      const ct = await cells(page, '#ex2 .matrix .ct');
      const lit = ct.flatMap((c, k) => (c.cls.includes('line') ? [k] : []));
      assert.deepEqual(
        lit.map((k) => ct[k].text),
        Array.from(trace.matrixRow(r), fmt),
      );
    }
    trace.dispose();
  });

  test('the lockstep view at Start: no view shows an output yet; after a step the others show their end', async () => {
    const page = await open('?v2=all&step2=0');
    const trace = suite.api.trace(seed2);
    const rowsOf = (values) => [0, 1, 2].map((r) => values.slice(3 * r, 3 * r + 3));
    const final = rowsOf(Array.from(trace.output.data, fmt));
    const empty = rowsOf(Array(9).fill(''));
    for (const driver of ['scatter', 'gather']) {
      await page.click(`#ex2 .driver [data-driver=${driver}]`);
      await page.click('#ex2 button.first');
      assert.deepEqual(await grid(page, 2, 'out', 'scatter'), empty, `${driver} at Start: the scatter's output`);
      assert.deepEqual(await grid(page, 2, 'out', 'gather'), empty, `${driver} at Start: the gather's output`);
      await page.click('#ex2 button.next');
      const other = driver === 'scatter' ? 'gather' : 'scatter';
      assert.deepEqual(await grid(page, 2, 'out', other), final, `${driver} at its first step: the ${other}'s output`);
    }
    trace.dispose();
  });

  test('C is shown beside Cᵀ on request, the same numbers by rows instead of columns', async () => {
    const page = await open();
    await showView(page, 2, 'matrix');
    assert.equal(await page.$eval('#ex2 .matrix .c', (g) => g.hidden), true);
    await page.click('#ex2 .matrix .toggle');
    assert.equal(await page.$eval('#ex2 .matrix .c', (g) => g.hidden), false);
    const ct = await cells(page, '#ex2 .matrix .ct');
    const c = await cells(page, '#ex2 .matrix .c');
    for (let r = 0; r < 9; r++) for (let k = 0; k < 4; k++) assert.equal(c[k * 9 + r].text, ct[r * 4 + k].text);
    assert.match(
      await text(page, '#ex2 .matrix .remark'),
      /it is 4 × 9\. This operation applies its transpose Cᵀ, 9 × 4/,
    );
    assert.match(await text(page, '#ex2 .matrix .remark'), /maps 3 × 3 = 9 values to 2 × 2 = 4:/);
    // In 1D with one channel only the counts: "5 values", not "5 = 5 values".
    await showView(page, 1, 'matrix');
    assert.match(
      await text(page, '#ex1 .matrix .remark'),
      /^C, the direct convolution, maps 5 values to 2: it is 2 × 5\./,
    );
  });

  test('a Cᵀ too large to draw still shows the lit column, from the on-demand queries', async () => {
    const input = Array.from({ length: 16 }, () => Array(16).fill(1).join(',')).join(';');
    const kernel = Array.from({ length: 7 }, () => Array(7).fill(1).join(',')).join(';');
    const page = await open(`?in2=${input}&k2=${kernel}&s2=4&v2=matrix&step2=3`);
    assert.match(await text(page, '#ex2 .matrix'), /Cᵀ is 4489 × 256: too large to draw here/);
    assert.equal(await text(page, '#ex2 .matrix .grid:not([hidden]) .cap'), 'Column 2 of Cᵀ');
  });
});

describe('provenance everywhere, linked across the views', () => {
  test('a value written rounded is “≈ 0.04”, never “= ≈0.04”, and its minus sign is the real one', async () => {
    // 0.1·0.2 + 0.2·0.1 is 0.04000000000000001 in doubles: written to four digits, marked ≈.
    for (const [kernel, sum] of [
      ['0.1,0.2', /^out\[1\] = 0\.1·0\.2 \+ 0\.2·0\.1 ≈ 0\.04\b/],
      ['-0.1,-0.2', /^out\[1\] = 0\.1·\(−0\.2\) \+ 0\.2·\(−0\.1\) ≈ −0\.04\b/],
    ]) {
      const page = await open(`?in1=0.1,0.2&k1=${kernel}`);
      await page.locator('#ex1 .scatter .out [role=gridcell]').nth(1).hover();
      assert.match(await text(page, '#ex1 .provenance'), sum);
    }
  });

  test('pointing at an output cell writes its sum in the core’s order and lights its relatives in all three views', async () => {
    const page = await open('?v2=all');
    const trace = suite.api.trace(seed2);
    const terms = trace.contributions([0, 1, 1]);
    await page.hover('#ex2 .scatter .out [role=row]:nth-child(3) [role=gridcell]:nth-child(3)');
    const sentence = await text(page, '#ex2 .provenance');
    const expected = `out[1][1] = ${terms.map((t) => `${shown(t.value)}·${t.weight < 0 ? `(${shown(t.weight)})` : shown(t.weight)}`).join(' + ')} = ${shown(trace.output.data[4])}`;
    assert.ok(sentence.startsWith(expected), `${sentence}\n${expected}`);
    assert.equal(await page.getAttribute('#ex2 .provenance', 'aria-live'), 'polite');
    // Lit: the input elements and kernel taps of the products, the buffer cell, Cᵀ's row, the gather window.
    const lit = async (selector) => (await cells(page, selector)).flatMap((c, k) => (c.cls.includes('rel') ? [k] : []));
    assert.deepEqual(await lit('#ex2 .scatter .in'), [0, 1, 2, 3]);
    assert.deepEqual(
      await lit('#ex2 .scatter .kern'),
      terms.map((t) => t.tap[2] * 3 + t.tap[3]).sort((a, b) => a - b),
    );
    assert.deepEqual(await lit('#ex2 .scatter .buf'), [2 * 5 + 2]);
    assert.deepEqual(await lit('#ex2 .matrix .ct'), [16, 17, 18, 19]);
    assert.deepEqual(
      await lit('#ex2 .gather .padded'),
      trace
        .gatherWindow([0, 1, 1])
        .taps.map((t) => t.padded[1] * 5 + t.padded[2])
        .sort((a, b) => a - b),
    );
    trace.dispose();
  });

  test('an output_padding cell says that no copy reached it; an input element lists where it adds and jumps to its step', async () => {
    const page = await open('?in1=2,3&k1=1,2,3&s1=2&op1=1');
    await page.hover('#ex1 .scatter .out [role=gridcell]:nth-child(6)');
    assert.match(
      await text(page, '#ex1 .provenance'),
      /^out\[5\] = 0: no kernel copy reached this cell \(output_padding keeps it\)\.$/,
    );
    await page.hover('#ex1 .scatter .in [role=gridcell]:nth-child(2)');
    assert.match(
      await text(page, '#ex1 .provenance'),
      /^x\[1\] = 3: step 2 adds 3 × the kernel to 3 intermediate cells; all of them are in the output\.$/,
    );
    await page.click('#ex1 .scatter .in [role=gridcell]:nth-child(2)');
    assert.match(await text(page, '#ex1 .desc'), /^Step 2 of 2: x\[1\] = 3\./);
  });

  test('a cell of the scaled copy is this step’s product, and lights the cell it is added to', async () => {
    const page = await open('?in1=2,3&k1=1,2,3&s1=2&step1=2');
    await page.hover('#ex1 .scatter .copy [role=gridcell]:nth-child(3)');
    assert.equal(
      await text(page, '#ex1 .provenance'),
      'copy[2] = x[1]·kernel[2] = 3·3 = 9: step 2 adds it to intermediate[4], out[4] in the output.',
    );
    const lit = (grid) =>
      page.$$eval(`#ex1 .scatter .${grid} [role=gridcell]`, (cs) =>
        cs.flatMap((c, i) => (c.classList.contains('rel') ? [i] : [])),
      );
    assert.deepEqual(await lit('buf'), [4]);
    assert.deepEqual(await lit('in'), [1]);
    assert.deepEqual(await lit('kern'), [2]);
  });

  test('a kernel tap lists every product that used it', async () => {
    const page = await open();
    await page.hover('#ex1 .scatter .kern [role=gridcell]:nth-child(3)');
    assert.equal(
      await text(page, '#ex1 .provenance'),
      'kernel[2] = 3 is used by 2 products, one per input element: 2·3 into intermediate[2], 3·3 into intermediate[4].',
    );
  });

  test('keyboard only: one tab stop per grid, arrows move the cell cursor, every cell’s provenance is reached', async () => {
    const page = await open();
    await page.focus('#ex1 .scatter .out [role=gridcell][tabindex="0"]');
    assert.match(await text(page, '#ex1 .provenance'), /^out\[0\] = 2·1 = 2/);
    for (const [key, pattern] of [
      ['ArrowRight', /^out\[1\] = 2·2 = 4/],
      ['ArrowRight', /^out\[2\] = 2·3 \+ 3·1 = 9: the sum of 2 products\./],
      ['End', /^out\[4\] = 3·3 = 9/],
      ['Home', /^out\[0\]/],
    ]) {
      await page.keyboard.press(key);
      assert.match(await text(page, '#ex1 .provenance'), pattern, key);
    }
    // The grid is one tab stop: Tab leaves it.
    const tabStops = await page.$$eval(
      '#ex1 .scatter .out [role=gridcell]',
      (tds) => tds.filter((td) => td.tabIndex === 0).length,
    );
    assert.equal(tabStops, 1);
    // Enter on an input element jumps to its step.
    await page.focus('#ex1 .scatter .in [role=gridcell][tabindex="0"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.match(await text(page, '#ex1 .desc'), /^Step 2 of 2/);
  });

  test('tapping a cell on a phone writes its sentence', async () => {
    const page = await suite.site.browser
      .newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true })
      .then((c) => c.newPage());
    page.problems = [];
    suite.adopt(page);
    await page.goto(suite.site.url);
    await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1);
    await page.tap('#ex1 .scatter .out [role=gridcell]:nth-child(3)');
    assert.match(await text(page, '#ex1 .provenance'), /^out\[2\] = 2·3 \+ 3·1 = 9/);
    // The cells stay lit after the finger lifts (its pointer leaves as it does): both input elements,
    // two taps of the kernel, and the tapped cell.
    const lit = async (selector) => (await cells(page, selector)).flatMap((c, k) => (c.cls.includes('rel') ? [k] : []));
    assert.deepEqual(await lit('#ex1 .scatter .in'), [0, 1]);
    assert.deepEqual(await lit('#ex1 .scatter .kern'), [0, 2]);
    // A tap in another grid, then back on the same cell: lit again.
    await page.tap('#ex1 .scatter .in [role=gridcell]:nth-child(2)');
    assert.deepEqual(await lit('#ex1 .scatter .buf'), [2, 3, 4], 'x[1] adds to cells 2 to 4');
    await page.tap('#ex1 .scatter .out [role=gridcell]:nth-child(3)');
    assert.deepEqual(await lit('#ex1 .scatter .kern'), [0, 2]);
  });

  test('the sentence of a cell the pointer left follows the steps, and goes with the view', async () => {
    const page = await open('?step2=2');
    await page.hover('#ex2 .scatter .buf [role=row]:nth-child(4) [role=gridcell]:nth-child(4)');
    assert.match(await text(page, '#ex2 .provenance'), /After step 2 it holds/);
    // The pointer goes to the step buttons: the sentence stays, about the state shown.
    await page.click('#ex2 button.last');
    // A step may land in the next frame (the steps are budgeted): wait for the label.
    await page.waitForFunction(() => /Carve/.test(document.querySelector('#ex2 .step-label').textContent));
    assert.doesNotMatch(await text(page, '#ex2 .provenance'), /After step/);
    assert.match(await text(page, '#ex2 .provenance'), /^intermediate\[2\]\[2\] = /);
    await page.click('#ex2 .views-tabs button:text-is("Gather")');
    await page.waitForSelector('#ex2 .gather');
    assert.equal(await text(page, '#ex2 .provenance'), '');
  });

  test('running sums in the step description', async () => {
    const page = await open('?in1=1,2,3,4&k1=1,1,1&s1=2&step1=3');
    assert.match(await text(page, '#ex1 .desc'), /Where copies now overlap, the cells hold sums: Cell 4: 2 \+ 3 = 5\./);
  });
});

describe('captions', () => {
  // Each part of a caption (between its ' · ') stays on one line: "Zero-" / "inserted" and "w[0]" /
  // "[0]" broke at a hyphen and between two indices.
  const groups3 = `?in2=${JSON.stringify([[[1]], [[2]], [[3]]])}&w2=${JSON.stringify([
    [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    [
      [
        [5, 6],
        [7, 8],
      ],
    ],
    [
      [
        [9, 1],
        [2, 3],
      ],
    ],
  ])}&g2=3&v2=all`;
  for (const width of [360, 1280])
    for (const query of ['?v2=all', groups3])
      test(`${width} px, ${query.slice(0, 24)}…: no caption breaks inside a part`, async () => {
        const page = await open(query, { width, height: 900 });
        const broken = await page.$$eval('#ex2 .cap > span', (spans) =>
          spans.flatMap((span) => {
            if (!span.getClientRects().length) return [];
            const texts = [];
            const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) texts.push(walker.currentNode);
            // The text node and offset of the k-th character of the caption.
            const at = (k) => {
              for (const t of texts) {
                if (k < t.data.length) return [t, k];
                k -= t.data.length;
              }
              const t = texts[texts.length - 1];
              return [t, t.data.length];
            };
            const parts = [];
            let from = 0;
            for (const part of span.textContent.split(' · ')) {
              const range = document.createRange();
              range.setStart(...at(from));
              range.setEnd(...at(from + part.length));
              const rects = [...range.getClientRects()].filter((r) => r.width > 0);
              if (new Set(rects.map((r) => Math.round(r.top))).size > 1) parts.push(part);
              from += part.length + 3;
            }
            return parts;
          }),
        );
        assert.deepEqual(broken, []);
        // The block maps' column names ("in 0") each fit their column.
        const overflowing = await page.$$eval('#ex2 .block-map [role=columnheader]', (heads) =>
          heads
            .filter((head) => {
              const range = document.createRange();
              range.selectNodeContents(head);
              return range.getBoundingClientRect().width > head.getBoundingClientRect().width;
            })
            .map((head) => head.textContent),
        );
        assert.deepEqual(overflowing, []);
        const captions = await page.$$eval('#ex2 .cap > span', (spans) => spans.map((s) => s.textContent).join(' | '));
        assert.match(captions, /Zero-inserted,\u00a0padded\u00a0input/);
      });
});

describe('the checkerboard', () => {
  // The rule is the core's per axis (trace.axes[a].overlap), whatever the input's size; the counts it
  // quotes are the output's along its middle lines.
  const both = 'neighbouring cells receive different numbers of products, an uneven overlap';
  const even =
    'away from the borders of a long enough input every cell receives the same number of products, an even overlap';
  const pattern = ' This unevenness is the checkerboard pattern of transposed convolutions.';
  for (const [n, query, rule] of [
    [
      2,
      '',
      `Along both axes, kernel 3 is not a multiple of stride 2: ${both}. Here the output’s middle column reads 2, 4, 2, its middle row 2, 4, 2.${pattern}`,
    ],
    [
      2,
      '?in2=1,2;3,4&k2=1,1,1;0,0,0;-1,-1,-1&s2=2,1&p2=1',
      `Along the height, kernel 3 is not a multiple of stride 2: ${both}; along the width, kernel 3 is a multiple of stride 1: ${even}. Here the output’s middle column reads 2, 4, 2, its middle row 4, 4.${pattern}`,
    ],
    [
      1,
      '?in1=1,2,3&k1=1,1,1,1,1&s1=2&d1=2',
      `Stride 2 and dilation 2 share a factor: the kernel’s taps skip some positions between two copies, cells that receive no product. Here the output’s counts read 1, 0, 2, 0, 3, 0, 3, 0, 3 and 4 more.${pattern}`,
    ],
    [
      1,
      '?in1=2,3&k1=1,2,3&s1=3',
      `Kernel 3 is a multiple of stride 3: ${even}. Here the output’s counts read 1, 1, 1, 1, 1, 1.`,
    ],
    [
      1,
      '?in1=1,2,3&k1=1,1,1&d1=2',
      `Kernel 3 is a multiple of stride 1, which shares no factor with dilation 2: ${even}. Here the output’s counts read 1, 1, 2, 1, 2, 1, 1.`,
    ],
    [
      1,
      '?in1=1,2&k1=1&s1=2',
      `Kernel 1 is smaller than stride 2: the copies leave gaps, cells that receive no product. Here the output’s counts read 1, 0, 1.${pattern}`,
    ],
  ])
    test(`the rule per axis from the core: example ${n} ${query || 'as it opens'}`, async () => {
      const page = await open(query);
      await page.click(`#ex${n} .counts-toggle`);
      assert.equal(await text(page, `#ex${n} .counts-key .rule`), rule);
    });

  for (const [kernel, even] of [
    ['1,1,1', false],
    ['1,1,1,1', true],
  ]) {
    test(`kernel ${kernel.split(',').length}, stride 2: counts equal the core’s and the rule says ${even ? 'even' : 'uneven'}`, async () => {
      const page = await open(`?in1=1,1,1,1,1&k1=${kernel}&s1=2`);
      await page.click('#ex1 .counts-toggle');
      const trace = suite.api.trace({
        dims: 1,
        input: [1, 1, 1, 1, 1],
        kernel: kernel.split(',').map(Number),
        stride: 2,
      });
      const counts = Array.from(trace.finalContributions);
      const distinct = [...new Set(counts)].sort((a, b) => a - b);
      const heat = await page.$$eval('#ex1 .scatter .buf [role=gridcell]', (tds) =>
        tds.map((td) => Number(td.dataset.heat)),
      );
      assert.deepEqual(
        heat,
        counts.map((c) => Math.min(4, distinct.indexOf(c))),
      );
      const legend = await page.$$eval('#ex1 .heat-legend li', (lis) => lis.map((li) => li.textContent));
      assert.deepEqual(legend, distinct.map(String));
      const rule = await text(page, '#ex1 .counts-key .rule');
      assert.equal(
        rule,
        even
          ? 'Kernel 4 is a multiple of stride 2: away from the borders of a long enough input every cell receives the same number of products, an even overlap. Here the output’s counts read 1, 1, 2, 2, 2, 2, 2, 2, 2 and 3 more.'
          : 'Kernel 3 is not a multiple of stride 2: neighbouring cells receive different numbers of products, an uneven overlap. Here the output’s counts read 1, 1, 2, 1, 2, 1, 2, 1, 2 and 2 more. This unevenness is the checkerboard pattern of transposed convolutions.',
      );
      trace.dispose();
      await page.locator('#ex1').screenshot({ path: shotPath(`checkerboard-k${kernel.split(',').length}-s2`) });
    });
  }
});

describe('motion', () => {
  test('the copy travels into its window when motion is welcome, and not under reduced motion', async () => {
    const page = await open();
    // Watched from before the click, frame by frame: the flight starts a frame after the step and
    // lasts 280 ms, so one look after the click can come too early or, on a loaded machine, too late.
    const ran = page.evaluate(
      () =>
        new Promise((done) => {
          const t0 = performance.now();
          const look = () =>
            document.getAnimations().length
              ? done(true)
              : performance.now() - t0 > 5000
                ? done(false)
                : requestAnimationFrame(look);
          requestAnimationFrame(look);
        }),
    );
    await page.click('#ex1 button.next');
    assert.ok(await ran, 'an animation ran');
    const still = await open('', { reducedMotion: 'reduce' });
    await still.click('#ex1 button.next');
    assert.equal(await still.evaluate(() => document.getAnimations().length), 0);
    // Input is never delayed: the state is shown at once, whatever the animation.
    assert.match(await text(page, '#ex1 .desc'), /^Step 1 of 2/);
  });
});
