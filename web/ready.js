// The page's first module, a few hundred bytes: the build drew each example's first state into
// index.html with the core (scripts/prerender.mjs), so a reader sees the worked examples before the
// core arrives, and main.js then swaps in the live ones, laid out the same. This module says which
// drawn examples stand and marks the page ready when all of them do. An example that the link
// changes (any parameter ending in its number: in2, s2, step2, v2…) is hidden until main.js draws
// it, so that the seed's numbers never pass for the link's; its space stays, so nothing moves.
const asked = [...new URLSearchParams(location.search).keys()];
const drawn = [...document.querySelectorAll('.example[data-prerendered]')];
for (const section of drawn) {
  const n = section.id.slice(2);
  if (asked.some((key) => /^[a-z]+(\d+)$/.exec(key)?.[1] === n)) section.classList.add('stale');
}
// A phone shows the editor's further fields closed, as the live editor does (web/editor.js). The
// script tag is render-blocking (blocking="render"): nothing was painted before this runs.
if (matchMedia('(max-width: 40rem)').matches)
  for (const more of document.querySelectorAll('.example[data-prerendered] details.more')) more.open = false;
if (drawn.length && drawn.length === document.querySelectorAll('.example').length && !document.querySelector('.stale'))
  performance.mark('tconv-ready');
// A step button pressed before the examples are live is remembered on its example and pressed again
// by main.js once they are (data-early: the buttons' classes, in order).
addEventListener(
  'click',
  (e) => {
    const button = e.target.closest?.('.controls button');
    const section = button?.closest('.example[data-prerendered]');
    if (section) section.dataset.early = `${section.dataset.early ?? ''} ${button.className}`.trim();
  },
  true,
);
// Then the page's code, which makes the examples live (main.js), and beside it the core's .wasm, which
// it would otherwise ask for only once tconv.js runs. Fetched from here, not from a preload in the
// HTML, so that neither competes with this module and the stylesheet for the first states' mark.
document.head.append(
  Object.assign(document.createElement('link'), {
    rel: 'preload',
    href: 'tconv-core.wasm',
    as: 'fetch',
    type: 'application/wasm',
    crossOrigin: 'anonymous',
  }),
);
import('./page.js');
