// Measures the page in headless Chromium and prints its figures (the README quotes them):
//  1. ready: navigation start → performance.mark('tconv-ready'), as a ratio to a floor page whose one
//     module only sets that mark (web/bench/floor.html); the two loaded in turn in one warm browser
//     with the HTTP cache disabled, median of 10 pairs. Budget: at most 1.5×. The page marks it when
//     both examples are drawn as the link asks: for the default link, the first states the build drew
//     (scripts/prerender.mjs); 'tconv-live', once they answer the reader, is printed beside it.
//  2. transfer: every response the page loads, gzip -9, summed. Budget: at most 60 KB (of 1,000 B, as bench-wasm counts).
//  3. At the largest example the page draws (input 16×16, kernel 7×7, stride 4, its grids scrolled
//     into view), the main thread's time from each interaction to its painted frame, read from a
//     performance trace (scripts/bench-trace.mjs: script, style, layout, paint and layerize):
//     one step (every step forward and back; budget p95 4 ms), a scrubber jump across all steps
//     (first ↔ last; budget p95 8 ms; the frames after it that apply the rest of its cells are
//     printed beside it) and random jumps, 500 steps at one per frame (budget: no frame over 50 ms,
//     counted by the Long Animation Frames API), a provenance hover (the pointer moved onto a cell,
//     to the frame that paints its highlight; budget p95 4 ms), and one step in view="all" (budget
//     p95 8 ms). Beside each, the old figure: the handler plus the style and layout it forces.
// Figures vary with the machine's load: run it on an otherwise idle machine (load average below 2.5).
// Usage: node scripts/bench-page.mjs [site folder] (default build/site; build the wasm preset first).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/support/browser.mjs';
import { median, ms, spread, traced } from './bench-trace.mjs';
import { serve } from './static-server.mjs';

const site = resolve(process.argv[2] ?? process.env.TCONV_SITE_DIR ?? 'build/site');
const only = process.env.BENCH_ONLY?.split(',') ?? null; // e.g. BENCH_ONLY=step,hover while profiling
const wanted = (name) => !only || only.includes(name);
const { server, url } = await serve(site, 0);
const browser = await launchBrowser();

// In the page: two frames after a change (its frame has been painted), and the largest example's controls.
const inPage = {
  frames: () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
};

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));

  if (wanted('ready')) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // 1. Ready mark versus the floor.
    // When the page set a mark (waiting for it), and the same after loading a path.
    const markAt = (mark) =>
      page.evaluate(async (mark) => {
        while (!performance.getEntriesByName(mark).length) await new Promise((r) => setTimeout(r, 1));
        return performance.getEntriesByName(mark)[0].startTime;
      }, mark);
    const readyAt = async (path, mark = 'tconv-ready') => {
      await page.goto(url + path);
      return markAt(mark);
    };
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
      live.push(await markAt('tconv-live'));
    }
    // 2. Everything the page transfers, gzip -9 (the server sends it uncompressed; any static host can gzip).
    const files = new Set();
    const onResponse = (r) => files.add(new URL(r.url()).pathname);
    page.on('response', onResponse);
    await readyAt('', 'tconv-live');
    page.off('response', onResponse);
    let total = 0;
    const sizes = [];
    for (const path of [...files].sort()) {
      const gz = gzipSync(await readFile(resolve(site, `.${path.endsWith('/') ? `${path}index.html` : path}`)), {
        level: 9,
      }).length;
      total += gz;
      sizes.push(`${path} ${gz}`);
    }
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.detach();
    console.log(
      `ready mark: page ${ms(median(full))}, floor ${ms(median(floor))}; median ratio of 10 pairs ${median(ratios).toFixed(2)}× (budget 1.5×); live ${ms(median(live))}`,
    );
    console.log(
      `transfer: ${(total / 1000).toFixed(1)} KB gzip (${total} B) in ${files.size} files (budget 60 KB)\n  ${sizes.join('\n  ')}`,
    );
  }

  // 3. The largest example the page draws.
  const matrix = (n, f) =>
    Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => f(r, c)).join(',')).join(';');
  const largest = `?in2=${matrix(16, (r, c) => ((r * 7 + c * 3) % 9) - 4)}&k2=${matrix(7, (r, c) => ((r + 2 * c) % 5) - 2)}&s2=4`;
  const open = async (query) => {
    await page.goto(url + query);
    await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1);
    // The reader looks at the grids: the intermediate output at the top of the window.
    await page.evaluate(() => document.querySelector('#ex2 .stage').scrollIntoView());
    await page.evaluate(inPage.frames);
  };
  // Interactions in the page, each followed by two frames; `settle` also waits for cells applied later.
  const act = (action, arg, settle = false) =>
    page.evaluate(
      async ([action, arg, settle]) => {
        const root = document.querySelector('#ex2');
        const scrub = root.querySelector('input[type=range]');
        if (action === 'jump') {
          scrub.value = arg;
          scrub.dispatchEvent(new Event('input', { bubbles: true }));
        } else root.querySelector(`button.${action}`).click();
        const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        await frames();
        while (settle && root.querySelector('[data-pending]')) await frames();
      },
      [action, arg, settle],
    );
  const lastState = () => page.$eval('#ex2 input[type=range]', (s) => Number(s.max));
  // The old figure: the handler plus the style and layout it forces (no paint), in one task.
  const forced = (action, values) =>
    page.evaluate(
      ([action, values]) => {
        const root = document.querySelector('#ex2');
        const scrub = root.querySelector('input[type=range]');
        const out = [];
        for (const v of values) {
          const t0 = performance.now();
          if (action === 'jump') {
            scrub.value = v;
            scrub.dispatchEvent(new Event('input', { bubbles: true }));
          } else root.querySelector(`button.${v}`).click();
          document.body.offsetHeight;
          out.push(performance.now() - t0);
        }
        return out;
      },
      [action, values],
    );

  if (wanted('step') || wanted('jump') || wanted('frames')) {
    await open(largest);
    const last = await lastState();
    const cells = await page.$$eval('#ex2 .scatter [role=gridcell]', (tds) => tds.length);
    console.log(`largest example: input 16×16, kernel 7×7, stride 4: ${last + 1} states, ${cells} cells drawn`);
    if (wanted('step')) {
      const steps = await traced(page, 2 * last, (k, mark) => mark(k).then(() => act(k < last ? 'next' : 'back')));
      console.log(
        `  one step (${steps.length}, every step forward and back), to its painted frame: ${spread(steps.map((s) => s.toPaint))} (budget p95 4 ms)`,
      );
      const old = await forced('step', [...Array(last).fill('next'), ...Array(last).fill('back')]);
      console.log(`    handler + forced style and layout, no paint: ${spread(old)}`);
    }
    if (wanted('jump')) {
      const full = await traced(page, 40, (k, mark) => mark(k).then(() => act('jump', k % 2 ? 0 : last, true)));
      console.log(
        `  scrubber jump across all steps (first ↔ last, 40), to its painted frame: ${spread(full.map((s) => s.toPaint))} (budget p95 8 ms)`,
      );
      console.log(
        `    longest task ${spread(full.map((s) => s.frame))}; all its frames until every cell is shown ${spread(full.map((s) => s.total))}`,
      );
      const targets = [];
      for (let i = 0, x = 7; i < 60; i++) targets.push((x = (x * 1103515245 + 12345) % 2147483648) % (last + 1));
      const random = await traced(page, targets.length, (k, mark) => mark(k).then(() => act('jump', targets[k], true)));
      console.log(
        `  random scrubber jumps (60), to its painted frame: ${spread(random.map((s) => s.toPaint))}; until every cell is shown ${spread(random.map((s) => s.total))}`,
      );
      const old = await forced('jump', targets);
      console.log(`    handler + forced style and layout, no paint: ${spread(old)}`);
    }
    if (wanted('frames')) {
      // 500 steps, one per animation frame (forward, and back from the end), as fast as frames come.
      const result = await page.evaluate(async () => {
        const root = document.querySelector('#ex2');
        const scrub = root.querySelector('input[type=range]');
        const long = [];
        // Only the frames of the 500 steps: an observer also receives a frame that began before it
        // was registered (the scroll that brought the grids into view) but ended after.
        const start = performance.now();
        const observer = new PerformanceObserver((list) =>
          long.push(
            ...list
              .getEntries()
              .filter((e) => e.startTime >= start)
              .map((e) => e.duration),
          ),
        );
        observer.observe({ type: 'long-animation-frame', buffered: false });
        const gaps = [];
        let before = performance.now();
        for (let i = 0, forward = true; i < 500; i++) {
          if (Number(scrub.value) >= Number(scrub.max)) forward = false;
          if (Number(scrub.value) <= 0) forward = true;
          root.querySelector(forward ? 'button.next' : 'button.back').click();
          await new Promise((done) => requestAnimationFrame(done));
          const now = performance.now();
          gaps.push(now - before);
          before = now;
        }
        await new Promise((done) => setTimeout(done, 100));
        observer.disconnect();
        return { long, gaps };
      });
      console.log(
        `  500 steps at one per frame: ${result.long.length} frames over 50 ms (Long Animation Frames${result.long.length ? `: ${result.long.map((d) => d.toFixed(0)).join(', ')} ms` : ''}); ` +
          `frame intervals ${spread(result.gaps)} (budget: no frame over 50 ms)`,
      );
    }
  }

  if (wanted('hover')) {
    await open(largest);
    await act('jump', 130, true);
    // The pointer moved from cell to cell of the intermediate output, the output, the input and the kernel.
    const points = await page.evaluate(() => {
      const root = document.querySelector('#ex2 .scatter');
      const out = [];
      for (const [grid, every] of [
        ['.buf', 23],
        ['.in', 7],
        ['.kern', 3],
        ['.buf', 31],
      ]) {
        const tds = root.querySelectorAll(`${grid} [role=gridcell]`);
        for (let i = 0; i < tds.length; i += every) {
          const r = tds[i].getBoundingClientRect();
          if (r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth)
            out.push([r.x + r.width / 2, r.y + r.height / 2]);
        }
      }
      return out.slice(0, 200);
    });
    const hovers = await traced(page, points.length, async (k, mark) => {
      await mark(k);
      await page.mouse.move(...points[k]);
      await page.evaluate(inPage.frames);
    });
    console.log(
      `  provenance hover (${hovers.length} cells in view), pointer event to the painted highlight: ${spread(hovers.map((s) => s.toPaint))} (budget p95 4 ms)`,
    );
  }

  if (wanted('all')) {
    await open(`${largest}&v2=all`);
    // The first of the matrix view's tables (C, shown on request) is hidden.
    await page.waitForSelector('#ex2 .matrix [role=grid] >> visible=true');
    const last = await lastState();
    const cells = await page.$$eval('#ex2 .stage [role=gridcell]', (tds) => tds.length);
    const count = Math.min(200, last);
    const steps = await traced(page, count, (k, mark) => mark(k).then(() => act('next')));
    console.log(
      `  one step in view="all" (${count} steps, ${cells} cells in the three views), to its painted frame: ${spread(steps.map((s) => s.toPaint))} (budget p95 8 ms)`,
    );
    const old = await forced('step', Array(Math.min(100, last - count)).fill('next'));
    if (old.length) console.log(`    handler + forced style and layout, no paint: ${spread(old)}`);
  }
  if (problems.length) console.log(`console errors: ${problems.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
