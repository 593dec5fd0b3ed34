// Embeds that fit the blog they are in: the README's iframe heights (and the copied code's) hold
// their content on a 360 px phone without any script; with embed-host.js a frame takes its
// content's height as it changes, and only its own frame's messages count; the element follows
// the host page's colour scheme, not the system's (a light blog read on a dark system), and a dark
// blog that sets only --tconv-bg/--tconv-fg gets them; a removed element re-added with a bad
// attribute keeps its last drawing. All under the site's strict CSP, served from a sub-path.
// Run: node --test tests/e2e/embed-fit.test.mjs (after the wasm build).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { serve, strictCsp } from '../../scripts/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { repo, shotPath, siteDir } from './support.mjs';

const base = 'blog/assets/tconv/';
let root, site, server, url, other, otherUrl, browser;
let pages = [];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'tconv-fit-'));
  site = join(root, base);
  mkdirSync(site, { recursive: true });
  cpSync(siteDir, site, { recursive: true });
  ({ server, url } = await serve(root, 0));
  url += base;
  // Another origin (another port): a page that claims a height for the frame it is loaded in.
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'claim.js'), "parent.postMessage({ type: 'tconv-embed-height', height: 77 }, '*');\n");
  writeFileSync(
    join(elsewhere, 'claim.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claim</title><link rel="icon" href="data:,"><script src="claim.js"></script></head><body></body></html>',
  );
  ({ server: other, url: otherUrl } = await serve(elsewhere, 0));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  other?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'console errors');
    await page.context().close();
  }
  pages = [];
});

async function open(path, { width = 1000, height = 900, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  pages.push(page);
  await page.goto(url + path);
  return page;
}
const write = (name, text) => writeFileSync(join(site, name), text);
const rendered = (frame) =>
  frame.waitForFunction(
    () =>
      customElements.get('tconv-viz') &&
      [...document.querySelectorAll('tconv-viz')].every((e) => e.stepCount !== null || e.error !== null),
    null,
    { timeout: 20000, polling: 100 },
  );
const page = (body, { css = '', scheme = 'light dark' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="${scheme}"><title>fit</title><link rel="icon" href="data:,">${css ? `<link rel="stylesheet" href="${css}">` : ''}<script type="module" src="tconv-viz.js"></script></head><body>${body}</body></html>`;

/** The README's iframe tags, between its iframe-heights markers: [{query, height}]. */
function readmeFrames() {
  const text = readFileSync(resolve(repo, 'README.md'), 'utf8');
  const block = text.slice(text.indexOf('<!-- iframe-heights:start'), text.indexOf('<!-- iframe-heights:end'));
  return [...block.matchAll(/<iframe src="[^"?]*embed\.html\?([^"]+)"[^>]*height="(\d+)"/g)].map((m) => ({
    query: m[1].replaceAll('&amp;', '&'),
    height: Number(m[2]),
  }));
}

/** Whether embed.html?query fits height at width: its content height at every step, at most height. */
async function tallest(query, width, height) {
  const frame = await open(`embed.html?${query}`, { width, height });
  await rendered(frame);
  let most = 0;
  const first = frame.locator('tconv-viz >> button.first');
  if (await first.isVisible()) await first.click();
  for (let i = 0; i < 8; i++) {
    most = Math.max(most, await frame.evaluate(() => document.documentElement.scrollHeight));
    const next = frame.locator('tconv-viz >> button.next');
    if (!(await next.isVisible()) || (await next.isDisabled())) break;
    await next.click();
  }
  await frame.context().close();
  pages.pop();
  return most;
}

describe('frame heights without a script', () => {
  test('the README’s iframe heights hold their content at 320 and 360 px', async () => {
    const frames = readmeFrames();
    assert.equal(frames.length, 2, 'a 1D and a 2D iframe in the README');
    for (const { query, height } of frames)
      for (const width of [320, 360]) {
        const need = await tallest(query, width, height);
        assert.ok(need <= height, `${query.slice(0, 30)}… at ${width} px needs ${need} px, the README gives ${height}`);
      }
  });

  test('the copied iframe code’s height holds the seed examples in every view at 320 and 360 px', async () => {
    const { frameHeight } = await import(new URL('embed-code.js', `file://${site}/`).href);
    const seeds = {
      1: 'dims=1&input=[2,3]&kernel=[1,2,3]&stride=2',
      2: 'dims=2&input=[[1,2],[3,4]]&kernel=[[1,1,1],[0,0,0],[-1,-1,-1]]&stride=2&padding=1',
    };
    for (const dims of [1, 2])
      for (const view of ['scatter', 'gather', 'matrix', 'all']) {
        const height = frameHeight({ dims }, view);
        for (const width of [320, 360]) {
          const need = await tallest(`${seeds[dims]}&view=${view}&step=1`, width, height);
          assert.ok(need <= height, `${dims}D ${view} at ${width} px needs ${need} px, frameHeight gives ${height}`);
        }
      }
  });
});

describe('embed-host.js', () => {
  const frames = [
    ['f1', 'dims=1&input=[2,3]&kernel=[1,2,3]&stride=2&step=end'],
    ['f2', 'dims=2&input=[[1,2],[3,4]]&kernel=[[1,1,1],[0,0,0],[-1,-1,-1]]&stride=2&padding=1&controls=full'],
  ];
  const host = (script, extra = '') =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">${script}</head><body>
<p>A post with two frames.</p>
${frames.map(([id, q]) => `<iframe id="${id}" src="embed.html?${q.replaceAll('&', '&amp;')}" title="tconv ${id}" width="100%" height="150"></iframe>`).join('\n')}
${extra}<p>The end.</p></body></html>`;
  /** Each frame's height attribute and its content's height. */
  const heights = (p) =>
    p.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('iframe[id^=f]')].map((f) => [
          f.id,
          {
            attribute: Number(f.getAttribute('height')),
            content: Math.ceil(f.contentDocument.documentElement.getBoundingClientRect().height),
            scrolls: f.contentDocument.documentElement.scrollHeight > f.contentDocument.documentElement.clientHeight,
          },
        ]),
      ),
    );
  const fitted = (p) =>
    p.waitForFunction(
      () =>
        [...document.querySelectorAll('iframe[id^=f]')].every((f) => {
          const c = f.contentDocument?.documentElement;
          return (
            c &&
            f.contentWindow.customElements.get('tconv-viz') &&
            f.contentDocument.querySelector('tconv-viz').stepCount !== null &&
            Math.abs(Number(f.getAttribute('height')) - Math.ceil(c.getBoundingClientRect().height)) <= 1
          );
        }),
      null,
      { timeout: 20000, polling: 100 },
    );

  test('each frame takes its content’s height, and follows it when the content changes', async () => {
    write('host.html', host('<script src="embed-host.js" defer></script>'));
    for (const width of [360, 1000]) {
      const p = await open('host.html', { width });
      await fitted(p);
      for (const [id, h] of Object.entries(await heights(p))) {
        assert.ok(Math.abs(h.attribute - h.content) <= 1, `${width} px, ${id}: ${JSON.stringify(h)}`);
        assert.equal(h.scrolls, false, `${width} px, ${id} does not scroll inside`);
      }
      // All three views in the 2D frame: it grows; back to one view: it shrinks again.
      const before = (await heights(p)).f2.attribute;
      const f2 = p.frameLocator('#f2');
      await f2.locator('tconv-viz >> .tab[data-view=all]').click();
      await p.waitForFunction((h) => Number(document.querySelector('#f2').getAttribute('height')) > h + 200, before);
      await f2.locator('tconv-viz >> .tab[data-view=scatter]').click();
      await p.waitForFunction((h) => Number(document.querySelector('#f2').getAttribute('height')) === h, before);
      await p.screenshot({ path: shotPath(`embed-host-${width}`), fullPage: true });
    }
  });

  test('a script loaded after the frames asks them again', async () => {
    write('late.js', "const s = document.createElement('script'); s.src = 'embed-host.js'; document.head.append(s);\n");
    write('late-start.js', "addEventListener('load', () => setTimeout(() => import('./late.js'), 300));\n");
    write('late.html', host('<script src="late-start.js" defer></script>'));
    const p = await open('late.html', { width: 360 });
    await fitted(p);
  });

  test('only tconv frames’ own messages count: not the page’s, not another frame’s', async () => {
    write(
      'hostile.js',
      // The host page itself claims a height for the frames.
      "addEventListener('load', () => postMessage({ type: 'tconv-embed-height', height: 5 }, '*'));\n",
    );
    write(
      'hostile.html',
      host(
        '<script src="embed-host.js" defer></script><script src="hostile.js" defer></script>',
        // A frame of another origin (an ad, say) that claims a height for itself.
        `<iframe id="ad" src="${otherUrl}claim.html" title="another site" height="150"></iframe>`,
      ),
    );
    // This host page may frame the other origin.
    const { server: framing, url: framingUrl } = await serve(root, 0, {
      csp: `${strictCsp}; frame-src 'self' ${new URL(otherUrl).origin}`,
    });
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const p = await context.newPage();
      p.problems = [];
      p.on('console', (m) => m.type() === 'error' && p.problems.push(`console: ${m.text()}`));
      pages.push(p);
      await p.goto(`${framingUrl}${base}hostile.html`);
      await fitted(p);
      await p.waitForTimeout(500);
      assert.equal(
        await p.$eval('#ad', (f) => f.getAttribute('height')),
        '150',
        'the other site’s frame kept its height',
      );
      for (const h of Object.values(await heights(p)))
        assert.ok(h.attribute > 100, 'the page’s own message was obeyed');
    } finally {
      framing.close();
    }
  });
});

describe('the host page’s theme', () => {
  const widget =
    '<tconv-viz id="w" dims="1" input="[2,3]" kernel="[1,2,3]" stride="2" step="1"><pre>[2 4 6 0 0]</pre></tconv-viz>';
  /** The element's box: background and text colours as [r, g, b], and its theme class. */
  const look = (p) =>
    p.$eval('#w', (el) => {
      const box = el.shadowRoot.querySelector('.box');
      const rgb = (c) => {
        const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
        canvas.fillStyle = c;
        canvas.fillRect(0, 0, 1, 1);
        return Array.from(canvas.getImageData(0, 0, 1, 1).data.slice(0, 3));
      };
      const style = getComputedStyle(box);
      // A plain cell's fill: the derived token, as the grids use it.
      const probe = document.createElement('i');
      el.shadowRoot.querySelector('.tconv').append(probe);
      probe.style.backgroundColor = 'var(--c-cell)';
      const cell = rgb(getComputedStyle(probe).backgroundColor);
      probe.remove();
      return { bg: rgb(style.backgroundColor), fg: rgb(style.color), cell };
    });
  const light = ({ bg }) => bg.every((v) => v > 200);
  const dark = ({ bg }) => bg.every((v) => v < 60);

  test('a light blog read on a dark system shows a light element; a dark blog on a light system a dark one', async () => {
    write('light.css', ':root { color-scheme: light; background: #fdfcf9; color: #222; }');
    write('light-blog.html', page(widget, { css: 'light.css', scheme: 'light' }));
    const p = await open('light-blog.html', { colorScheme: 'dark' });
    await rendered(p);
    const seen = await look(p);
    assert.ok(light(seen), `light blog, dark system: ${JSON.stringify(seen)}`);
    assert.ok(
      seen.fg.every((v) => v < 80),
      'dark text',
    );
    assert.ok(
      seen.cell.every((v) => v > 200),
      'light cells',
    );
    await p.locator('#w').screenshot({ path: shotPath('theme-light-blog-dark-system') });

    write('dark.css', ':root { color-scheme: dark; background: #16171a; color: #ddd; }');
    write('dark-blog.html', page(widget, { css: 'dark.css', scheme: 'dark' }));
    const q = await open('dark-blog.html', { colorScheme: 'light' });
    await rendered(q);
    assert.ok(dark(await look(q)), `dark blog, light system: ${JSON.stringify(await look(q))}`);

    // No declared scheme: the page's background says it. And theme= overrides everything.
    write('plain-dark.css', 'body { background: #101010; color: #eee; }');
    write(
      'plain-dark.html',
      page(widget, { css: 'plain-dark.css', scheme: 'normal' }).replace(/<meta name="color-scheme"[^>]*>/, ''),
    );
    const r = await open('plain-dark.html', { colorScheme: 'light' });
    await rendered(r);
    assert.ok(dark(await look(r)), 'a dark background without color-scheme');
    await r.$eval('#w', (el) => el.setAttribute('theme', 'light'));
    assert.ok(light(await look(r)), 'theme="light"');
  });

  test('a dark blog that sets only --tconv-bg and --tconv-fg: the element takes them, and derives the rest', async () => {
    write(
      'tokens.css',
      ':root { color-scheme: dark; background: #1e1e2e; } tconv-viz { --tconv-bg: #1e1e2e; --tconv-fg: #cdd6f4; }',
    );
    write('tokens.html', page(widget, { css: 'tokens.css', scheme: 'dark' }));
    const p = await open('tokens.html', { colorScheme: 'light' });
    await rendered(p);
    const seen = await look(p);
    assert.deepEqual(seen.bg, [0x1e, 0x1e, 0x2e]);
    assert.deepEqual(seen.fg, [0xcd, 0xd6, 0xf4]);
    assert.deepEqual(seen.cell, [0x1e, 0x1e, 0x2e], 'cells follow the background');
    // (tests/e2e/contrast.test.mjs measures every mark and text of this blog.)
  });

  test('embed.html follows theme= in its URL, the system otherwise', async () => {
    const q = 'dims=1&input=[2,3]&kernel=[1,2,3]&stride=2';
    const p = await open(`embed.html?${q}&theme=light`, { colorScheme: 'dark' });
    await rendered(p);
    await p.$eval('tconv-viz', (el) => (el.id = 'w'));
    assert.ok(light(await look(p)));
    const s = await open(`embed.html?${q}`, { colorScheme: 'dark' });
    await rendered(s);
    await s.$eval('tconv-viz', (el) => (el.id = 'w'));
    assert.ok(dark(await look(s)));
  });
});

describe('a removed element', () => {
  test('re-added with a bad attribute, it keeps its last drawing, with the message above it', async () => {
    write(
      'readd.html',
      page(
        `<div id="place"><tconv-viz id="w" dims="1" input="[2,3]" kernel="[1,2,3]" stride="2" step="end"><p>fallback</p></tconv-viz></div>`,
      ),
    );
    const p = await open('readd.html');
    await rendered(p);
    const r = await p.$eval('#w', async (el) => {
      const cells = () =>
        [...el.shadowRoot.querySelectorAll('.out [role=gridcell]')].map((td) => td.textContent).join(' ');
      const before = cells();
      const place = el.parentNode;
      el.remove();
      el.setAttribute('stride', '0');
      await new Promise((done) => setTimeout(done, 50));
      place.append(el);
      await new Promise((done) => setTimeout(done, 100));
      const message = el.shadowRoot.querySelector('.error');
      return {
        before,
        after: cells(),
        tables: el.shadowRoot.querySelectorAll('.viz [role=grid]').length,
        error: el.error,
        output: el.output,
        shown: message.getClientRects().length > 0 ? message.textContent : null,
        fallback: el.querySelector('p').getClientRects().length > 0,
      };
    });
    assert.equal(r.before, '2 4 9 6 9');
    assert.deepEqual(
      { ...r, before: undefined },
      {
        before: undefined,
        after: '2 4 9 6 9',
        tables: 5,
        error: 'stride must be from 1 to 16, got 0',
        output: [2, 4, 9, 6, 9],
        shown: 'stride must be from 1 to 16, got 0',
        fallback: false,
      },
    );
  });
});
