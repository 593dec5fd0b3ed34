// Measures <tconv-viz> with 64 groups (64 → 64 channels, input 16 × 16, kernel 7 × 7, stride 1) in
// headless Chromium and prints its figures (the README's Performance section quotes them):
//  1. first frame: from setting the element's spec (its input, weight and groups attributes, set in
//     one task on an element already upgraded) to the end of the first frame that paints it, median
//     and max of 10 specs (each a new one: different values), as wall time and as the main thread's
//     busy time in a performance trace. Budget: 500 ms.
//  2. one step: the → key on the focused grids, to its painted frame (scripts/bench-trace.mjs: script,
//     style, layout, paint), over 200 steps forward across a channel boundary and 100 back. Budget:
//     p95 8 ms.
//  3. the cells drawn, against the bound the element names.
// Figures vary with the machine's load: the script prints the load average beside them.
// Usage: node scripts/bench-channels.mjs [site folder] (default build/site; build the wasm preset first).
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launchBrowser } from '../tests/support/browser.mjs';
import { median, ms, spread, traced } from './bench-trace.mjs';
import { serve } from './static-server.mjs';

const site = resolve(process.argv[2] ?? process.env.TCONV_SITE_DIR ?? 'build/site');
const { server, url } = await serve(site, 0);
const browser = await launchBrowser();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

// A spec of 64 groups; `seed` varies its values, so that no two runs draw the same numbers.
const spec = (seed) => ({
  input: Array.from({ length: 64 }, (_, c) =>
    Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, k) => ((r * 7 + k * 3 + c + seed) % 9) - 4)),
  ),
  weight: Array.from({ length: 64 }, (_, c) => [
    Array.from({ length: 7 }, (_, r) => Array.from({ length: 7 }, (_, k) => ((r + 2 * k + c * seed) % 5) - 2)),
  ]),
});

try {
  console.log(`load average before: ${load()}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${url}examples/blog-post.html`);
  await page.waitForFunction(() => customElements.get('tconv-viz'));
  // One element at the top of the page, upgraded and drawing a small example first.
  await page.evaluate(async () => {
    const el = document.createElement('tconv-viz');
    el.id = 'bench';
    el.setAttribute('input', '[2,3]');
    el.setAttribute('kernel', '[1,2,3]');
    document.body.prepend(el);
    while (el.stepCount === null) await new Promise((r) => setTimeout(r, 10));
  });

  // 1. First frame after setting the spec.
  const walls = [];
  const firsts = await traced(page, 10, async (k, mark) => {
    await mark(k);
    walls.push(
      await page.evaluate(
        async (s) => {
          const el = document.getElementById('bench');
          const t0 = performance.now();
          el.removeAttribute('kernel');
          el.setAttribute('input', JSON.stringify(s.input));
          el.setAttribute('weight', JSON.stringify(s.weight));
          el.setAttribute('groups', '64');
          el.setAttribute('step', '0');
          // The frame that shows it: rendered in this task's microtask, painted in the next frame.
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const t1 = performance.now();
          if (el.error) throw new Error(el.error);
          // Back to the small example, so that every round sets the 64-group spec anew.
          el.removeAttribute('weight');
          el.removeAttribute('groups');
          el.setAttribute('input', '[2,3]');
          el.setAttribute('kernel', '[1,2,3]');
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          return t1 - t0;
        },
        spec(k + 1),
      ),
    );
  });
  console.log(
    `64 groups, 64 → 64 channels, 16×16, kernel 7×7 (${64 * 256} steps): first frame after setting the spec, 10 specs: ` +
      `wall time median ${ms(median(walls))}, max ${ms(Math.max(...walls))}; main thread to its painted frame median ${ms(median(firsts.map((f) => f.toPaint)))} (budget 500 ms)`,
  );

  // 2. One step, to its painted frame.
  await page.evaluate(async (s) => {
    const el = document.getElementById('bench');
    el.removeAttribute('kernel');
    el.setAttribute('input', JSON.stringify(s.input));
    el.setAttribute('weight', JSON.stringify(s.weight));
    el.setAttribute('groups', '64');
    el.setAttribute('step', String(256 - 100)); // 100 steps before channel 1 begins
    el.setAttribute('controls', 'full');
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, spec(1));
  const cells = await page.$eval('#bench', (el) => el.shadowRoot.querySelectorAll('[role=gridcell]').length);
  const bound = await page.$eval('#bench', (el) => el.shadowRoot.querySelector('.drawn')?.textContent ?? '');
  // The reader's key on the focused grids: an input event the browser dispatches in a task of its
  // own (a click inside page.evaluate would count the evaluation's own cost too).
  await page.$eval('#bench', (el) => el.shadowRoot.querySelector('.stage').focus());
  const act = async (key) => {
    await page.keyboard.press(key);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  };
  const steps = await traced(page, 300, (k, mark) => mark(k).then(() => act(k < 200 ? 'ArrowRight' : 'ArrowLeft')));
  const paints = steps.map((s) => s.toPaint);
  console.log(
    `  one step (300: 200 forward across the boundary of channels 0 and 1, 100 back), to its painted frame: ${spread(paints)} (budget p95 8 ms)`,
  );
  console.log(`  cells drawn: ${cells} (${bound})`);
  console.log(`load average after: ${load()}`);
  if (problems.length) console.log(`console errors: ${problems.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
