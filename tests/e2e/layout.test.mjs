// Layouts that hold: reflow at 400 % zoom (WCAG 1.4.10: 1280 × 1024 px at 400 % is 320 × 256 CSS
// px), with the fonts a fresh machine has, with a wider font everywhere and with WCAG 1.4.12's text
// spacing, in the page, the blog example and embed.html: the page never scrolls sideways, formulas
// wrap or scroll inside their own box, nothing sticky hides the grids. No layout shift of the grids
// (PerformanceObserver's layout-shift entries) when the core arrives, when the editor opens, when a
// view is switched, while stepping and playing; and a rotated phone keeps the grid being read on
// screen. Also: the pinned fonts are exactly a fresh Debian 12's (tests/support/fonts.conf).
// Run: node --test tests/e2e/layout.test.mjs (after the wasm build).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { fontconfig, launchBrowser } from '../support/browser.mjs';
import { ready, shotPath, showView, start } from './support.mjs';

let site;
let temp;
let pages = [];
before(async () => {
  site = await start();
  temp = mkdtempSync(join(tmpdir(), 'tconv-layout-'));
});
after(async () => {
  await site.close();
  rmSync(temp, { recursive: true, force: true });
});
afterEach(async () => {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors');
    await page.context().close();
  }
  pages = [];
});

/** A page of the site in browser (default: the pinned fonts' one), without waiting for anything. */
async function visit(path, { width, height, browser = site.browser, bypassCSP = false, ...options }) {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  pages.push(page);
  await page.goto(site.url + path);
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

/** What scrolls sideways: the page itself (it must not), and the elements wider than the window
 *  that no box of their own scrolls (the culprits when it does). */
const sideways = (page) =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const culprits = [];
    const range = document.createRange();
    const walk = (root) => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        range.selectNodeContents(t);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.right > doc.clientWidth + 0.5)
          check(t.parentElement, `the text "${t.data.trim().slice(0, 20)}" in `);
      }
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > doc.clientWidth + 0.5) check(el, '');
      }
    };
    const check = (el, what) => {
      // Inside a box that scrolls or clips sideways: that box holds it.
      let held = false;
      for (
        let p = what ? el : (el.parentElement ?? el.getRootNode().host);
        p;
        p = p.parentElement ?? p.getRootNode().host
      ) {
        const o = getComputedStyle(p).overflowX;
        if (o !== 'visible' && p.getBoundingClientRect().right <= doc.clientWidth + 0.5) {
          held = true;
          break;
        }
      }
      if (!held) culprits.push(`${what}${el.tagName.toLowerCase()}.${String(el.className).replace(/\s+/g, '.')}`);
    };
    walk(document);
    return { page: doc.scrollWidth > doc.clientWidth, culprits: culprits.slice(0, 8) };
  });

const zoomed = { width: 320, height: 256, deviceScaleFactor: 4 };

describe('reflow at 400 % zoom (320 × 256 CSS px)', () => {
  test('the page, in every view, with the editor open and a message shown: no sideways scroll', async () => {
    const page = await visit('?op2=1', zoomed);
    await ready(page);
    for (const view of ['scatter', 'gather', 'matrix', 'all']) {
      for (const ex of [1, 2]) {
        await showView(page, ex, view);
        await page.click(`#ex${ex} button.next`);
      }
      assert.deepEqual(await sideways(page), { page: false, culprits: [] }, view);
    }
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    await page.fill('#ex1 input[aria-label="output_padding"]', '7');
    await page.click('#ex2 .counts-toggle');
    assert.deepEqual(await sideways(page), { page: false, culprits: [] }, 'editor open, an error, the counts');
    await page.screenshot({ path: shotPath('zoom-400-page'), fullPage: true });
  });

  test('an open tool panel is drawn where Tab reaches it: the tools read in their document order', async () => {
    const page = await visit('', { width: 1280, height: 900 });
    await ready(page);
    for (const name of ['export', 'code']) {
      await page.click(`#ex1 details.${name} > summary`);
      await page.waitForSelector(`#ex1 details.${name} .tool-body > *`);
      const boxes = await page.$$eval('#ex1 .tools > details', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { name: el.className, top: Math.round(r.top), left: Math.round(r.left), bottom: Math.round(r.bottom) };
        }),
      );
      // Read as drawn (top to bottom, then left to right): the same order as in the document.
      const drawn = [...boxes].sort((a, b) => a.top - b.top || a.left - b.left).map((b) => b.name);
      assert.deepEqual(
        drawn,
        boxes.map((b) => b.name),
        `${name} open: ${JSON.stringify(boxes)}`,
      );
      await page.click(`#ex1 details.${name} > summary`);
    }
  });

  test('a formula scrolls sideways only: no box of one is a vertical scroller (an empty tab stop)', async () => {
    // With other fonts than the pinned ones a subscript reached 1 px below "p − p_out = 0 at the
    // end", whose overflow-y computed to auto: a scroller, which Chromium makes a tab stop. The rule
    // is checked, not the pixel, which depends on the fonts a machine has.
    const page = await visit('?op1=1&s1=2&p1=1', { width: 360, height: 800 });
    await ready(page);
    const vertical = await page.$$eval('.formulas dd *', (els) =>
      els.filter((e) => /auto|scroll/.test(getComputedStyle(e).overflowY)).map((e) => e.textContent.slice(0, 30)),
    );
    assert.deepEqual(vertical, []);
  });

  test('a message quoting a long word typed at 360 px wraps inside the panel', async () => {
    const page = await visit('', { width: 360, height: 740 });
    await ready(page);
    await page.$eval('#ex1 .more', (d) => (d.open = true));
    for (const field of ['stride', 'groups']) {
      await page.fill(`#ex1 input[aria-label="${field}"]`, 'q'.repeat(300));
      const r = await page.$eval(`#e1-${field}`, (m) => ({
        text: m.textContent,
        right: m.getBoundingClientRect().right,
        panel: m.closest('form').getBoundingClientRect().right,
        scrolled: m.closest('form').scrollWidth > m.closest('form').clientWidth,
      }));
      assert.match(r.text, /got "q{40}…"/, field);
      assert.ok(r.right <= r.panel + 0.5 && !r.scrolled, `${field}: ${JSON.stringify(r)}`);
      await page.fill(`#ex1 input[aria-label="${field}"]`, field === 'stride' ? '2' : '1');
    }
  });

  test('a caption part too long for a phone’s line wraps inside its grid’s box instead of running out of it', async () => {
    const page = await visit('?in1=1,2,3&k1=1,2,3&s1=2&d1=2&op1=1', { width: 360, height: 740 });
    await ready(page);
    const parts = await page.$$eval('#ex1 .scatter .cap .part', (els) =>
      els.map((el) => {
        let box = el.parentElement;
        while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        return {
          text: el.textContent.replaceAll('\u00a0', ' '),
          right: el.getBoundingClientRect().right,
          edge: box.getBoundingClientRect().right,
        };
      }),
    );
    const long = parts.find((p) => p.text.startsWith('Intermediate output: 9 cells, plus output_padding'));
    assert.ok(long, JSON.stringify(parts.map((p) => p.text)));
    for (const p of parts) assert.ok(p.right <= p.edge + 0.5, `${p.text}: ${p.right} > ${p.edge}`);
  });

  test('the step description is a tab stop exactly while it overflows its box', async () => {
    const page = await visit('', { width: 1280, height: 800 });
    await ready(page);
    const stop = async () => {
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
      return page.$eval('#ex2 .desc', (el) => [el.scrollHeight > el.clientHeight + 1, el.getAttribute('tabindex')]);
    };
    // At 1280 px the box grows with its words: no state of the 2D example overflows it. At 360 px
    // it is fixed (the bar is stuck to the bottom): the first state overflows, and fits again once
    // the window is wide.
    for (let k = 0; k < 6; k++) {
      assert.deepEqual(await stop(), [false, null], `state ${k} at 1280 px`);
      if (k < 5) await page.click('#ex2 button.next');
    }
    await page.click('#ex2 button.first');
    await page.setViewportSize({ width: 360, height: 800 });
    assert.deepEqual(await stop(), [true, '0'], 'the box narrowed');
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(await stop(), [false, null], 'the text fits again');
  });

  test('the steps bar is not sticky on a screen this short: the grids stay readable', async () => {
    const page = await visit('', zoomed);
    await ready(page);
    await page.$eval('#ex2 .scatter .buf', (el) => el.scrollIntoView({ block: 'start' }));
    assert.equal(await page.$eval('#ex2 .step-bar', (el) => getComputedStyle(el).position), 'static');
    const tall = await visit('', { width: 360, height: 800 });
    await ready(tall);
    assert.equal(await tall.$eval('#ex2 .step-bar', (el) => getComputedStyle(el).position), 'sticky');
  });

  test('the blog example and embed.html: no sideways scroll', async () => {
    const blog = await visit('examples/blog-post.html', zoomed);
    await elementsReady(blog);
    assert.deepEqual(await sideways(blog), { page: false, culprits: [] });
    await blog.screenshot({ path: shotPath('zoom-400-blog'), fullPage: true });
    const frame = await visit(
      'embed.html?dims=2&input=[[1,2],[3,4]]&kernel=[[1,1,1],[0,0,0],[-1,-1,-1]]&stride=2&padding=1&controls=full&step=2',
      zoomed,
    );
    await elementsReady(frame);
    assert.deepEqual(await sideways(frame), { page: false, culprits: [] });
  });
});

describe('with any font', () => {
  test('a wider font for every family, and WCAG 1.4.12 text spacing: still no sideways scroll at 320 px', async () => {
    // Every family the pages ask for answered by DejaVu Sans Mono Bold: wider than any text font.
    const wide = join(temp, 'wide-fonts.conf');
    writeFileSync(
      wide,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
  <include>${fontconfig}</include>
  <match target="pattern"><edit name="family" mode="prepend" binding="strong"><string>DejaVu Sans Mono</string></edit></match>
  <match target="pattern"><edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
</fontconfig>`,
    );
    const previous = process.env.TCONV_FONTCONFIG;
    process.env.TCONV_FONTCONFIG = wide;
    const browser = await launchBrowser();
    if (previous === undefined) delete process.env.TCONV_FONTCONFIG;
    else process.env.TCONV_FONTCONFIG = previous;
    try {
      const spacing =
        '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
      for (const path of ['?op2=1', 'examples/blog-post.html']) {
        // The text-spacing sheet is a reader's own (a bookmarklet): CSP does not apply to it.
        const page = await visit(path, { width: 320, height: 700, browser, bypassCSP: true });
        if (path.startsWith('?')) await ready(page);
        else await elementsReady(page);
        const width = await page.evaluate(() => {
          const probe = document.createElement('span');
          probe.textContent = 'mmmmmmmmmm';
          probe.style.font = '16px system-ui';
          document.body.append(probe);
          const w = probe.getBoundingClientRect().width;
          probe.remove();
          return w;
        });
        assert.ok(width > 95, `the wide font is in use (10 m = ${width} px)`);
        await page.addStyleTag({ content: spacing });
        if (path.startsWith('?'))
          for (const view of ['scatter', 'all']) for (const ex of [1, 2]) await showView(page, ex, view);
        assert.deepEqual(await sideways(page), { page: false, culprits: [] }, path);
        await page.screenshot({
          path: shotPath(`wide-font-${path.startsWith('?') ? 'page' : 'blog'}-320`),
          fullPage: true,
        });
      }
    } finally {
      await browser.close();
    }
  });

  test('the pinned fonts are a fresh Debian 12’s: DejaVu Sans, Sans Mono and Serif, and nothing else', async () => {
    const page = await visit('bench/floor.html', { width: 800, height: 600 });
    const found = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.textContent = 'mmmmmiiiiilllllWWWWW0123456789';
      document.body.append(probe);
      const width = (font) => {
        probe.style.font = `40px ${font}`;
        return probe.getBoundingClientRect().width;
      };
      // A family is there when naming it changes the width against two different fallbacks.
      const there = (family) =>
        width(`"${family}", monospace`) !== width('monospace') || width(`"${family}", serif`) !== width('serif');
      const families = [
        'DejaVu Sans',
        'DejaVu Sans Mono',
        'DejaVu Serif',
        'DejaVu Sans Condensed',
        'DejaVu Serif Condensed',
        'DejaVu Sans Light',
        'DejaVu Math TeX Gyre',
        'Latin Modern Math',
        'Latin Modern Roman',
        'Liberation Sans',
        'Noto Sans',
      ];
      const out = Object.fromEntries(families.map((f) => [f, there(f)]));
      // Oblique is synthesized (fonts-dejavu-extra's DejaVuSans-Oblique.ttf is not a fresh machine's).
      probe.style.font = 'italic 40px "DejaVu Sans"';
      out.italic = probe.getBoundingClientRect().width === width('"DejaVu Sans"');
      return out;
    });
    assert.deepEqual(found, {
      'DejaVu Sans': true,
      'DejaVu Sans Mono': true,
      'DejaVu Serif': true,
      'DejaVu Sans Condensed': false,
      'DejaVu Serif Condensed': false,
      'DejaVu Sans Light': false,
      'DejaVu Math TeX Gyre': false,
      'Latin Modern Math': false,
      'Latin Modern Roman': false,
      'Liberation Sans': false,
      'Noto Sans': false,
      italic: true,
    });
  });
});

describe('no layout shift of the grids', () => {
  /** Starts recording layout shifts; shifts(page) returns those that moved a grid, a view or the
   *  step bar (input or not: a shift right after a click is still a shift of what is read). */
  const record = (page) =>
    page.evaluate(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          for (const s of e.sources ?? []) {
            const node = s.node;
            if (node?.nodeType !== 1) continue;
            const moved = s.previousRect.y !== s.currentRect.y || s.previousRect.x !== s.currentRect.x;
            if (moved)
              window.__shifts.push({
                node,
                text: `${node.tagName.toLowerCase()}.${String(node.className).replace(/\s+/g, '.')} ${s.previousRect.y}→${s.currentRect.y}`,
              });
          }
      }).observe({ type: 'layout-shift', buffered: false });
    });
  /** The shifts recorded since the last call that moved what selector names (or something in it). */
  const shifts = async (page, selector = '.stage, .stage [role=grid], .step-bar') => {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    return page.evaluate(
      (selector) =>
        window.__shifts
          .splice(0)
          .filter(({ node }) => node.closest(selector))
          .map(({ text }) => text),
      selector,
    );
  };

  for (const [width, height] of [
    [1280, 800],
    [360, 800],
  ]) {
    test(`${width}×${height}: opening the editor, switching views, stepping and playing move no grid`, async () => {
      const page = await visit('', { width, height, reducedMotion: 'reduce' });
      await ready(page);
      await record(page);
      await page.$eval('#ex2', (el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => new Promise(requestAnimationFrame));
      await shifts(page); // the scroll itself is no shift
      await page.click('#ex2 .more summary');
      assert.deepEqual(await shifts(page), [], 'opening the editor’s further fields');
      await page.click('#ex2 .panel > summary');
      await page.click('#ex2 .panel > summary');
      assert.deepEqual(await shifts(page), [], 'closing and opening the parameter panel');
      for (const view of ['gather', 'matrix', 'all', 'scatter']) {
        await showView(page, 2, view);
        // What lies below the grids moves with the new view's height; the grids themselves do not.
        assert.deepEqual(await shifts(page, '.stage, .stage [role=grid]'), [], `switching to the ${view} view`);
      }
      for (let i = 0; i < 6; i++) await page.click('#ex2 button.next');
      await page.click('#ex2 button.first');
      assert.deepEqual(await shifts(page), [], 'stepping');
      await page.click('#ex1 button.play');
      await page.waitForFunction(
        () => document.querySelector('#ex1 button.play').getAttribute('aria-label') === 'Play',
        null,
        { timeout: 10000 },
      );
      assert.deepEqual(await shifts(page), [], 'playing');
    });
  }

  /** A page of the site whose core is held back until page.release() is called: what was drawn
   *  before it arrives can be read at leisure. */
  const slowCore = async (path, { width, height }) => {
    const context = await site.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.problems = [];
    page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
    pages.push(page);
    const held = new Promise((done) => {
      page.release = done;
    });
    await page.route('**/tconv-core.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.url + path);
    return page;
  };
  const marked = (page, name) => page.evaluate((name) => performance.getEntriesByName(name).length === 1, name);
  /** Where every table, cell, control, field and text of the examples is, in page coordinates. */
  const layoutOf = (page) =>
    page.$$eval(
      '.example [role=grid], .example [role=gridcell], .example button, .example input, .example select, .example p',
      (els) =>
        els
          .map((el) => [el, el.getBoundingClientRect()])
          .filter(([, r]) => r.width || r.height) // what is not laid out (an empty message) has no place
          .map(
            ([el, r]) =>
              `${el.tagName} ${el.getAttribute('aria-label') ?? ''} ${r.x},${r.y + scrollY} ${r.width}×${r.height}`,
          ),
    );
  const rows = (page, ex, name) =>
    page.$$eval(`#ex${ex} .scatter .${name} [role=row]:not(.ix-row)`, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('[role=gridcell]')].map((td) => td.textContent).join(' ')),
    );

  for (const [width, height] of [
    [1280, 800],
    [360, 800],
  ]) {
    test(`${width}×${height}: the first states the build drew are read before the core arrives, and the live ones replace them where they are`, async () => {
      const page = await slowCore('', { width, height });
      await page.waitForFunction(() => performance.getEntriesByName('tconv-ready').length === 1);
      assert.equal(await marked(page, 'tconv-live'), false, 'ready before the core has arrived');
      // The seed's numbers, from the core at build time.
      assert.deepEqual(await rows(page, 1, 'in'), ['2 3']);
      assert.deepEqual(await rows(page, 1, 'kern'), ['1 2 3']);
      assert.deepEqual(await rows(page, 2, 'kern'), ['1 1 1', '0 0 0', '-1 -1 -1']);
      assert.deepEqual(await rows(page, 2, 'buf'), Array(5).fill('0 0 0 0 0'));
      assert.equal(await page.inputValue('#ex2 input[aria-label="stride height"]'), '2');
      assert.equal(await page.inputValue('#ex2 input[aria-label="padding width"]'), '1');
      assert.match(await page.textContent('#ex2 .desc'), /^Start/);
      // The editor's further fields: open beside the grids, closed above them on a phone, as live.
      assert.equal(await page.$eval('#ex2 details.more', (d) => d.open), width > 640);
      const drawn = await layoutOf(page);
      // A step asked for before the core arrives is taken once it has.
      await page.$eval('#ex1 button.next', (b) => b.click());
      await page.$eval('#ex1 button.next', (b) => b.click());
      page.release();
      await ready(page);
      assert.deepEqual(await rows(page, 1, 'buf'), ['2 4 9 6 9'], 'the two steps taken');
      await page.$eval('#ex1 button.first', (b) => b.click());
      // Once the copy has flown into its window (the steps' animation), scrolled where it was drawn
      // (a sticky step bar on a phone sits where the window is).
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
      await page.evaluate(() => scrollTo(0, 0));
      assert.deepEqual(await layoutOf(page), drawn, 'everything where it was drawn');
      const shifts = await page.evaluate(
        () =>
          new Promise((done) => {
            new PerformanceObserver((list) => done(list.getEntries().map((e) => e.value))).observe({
              type: 'layout-shift',
              buffered: true,
            });
            setTimeout(() => done([]), 300);
          }),
      );
      assert.deepEqual(
        shifts.filter((v) => v > 0),
        [],
        'no layout shift in the whole load',
      );
      // And it is live: a step.
      await page.click('#ex1 button.next');
      assert.deepEqual(await rows(page, 1, 'buf'), ['2 4 6 0 0']);
    });
  }

  test('a link that changes an example hides its drawn first state until the link’s is drawn', async () => {
    const page = await slowCore('?in2=5&k2=2&s2=1', { width: 1280, height: 800 });
    await page.waitForSelector('#ex2.stale', { state: 'attached' });
    assert.equal(await marked(page, 'tconv-ready'), false, 'not ready: example 2 is not the link’s yet');
    assert.equal(await page.$eval('#ex2 .stage', (el) => getComputedStyle(el).visibility), 'hidden');
    assert.equal(await page.$eval('#ex1 .stage', (el) => getComputedStyle(el).visibility), 'visible');
    page.release();
    await ready(page);
    assert.equal(await marked(page, 'tconv-ready'), true);
    assert.equal(await page.$eval('#ex2 .stage', (el) => getComputedStyle(el).visibility), 'visible');
    assert.deepEqual(await rows(page, 2, 'in'), ['5']);
  });

  test('rotating a phone keeps the grid being read on screen', async () => {
    const page = await visit('', { width: 360, height: 800, reducedMotion: 'reduce' });
    await ready(page);
    await page.$eval('#ex2 .scatter .buf', (el) => el.scrollIntoView({ block: 'center' }));
    await page.click('#ex2 button.next');
    const onScreen = () =>
      page.$eval('#ex2 .scatter .buf [role=grid]', (el) => {
        const r = el.getBoundingClientRect();
        return r.top < innerHeight && r.bottom > 0;
      });
    for (const [width, height] of [
      [800, 360],
      [360, 800],
      [800, 360],
    ]) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      assert.ok(await onScreen(), `${width}×${height}: the intermediate output is on screen`);
      await page.screenshot({ path: shotPath(`rotated-${width}x${height}`) });
    }
  });
});
