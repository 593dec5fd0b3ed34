// Marks that read, measured from Chromium's computed styles: every mark of a cell (ring, edge,
// corner sign, hatching, outline) at least 3:1 against the cell it sits in and against a plain cell
// beside it, every text at least 4.5:1 against what is behind it (3:1 when large), focus rings and
// field borders 3:1 (WCAG 1.4.3, 1.4.11). In the page, light and dark; in <tconv-viz> elements in
// a light blog on a dark system, in a dark blog that sets only --tconv-bg and --tconv-fg, in one that
// also sets the cells and lines, and in a cream one. Also: marks never cross a digit (measured
// in pixels, with the marks in colours no digit has) and index labels are at least 12 px.
// Run: node --test tests/e2e/contrast.test.mjs (after the wasm build).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { ready, shotPath, showView, siteDir } from './support.mjs';

// Blogs that theme the element the ways a blog would. Each sets its own colours and color-scheme.
const blogs = {
  // A light blog read on a dark system: the element follows the page (theme="auto").
  'light-blog': ':root { color-scheme: light; background: #fdfcf9; color: #222; font: 19px/1.7 Georgia, serif; }',
  // A dark blog that sets only the two tokens.
  'dark-blog':
    ':root { color-scheme: dark; background: #1e1e2e; color: #cdd6f4; } tconv-viz { --tconv-bg: #1e1e2e; --tconv-fg: #cdd6f4; }',
  // A dark blog that sets the cells and the lines too.
  'dark-blog-cells':
    ':root { color-scheme: dark; background: #1e1e2e; color: #cdd6f4; } tconv-viz { --tconv-bg: #1e1e2e; --tconv-fg: #cdd6f4; --tconv-cell: #26283a; --tconv-line: #6c7086; }',
  // A cream blog with dark grey text.
  'cream-blog': ':root { background: #fdf6e3; color: #333; } tconv-viz { --tconv-bg: #fdf6e3; --tconv-fg: #333333; }',
};
const blogPage = (name) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="${name}.css"><script type="module" src="tconv-viz.js"></script></head>
<body><main><h1>A post</h1>
<tconv-viz id="a" dims="2" input="[[1,2],[3,4]]" kernel="[[1,1,1],[0,0,0],[-1,-1,-1]]" stride="2" padding="1" output-padding="1" bias="0.5" step="2" controls="full"></tconv-viz>
<tconv-viz id="b" dims="1" input="[2,3]" kernel="[1,2,3]" stride="2" step="end"></tconv-viz>
</main></body></html>`;

let root, server, url, browser;
let pages = [];
before(async () => {
  // The site, plus the blogs below, served from a throwaway folder.
  root = mkdtempSync(join(tmpdir(), 'tconv-contrast-'));
  cpSync(siteDir, root, { recursive: true });
  for (const [name, css] of Object.entries(blogs)) writeFileSync(join(root, `${name}.css`), css);
  for (const name of Object.keys(blogs)) writeFileSync(join(root, `${name}.html`), blogPage(name));
  ({ server, url } = await serve(root, 0));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors');
    await page.context().close();
  }
  pages = [];
});

async function open(path, { width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  pages.push(page);
  await page.goto(url + path);
  return page;
}

const elementsReady = (page) =>
  page.waitForFunction(
    () =>
      customElements.get('tconv-viz') &&
      [...document.querySelectorAll('tconv-viz')].every((e) => e.stepCount !== null || e.error !== null),
    null,
    { timeout: 20000, polling: 100 },
  );

/**
 * In the browser: every failure of the contrast rules in the example roots that selectors name
 * ('#ex2', or 'tconv-viz#a' for an element's shadow root), as readable lines. Colours are read from
 * the computed styles and turned into sRGB bytes by a canvas, so any CSS colour (oklab mixes
 * included) is measured as drawn.
 */
function measure(selectors) {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const bytes = (colour) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    return Array.from(context.getImageData(0, 0, 1, 1).data);
  };
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const over = (top, bottom) => {
    const a = top[3] / 255;
    return [0, 1, 2].map((i) => Math.round(top[i] * a + bottom[i] * (1 - a))).concat(255);
  };
  const same = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 2);
  const colours = (text) =>
    (text.match(/(?:rgba?|oklab|oklch|lab|lch|color)\([^()]*\)/g) ?? []).map(bytes).filter((c) => c[3] > 0);
  const parent = (el) => el.parentElement ?? el.getRootNode().host ?? null;
  /** What is behind el: the backgrounds of it and its ancestors, composed (the page's canvas last). */
  const behind = (el) => {
    const layers = [];
    for (let node = el; node; node = parent(node)) {
      const c = bytes(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 255) break;
    }
    return layers.reduceRight((under, top) => over(top, under), bytes('Canvas'));
  };
  const name = (el) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';

  const failures = [];
  const seen = new Set();
  const fail = (line) => {
    if (!seen.has(line)) failures.push(line);
    seen.add(line);
  };
  const measured = { texts: 0, marks: 0, rings: 0 };
  for (const selector of selectors) {
    const [host, id] = selector.split(' ');
    const base = host.startsWith('tconv-viz') ? document.querySelector(host).shadowRoot : document.querySelector(host);
    const tconv = base.querySelector('.tconv');
    const plainCell = behind(tconv.querySelector('[role=gridcell]:not([class])') ?? tconv);
    // The tints under the marks are decoration (viz.css): a tint is no mark of its own.
    const probe = document.createElement('i');
    tconv.append(probe);
    const tints = ['--t-tap', '--t-cut', '--t-rel'].map((token) => {
      probe.style.color = `var(${token})`;
      return bytes(getComputedStyle(probe).color);
    });
    probe.remove();
    void id;

    // Text: every element with text of its own, against what is behind it.
    const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!t.data.trim() || !el || !visible(el) || el.closest('.status')) continue;
      const style = getComputedStyle(el);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const need = large ? 3 : 4.5;
      const r = ratio(over(bytes(style.color), behind(el)), behind(el));
      measured.texts++;
      if (r < need)
        fail(
          `${selector}: text "${t.data.trim().slice(0, 30)}" in ${name(el.tagName === 'SPAN' && !el.className ? parent(el) : el)} is ${r.toFixed(2)}:1 (needs ${need})`,
        );
    }
    // The counts written in the cells' corners (::after).
    for (const td of base.querySelectorAll('[role=gridcell][data-count]')) {
      const after = getComputedStyle(td, '::after');
      if (after.content === 'none' || !visible(td)) continue;
      const r = ratio(bytes(after.color), behind(td));
      measured.texts++;
      if (r < 4.5) fail(`${selector}: the count in ${name(td)} is ${r.toFixed(2)}:1`);
    }

    // Marks: every colour a marked cell draws besides its fill, against its fill and a plain cell.
    for (const el of base.querySelectorAll('[role=gridcell][class]:not(.corner), .sw')) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const fill = behind(el);
      const drawn = [...colours(style.boxShadow), ...colours(style.backgroundImage)];
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0)
        drawn.push(...colours(style.outlineColor));
      for (const c of drawn) {
        const mark = over(c, fill);
        // A ring of the cell's own colour separates two marks; a tint of the fill is decoration.
        if (same(mark, fill) || same(mark, plainCell) || tints.some((t) => same(mark, t))) continue;
        measured.marks++;
        for (const [against, what] of [
          [fill, 'its cell'],
          [plainCell, 'a plain cell'],
        ]) {
          const r = ratio(mark, against);
          if (r < 3) fail(`${selector}: a mark of ${name(el)} is ${r.toFixed(2)}:1 against ${what}`);
        }
      }
    }

    // Fields and focus: the borders of fields (the editor's, and the cells of a grid edited in
    // place), of the page's text buttons, and every focus ring.
    for (const field of base.querySelectorAll(
      'input:not([type=range]):not(.cell-edit), select, textarea, .editor button, .embed-code button',
    )) {
      if (!visible(field)) continue;
      const r = ratio(bytes(getComputedStyle(field).borderTopColor), behind(parent(field)));
      measured.rings++;
      if (r < 3) fail(`${selector}: the border of ${name(field)} is ${r.toFixed(2)}:1`);
    }
    for (const input of base.querySelectorAll('input.cell-edit')) {
      if (!visible(input)) continue;
      const td = input.closest('[role=gridcell]');
      const r = ratio(bytes(getComputedStyle(td).borderTopColor), behind(td));
      measured.rings++;
      if (r < 3) fail(`${selector}: the border of an in-place field is ${r.toFixed(2)}:1`);
    }
    for (const control of base.querySelectorAll('button, input, select, .stage, summary')) {
      if (!visible(control)) continue;
      control.focus({ preventScroll: true, focusVisible: true });
      const root = control.getRootNode();
      if (root.activeElement !== control) continue;
      const style = getComputedStyle(control);
      if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2) {
        // Keyboard focus (focus-visible) is what the ring is for: a mouse focus may have none.
        if (!control.matches(':focus-visible')) continue;
        fail(`${selector}: ${name(control)} has no focus ring`);
        continue;
      }
      const r = ratio(bytes(style.outlineColor), behind(parent(control)));
      measured.rings++;
      if (r < 3) fail(`${selector}: the focus ring of ${name(control)} is ${r.toFixed(2)}:1`);
      control.blur();
    }
  }
  return { failures, measured };
}

/** Puts an example through the states that show every mark, measuring each. */
async function everyMark(page, selector, { element = false } = {}) {
  const inRoot = (css) => (element ? `${selector} >> ${css}` : `${selector} ${css}`);
  const results = [];
  const check = async (what) => {
    const { failures, measured } = await page.evaluate(measure, [selector]);
    assert.ok(measured.texts > 20 && measured.marks > 0, `${what}: something was measured`);
    results.push(...failures.map((f) => `${what}: ${f}`));
  };
  const click = (css) => page.click(inRoot(css));
  // A middle step: the current element, the copy's cells, sums of several copies, the window.
  await click('button.first');
  await click('button.next');
  await click('button.next');
  await check('step 2');
  // Pointing at a cell: the cell and its relatives in every view.
  await page.hover(inRoot('.scatter .buf [role=gridcell] >> nth=7'));
  await check('pointing');
  // The carve (cut cells, output_padding, what is kept) and the output with its bias.
  await click('button.last');
  await click('button.back');
  await check('the carve');
  await click('button.last');
  await check('the output');
  // The counts (the checkerboard's heat map).
  await click('.counts-toggle');
  await check('the counts');
  await click('.counts-toggle');
  // The gather and the matrix views at a middle step.
  for (const view of ['gather', 'matrix']) {
    await click(`.tab[data-view=${view}]`);
    await page.waitForSelector(inRoot(`.stage .${view} [role=grid]`));
    await click('button.first');
    await click('button.next');
    await click('button.next');
    await check(`the ${view} view`);
  }
  await click('.tab[data-view=scatter]');
  // Values edited in their grid (the page's grids; an element has no editor).
  if (!element) {
    await click('.kern .edit-toggle');
    await check('editing in place');
    await click('.kern .edit-toggle');
  }
  return results;
}

describe('contrast of marks and text', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`the page, ${colorScheme}`, async () => {
      const page = await open('?op2=1&b2=0.5', { colorScheme });
      await ready(page);
      assert.deepEqual(await everyMark(page, '#ex2'), []);
    });
  }

  for (const [blog, colorScheme] of [
    ['light-blog', 'dark'],
    ['dark-blog', 'light'],
    ['dark-blog-cells', 'dark'],
    ['cream-blog', 'dark'],
  ]) {
    test(`<tconv-viz> in ${blog} on a ${colorScheme} system`, async () => {
      const page = await open(`${blog}.html`, { colorScheme });
      await elementsReady(page);
      assert.deepEqual(await everyMark(page, 'tconv-viz#a', { element: true }), []);
      // An error above the last drawing: its text too.
      await page.$eval('#b', (el) => el.setAttribute('stride', '0'));
      await page.waitForFunction(() => document.querySelector('#b').error !== null);
      const { failures } = await page.evaluate(measure, ['tconv-viz#b']);
      assert.deepEqual(failures, []);
      await page.screenshot({ path: shotPath(`contrast-${blog}-${colorScheme}`), fullPage: true });
    });
  }

  for (const colorScheme of ['light', 'dark']) {
    test(`the blog example (its accent as the window’s colour), ${colorScheme}`, async () => {
      const page = await open('examples/blog-post.html', { colorScheme });
      await elementsReady(page);
      assert.deepEqual(await everyMark(page, 'tconv-viz#ex2', { element: true }), []);
    });
  }
});

describe('marks that read without colour', () => {
  test('no mark crosses a digit: inside every digit’s box there is no pixel of a mark’s colour', async () => {
    // Each mark in a colour no digit or tint has; the digits black on white.
    writeFileSync(
      join(root, 'marks.css'),
      'tconv-viz { --tconv-bg: #ffffff; --tconv-fg: #000000; --tconv-cell: #ffffff; --tconv-tap: #ff0000; --tconv-multi: #00c000; --tconv-cut: #0000ff; --tconv-cur: #ff00ff; --tconv-win: #00c0c0; --tconv-op: #c0c000; }',
    );
    writeFileSync(
      join(root, 'marks.html'),
      blogPage('marks').replace('step="2"', 'step="4"').replace('step="end"', 'step="1"'),
    );
    const page = await open('marks.html', { width: 1000, height: 1400 });
    await elementsReady(page);
    const marks = {
      tap: [255, 0, 0],
      m: [0, 192, 0],
      cut: [0, 0, 255],
      cur: [255, 0, 255],
      win: [0, 192, 192],
      op: [192, 192, 0],
    };
    const check = async (what) => {
      // The digits' boxes: each cell's text, as laid out (a Range's rectangles hug the glyphs' line).
      const boxes = await page.$$eval('tconv-viz', (els) =>
        els.flatMap((el) =>
          [...el.shadowRoot.querySelectorAll('.scatter [role=gridcell][class]')]
            .filter((td) => td.textContent.trim() && td.getClientRects().length)
            .map((td) => {
              const range = document.createRange();
              range.selectNodeContents(td);
              const r = range.getBoundingClientRect();
              return { cls: td.className, x: r.left, y: r.top, w: r.width, h: r.height };
            }),
        ),
      );
      assert.ok(boxes.length > 10, `${what}: digits of marked cells`);
      const png = PNG.sync.read(await page.screenshot({ fullPage: false }));
      const crossed = [];
      for (const b of boxes) {
        for (let y = Math.ceil(b.y); y < Math.floor(b.y + b.h); y++) {
          for (let x = Math.ceil(b.x); x < Math.floor(b.x + b.w); x++) {
            if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
            const i = (y * png.width + x) * 4;
            const px = [png.data[i], png.data[i + 1], png.data[i + 2]];
            for (const [mark, c] of Object.entries(marks))
              if (px.every((v, k) => Math.abs(v - c[k]) < 40)) crossed.push(`${b.cls}: ${mark} at ${x},${y}`);
          }
        }
      }
      assert.deepEqual([...new Set(crossed.map((c) => c.split(' at ')[0]))], [], `${what}: ${crossed.slice(0, 5)}`);
    };
    await check('step 4 and step 1');
    await page.$eval('#a', (el) => {
      el.step = 'end';
    });
    await page.click('#a >> button.back');
    await check('the carve');
    await page.screenshot({ path: shotPath('marks-in-colours'), fullPage: false });
  });

  test('every grid is framed whole, and a focused cell shows its ring on all four sides', async () => {
    // Each row's paint is clipped to its box (content-visibility): a border or ring reaching past it
    // would be cut. The lines orange and the ring blue, so that they can be told from the rest.
    const page = await open('');
    await ready(page);
    await page.$eval('#ex2 .tconv', (el) => {
      el.style.setProperty('--tconv-line', '#ff8000');
      el.style.setProperty('--tconv-win', '#0000ff');
    });
    const cell = '#ex2 .scatter .buf [role=gridcell][tabindex="0"]';
    await page.$eval('#ex2 .scatter .buf', (el) => el.scrollIntoView({ block: 'center' }));
    await page.focus(cell);
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    // The last cell of every grid in view: its right and bottom edges are the grid's.
    const lasts = await page.$$eval('#ex2 .scatter [role=grid]', (grids) =>
      grids
        .filter((g) => getComputedStyle(g).visibility !== 'hidden')
        .map((g) => {
          const cells = g.querySelectorAll('[role=gridcell]');
          const r = cells[cells.length - 1].getBoundingClientRect();
          return { name: g.closest('.grid').className, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
    );
    const ring = await page.$eval(cell, rect);
    const png = PNG.sync.read(await page.screenshot());
    // Whether a pixel of this colour lies within `reach` px of the point, along the given axis.
    const found = (x, y, rgb, reach, axis) => {
      for (let d = -reach; d <= reach; d++) {
        const X = Math.round(axis === 'x' ? x + d : x);
        const Y = Math.round(axis === 'y' ? y + d : y);
        if (X < 0 || Y < 0 || X >= png.width || Y >= png.height) continue;
        const i = (Y * png.width + X) * 4;
        if ([0, 1, 2].every((k) => Math.abs(png.data[i + k] - rgb[k]) < 60)) return true;
      }
      return false;
    };
    const orange = [255, 128, 0];
    const blue = [0, 0, 255];
    const missing = [];
    const inView = lasts.filter((b) => b.right < png.width && b.bottom < png.height && b.top > 0);
    assert.ok(inView.length >= 4, `grids in view: ${lasts.map((b) => b.name)}`);
    for (const b of inView) {
      if (!found(b.right - 0.5, (b.top + b.bottom) / 2, orange, 1, 'x')) missing.push(`${b.name}: its right edge`);
      if (!found((b.left + b.right) / 2, b.bottom - 0.5, orange, 1, 'y')) missing.push(`${b.name}: its bottom edge`);
    }
    const [mx, my] = [(ring.left + ring.right) / 2, (ring.top + ring.bottom) / 2];
    for (const [side, x, y, axis] of [
      ['top', mx, ring.top, 'y'],
      ['bottom', mx, ring.bottom, 'y'],
      ['left', ring.left, my, 'x'],
      ['right', ring.right, my, 'x'],
    ])
      if (!found(x, y, blue, 5, axis)) missing.push(`the focus ring: its ${side} side`);
    assert.deepEqual(missing, []);
  });

  test('index labels are at least 12 px, at 1280 and at 360 px', async () => {
    for (const width of [1280, 360]) {
      const page = await open('', { width });
      await ready(page);
      await showView(page, 2, 'all');
      const sizes = await page.$$eval('.tconv .ix > span', (ths) =>
        ths.filter((th) => th.getClientRects().length).map((th) => Number.parseFloat(getComputedStyle(th).fontSize)),
      );
      assert.ok(sizes.length > 20);
      assert.ok(Math.min(...sizes) >= 12, `${width} px: the smallest index label is ${Math.min(...sizes)} px`);
    }
  });
});
