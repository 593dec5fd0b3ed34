// The exports a reader and an author use, in Chromium: the page's Export menu and the element's
// toSVG/toPNG/toGIF. Each figure is the CLI's for the same spec, step, view and theme, byte for byte
// (one renderer); the PNG decodes to the SVG's size × 2, the GIF to one frame per state; the LaTeX is
// `tconv explain`'s; limits and invalid settings are refused with a TconvError naming the field.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import omggif from 'omggif';
import { PNG } from 'pngjs';
import { ok, seed2d, siteDir, stateCount } from './support.mjs';

const site = existsSync(resolve(siteDir, 'index.html'));
const skip = !site && `no site at ${siteDir} (scripts/build wasm)`;
let app;
before(async () => {
  if (skip) return;
  const { start } = await import('../e2e/support.mjs');
  app = await start();
});
after(() => app?.close());

const svgSize = (svg) => {
  const [, w, h] = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  return { width: Number(w), height: Number(h) };
};

/** Clicks an Export button of example n and returns the saved file's name and bytes. */
async function exported(page, n, label) {
  const menu = page.locator(`#ex${n} details.export`);
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: label }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('the Export menu saves the state on screen as the CLI draws it', { skip }, async () => {
  const page = await app.open('?step2=2');
  const svg = await exported(page, 2, 'SVG of this step');
  assert.equal(svg.name, 'tconv-2d-scatter-step-2.svg');
  assert.equal(svg.bytes.toString('utf8'), ok(['figure', '--svg', '--step', '2'], seed2d));
  await page
    .locator('#ex2')
    .getByText(/Saved tconv-2d-scatter-step-2\.svg \(\d/)
    .waitFor();

  const png = await exported(page, 2, 'PNG of this step');
  const decoded = PNG.sync.read(png.bytes);
  const size = svgSize(svg.bytes.toString('utf8'));
  assert.deepEqual([decoded.width, decoded.height], [Math.round(size.width * 2), Math.round(size.height * 2)]);

  const gif = await exported(page, 2, 'GIF of the walk-through');
  assert.equal(gif.name, 'tconv-2d-scatter-walk-through.gif');
  const reader = new omggif.GifReader(gif.bytes);
  assert.equal(reader.numFrames(), stateCount(seed2d, 'scatter'));
  assert.deepEqual([reader.width, reader.height], [Math.round(size.width), Math.round(size.height)]);

  // The LaTeX of this step, as `tconv explain --latex --step 2` writes it, shown to copy.
  await page.locator('#ex2 details.export').getByRole('button', { name: 'LaTeX of this step' }).click();
  const latex = page.locator('#ex2 details.export textarea');
  await page.waitForFunction(() => document.querySelector('#ex2 details.export textarea').value !== '');
  assert.equal(await latex.inputValue(), ok(['explain', '--latex', '--step', '2'], seed2d));
  assert.match(await page.textContent('#ex2 details.export'), /The LaTeX of this step \(Step 2 of \d+\) is below\./);
  assert.deepEqual(page.problems, []);
});

test('an Export button pressed from the keyboard keeps the focus while it works', { skip }, async () => {
  const page = await app.open('');
  await page.locator('#ex1 details.export summary').click();
  for (const label of ['PNG of this step', 'SVG of this step']) {
    const button = page.locator('#ex1 details.export').getByRole('button', { name: label });
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    await download.path();
    // Busy while it works (aria-disabled, not disabled: a disabled button hands the focus to <body>).
    assert.equal(await page.evaluate(() => document.activeElement.textContent), label);
  }
  assert.deepEqual(page.problems, []);
});

test('the Export menu follows the view and the theme', { skip }, async () => {
  const page = await app.open('?step2=3&v2=gather', { colorScheme: 'dark' });
  const svg = await exported(page, 2, 'SVG of this step');
  assert.equal(svg.name, 'tconv-2d-gather-step-3.svg');
  assert.equal(
    svg.bytes.toString('utf8'),
    ok(['figure', '--svg', '--view', 'gather', '--step', '3', '--theme', 'dark'], seed2d),
  );
  // In the gather view the LaTeX is the result's equation.
  await page.locator('#ex2 details.export').getByRole('button', { name: 'LaTeX of the result' }).click();
  await page.waitForFunction(() => document.querySelector('#ex2 details.export textarea').value !== '');
  assert.equal(
    await page.locator('#ex2 details.export textarea').inputValue(),
    ok(['explain', '--latex', '--result'], seed2d),
  );
  assert.deepEqual(page.problems, []);
});

/** A page with one <tconv-viz> of the seed's 2D example (attributes as an author writes them; more override them). */
async function elementPage(more = {}) {
  const page = await app.open('');
  const attributes = {
    input: '[[1,2],[3,4]]',
    kernel: '[[1,1,1],[0,0,0],[-1,-1,-1]]',
    stride: '2',
    padding: '1',
    ...more,
  };
  await page.evaluate(async (attrs) => {
    await import('/tconv-viz.js');
    const el = document.createElement('tconv-viz');
    el.id = 't';
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    document.body.append(el);
    await new Promise((done) => {
      el.addEventListener('tconv-change', done, { once: true });
      el.addEventListener('tconv-error', done, { once: true });
    });
  }, attributes);
  return page;
}

const call = (page, method, options) =>
  page.evaluate(
    async ([m, o]) => {
      const out = await document.getElementById('t')[m](o);
      if (typeof out === 'string') return { text: out };
      return { type: out.type, bytes: Array.from(new Uint8Array(await out.arrayBuffer())) };
    },
    [method, options],
  );

test("the element's toSVG, toPNG and toGIF are the CLI's figures", { skip }, async () => {
  const page = await elementPage({ step: '2', theme: 'light' });
  assert.equal((await call(page, 'toSVG')).text, ok(['figure', '--svg', '--step', '2'], seed2d), 'the state on screen');
  assert.equal(
    (await call(page, 'toSVG', { view: 'gather', step: 5 })).text,
    ok(['figure', '--svg', '--view', 'gather', '--step', '5'], seed2d),
  );
  assert.equal((await call(page, 'toSVG', { step: 'end' })).text, ok(['figure', '--svg'], seed2d));
  await page.evaluate(() => {
    document.getElementById('t').theme = 'dark';
  });
  assert.equal(
    (await call(page, 'toSVG')).text,
    ok(['figure', '--svg', '--step', '2', '--theme', 'dark'], seed2d),
    'the dark theme',
  );
  // A blog's tokens: its colours, resolved by the browser, in the figure.
  await page.evaluate(() => {
    const el = document.getElementById('t');
    el.theme = 'light';
    el.style.setProperty('--tconv-bg', '#fdf6e3');
    el.style.setProperty('--tconv-fg', '#073642');
  });
  const themed = (await call(page, 'toSVG')).text;
  assert.match(themed, /fill="#fdf6e3"/);
  assert.match(themed, /fill="#073642"/);

  const png = await call(page, 'toPNG', { step: 1, scale: 1 });
  assert.equal(png.type, 'image/png');
  const decoded = PNG.sync.read(Buffer.from(png.bytes));
  const size = svgSize(ok(['figure', '--svg', '--step', '1'], seed2d));
  assert.deepEqual([decoded.width, decoded.height], [Math.round(size.width), Math.round(size.height)]);

  const gif = await call(page, 'toGIF', { view: 'matrix', frameMs: 500, loop: false });
  const reader = new omggif.GifReader(Buffer.from(gif.bytes));
  assert.equal(reader.numFrames(), stateCount(seed2d, 'matrix'));
  assert.equal(reader.frameInfo(0).delay, 50, 'frameMs in hundredths of a second');
  assert.equal(reader.loopCount(), null, 'played once');
  assert.deepEqual(page.problems, []);
});

test('the element refuses what it cannot export, naming the field', { skip }, async () => {
  const page = await elementPage({ stride: '0' });
  const refused = (method, options) =>
    page.evaluate(
      async ([m, o]) => {
        try {
          await document.getElementById('t')[m](o);
          return null;
        } catch (e) {
          return { name: e.name, field: e.field, message: e.message, valid: e.valid };
        }
      },
      [method, options],
    );
  assert.equal((await refused('toSVG')).field, 'spec', 'nothing valid drawn yet');
  await page.evaluate(() => document.getElementById('t').setAttribute('stride', '2'));
  const step = await refused('toSVG', { step: 99 });
  assert.equal(step.name, 'TconvError');
  assert.equal(step.field, 'step');
  assert.deepEqual(step.valid, { min: 0, max: 5 });
  assert.equal((await refused('toSVG', { view: 'lines' })).field, 'view');
  const scale = await refused('toPNG', { scale: 0 });
  assert.deepEqual(
    [scale.name, scale.field, scale.message],
    ['TconvError', 'scale', 'scale must be above 0 and at most 8, got 0'],
  );
  assert.equal((await refused('toGIF', { frameMs: 'fast' })).field, 'frameMs');
  // The gather view of 64 cells is within a GIF's frames; 20 x 20 cells is not.
  await page.evaluate(() => {
    const el = document.getElementById('t');
    el.setAttribute('input', JSON.stringify(Array.from({ length: 10 }, () => Array(10).fill(1))));
  });
  const frames = await refused('toGIF', { view: 'gather' });
  assert.equal(frames.name, 'TconvError');
  assert.equal(frames.field, 'view');
  assert.match(
    frames.message,
    /over the limit of 200 frames.*: export the scatter view \(one frame per input element\)/,
  );
  // In the scatter view itself (20 × 20 = 400 states) the advice is a smaller example, not that view.
  await page.evaluate(() => {
    const el = document.getElementById('t');
    el.setAttribute('input', JSON.stringify(Array.from({ length: 16 }, () => Array(16).fill(1))));
  });
  const scattered = await refused('toGIF', { view: 'scatter' });
  assert.match(
    scattered.message,
    /^the scatter view has \d+ states, over the limit of 200 frames for an animated GIF: export a smaller example/,
  );
});
