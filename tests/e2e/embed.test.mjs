// <tconv-viz>, embed.html and the blog example in Chromium, under the strict CSP, served from a
// sub-path (/blog/assets/tconv/) of a throwaway folder: the seed post's numbers, isolation from a
// hostile page stylesheet, attributes ⇄ properties, errors, 200 widgets on one instance, markup
// probes in every attribute and URL parameter, and the iframe showing what the element shows.
// Run: node --test tests/e2e/embed.test.mjs (after the wasm build; TCONV_SITE_DIR picks the site).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { repo, shotPath, siteDir } from './support.mjs';

const base = 'blog/assets/tconv/';

const seed1 = { dims: '1', input: '[2,3]', kernel: '[1,2,3]', stride: '2' };
const seed2 = { dims: '2', input: '[[1,2],[3,4]]', kernel: '[[1,1,1],[0,0,0],[-1,-1,-1]]', stride: '2', padding: '1' };
const attrNames = [
  'dims',
  'input',
  'kernel',
  'weight',
  'bias',
  'stride',
  'padding',
  'output-padding',
  'dilation',
  'groups',
  'step',
  'controls',
  'autoplay',
];

const escapeAttr = (s) =>
  String(s).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const element = (attrs, fallback = '') =>
  `<tconv-viz ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
    .join(' ')}>${fallback}</tconv-viz>`;
const html = (
  body,
  { css = [] } = {},
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test</title>
<link rel="icon" href="data:,">${css.map((href) => `<link rel="stylesheet" href="${href}">`).join('')}
<script type="module" src="tconv-viz.js"></script></head><body>${body}</body></html>`;
const query = (attrs) =>
  Object.entries(attrs)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

let root, site, server, url, browser;
let pages = [];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'tconv-embed-'));
  site = join(root, base);
  mkdirSync(site, { recursive: true });
  cpSync(siteDir, site, { recursive: true });
  // Until web/CMakeLists.txt copies web/examples/, the sources stand in.
  if (!existsSync(join(site, 'examples/blog-post.html')))
    cpSync(join(repo, 'web/examples'), join(site, 'examples'), { recursive: true });
  writeFileSync(
    join(site, 'hostile.css'),
    [
      '* { font-size: 40px !important; line-height: 3 !important; font-family: "Comic Sans MS", fantasy !important; color: red !important;',
      '    letter-spacing: 3px !important; word-spacing: 9px !important; text-transform: uppercase !important; text-align: right !important;',
      '    visibility: visible !important; white-space: pre !important; box-sizing: content-box !important; }',
      'table, svg, canvas, [role=grid] { display: none !important; }',
      'td, th, span, p, button, input, details, pre { border: 5px solid lime !important; padding: 9px !important; background: yellow !important; display: inline !important; }',
      'div { outline: 5px solid lime !important; background: yellow !important; }',
      'html { font-size: 10px !important; }',
    ].join('\n'),
  );
  writeFileSync(
    join(site, 'fixed.css'),
    '.fixed { position: absolute; left: 20px; top: 20px; width: 640px; } .fixed tconv-viz { margin: 0; background: #fff; }\n',
  );
  ({ server, url } = await serve(root, 0));
  url += base;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  // No test may leave a console error, a page error or a CSP violation behind.
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors, page errors or CSP violations');
    await page.context().close();
  }
  pages = [];
});

async function open(path, options = {}) {
  const page = await openPage(browser, { viewport: { width: 1100, height: 900 }, reducedMotion: 'reduce', ...options });
  pages.push(page);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(url + path);
  return page;
}
const write = (name, text) => writeFileSync(join(site, name), text);

/** Waits until every <tconv-viz> on the page has rendered or failed. */
const rendered = (page, timeout = 20000) =>
  page.waitForFunction(
    () => [...document.querySelectorAll('tconv-viz')].every((e) => e.stepCount !== null || e.error !== null),
    null,
    { timeout, polling: 100 },
  );

/** The numbers of one grid ('in', 'kern', 'copy', 'buf', 'out') of the element matching selector. */
const grid = (page, selector, name) =>
  page.$eval(
    selector,
    (el, name) =>
      [...el.shadowRoot.querySelectorAll(`.viz .${name} [role=row]:not(.ix-row)`)].map((tr) =>
        [...tr.querySelectorAll('[role=gridcell]')].map((td) => td.textContent),
      ),
    name,
  );
const rows = (...r) => r.map((row) => row.map(String));

describe('the blog example', () => {
  test('renders every worked example of the seed post live, with its numbers', async () => {
    const page = await open('examples/blog-post.html');
    await rendered(page);
    const widgets = await page.$$eval('tconv-viz', (els) =>
      els.map((e) => ({
        id: e.id,
        error: e.error,
        output: e.output,
        step: e.step,
        tables: e.shadowRoot.querySelectorAll('[role=grid]').length,
      })),
    );
    assert.ok(widgets.length >= 8, 'a widget per worked matrix');
    for (const w of widgets) {
      assert.equal(w.error, null, w.id);
      assert.ok(w.tables >= 5, `${w.id} draws its grids`);
    }
    const byId = Object.fromEntries(widgets.map((w) => [w.id, w]));
    assert.deepEqual(byId.ex1.output, [2, 4, 9, 6, 9]);
    assert.deepEqual(await grid(page, '#ex1-start', 'buf'), rows([0, 0, 0, 0, 0]));
    assert.deepEqual(await grid(page, '#ex1-step1', 'buf'), rows([2, 4, 6, 0, 0]));
    assert.deepEqual(await grid(page, '#ex1', 'buf'), rows([2, 4, 9, 6, 9]));
    assert.deepEqual(await grid(page, '#ex2-step1', 'copy'), rows([1, 1, 1], [0, 0, 0], [-1, -1, -1]));
    assert.deepEqual(await grid(page, '#ex2-step2', 'copy'), rows([2, 2, 2], [0, 0, 0], [-2, -2, -2]));
    assert.deepEqual(
      await grid(page, '#ex2-step4', 'buf'),
      rows([1, 1, 3, 2, 2], [0, 0, 0, 0, 0], [2, 2, 4, 2, 2], [0, 0, 0, 0, 0], [-3, -3, -7, -4, -4]),
    );
    assert.deepEqual(await grid(page, '#ex2', 'out'), rows([0, 0, 0], [2, 4, 2], [0, 0, 0]));
    assert.deepEqual(byId.ex2.output, [
      [0, 0, 0],
      [2, 4, 2],
      [0, 0, 0],
    ]);
    // No empty grid in a static figure: the scaled copy shows only while a copy is being added.
    const copyShown = (id) =>
      page.$eval(id, (el) => getComputedStyle(el.shadowRoot.querySelector('.viz .copy')).visibility);
    assert.equal(await copyShown('#ex1-start'), 'hidden');
    assert.equal(await copyShown('#ex2-start'), 'hidden');
    assert.equal(await copyShown('#ex2-step1'), 'visible');
    // The fallback <pre> is no longer rendered once the element shows its own tables.
    assert.equal(await page.$eval('#ex2 pre', (pre) => pre.getClientRects().length), 0);
    // Nothing but this origin, and one .wasm for all of them.
    assert.deepEqual(
      page.requests.filter((u) => !u.startsWith(url.replace(base, '')) && !u.startsWith('data:')),
      [],
    );
    assert.equal(page.requests.filter((u) => u.endsWith('.wasm')).length, 1);
    // The autoplay example plays by itself once in view.
    await page.locator('tconv-viz[autoplay]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('tconv-viz[autoplay]').step !== 0, null, { timeout: 8000 });
    // Stepping with the keyboard inside one widget.
    await page.focus('#ex1 >> .stage');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await grid(page, '#ex1', 'buf'), rows([2, 4, 6, 0, 0]));
    assert.equal(await page.$eval('#ex1', (e) => e.step), 1);
  });

  for (const [name, options] of [
    ['desktop-light', { viewport: { width: 1280, height: 900 }, colorScheme: 'light' }],
    ['desktop-dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
    ['360-light', { viewport: { width: 360, height: 780 }, colorScheme: 'light' }],
    ['360-dark', { viewport: { width: 360, height: 780 }, colorScheme: 'dark' }],
  ]) {
    test(`screenshot: blog post, ${name}`, async () => {
      const page = await open('examples/blog-post.html', options);
      await rendered(page);
      // No widget is wider than its column.
      const overflow = await page.$$eval(
        'tconv-viz',
        (els) => els.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length,
      );
      assert.equal(overflow, 0);
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        true,
        'no horizontal scroll',
      );
      await page.screenshot({ path: shotPath(`blog-post-${name}`), fullPage: true });
    });
  }

  test('shows the author’s fallback content until the element upgrades', async () => {
    const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
    pages.push(page);
    await page.route('**/tconv-viz.js', (route) => route.abort());
    await page.goto(`${url}examples/blog-post.html`);
    assert.match(await page.$eval('#ex2 pre', (pre) => pre.getClientRects().length && pre.textContent), /2 {2}4 {2}2/);
    await page.screenshot({ path: shotPath('blog-post-fallback'), fullPage: false });
    page.problems = page.problems.filter((p) => !/tconv-viz\.js|net::ERR_FAILED/.test(p));
  });
});

describe('isolation from the page', () => {
  test('a hostile page stylesheet does not change the widget’s look', async () => {
    write(
      'fixed.html',
      html(`<div class="fixed">${element({ id: 'w', ...seed2, step: '3', controls: 'full' })}</div>`, {
        css: ['fixed.css'],
      }),
    );
    // The whole widget inside the viewport: element screenshots of taller elements are not repeatable.
    const page = await open('fixed.html', { viewport: { width: 1100, height: 1600 } });
    await rendered(page);
    // The element's whole pixels only: its height may be fractional, and a pixel row shared with the
    // page around it would show the hostile outline of the page's own div.
    const box = await page.locator('#w').boundingBox();
    const [x, y] = [Math.ceil(box.x), Math.ceil(box.y)];
    const clip = { x, y, width: Math.floor(box.x + box.width) - x, height: Math.floor(box.y + box.height) - y };
    const widget = (path) => page.screenshot({ path, clip, animations: 'disabled' });
    const before = await widget(shotPath('hostile-before'));
    const again = await widget();
    assert.ok(before.equals(again), 'two screenshots of the same rendering are the same');
    await page.addStyleTag({ url: `${url}hostile.css` });
    await page.waitForFunction(() => getComputedStyle(document.body).fontSize === '40px');
    assert.deepEqual(await page.locator('#w').boundingBox(), box, 'the element keeps its box');
    const afterShot = await widget(shotPath('hostile-after'));
    assert.ok(
      before.equals(afterShot),
      'the element’s screenshot is byte for byte the same (see hostile-before/after.png)',
    );
    // Also the blog page as a whole, widgets isolated while the article around them breaks.
    const blog = await open('examples/blog-post.html');
    await rendered(blog);
    await blog.addStyleTag({ url: `${url}hostile.css` });
    await blog.locator('#ex1').scrollIntoViewIfNeeded();
    await blog.screenshot({ path: shotPath('blog-post-hostile'), fullPage: false });
  });
});

describe('attributes, properties and events', () => {
  test('attribute changes update output; properties mirror attributes', async () => {
    write('props.html', html(element({ id: 'w', ...seed1 })));
    const page = await open('props.html');
    await rendered(page);
    const r = await page.$eval('#w', async (el) => {
      const events = [];
      el.addEventListener('tconv-change', (e) => events.push(e.detail));
      const out = {};
      out.initial = [
        el.output,
        el.shape,
        el.stepCount,
        el.error,
        el.stride,
        el.input,
        el.step,
        el.controls,
        el.autoplay,
      ];
      el.setAttribute('output-padding', '1');
      out.outputPadding = [el.outputPadding, el.output, el.shape];
      el.outputPadding = null;
      out.removed = [el.hasAttribute('output-padding'), el.output];
      el.input = [1, 1, 1];
      el.stride = [1];
      out.viaProps = [el.getAttribute('input'), el.getAttribute('stride'), el.output];
      el.setAttribute('dilation', '2');
      el.setAttribute('padding', '1');
      out.dil = el.output;
      el.step = 'end';
      out.stepEnd = [el.getAttribute('step'), el.step];
      el.step = 1;
      out.step1 = [el.getAttribute('step'), el.shadowRoot.querySelector('.desc').textContent];
      el.controls = 'none';
      out.controls = [el.getAttribute('controls'), getComputedStyle(el.shadowRoot.querySelector('.controls')).display];
      el.autoplay = true;
      out.autoplay = el.hasAttribute('autoplay');
      // Out of the document and back: rebuilt, with the same settings and step.
      const parent = el.parentNode;
      el.remove();
      parent.append(el);
      await new Promise((done) => el.addEventListener('tconv-change', done, { once: true }));
      out.moved = [el.step, el.shadowRoot.querySelectorAll('.viz [role=grid]').length];
      await new Promise((done) => setTimeout(done, 50));
      out.events = events;
      return out;
    });
    assert.deepEqual(r.initial, [[2, 4, 9, 6, 9], [5], 2, null, 2, [2, 3], 0, 'steps', false]);
    assert.deepEqual(r.outputPadding, [1, [2, 4, 9, 6, 9, 0], [6]]);
    assert.deepEqual(r.removed, [false, [2, 4, 9, 6, 9]]);
    assert.deepEqual(r.viaProps, ['[1,1,1]', '1', [1, 3, 6, 5, 3]]);
    assert.deepEqual(r.dil, [1, 3, 2, 5, 3]); // [1,1,1] with [1,2,3] dilated by 2, padding 1
    assert.deepEqual(r.stepEnd, ['end', 'end']);
    assert.match(r.step1[1], /^Step 1 of 3: x\[0\] = 1\./);
    assert.deepEqual(r.controls, ['none', 'none']);
    assert.equal(r.autoplay, true);
    assert.deepEqual(r.moved, [1, 5]);
    assert.ok(r.events.length >= 3);
    const last = r.events.at(-1);
    assert.deepEqual(Object.keys(last).sort(), ['output', 'shape', 'step', 'stepCount', 'view']);
    assert.deepEqual(last.output, [1, 3, 2, 5, 3]);
  });

  test('on a right-to-left page in another language the drawing stays English, left to right', async () => {
    write(
      'rtl.html',
      html(element({ id: 'w', ...seed1, kernel: '[1,-2,3]' })).replace(
        '<html lang="en">',
        '<html lang="ar" dir="rtl">',
      ),
    );
    const page = await open('rtl.html');
    await rendered(page);
    const r = await page.$eval('#w', (el) => {
      const cells = [...el.shadowRoot.querySelectorAll('[role=grid]')][1].querySelectorAll('[role=gridcell]');
      const [first, second] = [...cells].map((c) => c.getBoundingClientRect().left);
      return {
        direction: getComputedStyle(cells[1]).direction,
        lang: cells[1].closest('[lang]').lang,
        leftToRight: first < second,
      };
    });
    assert.deepEqual(r, { direction: 'ltr', lang: 'en', leftToRight: true });
  });

  test('inspect() and tconv-inspect: where a number comes from; a bad question is a TconvError naming its field', async () => {
    write('inspect.html', html(element({ id: 'w', ...seed1, step: 'end' })));
    const page = await open('inspect.html');
    await rendered(page);
    const r = await page.$eval('#w', async (el) => {
      const error = (f) => {
        try {
          f();
          return 'no error';
        } catch (e) {
          return [e.name, e.field, e.message];
        }
      };
      const heard = new Promise((done) => el.addEventListener('tconv-inspect', (e) => done(e.detail), { once: true }));
      let events = 0;
      el.addEventListener('tconv-inspect', () => events++);
      const cell = el.shadowRoot.querySelectorAll('.scatter .out [role=gridcell]')[2];
      cell.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, pointerType: 'mouse' }));
      // Pressing on the cell pointed at, by mouse or finger, is not a new inspection.
      cell.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'mouse' }));
      cell.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }));
      return {
        events,
        out: el.inspect([0, 2]),
        buffer: el.inspect([0, 4], { where: 'intermediate' }).value,
        heard: await heard,
        where: error(() => el.inspect([0, 1], { where: 'bogus' })),
        options: error(() => el.inspect([0, 1], null)),
        outside: error(() => el.inspect([0, 9]))[1],
      };
    });
    // out[2] = 2·3 + 3·1 = 9 (seed 1D: x = [2, 3], kernel [1, 2, 3], stride 2), in the core's order.
    assert.equal(r.out.value, 9);
    assert.deepEqual(
      r.out.terms.map((t) => [t.input, t.tap, t.value, t.weight, t.product]),
      [
        [[0, 0], [0, 0, 2], 2, 3, 6],
        [[0, 1], [0, 0, 0], 3, 1, 3],
      ],
    );
    assert.match(r.out.sentence, /^out\[2\] = 2·3 \+ 3·1 = 9/);
    assert.equal(r.buffer, 9);
    assert.deepEqual(r.heard, r.out);
    assert.equal(r.events, 1);
    assert.deepEqual(r.where, [
      'TconvError',
      'where',
      'where must be one of output, intermediate, input, kernel, padded, matrix, got "bogus"',
    ]);
    assert.deepEqual(r.options.slice(0, 2), ['TconvError', 'options']);
    assert.equal(r.outside, 'cell');
  });

  test('a list attribute that is not JSON is named at its attribute, also when it gives the dims', async () => {
    write('badjson.html', html(element({ id: 'w', input: '[[1,2],[3,4]]', kernel: '[[1,2],[3' })));
    const page = await open('badjson.html');
    await page.waitForFunction(() => document.querySelector('#w').error !== null);
    const r = await page.$eval('#w', (el) => {
      const first = el.error;
      el.setAttribute('kernel', '[[1,2],[3,4]]');
      const fixed = [el.error, el.shape];
      el.setAttribute('input', '[1,2');
      return { first, fixed, input: el.error, shown: el.shadowRoot.querySelector('.error').textContent };
    });
    assert.match(r.first, /^kernel is not a JSON list: "\[\[1,2\],\[3" \(.+\)$/);
    assert.deepEqual(r.fixed, [null, [3, 3]]);
    assert.match(r.input, /^input is not a JSON list: "\[1,2" \(/);
    assert.equal(r.shown, r.input);
    // A whole-number attribute written as a list is the core's to name.
    const groups = await page.$eval('#w', (el) => {
      el.setAttribute('input', '[[1,2],[3,4]]');
      el.setAttribute('groups', '[1]');
      return el.error;
    });
    assert.match(groups, /^groups must be /);
  });

  test('a size over the drawing limit names the element’s limit and no panel it does not have', async () => {
    const input = JSON.stringify(Array.from({ length: 17 }, (_, i) => i));
    write('over.html', html(element({ id: 'w', dims: '1', input, kernel: '[1,2,3]' })));
    const page = await open('over.html');
    await page.waitForFunction(() => document.querySelector('#w').error !== null);
    assert.equal(
      await page.$eval('#w', (el) => el.error),
      "input length 17 is over this element's drawing limit of 16",
    );
  });

  test('view, controls and theme read as HTML reads enumerated attributes; a typo is named in the console', async () => {
    write('choices.html', html(element({ id: 'w', ...seed1 })));
    const page = await open('choices.html');
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await rendered(page);
    const r = await page.$eval('#w', (el) => {
      // Valid in another case and with spaces: read, and no warning.
      el.setAttribute('view', ' Gather ');
      el.setAttribute('controls', 'FULL');
      el.setAttribute('theme', 'Light');
      const out = [el.view, el.controls, el.theme, el.stepCount];
      el.view = 'matrixx';
      const other = document.createElement('tconv-viz');
      other.setAttribute('theme', 'drak');
      other.setAttribute('step', '-1');
      // Only ASCII letters fold: the Kelvin sign is no k.
      other.setAttribute('theme', 'DAR\u212a');
      return [...out, el.view, el.stepCount, other.theme];
    });
    // gather: one step per output cell (5); the typo falls back to the scatter view (2 input elements).
    assert.deepEqual(r, ['gather', 'full', 'light', 5, 'scatter', 2, 'auto']);
    assert.deepEqual(warnings, [
      '<tconv-viz>: view="matrixx" is not one of scatter, gather, matrix, all; view="scatter" is used',
      '<tconv-viz>: theme="drak" is not one of auto, light, dark; theme="auto" is used',
      '<tconv-viz>: step="-1" is not a state number (0, 1, …) or end; step 0 is shown',
      '<tconv-viz>: theme="DAR\u212a" is not one of auto, light, dark; theme="auto" is used',
    ]);
  });

  test('an invalid attribute sets error to the core’s message, fires tconv-error, keeps the last rendering', async () => {
    write(
      'errors.html',
      html(
        element({ id: 'w', ...seed2, step: 'end' }) +
          element({ id: 'bad', dims: '1', input: '[2,3]', kernel: '[1,2,3]', stride: '0' }, '<p>fallback text</p>'),
      ),
    );
    const page = await open('errors.html');
    await rendered(page);
    const r = await page.$eval('#w', async (el) => {
      const errors = [];
      el.addEventListener('tconv-error', (e) => errors.push(e.detail.message));
      const tables = () =>
        [...el.shadowRoot.querySelectorAll('.viz .out [role=gridcell]')].map((td) => td.textContent).join(' ');
      const before = tables();
      el.setAttribute('output-padding', '2');
      await new Promise((done) => setTimeout(done, 20));
      const message = el.shadowRoot.querySelector('.error');
      const during = {
        error: el.error,
        errors: [...errors],
        output: el.output,
        tables: tables(),
        shown: message.textContent,
        visible: message.getClientRects().length > 0,
      };
      el.removeAttribute('output-padding');
      el.setAttribute('stride', 'abc');
      const second = el.error;
      el.setAttribute('stride', '2');
      return {
        before,
        during,
        second,
        errorsAfter: errors.length,
        after: el.error,
        visibleAfter: message.getClientRects().length > 0,
      };
    });
    assert.equal(r.during.error, 'output_padding (height) must be 0 or 1 here, smaller than the stride (2); got 2');
    assert.deepEqual(r.during.errors, [r.during.error]);
    assert.equal(r.during.shown, r.during.error);
    assert.equal(r.during.visible, true);
    assert.deepEqual(r.during.output, [
      [0, 0, 0],
      [2, 4, 2],
      [0, 0, 0],
    ]);
    assert.equal(r.during.tables, r.before);
    assert.match(r.second, /^stride must be a whole number from 1 to 16 or a list of 2 \(height, width\), got "abc"/);
    assert.equal(r.errorsAfter, 2);
    assert.equal(r.after, null);
    assert.equal(r.visibleAfter, false);
    // Invalid from the start: nothing valid to show, so the message replaces the fallback.
    const bad = await page.$eval('#bad', (el) => ({
      error: el.error,
      output: el.output,
      fallback: el.querySelector('p').getClientRects().length > 0,
      shown: el.shadowRoot.querySelector('.error').textContent,
    }));
    assert.deepEqual(bad, {
      error: 'stride must be from 1 to 16, got 0',
      output: null,
      fallback: false,
      shown: 'stride must be from 1 to 16, got 0',
    });
  });

  test('without dims, the kernel’s nesting gives it', async () => {
    const { dims: _one, ...noDims1 } = seed1;
    const { dims: _two, ...noDims2 } = seed2;
    write(
      'nodims.html',
      html(element({ id: 'a', ...noDims1, step: 'end' }) + element({ id: 'b', ...noDims2, step: 'end' })),
    );
    const page = await open('nodims.html');
    await rendered(page);
    const read = (id) => page.$eval(id, (el) => ({ error: el.error, output: el.output, dims: el.dims }));
    assert.deepEqual(await read('#a'), { error: null, output: [2, 4, 9, 6, 9], dims: null });
    assert.deepEqual(await read('#b'), {
      error: null,
      output: [
        [0, 0, 0],
        [2, 4, 2],
        [0, 0, 0],
      ],
      dims: null,
    });
    assert.deepEqual(page.problems, []);
  });

  test('the full form (weight, bias, groups): output is [C_out][…], stepped with its channels', async () => {
    const weight = JSON.stringify([
      [
        [
          [1, 1],
          [1, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
        ],
        [
          [2, 0],
          [0, 2],
        ],
      ],
    ]);
    write(
      'channels.html',
      html(
        element({
          id: 'w',
          dims: '2',
          input: '[[[1,2],[3,4]],[[1,1],[1,1]]]',
          weight,
          bias: '[0.5,-1]',
          stride: '1',
          step: '6',
        }),
      ),
    );
    const page = await open('channels.html');
    await rendered(page);
    const r = await page.$eval('#w', (el) => ({
      error: el.error,
      shape: el.shape,
      output: el.output,
      stepCount: el.stepCount,
      kernels: el.shadowRoot.querySelectorAll('.weight .kern').length,
      used: [...el.shadowRoot.querySelectorAll('.weight .kern.used .cap')].map((c) => c.textContent),
      input: el.shadowRoot.querySelector('.in .cap').textContent.replace(/\u00a0/g, ' '),
    }));
    assert.equal(r.error, null);
    assert.deepEqual(r.shape, [2, 3, 3]);
    assert.equal(r.output.length, 2);
    assert.equal(r.stepCount, 8);
    assert.equal(r.kernels, 4);
    // Step 6 is input channel 1's element [0][1]: row 1 of the weight is used.
    assert.deepEqual(r.used, ['w[1][0]', 'w[1][1]']);
    assert.match(r.input, /channel 1$/);
    await page.locator('#w').screenshot({ path: shotPath('element-channels') });
  });

  test('200 widgets load one wasm instance and stay responsive', async () => {
    const specs = [seed1, seed2, { ...seed1, 'output-padding': '1' }, { ...seed2, dilation: '2', padding: '0' }];
    write(
      'many.html',
      html(
        Array.from({ length: 200 }, (_, i) => element({ id: `w${i}`, ...specs[i % 4], step: String(i % 5) })).join(
          '\n',
        ),
      ),
    );
    const started = Date.now();
    const page = await open('many.html');
    await rendered(page, 60000);
    const loadMs = Date.now() - started;
    assert.equal(page.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'one .wasm request');
    assert.equal(page.requests.filter((u) => u.endsWith('/tconv.js')).length, 1, 'one tconv.js module');
    const counts = await page.$$eval('tconv-viz', (els) =>
      els.map((e) => (e.error === null && e.shadowRoot.querySelectorAll('[role=grid]').length >= 5 ? 1 : 0)),
    );
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      200,
    );
    // Responsive: a key press in the last widget shows its next step at once.
    await page.locator('#w199').scrollIntoViewIfNeeded();
    await page.focus('#w199 >> .stage');
    const ms = await page.evaluate(async () => {
      const el = document.getElementById('w199');
      const t0 = performance.now();
      const changed = new Promise((done) => el.addEventListener('tconv-change', done, { once: true }));
      el.shadowRoot
        .querySelector('.stage')
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await changed;
      await new Promise(requestAnimationFrame);
      return performance.now() - t0;
    });
    assert.ok(ms < 250, `one step took ${ms} ms`);
    assert.equal(await page.$eval('#w199', (e) => e.step), 'end');
    console.log(`# 200 widgets rendered in ${loadMs} ms; one step ${ms.toFixed(1)} ms`);
  });
});

describe('attribute and URL values are data', () => {
  const probes = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '"><script>window.__pwned=1;alert(1)</script>',
    'javascript:window.__pwned=1;alert(1)',
    '["<img src=x onerror=window.__pwned=1>"]',
    '[1,2]" onmouseover="window.__pwned=1',
    '</style><svg onload="window.__pwned=1">',
  ];
  const cases = attrNames.flatMap((name) => probes.map((probe) => ({ ...seed2, [name]: probe })));

  /** Asserts that nothing ran and no markup appeared, in the document and in every shadow root. */
  async function clean(page, frame = page.mainFrame(), scripts) {
    const found = await frame.evaluate(() => {
      const roots = [document, ...[...document.querySelectorAll('tconv-viz')].map((e) => e.shadowRoot).filter(Boolean)];
      const bad = [];
      for (const r of roots) {
        for (const el of r.querySelectorAll(`img, iframe, object, embed, style${r === document ? '' : ', script'}`))
          bad.push(el.outerHTML.slice(0, 60));
        // Inside the element no attribute holds anything the author wrote.
        if (r !== document)
          for (const el of r.querySelectorAll('*')) {
            for (const a of el.attributes)
              if (/^on/i.test(a.name) || /javascript:|__pwned/i.test(a.value)) bad.push(`${el.tagName} ${a.name}`);
          }
        for (const m of r.querySelectorAll('.error')) if (m.children.length) bad.push('markup in an error message');
      }
      return { pwned: window.__pwned ?? null, bad, scripts: document.scripts.length };
    });
    assert.deepEqual(found.bad, []);
    assert.equal(found.pwned, null);
    if (scripts !== undefined) assert.equal(found.scripts, scripts);
  }

  test('markup and script probes in every attribute execute nothing', async () => {
    write('probes.html', html(cases.map((attrs) => element(attrs)).join('\n')));
    const page = await open('probes.html');
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await rendered(page, 30000);
    // And set again through setAttribute and the properties, after the first rendering.
    await page.evaluate(
      (args) => {
        const [names, probes] = args;
        const els = document.querySelectorAll('tconv-viz');
        names.forEach((name, i) =>
          probes.forEach((probe, j) => {
            els[(i * probes.length + j) % els.length].setAttribute(name, probe);
          }),
        );
        for (const el of els) {
          el.input = probes[0];
          el.kernel = [probes[1]];
        }
      },
      [attrNames, probes],
    );
    await page.waitForTimeout(300);
    await page.mouse.move(200, 200);
    await page.mouse.move(400, 300);
    await clean(page, page.mainFrame(), 1);
    assert.deepEqual(dialogs, []);
    // The messages are the core's, shown as text.
    const messages = await page.$$eval('tconv-viz', (els) => els.map((e) => e.error).filter(Boolean));
    assert.ok(
      messages.some((m) => m.includes('<img src=x')),
      'a probe is quoted as text in a message',
    );
  });

  test('probes in every URL parameter of embed.html execute nothing', async () => {
    const frameCases = [
      ...probes.map((probe) => Object.fromEntries(attrNames.map((name) => [name, probe]))),
      ...attrNames.flatMap((name) => [probes[0], probes[2]].map((probe) => ({ ...seed2, [name]: probe }))),
    ];
    const frames = frameCases.map(
      (attrs) =>
        `<iframe src="embed.html?${escapeAttr(query(attrs))}" width="400" height="300" title="probe"></iframe>`,
    );
    frames.push(
      `<iframe src="embed.html?${escapeAttr(probes.map((p, i) => `${encodeURIComponent(p)}=${encodeURIComponent(probes[(i + 1) % probes.length])}`).join('&'))}" title="probe"></iframe>`,
    );
    write(
      'probe-frames.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frames</title><link rel="icon" href="data:,"></head><body>${frames.join('\n')}</body></html>`,
    );
    const page = await open('probe-frames.html');
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await page.waitForLoadState('load');
    const embeds = page.frames().filter((f) => f.url().includes('embed.html'));
    assert.equal(embeds.length, frames.length);
    for (const frame of embeds) {
      await frame.waitForFunction(
        () =>
          customElements.get('tconv-viz') &&
          [...document.querySelectorAll('tconv-viz')].every((e) => e.stepCount !== null || e.error !== null),
        null,
        { timeout: 30000 },
      );
      await clean(page, frame, 1);
    }
    assert.deepEqual(dialogs, []);
  });
});

describe('the iframe embed', () => {
  const settings = [
    { ...seed1, step: 'end' },
    { ...seed2, step: '4' },
    { ...seed2, 'output-padding': '1', step: 'end', controls: 'full' },
    {
      dims: '2',
      input: '[[1,2],[3,4]]',
      kernel: '[[1,0],[0,-1]]',
      dilation: '2',
      stride: '2,1',
      bias: '0.5',
      step: '3',
    },
  ];
  test('shows the same numbers as the element for the same settings', async () => {
    write(
      'same.html',
      html(
        settings
          .map(
            (s, i) =>
              element({ id: `e${i}`, ...s }) +
              `<iframe id="f${i}" src="embed.html?${escapeAttr(query(s))}" width="900" height="700" title="tconv"></iframe>`,
          )
          .join('\n'),
      ),
    );
    const page = await open('same.html', { viewport: { width: 1000, height: 900 } });
    await rendered(page);
    const numbers = () => {
      const el = document.querySelector('tconv-viz');
      return {
        output: el.output,
        step: el.step,
        tables: [...el.shadowRoot.querySelectorAll('[role=grid]')].map((t) => t.textContent),
        desc: el.shadowRoot.querySelector('.desc').textContent,
      };
    };
    for (let i = 0; i < settings.length; i++) {
      const frame = await (await page.$(`#f${i}`)).contentFrame();
      await frame.waitForFunction(() => document.querySelector('tconv-viz')?.stepCount > 0, null, { timeout: 20000 });
      const inFrame = await frame.evaluate(numbers);
      const inPage = await page.$eval(`#e${i}`, (el) => ({
        output: el.output,
        step: el.step,
        tables: [...el.shadowRoot.querySelectorAll('[role=grid]')].map((t) => t.textContent),
        desc: el.shadowRoot.querySelector('.desc').textContent,
      }));
      assert.deepEqual(inFrame, inPage, `settings ${i}`);
      assert.ok(inPage.tables.length >= 5);
    }
    await page.locator('#f1').screenshot({ path: shotPath('embed-iframe') });
  });

  test('copyButtons copies both forms of the current example, or selects them in a field', async () => {
    write(
      'copy-test.js',
      `import { copyButtons, elementCode, iframeCode } from './embed-code.js';
const state = { spec: { dims: 1, input: [2, 3], kernel: [1, 2, 3], stride: 2 }, step: 4 };
copyButtons(document.body, () => state);
window.expected = [elementCode(state.spec, 4, new URL('tconv-viz.js', location.href).href), iframeCode(state.spec, 4, new URL('./', location.href).href)];
`,
    );
    write(
      'copy.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>copy</title><link rel="icon" href="data:,"><script type="module" src="copy-test.js"></script></head><body></body></html>',
    );
    const page = await open('copy.html', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.waitForFunction(() => window.expected);
    const expected = await page.evaluate(() => window.expected);
    const buttons = page.locator('button.copy-embed');
    assert.deepEqual(await buttons.allTextContents(), ['Copy embed code (element)', 'Copy embed code (iframe)']);
    for (let i = 0; i < 2; i++) {
      await buttons.nth(i).click();
      await page.waitForFunction(() => document.querySelector('.copy-status').textContent !== '');
      const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
      const field = await page.$eval('.copy-code', (t) => (t.hidden ? null : t.value));
      // Copied, and shown: the reader sees what went to the clipboard.
      assert.equal(field, expected[i], 'the code is shown');
      assert.equal(copied, expected[i], 'the code is on the clipboard');
      await page.$eval('.copy-status', (s) => (s.textContent = ''));
    }
    assert.match(
      expected[0],
      /^<script type="module" src="http:[^"]+\/tconv-viz\.js"><\/script>\n<tconv-viz dims="1" input="\[2,3\]" kernel="\[1,2,3\]" stride="2" step="4"><\/tconv-viz>$/,
    );
    // Without clipboard access: the code selected in a read-only field.
    const denied = await open('copy.html');
    await denied.waitForFunction(() => window.expected);
    await denied.evaluate(() =>
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new Error('denied')) },
      }),
    );
    await denied.locator('button.copy-embed').nth(1).click();
    await denied.waitForFunction(() => !document.querySelector('.copy-code').hidden);
    const sel = await denied.evaluate(() => [
      document.activeElement.className,
      document.activeElement.readOnly,
      document.activeElement.value === window.expected[1],
      document.activeElement.selectionStart,
      document.activeElement.selectionEnd === document.activeElement.value.length,
    ]);
    assert.deepEqual(sel, ['copy-code', true, true, 0, true]);
  });

  test('embed-code.js writes element and iframe code that render the same example', async () => {
    const { elementCode, iframeCode } = await import(new URL('embed-code.js', `file://${site}/`).href);
    const spec = {
      dims: 2,
      input: [
        [1, 2],
        [3, 4],
      ],
      kernel: [
        [1, 1, 1],
        [0, 0, 0],
        [-1, -1, -1],
      ],
      stride: 2,
      padding: [1, 1],
      output_padding: 1,
    };
    const el = elementCode(spec, 4, `${url}tconv-viz.js`);
    assert.match(
      el,
      /^<script type="module" src="[^"]+tconv-viz\.js"><\/script>\n<tconv-viz dims="2" input="\[\[1,2\],\[3,4\]\]" kernel="\[\[1,1,1\],\[0,0,0\],\[-1,-1,-1\]\]" stride="2" padding="1,1" output-padding="1" step="4"><\/tconv-viz>$/,
    );
    assert.equal(
      elementCode({ dims: 1, input: ['"><b>'], kernel: [1] }, 0),
      '<tconv-viz dims="1" input="[&quot;\\&quot;&gt;&lt;b&gt;&quot;]" kernel="[1]"></tconv-viz>',
    );
    const frame = iframeCode(spec, 4, url);
    assert.match(
      frame,
      /^<iframe src="[^"<>]+embed\.html\?dims=2&amp;input=[^"<> ]+" title="[^"]+" width="100%" height="\d+" loading="lazy"><\/iframe>$/,
    );
    write(
      'codes.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>codes</title><link rel="icon" href="data:,">${el.split('\n')[0]}</head><body>${el.split('\n')[1].replace('<tconv-viz', '<tconv-viz id="el"')}${frame.replace('<iframe', '<iframe id="fr"').replace(' loading="lazy"', '')}</body></html>`,
    );
    const page = await open('codes.html');
    await rendered(page);
    const f = await (await page.$('#fr')).contentFrame();
    await f.waitForFunction(() => document.querySelector('tconv-viz')?.stepCount > 0, null, { timeout: 20000 });
    const inFrame = await f.evaluate(() => [
      document.querySelector('tconv-viz').output,
      document.querySelector('tconv-viz').step,
    ]);
    const inPage = await page.$eval('#el', (e) => [e.output, e.step]);
    assert.deepEqual(inFrame, inPage);
    assert.deepEqual(inPage[0], [
      [0, 0, 0, 0],
      [2, 4, 2, 2],
      [0, 0, 0, 0],
      [-3, -7, -4, -4],
    ]);
  });
});
