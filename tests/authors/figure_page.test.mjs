// The figure beside the page in Chromium: for the seed 2D example at each state, the numbers of
// every grid of the SVG (rendered inline) stand in the same rows and columns as the page's tables.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ok, seed2d, siteDir } from './support.mjs';

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
    for (let s = 0; s <= 6; s++) {
      await page.goto(`${app.url}?step2=${s}`);
      await page.waitForFunction(() => performance.getEntriesByName('tconv-ready').length === 1);
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

test("the gather and matrix figures have the grids of the page's two other views", {
  skip: !site && `no site at ${siteDir} (scripts/build wasm)`,
}, async () => {
  const { start } = await import('../e2e/support.mjs');
  const app = await start();
  try {
    const page = await app.open('');
    await page.$eval('#ex2 details.views', (d) => {
      d.open = true;
    });
    await page.waitForSelector('#ex2 details.views table');
    // The page's tables of the two views, by the start of their captions, as rows of cell texts.
    const table = (caption) =>
      page.$$eval(
        '#ex2 details.views table',
        (tables, start) => {
          const t = tables.find((x) => x.caption.textContent.replace(/\u00a0/g, ' ').startsWith(start));
          return t
            ? [...t.tBodies[0].rows].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
            : null;
        },
        caption,
      );
    const figure = await app.browser.newPage();
    await figure.setContent(
      `<!doctype html><body style="margin:0">${ok(['figure', '--svg', '--view', 'gather', '--step', '1'], seed2d)}</body>`,
    );
    assert.deepEqual(await svgGrid(figure, 'padded'), await table('Padded input'));
    assert.deepEqual(await svgGrid(figure, 'rot'), await table('Rotated kernel'));
    await figure.setContent(
      `<!doctype html><body style="margin:0">${ok(['figure', '--svg', '--view', 'matrix', '--step', 'end'], seed2d)}</body>`,
    );
    assert.deepEqual(await svgGrid(figure, 'ct'), await table('Cᵀ'));
    assert.deepEqual(await svgGrid(figure, 'x'), await table('x'));
    assert.deepEqual(await svgGrid(figure, 'y'), await table('y'));
    assert.deepEqual(page.problems, []);
  } finally {
    await app.close();
  }
});
