// The page in a real browser: the seed's numbers at every step, words that agree, the parameter
// panel beside the grids, errors at their one field and axis, the URL, hostile links, the layout at
// 1280 and 360 px with a fresh machine's fonts, and screenshots to look at.
// Run: node --test tests/e2e/page.test.mjs (after the wasm build).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grid, pageSuite, ready, shotPath, showView, text } from './support.mjs';

const suite = pageSuite();
const open = suite.open;

const rows = (...r) => r.map((row) => row.map(String));
const next = (page, ex) => page.click(`#ex${ex} button.next`);
const desc = (page, ex) => text(page, `#ex${ex} .desc`);
const label = (page, ex) => text(page, `#ex${ex} .step-label`);

describe('the seed’s worked examples', () => {
  test('1D: [2,3] with [1,2,3], stride 2, at every step, in words that agree', async () => {
    const page = await open();
    assert.deepEqual(await grid(page, 1, 'in'), rows([2, 3]));
    assert.deepEqual(await grid(page, 1, 'kern'), rows([1, 2, 3]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([0, 0, 0, 0, 0]));
    assert.equal(await text(page, '#ex1 .in .cap'), 'Input: 2 cells');
    assert.match(await text(page, '#ex1 .kern .cap'), /^Kernel: 3 taps · not flipped$/);
    assert.match(await text(page, '#ex1 .buf .cap'), /^Intermediate output: 5 cells · before the carve$/);
    assert.equal(await label(page, 1), 'Start');
    // No copy is drawn before the first step: no empty grid in the picture.
    assert.equal(await page.$eval('#ex1 .copy', (g) => getComputedStyle(g).visibility), 'hidden');
    await next(page, 1);
    assert.deepEqual(await grid(page, 1, 'copy'), rows([2, 4, 6]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([2, 4, 6, 0, 0]));
    assert.equal(await label(page, 1), 'Step 1 of 2');
    assert.match(
      await desc(page, 1),
      /^Step 1 of 2: x\[0\] = 2\. Add 2 × kernel with its corner at stride × position = 2 × 0 = 0: cells 0–2\./,
    );
    assert.equal(await page.$eval('#ex1 input[type=range]', (r) => r.getAttribute('aria-valuetext')), 'Step 1 of 2');
    await next(page, 1);
    assert.deepEqual(await grid(page, 1, 'copy'), rows([3, 6, 9]));
    assert.deepEqual(await grid(page, 1, 'buf'), rows([2, 4, 9, 6, 9]));
    assert.match(
      await desc(page, 1),
      /corner at stride × position = 2 × 1 = 2: cells 2–4\. Where copies now overlap, the cells hold sums: Cell 2: 6 \+ 3 = 9\./,
    );
    assert.deepEqual(await page.$$eval('#ex1 .buf [role=gridcell].m', (tds) => tds.map((td) => td.textContent)), ['9']);
    await next(page, 1);
    // Without a bias the carve is the output: one state, not two that look the same.
    assert.equal(await label(page, 1), 'Carve: output');
    assert.match(
      await desc(page, 1),
      /^Carve the padding: cut 0 at the start, cut 0 at the end\. This is the output, 5 cells: what PyTorch’s ConvTranspose1d returns \(there is no bias\)\.$/,
    );
    assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]));
    assert.equal(await page.$eval('#ex1 input[type=range]', (r) => [r.value, r.max].join('/')), '3/3');
  });

  test('2D: [[1,2],[3,4]] with the edge kernel, stride 2, padding 1, at every step', async () => {
    const page = await open();
    assert.deepEqual(await grid(page, 2, 'buf'), rows(...Array(5).fill([0, 0, 0, 0, 0])));
    await next(page, 2);
    assert.deepEqual(await grid(page, 2, 'copy'), rows([1, 1, 1], [0, 0, 0], [-1, -1, -1]));
    await next(page, 2);
    assert.deepEqual(await grid(page, 2, 'copy'), rows([2, 2, 2], [0, 0, 0], [-2, -2, -2]));
    assert.match(
      await desc(page, 2),
      /x\[0\]\[1\] = 2\. Add 2 × kernel with its corner at stride × position = \(2 × 0, 2 × 1\) = \(0, 2\): rows 0–2, columns 2–4\./,
    );
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
    assert.equal(await page.$$eval('#ex2 .buf [role=gridcell].cut', (tds) => tds.length), 16);
    assert.deepEqual(await grid(page, 2, 'out'), rows([0, 0, 0], [2, 4, 2], [0, 0, 0]));
    assert.match(await desc(page, 2), /This is the output, 3 × 3: what PyTorch’s ConvTranspose2d returns/);
  });

  test('a bias is its own step, visibly different from the carve', async () => {
    const page = await open('?in1=2,3&k1=1,2,3&s1=2&b1=0.5&step1=3');
    assert.equal(await label(page, 1), 'Carve');
    assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]));
    await next(page, 1);
    assert.equal(await label(page, 1), 'Bias: output');
    assert.match(await desc(page, 1), /^Add the bias 0\.5 to every cell of the output/);
    assert.deepEqual(await grid(page, 1, 'out'), rows([2.5, 4.5, 9.5, 6.5, 9.5]));
  });

  test('with output_padding the buffer’s caption and the formula agree', async () => {
    const page = await open('?in1=2,3&k1=1,2,3&s1=3&op1=2');
    // The formula's intermediate output is 6; output_padding reaches 2 cells past it.
    assert.match(await text(page, '#ex1 .buf .cap'), /^Intermediate output: 6 cells, plus output_padding's 2 cells/);
    const math = await page.$$eval('#ex1 .formulas dd', (m) => m.map((el) => el.textContent.replace(/\s+/g, '')));
    assert.ok(
      math.some((m) => m.endsWith('=(2−1)·3+1·(3−1)+1=6')),
      math.join('\n'),
    );
  });

  test('sizes and the seed’s formulas with the numbers substituted', async () => {
    const page = await open();
    assert.match(await text(page, '#ex2 .out .cap'), /^Output: 3 × 3/);
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
    assert.match(await desc(page, 1), /^Carve/);
    await page.keyboard.press('Home');
    assert.match(await desc(page, 1), /^Start/);
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Pause');
    await page.waitForFunction(() => document.querySelector('#ex1 input[type=range]').value !== '0');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
    assert.match(await desc(page, 2), /^Start/);
  });

  test('Space on a focused button activates that button, not play', async () => {
    const page = await open();
    await page.focus('#ex1 button.next');
    await page.keyboard.press('Space');
    assert.match(await desc(page, 1), /^Step 1 of 2/);
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
  });

  test('play runs to the end and stops; the scrubber jumps; reduced motion has no transitions', async () => {
    const page = await open('', { reducedMotion: 'reduce' });
    assert.equal(await page.$eval('#ex1 .buf [role=gridcell]', (td) => getComputedStyle(td).transitionDuration), '0s');
    await page.$eval('#ex2 input[type=range]', (r) => {
      r.value = 4;
      r.dispatchEvent(new Event('input', { bubbles: true }));
    });
    assert.match(await desc(page, 2), /^Step 4 of 4/);
    await page.click('#ex1 button.play');
    await page.waitForFunction(() => document.querySelector('#ex1 .desc').textContent.startsWith('Carve'), null, {
      timeout: 10000,
    });
    assert.equal(await page.getAttribute('#ex1 button.play', 'aria-label'), 'Play');
    // Nothing moved on screen: no animation was started.
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0);
  });

  test('the spoken status is one short sentence per step', async () => {
    const page = await open();
    await next(page, 2);
    assert.equal(await page.getAttribute('#ex2 .status', 'aria-live'), 'polite');
    assert.equal(await text(page, '#ex2 .status'), 'Step 1 of 4: x[0][0] = 1.');
    // The long description is not a live region: it is not read out every step while playing.
    assert.equal(await page.getAttribute('#ex2 .desc', 'aria-live'), null);
  });

  test('every control has an accessible name; grids are named by their captions', async () => {
    const page = await open();
    const unnamed = await page.$$eval('button, input, select', (els) =>
      els
        .filter((el) => !el.getAttribute('aria-label') && !el.labels?.length && !el.title)
        .filter((el) => !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unnamed, []);
    const names = await page.$$eval('#ex2 .scatter [role=grid]', (grids) =>
      grids.map((g) => g.getRootNode().getElementById(g.getAttribute('aria-labelledby'))?.textContent),
    );
    assert.equal(names.length, 5);
    assert.ok(
      names.every((name) => name?.length > 0),
      String(names),
    );
  });
});

describe('the parameter panel', () => {
  test('a parameter, a size, pasted values and a bias update everything at once', async () => {
    const page = await open('?step1=3');
    await page.fill('#ex1 input[aria-label="stride"]', '1');
    assert.deepEqual(await grid(page, 1, 'out'), rows([2, 7, 12, 9]));
    await page.fill('#ex1 input[aria-label="stride"]', '2');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    await page.fill('#ex1 .paste[aria-label="input"]', '[1, 2, 3]');
    assert.deepEqual(await grid(page, 1, 'in'), rows([1, 2, 3]));
    assert.match(await text(page, '#ex1 .buf .cap'), /^Intermediate output: 7 cells/);
    await page.fill('#ex1 input[aria-label="bias"]', '0.5');
    assert.deepEqual(await grid(page, 1, 'out'), rows([1.5, 2.5, 5.5, 4.5, 9.5, 6.5, 9.5]));
    await page.fill('#ex1 input[aria-label="kernel length"]', '2');
    assert.deepEqual(await grid(page, 1, 'kern'), rows([1, 2]));
    assert.match(await text(page, '#ex1 .summary'), /Input 3 → output 6: kernel 2, stride 2, bias 0.5/);
    await page.waitForURL(/in1=1,2,3&k1=1,2&b1=0.5&s1=2&step1=/);
  });

  test('the value fields follow size and channel changes; text that does not read stays', async () => {
    const page = await open('?step1=0');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    const field = (name) => page.inputValue(`#ex1 .paste[aria-label="${name}"]`);
    await page.fill('#ex1 input[aria-label="input length"]', '4');
    assert.deepEqual(await grid(page, 1, 'in'), rows([2, 3, 0, 0]));
    assert.equal(await field('input'), '2 3 0 0');
    // Editing the field now edits all four values (it used to shrink the input back to two).
    await page.fill('#ex1 .paste[aria-label="input"]', '2 3 0 5');
    assert.deepEqual(await grid(page, 1, 'in'), rows([2, 3, 0, 5]));
    assert.equal(await page.inputValue('#ex1 input[aria-label="input length"]'), '4');
    await page.fill('#ex1 input[aria-label="kernel length"]', '2');
    assert.equal(await field('kernel / weight'), '1 2');
    await page.fill('#ex1 input[aria-label="in channels"]', '2');
    // In 1D one row per channel.
    assert.equal(await field('input'), '2 3 0 5; 2 3 0 5');
    assert.equal(await field('kernel / weight'), '[[[1,2]],[[1,2]]]');
    await page.fill('#ex1 input[aria-label="in channels"]', '1');
    assert.equal(await field('input'), '2 3 0 5');
    // Text that does not read is the user's typing, which its message is about: a size change keeps it.
    await page.fill('#ex1 .paste[aria-label="input"]', '[2, 3');
    await page.fill('#ex1 input[aria-label="kernel length"]', '3');
    assert.equal(await field('input'), '[2, 3');
    assert.equal(await field('kernel / weight'), '1 2 0');
  });

  test('a size or channel count typed digit by digit keeps the values the whole number keeps', async () => {
    const page = await open('?in1=2,3,4,5&k1=1,2,3');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    const field = (name) => page.inputValue(`#ex1 .paste[aria-label="${name}"]`);
    const typeInto = async (label, text) => {
      await page.click(`#ex1 input[aria-label="${label}"]`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    };
    // "1" on the way to "12" must not cut the input to one value.
    await typeInto('input length', '12');
    assert.equal(await field('input'), '2 3 4 5 0 0 0 0 0 0 0 0');
    // Still in the field: a new number starts from the values as they were, not from the 12.
    await typeInto('input length', '6');
    assert.equal(await field('input'), '2 3 4 5 0 0');
    // Left and typed in again: the 6 values are the ones to start from.
    await page.click(`#ex1 input[aria-label="kernel length"]`);
    await typeInto('input length', '3');
    assert.equal(await field('input'), '2 3 4');

    const two = await open('?in1=[[1,2],[3,4]]&w1=[[[1,1]],[[1,-1]]]&g1=2');
    await two.$eval('#ex1 .more', (d) => (d.open = true));
    await two.click('#ex1 input[aria-label="in channels"]');
    await two.keyboard.press('Control+A');
    await two.keyboard.type('12');
    await two.keyboard.press('Control+A');
    await two.keyboard.type('2');
    assert.equal(await two.inputValue('#ex1 .paste[aria-label="input"]'), '1 2; 3 4');
    assert.equal(await two.inputValue('#ex1 .paste[aria-label="kernel / weight"]'), '[[[1,1]],[[1,-1]]]');
  });

  test('values pasted with another number of input channels: the other field follows, and a note says so', async () => {
    const page = await open('?step1=0');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    const field = (name) => page.inputValue(`#ex1 .paste[aria-label="${name}"]`);
    const message = (name) => text(page, `#e1-${name}`);
    // In 1D a ";" starts a channel: two channels of one value each, drawn, the weight with two rows.
    await page.fill('#ex1 .paste[aria-label="input"]', '1;2');
    assert.equal(await page.inputValue('#ex1 input[aria-label="in channels"]'), '2');
    assert.equal(await field('kernel / weight'), '[[[1,2,3]],[[1,2,3]]]');
    assert.equal(await field('input'), '1;2', 'the typing is kept as typed');
    assert.match(
      await message('input'),
      /the input now has 2 channels \(in 1D a “;” starts a channel\); the weight follows with 2 rows/,
    );
    assert.equal(await message('weight'), '', 'nothing is said at the weight');
    assert.equal(await page.$eval('#ex1 .paste[aria-label="input"]', (el) => el.getAttribute('aria-invalid')), null);
    // The weight pasted back with one row: the input follows with its first channel.
    await page.fill('#ex1 .paste[aria-label="kernel / weight"]', '[[[1,0,-1]]]');
    assert.equal(await page.inputValue('#ex1 input[aria-label="in channels"]'), '1');
    assert.equal(await field('input'), '1');
    assert.match(
      await message('weight'),
      /the weight now has 1 row \(input channels\); the input follows with 1 channel\./,
    );
    assert.deepEqual(await grid(page, 1, 'kern'), rows([1, 0, -1]));
    assert.deepEqual(page.problems, []);
  });

  test('"Sizes, channels and values" shows that it opens: ▸ closed, ▾ open', async () => {
    const page = await open();
    const marker = () => page.$eval('#ex1 .more > summary', (s) => getComputedStyle(s, '::before').content);
    await page.$eval('#ex1 .more', (d) => (d.open = false));
    assert.match(await marker(), /^"▸"/);
    await page.click('#ex1 .more > summary');
    assert.match(await marker(), /^"▾"/);
  });

  for (const width of [360, 1280])
    test(`${width} px: the edit buttons, ✎ and ✓ Done, cover no caption`, async () => {
      const page = await open('', { width, height: 800 });
      const overlaps = () =>
        page.$$eval('.tconv .edit-toggle', (buttons) =>
          buttons.flatMap((b) => {
            const box = b.getBoundingClientRect();
            const cap = b.closest('.grid').querySelector('.cap');
            const range = document.createRange();
            range.selectNodeContents(cap);
            const hit = [...range.getClientRects()].some(
              (r) => r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top,
            );
            return hit ? [`${b.textContent} over “${cap.textContent}”`] : [];
          }),
        );
      assert.deepEqual(await overlaps(), []);
      for (const b of await page.$$('.tconv .edit-toggle')) await b.click();
      assert.equal(await page.$$eval('.tconv .edit-toggle', (bs) => bs.every((b) => b.textContent === '✓ Done')), true);
      assert.deepEqual(await overlaps(), []);
    });

  test('values are edited in their own grids', async () => {
    const page = await open('?step1=3');
    await page.click('#ex1 .kern .edit-toggle');
    await page.click('#ex1 .in .edit-toggle');
    await page.fill('#ex1 .kern input[aria-label="kernel[0]"]', '10');
    assert.deepEqual(await grid(page, 1, 'out'), rows([20, 4, 36, 6, 9]));
    // A value the core refuses: the text stays in its cell, the message names it, the pictures stay.
    await page.fill('#ex1 .in input[aria-label="x[1]"]', 'abc');
    assert.equal(await page.inputValue('#ex1 .in input[aria-label="x[1]"]'), 'abc');
    assert.match(await text(page, '#e1-input'), /^input\[1\] must be a number, got "abc"/);
    assert.deepEqual(await grid(page, 1, 'out'), rows([20, 4, 36, 6, 9]));
    await page.fill('#ex1 .in input[aria-label="x[1]"]', '1');
    assert.equal(await text(page, '#e1-input'), '');
    assert.deepEqual(await grid(page, 1, 'out'), rows([20, 4, 16, 2, 3]));
  });

  test('a refused cell never reaches the link, and an edited cell leaves the preset it came from as it was', async () => {
    const page = await open('');
    await page.click('#ex1 .in .edit-toggle');
    await page.fill('#ex1 .in input[aria-label="x[0]"]', '1,5');
    assert.match(await text(page, '#e1-input'), /^input\[0\] must be a number, got "1,5"/);
    // Stepping writes the state into the URL: the last one the core accepted, not the refused text
    // (which made in1=1,5,3: a valid three-element link).
    await next(page, 1);
    await page.waitForURL(/step1=1/);
    assert.match(page.url(), /in1=2,3&/);
    await page.fill('#ex1 .in input[aria-label="x[0]"]', '7');
    await page.click('#ex1 button.last');
    assert.deepEqual(await grid(page, 1, 'out'), rows([7, 14, 24, 6, 9]));
    // The post's example again: its own values, not the edited ones.
    await page.selectOption('#e1-preset', { label: 'The post’s 1D example' });
    assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]));
  });

  test('keyboard only: Enter on a grid’s ✎ opens it for editing, and the first Tab goes into a field', async () => {
    const page = await open('?step2=0');
    await page.focus('#ex2 .in .edit-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#ex2 .in .edit-toggle', 'aria-pressed'), 'true', 'edit mode on');
    assert.equal(await text(page, '#ex2 .step-label'), 'Start', 'Enter did not step the example');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'x[0][0]');
    // Tab selects the field's text: typing replaces it, and the example follows at each key, the
    // focus staying in the field (the first key's new trace took it away).
    await page.keyboard.type('75');
    assert.equal(await page.$eval('#ex2 .in input[aria-label="x[0][0]"]', (f) => f.value), '75');
    assert.equal(await page.inputValue('#ex2 .paste[aria-label="input"]'), '75 2; 3 4');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'x[0][1]');
    // Done: the grid is one tab stop again, its cursor a cell.
    await page.focus('#ex2 .in .edit-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#ex2 .in .edit-toggle', 'aria-pressed'), 'false');
    assert.deepEqual(
      await page.$$eval('#ex2 .in [role=gridcell]', (cs) => cs.filter((c) => c.tabIndex === 0).length),
      1,
    );
  });

  test('pasted rows from a spreadsheet keep their rows; the page’s own minus sign reads back', async () => {
    const page = await open('?step2=0');
    await page.$eval('#ex2 .more', (d) => (d.open = true));
    const field = '#ex2 .paste[aria-label="input"]';
    await page.focus(field);
    await page.keyboard.press('Control+A');
    // A paste event as a spreadsheet's copy gives it: tabs between cells, a line per row.
    await page.$eval(field, (el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '5\t6\n7\t8\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    assert.equal(await page.inputValue(field), '5 6; 7 8');
    assert.deepEqual(await grid(page, 2, 'in'), [
      ['5', '6'],
      ['7', '8'],
    ]);
    // "−1" as the descriptions write it (U+2212), and an exponent's.
    await page.fill(field, '\u22121 2; 3 4e\u22121');
    assert.equal(await text(page, '#e2-input'), '');
    assert.deepEqual(await grid(page, 2, 'in'), [
      ['-1', '2'],
      ['3', '0.4'],
    ]);
    // Text that is no number is named as typed.
    await page.fill(field, '\u2212x 2; 3 4');
    assert.match(await text(page, '#e2-input'), /^input\[0\]\[0\] must be a number, got "\u2212x"/);
  });

  test('a preset edited is no longer that preset; groups that do not divide out channels are marked at groups', async () => {
    const page = await open('');
    await page.selectOption('#e1-preset', { label: 'k = 3, stride 2: uneven counts (checkerboard)' });
    assert.notEqual(await page.inputValue('#e1-preset'), '');
    await page.fill('#ex1 input[aria-label="stride"]', '3');
    assert.equal(await page.inputValue('#e1-preset'), '', 'the menu says "Choose a preset…" again');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    await page.fill('#ex1 input[aria-label="groups"]', '3');
    assert.match(await text(page, '#e1-groups'), /^out channels \(1\) must be a multiple of groups \(3\)/);
    assert.equal(await page.getAttribute('#ex1 input[aria-label="groups"]', 'aria-invalid'), 'true');
    assert.equal(await text(page, '#e1-out_channels'), '');
    // Typed at out channels, it is that field's.
    await page.fill('#ex1 input[aria-label="groups"]', '1');
    await page.fill('#ex1 input[aria-label="out channels"]', '2');
    await page.fill('#ex1 input[aria-label="groups"]', '2');
    await page.fill('#ex1 input[aria-label="out channels"]', '3');
    assert.match(await text(page, '#e1-out_channels'), /^out channels \(3\) must be a multiple of groups \(2\)/);
  });

  const bad = [
    // [field, typed text, message id, message, the one field marked]
    ['input[aria-label="stride"]', '0', 'stride', /^stride must be from 1 to 16, got 0/],
    ['input[aria-label="stride"]', '1.5', 'stride', /^stride must be a whole number from 1 to 16, got 1.5/],
    // Echoed as typed, not as the double it rounds to (100000000000000000000).
    ['input[aria-label="stride"]', '99999999999999999999', 'stride', /^stride 99999999999999999999 is out of range/],
    // Plain words: nothing after the value (not "(or an array of 1 integer)").
    [
      'input[aria-label="stride"]',
      'abc',
      'stride',
      /^stride must be a whole number from 1 to 16, got "abc"\. The pictures still/,
    ],
    [
      'input[aria-label="output_padding"]',
      '2',
      'output_padding',
      /^output_padding must be 0 or 1 here, smaller than the stride \(2\); got 2/,
    ],
    ['input[aria-label="padding"]', '9', 'padding', /^padding 9 is too large: .*padding must be from 0 to 2 here/],
    ['input[aria-label="dilation"]', '-1', 'dilation', /^dilation must be from 1 to 16, got -1/],
    ['input[aria-label="bias"]', '1e200', 'bias', /^bias\[0\] = 1e\+200 is larger in magnitude than the limit 1e\+100/],
    ['.paste[aria-label="input"]', '[1, 2', 'input', /cannot read/],
    ['.paste[aria-label="input"]', '2,,3', 'input', /^a comma with no value beside it in "2,,3"/],
    // More values than the page draws: its own limit, as for a size typed (the core's is 64).
    [
      '.paste[aria-label="input"]',
      Array.from({ length: 65 }, (_, i) => i).join(' '),
      'input',
      /^input length 65 is more than this page draws \(1 to 16\)/,
    ],
    [
      '.paste[aria-label="kernel / weight"]',
      Array.from({ length: 17 }, (_, i) => i).join(' '),
      'weight',
      /^kernel length 17 is more than this page draws \(1 to 7\)/,
    ],
    ['.paste[aria-label="kernel / weight"]', '1 x 3', 'weight', /^kernel\[1\] must be a number, got "x"/],
    [
      'input[aria-label="input length"]',
      '40',
      'input-size',
      /^input length 40 is more than this page draws \(1 to 16\)/,
    ],
    // The page's own messages echo as the core's do: a number bare, other text in straight quotes.
    [
      'input[aria-label="input length"]',
      '2.5',
      'input-size',
      /^input length must be a whole number from 1 to 16, got 2\.5/,
    ],
    [
      'input[aria-label="kernel length"]',
      'two',
      'kernel-size',
      /^kernel length must be a whole number from 1 to 7, got "two"/,
    ],
  ];
  test('each class of bad input: its message at the field, the last valid state kept, the text kept', async () => {
    const page = await open('?step1=3');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    // The page writes its whole state into the URL a moment after drawing it.
    await page.waitForURL(/in1=2,3&.*step1=3/);
    const url = page.url();
    for (const [selector, typed, field, message] of bad) {
      const target = `#ex1 .editor ${selector}`;
      const old = await page.inputValue(target);
      await page.fill(target, typed);
      assert.match(await text(page, `#e1-${field}`), message, `${typed} in ${selector}`);
      assert.equal(await page.inputValue(target), typed, 'the typed text stays');
      assert.equal(await page.getAttribute(target, 'aria-invalid'), 'true', `${selector} is marked`);
      assert.deepEqual(await grid(page, 1, 'out'), rows([2, 4, 9, 6, 9]), 'the last valid output stays');
      assert.equal(page.url(), url);
      await page.fill(target, old);
      assert.equal(await text(page, `#e1-${field}`), '', `the message goes once ${selector} is valid again`);
    }
  });

  test('in 2D only the axis that is wrong is marked', async () => {
    const page = await open();
    await page.fill('#ex2 input[aria-label="output_padding width"]', '2');
    assert.match(await text(page, '#e2-output_padding'), /^output_padding \(width\) must be 0 or 1 here/);
    assert.equal(await page.getAttribute('#ex2 input[aria-label="output_padding width"]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#ex2 input[aria-label="output_padding height"]', 'aria-invalid'), null);
    await page.fill('#ex2 input[aria-label="output_padding width"]', '0');
    await page.fill('#ex2 input[aria-label="padding height"]', '5');
    assert.match(await text(page, '#e2-padding'), /^padding \(height\) 5 is too large/);
    assert.equal(await page.getAttribute('#ex2 input[aria-label="padding height"]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#ex2 input[aria-label="padding width"]', 'aria-invalid'), null);
  });

  test('presets, including the post’s opening figure in the gather view', async () => {
    const page = await open();
    await page.selectOption('#e2-preset', { label: 'The post’s opening figure: 2×2 → 4×4, stride 1' });
    await page.waitForSelector('#ex2 .stage .gather [role=grid]');
    assert.equal(await page.getAttribute('#ex2 .tab[data-view=gather]', 'aria-checked'), 'true');
    assert.match(
      await text(page, '#ex2 .gather .both-ways'),
      /i′ = 2, k′ = 3, p′ = 2, s′ = 1\. This transposes the direct convolution i = 4, k = 3, p = 0, s = 1, which maps 4 × 4 to 2 × 2\./,
    );
    await page.waitForURL(/v2=gather/);
  });
});

describe('state in the URL', () => {
  test('reloading restores the example, the view and the step; a shared link opens the same', async () => {
    const page = await open();
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
    assert.equal(await page.inputValue('#ex2 input[aria-label="output_padding height"]'), '1');
    const other = await open(new URL(page.url()).search);
    await other.click('#ex2 button.last');
    assert.deepEqual(await grid(other, 2, 'out'), rows([0, 0, 0, 0], [2, 4, 2, 2], [0, 0, 0, 0], [-3, -7, -4, -4]));
    assert.equal(await other.$$eval('#ex2 .out [role=gridcell].op', (tds) => tds.length), 7);
  });

  test('values are encoded when written back: an "&" inside a value stays inside it', async () => {
    const page = await open('?in1=1&k1=x%26s2%3D5%26in2%3D9');
    assert.match(await text(page, '#e1-weight'), /must be/);
    await next(page, 1);
    await page.waitForURL(/step1=1/);
    const reloaded = await open(new URL(page.url()).search);
    assert.deepEqual(
      await grid(reloaded, 2, 'in'),
      rows([1, 2], [3, 4]),
      'no stride or input of example 2 leaked out of the value',
    );
    assert.equal(await reloaded.inputValue('#ex2 input[aria-label="stride height"]'), '2');
  });

  test('a partial link: what it leaves out is the example’s input or kernel, or PyTorch’s default', async () => {
    const page = await open('?in1=5,6&k2=1,-1;1,1');
    assert.deepEqual(await page.$$eval('.msg', (ms) => ms.filter((m) => m.textContent).map((m) => m.id)), []);
    await page.click('#ex1 button.last');
    // The seed's kernel [1, 2, 3]; stride 1, as the link does not say 2.
    assert.deepEqual(await grid(page, 1, 'kern'), rows([1, 2, 3]));
    assert.deepEqual(await grid(page, 1, 'out'), rows([5, 16, 27, 18]));
    assert.equal(await page.inputValue('#ex1 .paste[aria-label="kernel / weight"]'), '1 2 3');
    await page.click('#ex2 button.last');
    assert.deepEqual(await grid(page, 2, 'in'), rows([1, 2], [3, 4]));
    assert.deepEqual(await grid(page, 2, 'out'), rows([1, 1, -2], [4, 4, -2], [3, 7, 4]));
    // Written back whole.
    await page.waitForURL(/in1=5,6&k1=1,2,3&step1=\d+&in2=1,2;3,4&k2=1,-1;1,1&step2=/);
    // Only a parameter: the example's values with it.
    const stride = await open('?s1=3');
    await stride.click('#ex1 button.last');
    assert.deepEqual(await grid(stride, 1, 'out'), rows([2, 4, 6, 3, 6, 9]));
  });

  // [link, the message's field id, the field marked (its aria-label), the message]
  const hostile = [
    ['?in2=[1,2]&k2=1', 'e2-input', 'input', /^input\[0\] must be an array, got 1; input must be \[H\]\[W\]/],
    ['?in2=[null]', 'e2-input', 'input', /^input\[0\] must be an array, got null/],
    ['?in2=["ab"]', 'e2-input', 'input', /^input\[0\] must be an array, got "ab"/],
    ['?in2=1&k2=[1,2]', 'e2-weight', 'kernel / weight', /^kernel\[0\] must be an array, got 1/],
    ['?w1=[[[1]]]&in1=5', 'e1-input', 'input', /^input\[0\] must be an array, got 5/],
    [
      `?in1=${'['.repeat(10000)}1${']'.repeat(10000)}`,
      'e1-input',
      'input',
      /^this link’s input cannot be read: these values nest deeper than 16 levels of brackets\./,
    ],
    [
      `?in1=${Array(200000).fill(1).join(',')}`,
      'e1-input',
      'input',
      /^this link’s input cannot be read: these are more than 200,000 values, the most the core reads\./,
    ],
    [
      `?in1=${Array(150000).fill(1).join(',')}&k1=${Array(60000).fill(1).join(',')}`,
      'e1-input',
      'input',
      /^this link’s input cannot be read: input, kernel and bias hold more than 200,000 values, the most the core reads\./,
    ],
    [
      '?in1=2,3&k1=1,2,3&s1=99999999999999999999',
      'e1-stride',
      'stride',
      /^stride 99999999999999999999 is out of range: it must be from 1 to 16/,
    ],
    ['?step1=-5&step2=1e9', null, null, null],
    [
      '?v1=evil',
      'e1-spec',
      null,
      /^this link’s view "evil" is not one of scatter, gather, matrix, all: the scatter view is shown\.$/,
    ],
    // A partial link: what it leaves out is the example's (input, kernel) or PyTorch's default.
    ['?in1=5,6&s1=abc', 'e1-stride', 'stride', /^stride must be a whole number/],
    ['?in1=1e400,2', 'e1-input', 'input', /^input\[0\] = 1e400 is larger in magnitude than the limit 1e\+100/],
  ];
  test('a link with more values than axes shows them all in the field its message is about', async () => {
    const page = await open('?s1=2,2&s2=2,2,2');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    await page.$eval('#ex2 .more', (d) => (d.open = true));
    assert.equal(await page.inputValue('#ex1 input[aria-label="stride"]'), '2,2');
    assert.match(await text(page, '#e1-stride'), /^stride must have 1 value, got 2/);
    assert.equal(await page.inputValue('#ex2 input[aria-label="stride height"]'), '2');
    assert.equal(await page.inputValue('#ex2 input[aria-label="stride width"]'), '2,2');
    assert.match(await text(page, '#e2-stride'), /^stride must /);
  });

  test('values pasted past the limit are said at their own field, also after the other field is pasted', async () => {
    const page = await open('');
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    await page.fill('#ex1 .paste[aria-label="input"]', Array.from({ length: 20 }, (_, i) => i).join(' '));
    assert.match(await text(page, '#e1-input'), /^input length 20 /);
    await page.fill('#ex1 .paste[aria-label="kernel / weight"]', '1 2');
    assert.equal(await text(page, '#e1-weight'), '');
    assert.equal(await page.getAttribute('#ex1 .paste[aria-label="kernel / weight"]', 'aria-invalid'), null);
    assert.match(await text(page, '#e1-input'), /^input length 20 /);
  });

  test('a link value that cannot be read stays in its field, beside its message', async () => {
    const page = await open('?in1=1,,2&b2=[1,');
    assert.equal(await page.inputValue('#ex1 .paste[aria-label="input"]'), '1,,2');
    assert.match(
      await text(page, '#e1-input'),
      /^this link’s input cannot be read: a comma with no value beside it in "1,,2"/,
    );
    assert.equal(await page.inputValue('#ex2 input[aria-label="bias"]'), '[1,');
    // The seed is drawn meanwhile; typing a readable value draws it.
    await page.fill('#ex1 .paste[aria-label="input"]', '1 2');
    assert.equal(await text(page, '#e1-input'), '');
  });

  for (const [search, id, marked, message] of hostile) {
    test(`a hostile link (${search.slice(0, 40)}…) draws the seed or the link, with a message at its field`, async () => {
      const page = await open(search);
      for (const ex of [1, 2]) {
        const tables = await page.$$eval(`#ex${ex} .scatter [role=grid]`, (t) => t.length);
        assert.ok(tables >= 5, `example ${ex} is drawn`);
      }
      const messages = await page.$$eval('.msg', (ms) => ms.filter((m) => m.textContent).map((m) => m.id));
      assert.deepEqual(messages, id ? [id] : [], 'one message, at the field');
      if (id) assert.match(await text(page, `#${id}`), message);
      // Nothing of a refused link was ever valid: the pictures are the example the page opens with.
      if (marked) assert.match(await text(page, `#${id}`), /\. The pictures show the example the page opens with\.$/);
      assert.deepEqual(
        await page.$$eval('[aria-invalid=true]', (els) => els.map((el) => el.getAttribute('aria-label'))),
        marked ? [marked] : [],
        'only that field is marked',
      );
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1280));
    });
  }
});

/** Whether the element is whole inside the window and uncovered: what is drawn at its four corners
 *  (3 px inside, clear of rounded borders) is the element itself or something in it. Else a string saying what is wrong. */
const wholeInView = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
      return `outside the window: ${Math.round(r.top)}–${Math.round(r.bottom)} of ${innerHeight}`;
    for (const [x, y] of [
      [r.left + 3, r.top + 3],
      [r.right - 3, r.top + 3],
      [r.left + 3, r.bottom - 3],
      [r.right - 3, r.bottom - 3],
    ]) {
      const hit = document.elementFromPoint(x, y);
      if (!el.contains(hit)) return `covered at (${Math.round(x)}, ${Math.round(y)}) by ${hit?.className}`;
    }
    return true;
  });

describe('layout', () => {
  for (const [width, height] of [
    [1280, 800],
    [360, 800],
  ]) {
    test(`${width}×${height}: the edited field and the grids it changes are on screen together`, async () => {
      const page = await open('', { width, height });
      // A reader who has scrolled to the example and edits a parameter.
      await page.$eval('#ex2', (el) => el.scrollIntoView({ block: 'start' }));
      const field = '#ex2 input[aria-label="stride height"]';
      await page.focus(field);
      await page.fill(field, '1');
      assert.equal(await wholeInView(page, field), true, 'the field');
      // The grids the stride changes, whole and uncovered (nothing sticky over them).
      assert.equal(await wholeInView(page, '#ex2 .scatter .buf [role=grid]'), true, 'the intermediate output');
      assert.equal(await wholeInView(page, '#ex2 .scatter .out [role=grid]'), true, 'the output');
    });
  }

  test('360×800: stepping keeps the intermediate output, the copy and the step text in view', async () => {
    const page = await open('', { width: 360, height: 800 });
    await page.$eval('#ex2 .scatter .buf', (el) => el.scrollIntoView({ block: 'center' }));
    await page.click('#ex2 button.next');
    await page.click('#ex2 button.next');
    // Once the copy has flown into its window: its flight starts in a frame after the click (under
    // load, after a read made at once found no animation yet and met the copy in flight).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    for (const selector of [
      '#ex2 .scatter .buf [role=grid]',
      '#ex2 .scatter .copy [role=grid]',
      '#ex2 .desc',
      '#ex2 button.next',
    ])
      assert.equal(await wholeInView(page, selector), true, selector);
    assert.equal(await page.$eval('#ex2 .step-bar', (el) => getComputedStyle(el).position), 'sticky');
  });

  // On a phone the box is fixed (the bar is stuck to the bottom) and scrolls: layout.test.mjs.
  for (const [width, height] of [[1280, 900]])
    test(`${width}×${height}: every step's description shows all its words; stepping moves neither the grids nor the buttons`, async () => {
      const page = await open('', { width, height, reducedMotion: 'reduce' });
      await page.$eval('#ex2 .scatter .buf', (el) => el.scrollIntoView({ block: 'center' }));
      // Read after the frame is painted, as the reader sees it: the box takes its text's height in
      // that frame's ResizeObserver callback (fitted()), after the click's task.
      const where = () =>
        page.evaluate(async () => {
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const desc = document.querySelector('#ex2 .desc');
          const box = desc.getBoundingClientRect();
          return {
            cut: desc.scrollHeight - desc.clientHeight,
            inView: box.top >= 0 && box.bottom <= innerHeight,
            grids: document.querySelector('#ex2 .scatter .buf [role=grid]').getBoundingClientRect().top,
            next: document.querySelector('#ex2 button.next').getBoundingClientRect().top,
            words: desc.textContent,
          };
        });
      const first = await where();
      const lengths = new Set();
      const last = await page.$eval('#ex2 input[type=range]', (r) => Number(r.max));
      for (let s = 1; s <= last; s++) {
        await page.click('#ex2 button.next');
        const now = await where();
        lengths.add(now.words.length);
        assert.ok(now.cut <= 0, `state ${s}: ${now.cut} px of "${now.words.slice(0, 40)}…" cut off`);
        assert.equal(now.inView, true, `state ${s}: the description is on screen`);
        assert.equal(now.grids, first.grids, `state ${s}: the intermediate output stays where it was`);
        assert.equal(now.next, first.next, `state ${s}: the buttons stay put`);
      }
      assert.ok(lengths.size > 3, 'descriptions of different lengths were stepped through');
    });

  for (const width of [320, 360]) {
    test(`${width} px: no sideways scroll with DejaVu only, in every view`, async () => {
      const page = await open('', { width, height: 800 });
      for (const view of ['scatter', 'gather', 'matrix', 'all']) {
        for (const ex of [1, 2]) await showView(page, ex, view);
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
          `${view} at ${width} px`,
        );
      }
    });
  }

  test('1280×900: a message under the panel’s last field is scrolled into view inside the panel', async () => {
    const page = await open('', { width: 1280, height: 900 });
    await page.$eval('#ex2 .more', (d) => (d.open = true));
    const field = '#ex2 .paste[aria-label="kernel / weight"]';
    // The reader scrolled the panel just far enough to see the field, at the panel's bottom edge.
    await page.$eval(field, (el) => el.scrollIntoView({ block: 'end' }));
    await page.fill(field, '[1, 2');
    const seen = await page.$eval('#e2-weight', (msg) => {
      const box = msg.getBoundingClientRect();
      const panel = msg.closest('.panel').getBoundingClientRect();
      return {
        text: msg.textContent,
        inPanel: box.top >= panel.top && box.bottom <= panel.bottom + 1,
        onScreen: box.bottom <= innerHeight + 1,
      };
    });
    assert.match(seen.text, /cannot read/);
    assert.deepEqual([seen.inPanel, seen.onScreen], [true, true], 'the message is visible');
    // A message a link brings (the reader did nothing in the panel) scrolls nothing.
    const page2 = await open('?s2=0', { width: 1280, height: 900 });
    assert.equal(await page2.evaluate(() => scrollY), 0);
    assert.equal(await page2.$eval('#ex2 .panel', (p) => p.scrollTop), 0);
  });

  test('the arrow to the output goes with it: between the two grids, or leading the output’s line when it wraps', async () => {
    const boxes = (page, view) =>
      page.$eval(`#ex2 .${view}`, (v) => {
        const [buffer, arrow, output] = [
          v.querySelector('.buf, .padded'),
          v.querySelector('.arrow'),
          v.querySelector('.out'),
        ].map((el) => el.getBoundingClientRect().toJSON());
        return { buffer, arrow, output };
      });
    const page = await open('');
    for (const view of ['scatter', 'gather']) {
      await showView(page, 2, view);
      const { buffer, arrow, output } = await boxes(page, view);
      assert.ok(arrow.left >= buffer.right && arrow.right <= output.left, `${view}: between`);
    }
    // 2 × 12 at stride 3: the 6 × 36 output wraps below the intermediate output, and so does the arrow.
    const wide = await open('?in2=1,2,3,4,5,6,7,8,9,10,11,12;1,2,3,4,5,6,7,8,9,10,11,12&s2=3');
    const { buffer, arrow, output } = await boxes(wide, 'scatter');
    assert.ok(output.top >= buffer.bottom, 'the output wrapped');
    assert.ok(arrow.top >= buffer.bottom && arrow.right <= output.left, 'the arrow leads the output’s line');
  });

  test('switching views and opening the panel shift nothing above them', async () => {
    const page = await open();
    const top = (selector) => page.$eval(selector, (el) => el.getBoundingClientRect().top + scrollY);
    const before = await top('#ex2 .stage');
    const first = await top('#ex1 .stage');
    await page.click('#ex2 .more summary');
    assert.equal(await top('#ex2 .stage'), before, 'closing the sizes section beside the grids');
    for (const view of ['gather', 'matrix', 'all', 'scatter']) {
      await showView(page, 2, view);
      assert.equal(await top('#ex2 .stage'), before, `the grids start where they did (${view})`);
      assert.equal(await top('#ex1 .stage'), first, 'the other example does not move');
    }
    assert.equal(await top('#ex2 .scatter .in'), await top('#ex2 .stage'));
  });
});

describe('screenshots', () => {
  // Each view at a middle step, light and dark, desktop and phone: look at them.
  for (const width of [1280, 360]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${width} px, ${colorScheme}`, async () => {
        const page = await open('', { width, colorScheme, reducedMotion: 'reduce' });
        await page.screenshot({ path: shotPath(`page-${width}-${colorScheme}`), fullPage: true });
        for (const view of ['scatter', 'gather', 'matrix', 'all']) {
          for (const ex of [1, 2]) {
            await showView(page, ex, view);
            await page.click(`#ex${ex} button.next`);
            await page.click(`#ex${ex} button.next`);
            const box = await page.$(`#ex${ex}`);
            assert.ok((await box.boundingBox()).width <= width, `#ex${ex} fits ${width} px`);
            await box.screenshot({ path: shotPath(`ex${ex === 1 ? '1d' : '2d'}-${view}-mid-${width}-${colorScheme}`) });
          }
        }
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
      });
    }
  }
});
