// The figure beside the page in Chromium: for the seed 2D example at each state, the numbers of
// every grid of the SVG (rendered inline) stand in the same rows and columns as the page's tables.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ok, seed2d, siteDir, stateCount } from './support.mjs';

const site = existsSync(resolve(siteDir, 'index.html'));

/** The SVG's value texts of grid `key` as rows, by their rendered positions (rows by y, columns by x). */
async function svgGrid(page, key) {
  return page.$$eval(`svg g[data-grid="${key}"]`, (groups) =>
    groups.flatMap((g) => {
      const texts = [...g.querySelectorAll('text.v')].map((t) => ({
        box: t.getBoundingClientRect(),
        text: t.textContent,
      }));
      const rows = [...new Set(texts.map((t) => Math.round(t.box.top + t.box.height / 2)))].sort((a, b) => a - b);
      return rows.map((y) =>
        texts
          .filter((t) => Math.round(t.box.top + t.box.height / 2) === y)
          .sort((a, b) => a.box.left - b.box.left)
          .map((t) => t.text),
      );
    }),
  );
}

test("the figure of each scatter state has the page's grids in the page's order", {
  skip: !site && `no site at ${siteDir} (scripts/build wasm)`,
}, async () => {
  const { start, grid } = await import('../e2e/support.mjs');
  const app = await start();
  try {
    const page = await app.open('');
    const figure = await app.browser.newPage();
    for (let s = 0; s < stateCount(seed2d, 'scatter'); s++) {
      await page.goto(`${app.url}?step2=${s}`);
      await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1);
      await figure.setContent(
        `<!doctype html><body style="margin:0">${ok(['figure', '--svg', '--step', String(s)], seed2d)}</body>`,
      );
      for (const key of ['in', 'kern', 'copy', 'buf', 'out']) {
        const want = (await grid(page, 2, key))
          .map((row) => row.filter((text) => text !== ''))
          .filter((row) => row.length);
        const drawn = await svgGrid(figure, key);
        // The page keeps an idle copy grid of zeros-less empty cells; the figure leaves it out.
        if (key === 'copy' && (s === 0 || s > 4)) {
          assert.deepEqual(drawn, [], `state ${s}: no copy`);
          continue;
        }
        assert.deepEqual(drawn, want, `state ${s}, grid ${key}`);
      }
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await app.close();
  }
});

/** Rows of the texts of the non-empty cells of the tables matched in example 2's view. */
const pageGrid = (page, view, selector) =>
  page.$$eval(`#ex2 .view.${view} ${selector} [role=row]:not(.ix-row)`, (rows) =>
    rows
      .map((tr) => [...tr.querySelectorAll('[role=gridcell]')].map((td) => td.textContent).filter((t) => t !== ''))
      .filter((r) => r.length),
  );
/** The same for the table of example 2's view whose caption starts with `caption`. */
const pageTable = (page, view, caption) =>
  page.$$eval(
    `#ex2 .view.${view} [role=grid]`,
    (tables, start) => {
      const captionOf = (x) => x.getRootNode().getElementById(x.getAttribute('aria-labelledby'))?.textContent ?? '';
      const t = tables.find((x) =>
        captionOf(x)
          .replace(/\u00a0/g, ' ')
          .startsWith(start),
      );
      return t
        ? [...t.querySelectorAll('[role=row]:not(.ix-row)')]
            .map((tr) =>
              [...tr.querySelectorAll('[role=gridcell]')].map((td) => td.textContent).filter((x) => x !== ''),
            )
            .filter((r) => r.length)
        : null;
    },
    caption,
  );

test("every gather and matrix state has the page's grids in the page's order", {
  skip: !site && `no site at ${siteDir} (scripts/build wasm)`,
}, async () => {
  const { start } = await import('../e2e/support.mjs');
  const app = await start();
  try {
    const page = await app.open('');
    const figure = await app.browser.newPage();
    for (const view of ['gather', 'matrix']) {
      for (let s = 0; s < stateCount(seed2d, view); s++) {
        await page.goto(`${app.url}?v2=${view}&step2=${s}`);
        await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1);
        const svg = ok(['figure', '--svg', '--view', view, '--step', String(s)], seed2d);
        await figure.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
        const pairs =
          view === 'gather'
            ? [
                ['kern', pageGrid(page, view, '.kern:not(.rotated)')],
                ['rot', pageGrid(page, view, '.kern.rotated')],
                ['padded', pageGrid(page, view, '.padded')],
                ['out', pageGrid(page, view, '.out')],
              ]
            : [
                ['ct', pageGrid(page, view, '.ct')],
                ['x', pageTable(page, view, 'x (input')],
                ['y', pageTable(page, view, 'y (output')],
              ];
        for (const [key, want] of pairs)
          assert.deepEqual(await svgGrid(figure, key), await want, `${view} ${s}: ${key}`);
      }
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await app.close();
  }
});
