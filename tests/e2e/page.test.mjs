// The page in a real browser: the seed's numbers at every step, editing, the URL, the keyboard,
// bad input, and screenshots to look at. Run: node --test tests/e2e/ (after the wasm build).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { grid, ready, shotPath, start, text } from './support.mjs';

let site;
let pages = [];
before(async () => (site = await start()));
after(() => site.close());
const open = async (...args) => {
  const page = await site.open(...args);
  pages.push(page);
  return page;
};
// No test may leave a console error, a page error or a CSP violation behind.
afterEach(async () => {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors');
    await page.context().close();
  }
  pages = [];
});

const rows = (...r) => r.map((row) => row.map(String));
const next = (page, ex) => page.click(`#ex${ex} button.next`);
const desc = (page, ex) => text(page, `#ex${ex} .desc`);

describe('the seed’s worked examples', () => {
  test('1D: [2,3] with [1,2,3], stride 2, at every step', async () => {
    const page = await open();
    assert.deepEqual(await grid(page, 1, 'in'), rows([2, 3]));
    assert.deepEqual(await grid(page, 1, 'kern'), rows([1, 2, 3]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([0, 0, 0, 0, 0]));
    assert.match(await text(page, '#ex1 .buf caption'), /Intermediate output · 5/);
    await next(page, 1);
    assert.deepEqual(await grid(page, 1, 'copy'), rows([2, 4, 6]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([2, 4, 6, 0, 0]));
    assert.match(await desc(page, 1), /Step 1 of 2: input\[0\] = 2\. Add 2 × kernel at cells 0–2/);
    await next(page, 1);
    assert.deepEqual(await grid(page, 1, 'copy'), rows([3, 6, 9]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([2, 4, 9, 6, 9]));
    assert.match(await desc(page, 1), /at cells 2–4 .* 1 cell holds a sum of several copies/);
    // The cell that two copies reach is marked as a sum.
    assert.deepEqual(await page.$$eval('#ex1 .buf td.m', (tds) => tds.map((td) => td.textContent)), ['9']);
    await next(page, 1);
    assert.match(await desc(page, 1), /Carve the padding: cut 0 at the start, cut 0 at the end/);
    await next(page, 1);
    assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]));
    assert.equal(await page.$eval('#ex1 input[type=range]', (r) => r.value), '4');
  });

  test('2D: [[1,2],[3,4]] with the edge kernel, stride 2, padding 1, at every step', async () => {
    const page = await open();
    assert.deepEqual(await grid(page, 2, 'buf'), rows(...Array(5).fill([0, 0, 0, 0, 0])));
    await next(page, 2);
    assert.deepEqual(await grid(page, 2, 'copy'), rows([1, 1, 1], [0, 0, 0], [-1, -1, -1]));
    assert.deepEqual(
      await grid(page, 2, 'buf'),
      rows([1, 1, 1, 0, 0], [0, 0, 0, 0, 0], [-1, -1, -1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]),
    );
    await next(page, 2);
    assert.deepEqual(await grid(page, 2, 'copy'), rows([2, 2, 2], [0, 0, 0], [-2, -2, -2]));
    assert.match(await desc(page, 2), /input\[0\]\[1\] = 2\. Add 2 × kernel at rows 0–2, columns 2–4/);
    await next(page, 2);
    await next(page, 2);
    const seedIntermediate = rows(
      [1, 1, 3, 2, 2],
      [0, 0, 0, 0, 0],
      [2, 2, 4, 2, 2],
      [0, 0, 0, 0, 0],
      [-3, -3, -7, -4, -4],
    );
    assert.deepEqual(await grid(page, 2, 'buf'), seedIntermediate);
    await next(page, 2);
    // The carve: the outer ring is cut, the 3×3 centre kept.
    assert.equal(await page.$$eval('#ex2 .buf td.cut', (tds) => tds.length), 16);
    assert.deepEqual(await grid(page, 2, 'out'), rows([0, 0, 0], [2, 4, 2], [0, 0, 0]));
    await next(page, 2);
    assert.deepEqual(await grid(page, 2, 'out'), rows([0, 0, 0], [2, 4, 2], [0, 0, 0]));
    assert.match(
      await desc(page, 2),
      /^Output, 3 × 3: the intermediate output without its padding\. This is what PyTorch’s ConvTranspose2d returns\.$/,
    );
  });

  test('labels, sizes and formulas in the seed’s terms', async () => {
    const page = await open();
    assert.match(await text(page, '#ex2 .in caption'), /Input · 2 × 2/);
    assert.match(await text(page, '#ex2 .kern caption'), /not flipped/);
    assert.match(await text(page, '#ex2 .out caption'), /Output · 3 × 3/);
    assert.match(await text(page, '#ex2 .relation'), /maps a 3 × 3 grid to 2 × 2/);
    const math = await page.$$eval('#ex2 .formulas dd', (m) => m.map((el) => el.textContent.replace(/\s+/g, '')));
    assert.ok(math.includes('intermediate=(i−1)·s+d·(k−1)+1=(2−1)·2+1·(3−1)+1=5'), math.join('\n'));
    assert.ok(math.includes('output=intermediate−2p+pout=5−2·1+0=3'), math.join('\n'));
  });
});

describe('controls', () => {
  test('keyboard: ←/→, Home/End and Space (play/pause)', async () => {
    const page = await open();
    await page.focus('#ex1 .stage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.match(await desc(page, 1), /^Step 2 of 2/);
    await page.keyboard.press('ArrowLeft');
    assert.match(await desc(page, 1), /^Step 1 of 2/);
    await page.keyboard.press('End');
    assert.match(await desc(page, 1), /^Output/);
    await page.keyboard.press('Home');
    assert.match(await desc(page, 1), /^Start/);
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Pause');
    await page.waitForFunction(() => document.querySelector('#ex1 input[type=range]').value !== '0');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
    // The 2D example did not move.
    assert.match(await desc(page, 2), /^Start/);
  });

  test('play runs to the end and stops; the scrubber jumps', async () => {
    const page = await open('', { reducedMotion: 'reduce' });
    assert.equal(await page.$eval('#ex1 .buf td', (td) => getComputedStyle(td).transitionDuration), '0s');
    await page.$eval('#ex2 input[type=range]', (r) => {
      r.value = 4;
      r.dispatchEvent(new Event('input', { bubbles: true }));
    });
    assert.match(await desc(page, 2), /^Step 4 of 4/);
    await page.click('#ex1 button.play');
    await page.waitForFunction(() => document.querySelector('#ex1 .desc').textContent.startsWith('Output'), null, {
      timeout: 10000,
    });
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
  });

  test('every control has an accessible name; grids are tables with captions', async () => {
    const page = await open();
    await page.click('#ex2 .edit summary');
    const unnamed = await page.$$eval('button, input, select', (els) =>
      els
        .filter((el) => !el.getAttribute('aria-label') && !el.labels?.length && !el.title)
        .filter((el) => !(el.tagName === 'BUTTON' && el.textContent.trim())) // a button's text names it
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unnamed, []);
    assert.equal(await page.$$eval('#ex2 table caption', (c) => c.length), 5);
    assert.equal(await page.getAttribute('#ex2 .desc', 'aria-live'), 'polite');
  });
});

describe('review fixes', () => {
  test('Space on a focused button activates that button, not play', async () => {
    const page = await open();
    await page.focus('#ex1 button.next');
    await page.keyboard.press('Space');
    assert.match(await desc(page, 1), /^Step 1 of 2/);
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
  });

  test('at 360 px an open editor scrolls nothing sideways', async () => {
    const page = await open('', { width: 360, height: 800 });
    await page.click('#ex2 .edit summary');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
  });

  test('numbers too long for a cell are marked as rounded; short ones are exact', async () => {
    const page = await open('?in1=1.000001,0.25&k1=123456.7,1,0.1');
    assert.deepEqual(await grid(page, 1, 'in'), [['≈1', '0.25']]);
    assert.deepEqual(await grid(page, 1, 'kern'), [['≈123500', '1', '0.1']]);
  });

  test('typing in a cell after a refused paste counts', async () => {
    const page = await open();
    await page.click('#ex2 .edit summary');
    await page.fill('#ex2 .matrix.input label input', '1 2; 3');
    await page.fill('#ex2 input[aria-label="input[0][0]"]', '7');
    await page.click('#ex2 button.last');
    assert.deepEqual(await grid(page, 2, 'out'), rows([0, 0, 0], [-4, -2, 2], [0, 0, 0]));
  });
});

describe('state in the URL', () => {
  test('reloading restores the example and the step', async () => {
    const page = await open();
    await page.click('#ex2 .edit summary');
    await page.selectOption('#e2-preset', { label: 'output_padding 1 keeps a row and a column' });
    await next(page, 2);
    await next(page, 2);
    await next(page, 2);
    await page.waitForURL(/step2=3/);
    assert.match(page.url(), /op2=1/);
    const before = await grid(page, 2, 'buf');
    await page.reload();
    await ready(page);
    assert.deepEqual(await grid(page, 2, 'buf'), before);
    assert.match(await desc(page, 2), /^Step 3 of 4/);
    // The editor is built when opened, from the restored state.
    await page.click('#ex2 .edit summary');
    assert.equal(await page.inputValue('#ex2 .params input[aria-label="output_padding height"]'), '1');
    // The shared link opens the same view in a new page.
    const other = await open(new URL(page.url()).search);
    assert.deepEqual(await grid(other, 2, 'buf'), before);
    await other.click('#ex2 button.last');
    assert.deepEqual(await grid(other, 2, 'out'), rows([0, 0, 0, 0], [2, 4, 2, 2], [0, 0, 0, 0], [-3, -7, -4, -4]));
    assert.equal(await other.$$eval('#ex2 .out td.op', (tds) => tds.length), 7);
  });

  test('the largest accepted example renders and steps', async () => {
    const input = Array.from({ length: 16 }, () => Array(16).fill(1).join(',')).join(';');
    const kernel = Array.from({ length: 7 }, () => Array(7).fill(1).join(',')).join(';');
    const page = await open(`?in2=${input}&k2=${kernel}&s2=4&step2=5`);
    assert.match(await text(page, '#ex2 .buf caption'), /67 × 67/);
    assert.match(await desc(page, 2), /^Step 5 of 256/);
    await next(page, 2);
    assert.match(await desc(page, 2), /^Step 6 of 256/);
  });
});

describe('editing', () => {
  test('a cell, a size, a pasted matrix and a parameter update everything', async () => {
    const page = await open('?step1=4');
    await page.click('#ex1 .edit summary');
    await page.fill('#ex1 input[aria-label="kernel[0]"]', '10');
    assert.deepEqual(await grid(page, 1, 'out'), rows([20, 4, 36, 6, 9]));
    await page.fill('#ex1 .matrix.input label input', '[1, 2, 3]');
    assert.deepEqual(await grid(page, 1, 'in'), rows([1, 2, 3]));
    assert.equal(await page.$$eval('#ex1 .editor .input .cell', (c) => c.length), 3);
    assert.match(await text(page, '#ex1 .buf caption'), /· 7 ·/);
    await page.fill('#ex1 .params input[aria-label="bias"]', '0.5');
    assert.deepEqual(await grid(page, 1, 'out'), rows([10.5, 2.5, 23.5, 4.5, 36.5, 6.5, 9.5]));
    await page.fill('#ex1 input[aria-label="kernel length"]', '2');
    assert.deepEqual(await grid(page, 1, 'kern'), rows([10, 2]));
    await page.fill('#ex1 .params input[aria-label="stride"]', '1');
    assert.match(await text(page, '#ex1 .summary'), /Input 3 → output 4: kernel 2, stride 1, bias 0.5/);
    const math = await page.$$eval('#ex1 .formulas dd', (m) => m.map((el) => el.textContent.replace(/\s+/g, '')));
    assert.ok(
      math.some((m) => m.endsWith('=(3−1)·1+1·(2−1)+1=4')),
      math.join('\n'),
    );
    await page.waitForURL(/in1=1,2,3&k1=10,2&b1=0.5&step1=/);
  });

  const bad = [
    // [field selector, typed text, the message's field, the message]
    ['input[aria-label="input[1]"]', 'abc', 'input', /input\[1\] must be a number, got "abc"/],
    ['input[aria-label="stride"]', '0', 'stride', /stride must be at least 1, got 0/],
    ['input[aria-label="stride"]', '1.5', 'stride', /stride must be an integer/],
    [
      'input[aria-label="output_padding"]',
      '2',
      'output_padding',
      /output_padding = 2 must be smaller than stride \(2\)/,
    ],
    ['input[aria-label="padding"]', '9', 'padding', /padding 9 is too large/],
    ['input[aria-label="dilation"]', '-1', 'dilation', /dilation must be at least 1/],
    ['input[aria-label="bias"]', '1e200', 'bias', /bias\[0\] = 1e\+200 is larger in magnitude than the limit 1e\+100/],
    ['.matrix.input label input', '[1, 2', 'input', /cannot read/],
    ['.matrix.kernel label input', '1 2; 3 4', 'kernel', /kernel\[0\] must be a number, got an array/],
    ['.matrix.input label input', Array(70).fill(1).join(' '), 'input', /input length 70 is over the limit of 64/],
    [
      '.matrix.input label input',
      Array(20).fill(1).join(' '),
      'input',
      /input length 20 is over this page's limit of 16/,
    ],
    ['input[aria-label="input length"]', '40', 'input', /input length 40 is over this page's limit of 16/],
  ];
  test('each class of bad input: its message at the field, the last valid state kept, the text kept', async () => {
    const page = await open('?step1=4');
    await page.click('#ex1 .edit summary');
    await page.waitForURL(/step1=4/);
    const url = page.url();
    for (const [selector, typed, field, message] of bad) {
      const target = `#ex1 .editor ${selector}`;
      const old = await page.inputValue(target);
      await page.fill(target, typed);
      const shown = await text(page, `#e1-${field}`);
      assert.match(shown, message, `${typed} in ${selector}`);
      assert.equal(await page.inputValue(target), typed, 'the typed text stays');
      assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]), 'the last valid output stays');
      assert.equal(page.url(), url);
      await page.fill(target, old);
      assert.equal(await text(page, `#e1-${field}`), '', `the message goes once ${selector} is valid again`);
    }
    // An intermediate output too large to draw smoothly is refused with this page's limit.
    await page.fill('#ex1 .editor .matrix.input label input', Array(16).fill(1).join(' '));
    await page.fill('#ex1 .editor input[aria-label="stride"]', '8');
    assert.match(await text(page, '#e1-spec'), /intermediate output length would be 123, over this page's limit of 67/);
    assert.equal(await page.inputValue('#ex1 .editor input[aria-label="stride"]'), '8');
  });

  test('a link with a refused spec shows its message and the seed', async () => {
    const page = await open('?in2=1,2;3&k2=1');
    assert.match(await text(page, '#e2-input'), /input is ragged/);
    assert.deepEqual(await grid(page, 2, 'in'), rows([1, 2], [3, 4]));
    // Stepping the seed that is drawn instead keeps the link's values in the address bar.
    await next(page, 2);
    await page.waitForURL(/step2=1/);
    assert.match(decodeURIComponent(page.url()), /in2=1,2;3/);
    const unreadable = await open('?in1=[2,3&k1=1,2,3');
    assert.match(await text(unreadable, '#e1-spec'), /this link’s values cannot be read: cannot read/);
    assert.deepEqual(await grid(unreadable, 1, 'in'), rows([2, 3]));
  });
});

describe('two other ways to the same output', () => {
  // Every table in an example's views, as rows of text: padded input, rotated kernel, Cᵀ, x, y.
  const tables = (page, ex) =>
    page.$$eval(`#ex${ex} .views table`, (ts) =>
      ts.map((t) =>
        [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      ),
    );
  // The tables are built on the toggle event, which comes a task after the click.
  const openViews = async (page, ex) => {
    await page.click(`#ex${ex} .views summary`);
    await page.waitForSelector(`#ex${ex} .views table`);
  };
  const views = (page, ex) => text(page, `#ex${ex} .views`);

  test('2D seed: the zero-inserted padded input, the rotated kernel and Cᵀ', async () => {
    const page = await open();
    // Built only when opened: nothing in the default page.
    assert.equal(await page.$$eval('.views table', (t) => t.length), 0);
    assert.equal(await page.$eval('#ex2 .views', (d) => d.open), false);
    await openViews(page, 2);
    const [padded, rotated, ct, x, y] = await tables(page, 2);
    assert.deepEqual(padded, rows([0, 0, 0, 0, 0], [0, 1, 0, 2, 0], [0, 0, 0, 0, 0], [0, 3, 0, 4, 0], [0, 0, 0, 0, 0]));
    // Input values, inserted zeros and padding (the ring of 16 around the zero-inserted 3 × 3).
    const kinds = await page.$$eval('#ex2 .views table', ([t]) =>
      ['gv', 'gz', 'gp'].map((k) => [...t.querySelectorAll(`td.${k}`)].map((td) => td.textContent).join('')),
    );
    assert.deepEqual(kinds, ['1234', '00000', '0'.repeat(16)]);
    assert.deepEqual(rotated, rows([-1, -1, -1], [0, 0, 0], [1, 1, 1]));
    assert.match(
      await views(page, 2),
      /pad = dilation·\(k − 1\) − padding = 1·\(3 − 1\) − 1 = 1 on each side, plus output_padding 0 at the end/,
    );
    assert.match(
      await text(page, '#ex2 .views p'),
      /^Rotate the kernel 180°\. .*slide the rotated kernel \(taps 1 × 1 apart\) over this grid with stride 1; each window’s sum of products is one output cell/,
    );
    assert.match(
      await views(page, 2),
      /output \(flattened\) = Cᵀ · input \(flattened\), where C is the matrix of the direct convolution/,
    );
    // Cᵀ, 9 × 4, from its definition: Cᵀ[o][i] = kernel[o_r − 2·i_r + 1][o_c − 2·i_c + 1] where that is inside the kernel.
    const kernel = [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1],
    ];
    const expected = Array.from({ length: 9 }, (_, o) =>
      Array.from({ length: 4 }, (_, i) => {
        const [r, c] = [Math.floor(o / 3) - 2 * Math.floor(i / 2) + 1, (o % 3) - 2 * (i % 2) + 1];
        return r >= 0 && r < 3 && c >= 0 && c < 3 ? kernel[r][c] : 0;
      }),
    );
    assert.deepEqual(ct, rows(...expected));
    assert.deepEqual(ct[3], ['-1', '0', '1', '0']);
    assert.deepEqual(
      ct.map((row) => row[0]),
      ['0', '0', '0', '-1', '-1', '0', '0', '0', '0'],
    );
    assert.deepEqual(
      await page.$$eval('#ex2 .views table', (t) => [...t[2].querySelectorAll('thead th')].map((th) => th.textContent)),
      ['x[0,0]', 'x[0,1]', 'x[1,0]', 'x[1,1]'],
    );
    assert.deepEqual(
      await page.$$eval('#ex2 .views table', (t) =>
        [...t[2].querySelectorAll('tbody th')].map((th) => th.textContent).slice(0, 4),
      ),
      ['y[0,0]', 'y[0,1]', 'y[0,2]', 'y[1,0]'],
    );
    assert.equal(await page.$$eval('#ex2 .views table', (t) => t[2].querySelectorAll('td.z').length), 28);
    assert.deepEqual(x, rows([1], [2], [3], [4]));
    assert.deepEqual(y, rows([0], [0], [0], [2], [4], [2], [0], [0], [0]));
    // While open, a new trace re-renders them.
    await page.click('#ex2 .edit summary');
    await page.fill('#ex2 .params input[aria-label="padding height"]', '0');
    assert.equal((await tables(page, 2))[0].length, 7);
    assert.match(await views(page, 2), /height: pad = dilation·\(k − 1\) − padding = 1·\(3 − 1\) − 0 = 2 on each side/);
    assert.match(await views(page, 2), /width: pad = dilation·\(k − 1\) − padding = 1·\(3 − 1\) − 1 = 1 on each side/);
    assert.match(await text(page, '#ex2 .views .eq caption'), /^Cᵀ · 15 × 4$/);
  });

  test('1D seed: Cᵀ is 5 × 2, one shifted kernel per column', async () => {
    const page = await open();
    await openViews(page, 1);
    const [padded, rotated, ct, x, y] = await tables(page, 1);
    assert.deepEqual(padded, rows([0, 0, 2, 0, 3, 0, 0]));
    assert.deepEqual(rotated, rows([3, 2, 1]));
    assert.deepEqual(ct, rows([1, 0], [2, 0], [3, 1], [0, 2], [0, 3]));
    assert.deepEqual(
      [ct.map((r) => r[0]), ct.map((r) => r[1])],
      [
        ['1', '2', '3', '0', '0'],
        ['0', '0', '1', '2', '3'],
      ],
    );
    assert.deepEqual(x, rows([2], [3]));
    assert.deepEqual(y, rows([2], [4], [9], [6], [9]));
    // The 2D example's views stay closed and unbuilt.
    assert.equal(await page.$$eval('#ex2 .views table', (t) => t.length), 0);
  });

  test('a negative pad crops; a large Cᵀ is only named', async () => {
    const page = await open('?in1=1,2,3&k1=1,2,3&s1=2&p1=3&op1=1');
    await openViews(page, 1);
    assert.deepEqual((await tables(page, 1))[0], rows([0, 2, 0, 3]));
    assert.deepEqual(await page.$$eval('#ex1 .views table td', (tds) => tds.slice(0, 4).map((td) => td.className)), [
      'gz',
      'gv',
      'gz',
      'gv',
    ]);
    assert.match(
      await views(page, 1),
      /= −1 on each side, plus output_padding 1 at the end; a negative pad crops the zero-inserted input instead: 1 cell cut from the start/,
    );
    const input = Array.from({ length: 16 }, () => Array(16).fill(1).join(',')).join(';');
    const kernel = Array.from({ length: 7 }, () => Array(7).fill(1).join(',')).join(';');
    const large = await open(`?in2=${input}&k2=${kernel}&s2=4`);
    await openViews(large, 2);
    assert.match(await views(large, 2), /Cᵀ is 4489 × 256: too large to show here\./);
    assert.equal((await tables(large, 2))[0].length, 73);
    const medium = await open('?in2=1,2,3;4,5,6;7,8,9&k2=1,1,1;1,1,1;1,1,1&s2=2');
    await openViews(medium, 2);
    assert.match(await views(medium, 2), /Cᵀ is 49 × 9: too large to show here\./);
    assert.equal((await tables(medium, 2)).length, 2);
  });
});

describe('screenshots', () => {
  // Both examples at three steps (empty, mid, output), light and dark, desktop and 360 px wide.
  for (const width of [1280, 360]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${width} px, ${colorScheme}`, async () => {
        const page = await open('', { width, colorScheme });
        await page.screenshot({ path: shotPath(`page-${width}-${colorScheme}`), fullPage: true });
        for (const ex of [1, 2]) {
          for (const [name, key, times] of [
            ['empty', 'Home', 0],
            ['mid', 'ArrowRight', 2],
            ['output', 'End', 1],
          ]) {
            await page.focus(`#ex${ex} .stage`);
            if (key === 'ArrowRight') await page.keyboard.press('Home');
            for (let i = 0; i < Math.max(times, 1); i++) await page.keyboard.press(key);
            await page.$eval(`#ex${ex}`, (el) =>
              el.querySelectorAll('td').forEach((td) => td.getAnimations().forEach((a) => a.finish())),
            );
            await page.evaluate(() => document.activeElement.blur());
            const box = await page.$(`#ex${ex}`);
            const width_ = (await box.boundingBox()).width;
            assert.ok(width_ <= width, `#ex${ex} fits ${width} px`);
            await box.screenshot({ path: shotPath(`ex${ex === 1 ? '1d' : '2d'}-${name}-${width}-${colorScheme}`) });
          }
        }
        // The two other ways, opened.
        for (const ex of [1, 2]) {
          await page.click(`#ex${ex} .views summary`);
          await page.waitForSelector(`#ex${ex} .views table`);
          const views = await page.$(`#ex${ex} .views`);
          assert.ok((await views.boundingBox()).width <= width, `#ex${ex} views fit ${width} px`);
          await views.screenshot({ path: shotPath(`ex${ex === 1 ? '1d' : '2d'}-views-${width}-${colorScheme}`) });
        }
        // Nothing but the grids' own scrollers may be wider than the viewport.
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
      });
    }
  }
});
