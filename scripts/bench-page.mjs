// Measures the page in headless Chromium and prints three figures (the README quotes them):
//  1. ready: navigation start → performance.mark('tconv-ready'), as a ratio to a floor page whose one
//     module only sets that mark (web/bench/floor.html); the two loaded in turn in one warm browser
//     with the HTTP cache disabled, median of 10 pairs. Budget: at most 1.5×. The page marks it when
//     both examples are drawn as the link asks: for the default link, the first states the build drew
//     (scripts/prerender.mjs); 'tconv-live', once they answer the reader, is printed beside it.
//  2. transfer: every response the page loads, gzip -9, summed. Budget: at most 60 KB.
//  3. step: one step change at the largest example the editor accepts (input 16×16, kernel 7×7,
//     stride 4): the click's handler plus the style and layout it forces (paint excluded), p95 over
//     every step forward and back. Budget: at most 8 ms. Scrubber jumps, which rewrite up to every
//     cell, are printed beside it.
// Figures vary with the machine's load: run it on an otherwise idle machine.
// Usage: node scripts/bench-page.mjs [site folder] (default build/site; build the wasm preset first).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/support/browser.mjs';
import { serve } from './static-server.mjs';

const site = resolve(process.argv[2] ?? process.env.TCONV_SITE_DIR ?? 'build/site');
const { server, url } = await serve(site, 0);
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  // 1. Ready mark versus the floor.
  const readyAt = async (path, mark = 'tconv-ready') => {
    await page.goto(url + path);
    return page.evaluate(async (mark) => {
      while (!performance.getEntriesByName(mark).length) await new Promise((r) => setTimeout(r, 1));
      return performance.getEntriesByName(mark)[0].startTime;
    }, mark);
  };
  const liveAt = () =>
    page.evaluate(async () => {
      while (!performance.getEntriesByName('tconv-live').length) await new Promise((r) => setTimeout(r, 1));
      return performance.getEntriesByName('tconv-live')[0].startTime;
    });
  // warm-up
  for (let i = 0; i < 3; i++) {
    await readyAt('bench/floor.html');
    await readyAt('');
  }
  const floor = [];
  const full = [];
  const ratios = [];
  const live = [];
  for (let i = 0; i < 10; i++) {
    floor.push(await readyAt('bench/floor.html'));
    full.push(await readyAt(''));
    ratios.push(full[i] / floor[i]);
    live.push(await liveAt());
  }

  // 2. Everything the page transfers, gzip -9 (the server sends it uncompressed; any static host can gzip).
  const files = new Set();
  page.on('response', (r) => files.add(new URL(r.url()).pathname));
  await page.goto(url);
  await readyAt('', 'tconv-live');
  let total = 0;
  const sizes = [];
  for (const path of [...files].sort()) {
    const gz = gzipSync(await readFile(resolve(site, `.${path.endsWith('/') ? `${path}index.html` : path}`)), {
      level: 9,
    }).length;
    total += gz;
    sizes.push(`${path} ${gz}`);
  }

  // 3. One step change at the largest accepted example.
  const matrix = (n, f) =>
    Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => f(r, c)).join(',')).join(';');
  await page.goto(
    `${url}?in2=${matrix(16, (r, c) => ((r * 7 + c * 3) % 9) - 4)}&k2=${matrix(7, (r, c) => ((r + 2 * c) % 5) - 2)}&s2=4`,
  );
  await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1);
  const times = await page.evaluate(() => {
    const root = document.querySelector('#ex2');
    const scrub = root.querySelector('input[type=range]');
    const out = [];
    const time = (change) => {
      const t0 = performance.now();
      change();
      root.getBoundingClientRect(); // forces the style and layout of the change
      document.body.offsetHeight;
      out.push(performance.now() - t0);
    };
    const last = Number(scrub.max);
    for (let s = 0; s < last; s++) time(() => root.querySelector('button.next').click());
    for (let s = last; s > 0; s--) time(() => root.querySelector('button.back').click());
    // Jumps with the scrubber (deterministic pseudo-random targets).
    for (let i = 0, x = 7; i < 100; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      time(() => {
        scrub.value = x % (last + 1);
        scrub.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    return out;
  });
  const steps = times.slice(0, times.length - 100); // single steps, forward then back
  const jumps = times.slice(times.length - 100);
  const cells = await page.$$eval('#ex2 .buf td', (tds) => tds.length);

  console.log(
    `ready mark: page ${ms(median(full))}, floor ${ms(median(floor))}; median ratio of 10 pairs ${median(ratios).toFixed(2)}× (budget 1.5×); live ${ms(median(live))}`,
  );
  console.log(
    `transfer: ${(total / 1024).toFixed(1)} KB gzip in ${files.size} files (budget 60 KB)\n  ${sizes.join('\n  ')}`,
  );
  console.log(
    `step change at input 16×16, kernel 7×7, stride 4 (${cells} intermediate cells), ${steps.length} single steps: ` +
      `p50 ${ms(median(steps))}, p95 ${ms(percentile(steps, 95))}, max ${ms(Math.max(...steps))} (budget p95 8 ms)`,
  );
  console.log(
    `  scrubber jumps across many steps (not single step changes), 100 of them: p50 ${ms(median(jumps))}, p95 ${ms(percentile(jumps, 95))}`,
  );
  if (problems.length) console.log(`console errors: ${problems.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
