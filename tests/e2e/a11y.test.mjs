// Accessibility checked by a real tool: axe-core (@axe-core/playwright, pinned in package.json) on
// the page and on the blog example with its <tconv-viz> elements (their shadow roots included), in
// light and dark, at 1280 px and at 320 px (1280 px at 400 % zoom): no violation of WCAG 2.1 A and
// AA. Also in the states a reader reaches (every view, the counts, the editor open, an error shown,
// values edited in their grids). And what axe cannot judge: what the live region says while
// stepping and while playing.
// Run: node --test tests/e2e/a11y.test.mjs (after the wasm build).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { showView, start, text } from './support.mjs';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let site;
let pages = [];
before(async () => {
  site = await start();
});
after(() => site.close());
afterEach(async () => {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors');
    await page.context().close();
  }
  pages = [];
});
const open = async (...args) => {
  const page = await site.open(...args);
  pages.push(page);
  return page;
};

/** A page without the page's ready mark (the blog example, embed.html): open it and wait until
 *  every <tconv-viz> has rendered or failed. */
async function openElements(path, { width, height = 900, colorScheme }) {
  const context = await site.browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  pages.push(page);
  await page.goto(site.url + path);
  await page.waitForFunction(
    () =>
      customElements.get('tconv-viz') &&
      [...document.querySelectorAll('tconv-viz')].every((e) => e.stepCount !== null || e.error !== null),
    null,
    { timeout: 20000, polling: 100 },
  );
  return page;
}

/** axe's violations of WCAG 2.1 A and AA, one readable line per rule with the nodes it names. */
async function violations(page) {
  const before = page.problems.length;
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  // axe itself sets inline styles while it measures, which the site's strict CSP refuses: those
  // refusals are axe's, not the page's.
  page.problems.splice(
    before,
    Infinity,
    ...page.problems.slice(before).filter((p) => !/Applying inline style violates/.test(p)),
  );
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes
        .slice(0, 6)
        .map((n) => `${n.target.join(' >> ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)
        .join('\n      ')}`,
  );
}

const screens = [1280, 320].flatMap((width) => ['light', 'dark'].map((colorScheme) => ({ width, colorScheme })));

describe('axe: no violation of WCAG 2.1 A and AA', () => {
  for (const { width, colorScheme } of screens) {
    test(`the page at ${width} px, ${colorScheme}`, async () => {
      const page = await open('', { width, colorScheme, reducedMotion: 'reduce' });
      assert.deepEqual(await violations(page), []);
    });

    test(`the blog example with its elements at ${width} px, ${colorScheme}`, async () => {
      const page = await openElements('examples/blog-post.html', { width, colorScheme });
      assert.deepEqual(await violations(page), []);
    });
  }

  for (const { width, colorScheme } of [screens[0], screens[3]]) {
    test(`the page in the states a reader reaches, ${width} px, ${colorScheme}`, async () => {
      const page = await open('?op2=1', { width, colorScheme, reducedMotion: 'reduce' });
      // Every view side by side in example 1, the counts in example 2 at a middle step.
      await showView(page, 1, 'all');
      await page.click('#ex1 button.next');
      await page.click('#ex2 button.next');
      await page.click('#ex2 button.next');
      await page.click('#ex2 .counts-toggle');
      // The editor's further fields open, a value refused at its field, a grid's values in place.
      await page.$eval('#ex1 .more', (d) => (d.open = true));
      await page.fill('#ex1 input[aria-label="stride"]', '0');
      await page.click('#ex2 .kern .edit-toggle');
      // A cell pointed at: its provenance written, its relatives lit.
      await page.hover('#ex2 .scatter .buf [role=gridcell] >> nth=6');
      assert.deepEqual(await violations(page), []);
      for (const view of ['gather', 'matrix']) {
        await showView(page, 2, view);
        await page.click('#ex2 button.next');
        assert.deepEqual(await violations(page), [], `example 2, ${view} view`);
      }
    });

    test(`embed.html, and an element that shows an error, ${width} px, ${colorScheme}`, async () => {
      const frame = await openElements(
        'embed.html?dims=2&input=[[1,2],[3,4]]&kernel=[[1,1,1],[0,0,0],[-1,-1,-1]]&stride=2&padding=1&step=2&controls=full',
        { width, colorScheme },
      );
      assert.deepEqual(await violations(frame), []);
      const failed = await openElements('embed.html?dims=1&input=[2,3]&kernel=[1,2,3]&stride=0', {
        width,
        colorScheme,
      });
      assert.equal(await failed.$eval('tconv-viz', (e) => e.error), 'stride must be from 1 to 16, got 0');
      assert.deepEqual(await violations(failed), []);
    });
  }
});

describe('the live region', () => {
  /** Every text the live region of root held from now on, in order. */
  const record = (page, selector) =>
    page.evaluate((selector) => {
      const find = () => {
        const [host, inner] = selector.split(' >> ');
        return inner ? document.querySelector(host).shadowRoot.querySelector(inner) : document.querySelector(host);
      };
      const status = find();
      window.__said = [];
      window.__listening?.disconnect();
      window.__listening = new MutationObserver(() => window.__said.push(status.textContent));
      window.__listening.observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }, selector);
  const said = (page) => page.evaluate(() => window.__said);

  test('one short sentence per step; while playing, "Playing" once and the state where it stops', async () => {
    const page = await open('', { reducedMotion: 'no-preference' });
    assert.equal(await page.getAttribute('#ex2 .status', 'aria-live'), 'polite');
    await record(page, '#ex2 .status');
    await page.click('#ex2 button.next');
    await page.click('#ex2 button.next');
    assert.deepEqual(await said(page), ['Step 1 of 4: x[0][0] = 1.', 'Step 2 of 4: x[0][1] = 2.']);
    // The long description is not a live region.
    assert.equal(await page.$$eval('#ex2 [aria-live]', (els) => els.filter((e) => e.matches('.desc')).length), 0);

    // Play to the end: the steps go by on screen, the live region speaks twice.
    await record(page, '#ex1 .status');
    await page.click('#ex1 button.play');
    await page.waitForFunction(() => document.querySelector('#ex1 .step-label').textContent === 'Step 2 of 2');
    assert.deepEqual(await said(page), ['Playing to the end; Space pauses.'], 'nothing per step while playing');
    await page.waitForFunction(
      () => document.querySelector('#ex1 button.play').getAttribute('aria-label') === 'Play',
      null,
      {
        timeout: 10000,
      },
    );
    assert.deepEqual(await said(page), ['Playing to the end; Space pauses.', 'Carve: the output.']);

    // Paused half-way: the state it stopped at, in the same short words as a step.
    await record(page, '#ex2 .status');
    await page.click('#ex2 button.first');
    await page.click('#ex2 button.play');
    await page.waitForFunction(() => document.querySelector('#ex2 .step-label').textContent === 'Step 2 of 4');
    await page.click('#ex2 button.play');
    const label = await text(page, '#ex2 .step-label');
    const words = await said(page);
    assert.equal(words[0], 'Start: 4 steps.');
    assert.equal(words[1], 'Playing to the end; Space pauses.');
    assert.match(words[2], new RegExp(`^${label}: x\\[\\d\\]\\[\\d\\] = \\d\\.$`));
    assert.equal(words.length, 3);
    for (const sentence of await said(page)) assert.ok(sentence.length <= 60 && !/\. \S/.test(sentence), sentence);
  });

  test('the same in a <tconv-viz> element', async () => {
    const page = await openElements('embed.html?dims=1&input=[2,3]&kernel=[1,2,3]&stride=2', {
      width: 800,
      colorScheme: 'light',
    });
    await record(page, 'tconv-viz >> .status');
    await page.click('tconv-viz >> button.next');
    await page.click('tconv-viz >> button.play');
    await page.waitForFunction(() => document.querySelector('tconv-viz').step === 'end', null, { timeout: 10000 });
    await page.waitForFunction(() => window.__said.length >= 3);
    assert.deepEqual(await said(page), [
      'Step 1 of 2: x[0] = 2.',
      'Playing to the end; Space pauses.',
      'Carve: the output.',
    ]);
  });
});

describe('focus not obscured (WCAG 2.4.11)', () => {
  test('360 × 800: the grid cursor moving down stays clear of the sticky step bar', async () => {
    const page = await open('', { width: 360, height: 800 });
    // The intermediate output's first row just above the bar, its first cell focused where it is
    // (the reader scrolled there); the arrow keys then move the cursor, and the page, as they do.
    await page.$eval('#ex2 .scatter .buf [role=gridcell]', (cell) => {
      // Stuck, the bar's top is its height above the screen's bottom.
      const bar = document.querySelector('#ex2 .step-bar').getBoundingClientRect();
      scrollBy(0, cell.getBoundingClientRect().bottom - (innerHeight - bar.height - 4));
      cell.focus({ preventScroll: true });
    });
    assert.equal(await page.$eval('#ex2 .step-bar', (bar) => getComputedStyle(bar).position), 'sticky');
    for (let row = 1; row <= 4; row++) {
      await page.keyboard.press('ArrowDown');
      const { cell, bar } = await page.evaluate(() => ({
        cell: document.activeElement.getBoundingClientRect().bottom,
        bar: document.querySelector('#ex2 .step-bar').getBoundingClientRect().top,
      }));
      assert.ok(cell <= bar, `row ${row}: the focused cell ends at ${cell} px, under the bar from ${bar} px`);
    }
  });

  test('360 × 740: Tab onto the view tabs and the toggles above the bar keeps them clear of it', async () => {
    const page = await open('', { width: 360, height: 740 });
    // Each one just under the bar's top (the reader scrolled there), then focused, as Tab does.
    for (const selector of ['#ex1 .views-tabs [aria-checked=true]', '#ex1 .counts-toggle', '#ex2 .in .edit-toggle']) {
      await page.$eval(selector, (el) => {
        const bar = el.closest('.tconv').querySelector('.step-bar').getBoundingClientRect();
        scrollBy(0, el.getBoundingClientRect().bottom - (innerHeight - bar.height / 2));
      });
      await page.focus(selector);
      const { el, bar } = await page.evaluate(
        (s) => ({
          el: document.querySelector(s).getBoundingClientRect().bottom,
          bar: document.querySelector(s).closest('.tconv').querySelector('.step-bar').getBoundingClientRect().top,
        }),
        selector,
      );
      assert.ok(el <= bar, `${selector} ends at ${el} px, under the bar from ${bar} px`);
    }
  });
});
