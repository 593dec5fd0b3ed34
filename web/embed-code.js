// "Copy embed code": the current example as a <tconv-viz> element or as an iframe of embed.html,
// with the same settings (params.js names them). Values are escaped for an HTML attribute (and for a
// URL in the iframe), so the copied code shows the numbers as written and can carry no markup of its
// own. The code is shown as well as copied, so the reader sees what the clipboard holds.
import { h } from './dom.js';
import { isDefault, settingText, specParams } from './params.js';

/** [attribute, text] pairs of a spec, step and view, in the order an author reads them. */
function embedAttrs(spec, step, view) {
  const pairs = [];
  for (const p of specParams) {
    if (spec[p.key] === undefined || (p.key !== 'dims' && isDefault(p, spec[p.key]))) continue;
    pairs.push([p.attr, p.kind === 'json' ? JSON.stringify(spec[p.key]) : settingText(p.kind, spec[p.key])]);
  }
  if (view && view !== 'scatter') pairs.push(['view', view]);
  if (step !== undefined && step !== null && step !== 0) pairs.push(['step', String(step)]);
  return pairs;
}

/** Text safe inside a double-quoted HTML attribute. */
const embedEscape = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The one-line element; with scriptUrl, preceded by the script that defines it. */
export function elementCode(spec, step, scriptUrl, view) {
  const attrs = embedAttrs(spec, step, view)
    .map(([name, text]) => ` ${name}="${embedEscape(text)}"`)
    .join('');
  const script = scriptUrl ? `<script type="module" src="${embedEscape(scriptUrl)}"></script>\n` : '';
  return `${script}<tconv-viz${attrs}></tconv-viz>`;
}

// The heights that fit the seed-sized examples in a frame 320 to 360 px wide (a phone's column),
// per view, without the host script; tests/e2e/embed-fit.test.mjs measures them. Larger examples
// need a taller frame, or embed-host.js.
const frameHeights = {
  1: { scatter: 880, gather: 1180, matrix: 1080, all: 2400 },
  2: { scatter: 1240, gather: 1460, matrix: 1360, all: 3300 },
};

/** The height of an iframe of the example: what fits it on a 360 px phone without the host script. */
export const frameHeight = (spec, view = 'scatter') =>
  (frameHeights[spec.dims] ?? frameHeights[2])[view] ?? frameHeights[2].scatter;

/** The iframe of baseUrl's embed.html (default: the folder this module was served from). With the optional
 *  host script embed-host.js on the page, the frame takes its content's height. */
export function iframeCode(spec, step, baseUrl = new URL('./', import.meta.url).href, view) {
  const query = embedAttrs(spec, step, view)
    .map(([name, text]) => `${name}=${encodeURIComponent(text).replace(/%2C/g, ',')}`)
    .join('&');
  const src = new URL(`embed.html?${query}`, baseUrl).href;
  return `<iframe src="${embedEscape(src)}" title="Transposed convolution, step by step" width="100%" height="${frameHeight(spec, view)}" loading="lazy"></iframe>`;
}

/** Two buttons in container that copy getState()'s {spec, step, view} as element or iframe code,
 *  and show it. A browser without clipboard access gets the code selected instead. */
export function copyButtons(container, getState, { baseUrl } = {}) {
  const base = baseUrl ?? new URL('./', import.meta.url).href;
  const status = h('span', { className: 'copy-status', 'aria-live': 'polite' });
  const field = h('textarea', {
    className: 'copy-code',
    readOnly: true,
    rows: 4,
    hidden: true,
    'aria-label': 'Embed code',
  });
  const copier = (label, make) =>
    h('button', {
      type: 'button',
      className: 'copy-embed',
      textContent: label,
      onclick: async () => {
        const { spec, step, view } = getState();
        const code = make(spec, step, view);
        field.value = code;
        field.hidden = false;
        try {
          await navigator.clipboard.writeText(code);
          status.textContent = 'Copied: the code is below.';
        } catch {
          field.focus();
          field.select();
          status.textContent = 'Press Ctrl+C (⌘C) to copy the selected code.';
        }
      },
    });
  const el = h(
    'div',
    { className: 'embed-code' },
    copier('Copy embed code (element)', (spec, step, view) =>
      elementCode(spec, step, new URL('tconv-viz.js', base).href, view),
    ),
    copier('Copy embed code (iframe)', (spec, step, view) => iframeCode(spec, step, base, view)),
    status,
    field,
  );
  container.append(el);
  return el;
}
