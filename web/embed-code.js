// "Copy embed code": the current example as a <tconv-viz> element or as an iframe of embed.html,
// with the same settings. Values are escaped for an HTML attribute (and for a URL in the iframe),
// so the copied code shows the numbers as written and can carry no markup of its own.
import { h } from './dom.js';

/** [attribute, text] pairs of a spec and step, in the order an author reads them. */
function embedAttrs(spec, step) {
  const list = (v) => (Array.isArray(v) ? v.join(',') : String(v));
  const pairs = [['dims', String(spec.dims)]];
  for (const key of ['input', 'kernel', 'weight', 'bias']) {
    if (spec[key] !== undefined) pairs.push([key, JSON.stringify(spec[key])]);
  }
  for (const [key, attr] of [
    ['stride', 'stride'],
    ['padding', 'padding'],
    ['output_padding', 'output-padding'],
    ['dilation', 'dilation'],
    ['groups', 'groups'],
  ]) {
    if (spec[key] !== undefined) pairs.push([attr, list(spec[key])]);
  }
  if (step !== undefined && step !== null && step !== 0) pairs.push(['step', String(step)]);
  return pairs;
}

/** Text safe inside a double-quoted HTML attribute. */
const embedEscape = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The one-line element; with scriptUrl, preceded by the script that defines it. */
export function elementCode(spec, step, scriptUrl) {
  const attrs = embedAttrs(spec, step)
    .map(([name, text]) => ` ${name}="${embedEscape(text)}"`)
    .join('');
  const script = scriptUrl ? `<script type="module" src="${embedEscape(scriptUrl)}"></script>\n` : '';
  return `${script}<tconv-viz${attrs}></tconv-viz>`;
}

/** The iframe of baseUrl's embed.html (default: the folder this module was served from). */
export function iframeCode(spec, step, baseUrl = new URL('./', import.meta.url).href) {
  const query = embedAttrs(spec, step)
    .map(([name, text]) => `${name}=${encodeURIComponent(text).replace(/%2C/g, ',')}`)
    .join('&');
  const src = new URL(`embed.html?${query}`, baseUrl).href;
  const height = spec.dims === 1 ? 460 : 720;
  return `<iframe src="${embedEscape(src)}" title="Transposed convolution, step by step" width="100%" height="${height}" loading="lazy"></iframe>`;
}

/** Two buttons in container that copy getState()'s {spec, step} as element or iframe code. A
 *  browser without clipboard access gets the code selected in a read-only field instead. */
export function copyButtons(container, getState, { baseUrl } = {}) {
  const base = baseUrl ?? new URL('./', import.meta.url).href;
  const status = h('span', { className: 'copy-status', 'aria-live': 'polite' });
  const field = h('textarea', {
    className: 'copy-code',
    readOnly: true,
    rows: 3,
    hidden: true,
    'aria-label': 'Embed code',
  });
  const copier = (label, make) =>
    h('button', {
      type: 'button',
      className: 'copy-embed',
      textContent: label,
      onclick: async () => {
        const { spec, step } = getState();
        const code = make(spec, step);
        field.value = code;
        try {
          await navigator.clipboard.writeText(code);
          field.hidden = true;
          status.textContent = 'Copied.';
        } catch {
          field.hidden = false;
          field.focus();
          field.select();
          status.textContent = 'Press Ctrl+C (⌘C) to copy.';
        }
      },
    });
  const el = h(
    'div',
    { className: 'embed-code' },
    copier('Copy embed code (element)', (spec, step) => elementCode(spec, step, new URL('tconv-viz.js', base).href)),
    copier('Copy embed code (iframe)', (spec, step) => iframeCode(spec, step, base)),
    status,
    field,
  );
  container.append(el);
  return el;
}
