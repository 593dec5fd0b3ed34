// <tconv-viz>: one worked example of transposed convolution, for any page (a blog post, an iframe).
// Its settings are attributes (data, never markup: values reach the core as JSON and the screen as
// text); every number, size and error message comes from the wasm core. It renders in shadow DOM
// with viz.css and tconv-viz.css linked inside, both found next to this file, so a blog's CSS can
// neither break it nor needs to know about it; --tconv-* custom properties theme it. The author's
// fallback content (light DOM) shows until the first rendering. All elements share one core:
// tconv.js memoizes load() per module URL, and every element imports the same URL.
import { load, TconvError } from './tconv.js';
import { axisNames, fmt, h, size } from './dom.js';
import { overDrawingLimit, value } from './state.js';
import { Viz } from './viz.js';

const here = (file) => new URL(file, import.meta.url).href;
const sheets = [here('./viz.css'), here('./tconv-viz.css')];

/** attribute → [property, spec key, kind]; kind says how the text becomes a spec value. */
const settings = {
  dims: ['dims', 'dims', 'int'],
  input: ['input', 'input', 'json'],
  kernel: ['kernel', 'kernel', 'json'],
  weight: ['weight', 'weight', 'json'],
  bias: ['bias', 'bias', 'json'],
  stride: ['stride', 'stride', 'axes'],
  padding: ['padding', 'padding', 'axes'],
  'output-padding': ['outputPadding', 'output_padding', 'axes'],
  dilation: ['dilation', 'dilation', 'axes'],
  groups: ['groups', 'groups', 'int'],
};
const controlModes = ['none', 'steps', 'full'];

/** The spec value of one attribute's text (never evaluated: JSON.parse or plain text). */
function parse(kind, text) {
  const t = text.trim();
  if (kind === 'int') return value(t);
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return t; // unreadable JSON goes to the core as a string: its message says what was expected
    }
  }
  if (kind === 'axes') return t.includes(',') ? t.split(',').map(value) : value(t);
  // bias="0.5" for the one channel of the shorthand
  const number = value(t);
  return typeof number === 'number' ? [number] : t;
}

/** The attribute text of a property value. */
function unparse(kind, value) {
  if (!Array.isArray(value)) return String(value);
  return kind === 'axes' && value.every((v) => !Array.isArray(v)) ? value.join(',') : JSON.stringify(value);
}

// Rendering waits for the sheets (no flash of unstyled tables); a sheet that fails does not block it.
const loaded = (link) =>
  new Promise((done) => {
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });

export class TconvVizElement extends HTMLElement {
  static observedAttributes = [...Object.keys(settings), 'step', 'controls', 'autoplay'];

  #shadow = null;
  #box = null;
  #message = null;
  #vizRoot = null;
  #tableRoot = null;
  #slot = null;
  #ready = null;
  #api = null;
  #viz = null;
  #trace = null;
  #result = null;
  #error = null;
  #dirty = true;
  #queued = false;
  #reflecting = false;
  #visible = null;
  #played = false;
  #single = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const links = sheets.map((href) => h('link', { rel: 'stylesheet', href }));
    // Until the first rendering the slot shows the author's fallback content.
    this.#slot = document.createElement('slot');
    this.#message = h('p', { className: 'error', role: 'alert', hidden: true });
    this.#vizRoot = h('div', { className: 'viz' });
    this.#tableRoot = h('div', { className: 'tconv channels', hidden: true });
    this.#box = h('div', { className: 'box', hidden: true }, this.#message, this.#vizRoot, this.#tableRoot);
    this.#shadow.append(...links, this.#box, this.#slot);
    this.#ready = Promise.all(links.map(loaded));
  }

  connectedCallback() {
    // A property set before the element upgraded is an own property hiding the accessor: pass it on.
    for (const prop of ['step', 'controls', 'autoplay', ...Object.values(settings).map(([p]) => p)]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#dirty = true;
    Promise.all([load(), this.#ready]).then(
      ([api]) => {
        this.#api = api;
        if (this.isConnected) this.#render();
      },
      (e) => this.#fail(`the WebAssembly core could not start: ${e.message}`),
    );
  }

  disconnectedCallback() {
    // No timer or listener outlives the element's place in the document; it is rebuilt on return.
    this.#viz?.destroy();
    this.#viz = null;
    this.#vizRoot.replaceChildren();
    this.#visible?.disconnect();
    this.#visible = null;
  }

  attributeChangedCallback(name, old, value) {
    if (this.#reflecting || old === value) return;
    if (name === 'step') {
      if (this.#viz && this.#single && !this.#dirty) this.#viz.go(this.#stepNumber());
      return;
    }
    if (name === 'controls') return this.#applyControls();
    if (name === 'autoplay') {
      this.#played = false;
      return this.#autoplay();
    }
    this.#dirty = true;
    // Several attributes set in a row make one rendering; reading a property renders at once.
    if (!this.#queued) {
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        this.#flush();
      });
    }
  }

  // --- read-only results, all from the core ---
  /** The result, nested like the CLI's JSON: [C_out][...] with weight, the one channel's [...] with kernel. */
  get output() {
    this.#flush();
    return this.#result ? structuredClone(this.#result.output) : null;
  }
  get shape() {
    this.#flush();
    return this.#result ? [...this.#result.shape] : null;
  }
  /** Scatter steps (one per input element and channel); the element shows stepCount + 3 states. */
  get stepCount() {
    this.#flush();
    return this.#trace ? this.#trace.stepCount : null;
  }
  /** The core's message for the current settings, or null when they are valid. */
  get error() {
    this.#flush();
    return this.#error;
  }

  // --- properties mirroring attributes ---
  /** A number, or 'end' (the output). */
  get step() {
    const v = this.getAttribute('step');
    if (v === null) return 0;
    return v.trim() === 'end' ? 'end' : Number.parseInt(v, 10) || 0;
  }
  set step(v) {
    if (v === null || v === undefined) this.removeAttribute('step');
    else this.setAttribute('step', v === 'end' ? 'end' : String(v));
  }
  get controls() {
    const v = this.getAttribute('controls');
    return controlModes.includes(v) ? v : 'steps';
  }
  set controls(v) {
    if (v === null || v === undefined) this.removeAttribute('controls');
    else this.setAttribute('controls', v);
  }
  get autoplay() {
    return this.hasAttribute('autoplay');
  }
  set autoplay(v) {
    this.toggleAttribute('autoplay', Boolean(v));
  }

  #flush() {
    if (this.#dirty && this.#api && this.isConnected) this.#render();
  }

  /** The spec the attributes describe: values parsed as data, checked only by the core. */
  #spec() {
    const spec = {};
    for (const [attr, [, key, kind]] of Object.entries(settings)) {
      const text = this.getAttribute(attr);
      if (text !== null && text.trim() !== '') spec[key] = parse(kind, text);
    }
    // Without a dims attribute, the kernel's nesting says it: [k] is 1D, [[…]] 2D (the weight has
    // two channel levels more). A kernel that says neither is left to the core to name.
    if (spec.dims === undefined) {
      let depth = spec.weight === undefined ? 0 : -2;
      for (let k = spec.weight ?? spec.kernel; Array.isArray(k); k = k[0]) depth++;
      if (depth === 1 || depth === 2) spec.dims = depth;
    }
    return spec;
  }

  #stepNumber() {
    const s = this.step;
    return s === 'end' ? Infinity : s;
  }

  #render() {
    this.#dirty = false;
    let trace, result;
    try {
      const spec = this.#spec();
      result = this.#api.compute(spec);
      trace = this.#api.trace(spec);
      this.#checkSize(trace);
    } catch (e) {
      if (!(e instanceof TconvError || e instanceof RangeError)) throw e;
      return this.#fail(e.message);
    }
    this.#error = null;
    this.#message.hidden = true;
    this.#trace = trace;
    this.#result = result;
    const single = (this.#single = trace.inChannels === 1 && trace.outChannels === 1);
    this.#vizRoot.hidden = !single;
    this.#tableRoot.hidden = single;
    this.#slot.remove();
    this.#box.hidden = false;
    if (single) {
      this.#viz ??= new Viz(this.#vizRoot, { onstep: (s) => this.#stepped(s) });
      this.#applyControls();
      this.#viz.set(trace, this.#stepNumber()); // calls #stepped: the tconv-change event
      this.#autoplay();
    } else {
      this.#channels(trace, result);
      this.#emit('tconv-change', {
        output: this.output,
        shape: this.shape,
        stepCount: trace.stepCount,
        step: trace.stepCount + 2,
      });
    }
  }

  /** The page's size limits for drawing tables; the core accepts more. */
  #checkSize(trace) {
    const over = overDrawingLimit(trace, "this element's drawing");
    if (over) throw new RangeError(over.message);
  }

  #fail(message) {
    this.#error = message;
    this.#message.textContent = message;
    this.#message.hidden = false;
    this.#box.hidden = false;
    this.#emit('tconv-error', { message });
  }

  #stepped(s) {
    const n = this.#trace.stepCount;
    // The attribute follows the reader's stepping, so the property always says what is shown.
    const value = s === n + 2 ? 'end' : String(s);
    if (this.getAttribute('step') !== value && (this.hasAttribute('step') || s !== 0)) {
      this.#reflecting = true;
      this.setAttribute('step', value);
      this.#reflecting = false;
    }
    this.#emit('tconv-change', { output: this.output, shape: this.shape, stepCount: n, step: s });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #applyControls() {
    const mode = this.controls;
    for (const m of controlModes) this.#vizRoot.classList.toggle(`controls-${m}`, m === mode);
    // Without controls nothing in the example takes focus, so the keys cannot step it.
    if (this.#viz) this.#viz.stage.tabIndex = mode === 'none' ? -1 : 0;
  }

  /** With autoplay, plays once when the element first comes well into view (again only after the
   *  attribute is set anew). */
  #autoplay() {
    this.#visible?.disconnect();
    this.#visible = null;
    if (!this.autoplay || this.#played || !this.#viz || !this.#single || !this.isConnected) return;
    // Half of the element in view, or (for one taller than the window) half of the window filled by it.
    const inView = (e) =>
      e.isIntersecting &&
      (e.intersectionRatio >= 0.5 || (e.rootBounds && e.intersectionRect.height >= e.rootBounds.height / 2));
    this.#visible = new IntersectionObserver(
      (entries) => {
        if (!entries.some(inView)) return;
        this.#visible.disconnect();
        this.#visible = null;
        this.#played = true;
        this.#viz?.controls.el.querySelector('button.play')?.click();
      },
      { threshold: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1] },
    );
    this.#visible.observe(this);
  }

  /** Several channels: the output of each channel as a table (stepping shows one channel only). */
  #channels(trace, result) {
    const names = axisNames[trace.dims];
    const rowsOf = (v) => (trace.dims === 1 ? [v] : v);
    const grid = (caption, rows) => {
      const body = h(
        'tbody',
        {},
        ...rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, h('span', { textContent: fmt(v) }))))),
      );
      // Like the grids' captions: wrapped only between the parts around ' · '.
      const text = caption
        .split(' · ')
        .map((part) => part.replaceAll(' ', '\u00a0'))
        .join(' · ');
      const table = h('table', {}, h('caption', {}, h('span', { textContent: text })), body);
      let chars = 1;
      for (const row of rows) for (const v of row) chars = Math.max(chars, fmt(v).length);
      table.style.setProperty('--tconv-chars', chars);
      return h('div', { className: 'grid out' }, h('div', { className: 'scroll' }, table));
    };
    const outSize = size(trace.axes.map((a) => a.output));
    const note = h('p', {
      className: 'summary',
      textContent:
        `${trace.inChannels} input ${trace.inChannels === 1 ? 'channel' : 'channels'} → ${trace.outChannels} output channels` +
        `${trace.groups > 1 ? `, groups ${trace.groups}` : ''}; output ${outSize} (${names.join(' × ')}) per channel. ` +
        'Step by step is shown for one input and one output channel (kernel, or a weight of shape [1][1][…]); here is the result of each channel.',
    });
    this.#tableRoot.replaceChildren(
      note,
      h(
        'div',
        { className: 'row' },
        ...result.output.map((channel, c) => grid(`Output channel ${c} · ${outSize}`, rowsOf(channel))),
      ),
    );
  }
}

// The settings' properties: reading gives the parsed value (null when absent), writing sets the
// attribute (arrays as JSON, per-axis lists as "2,1"; null removes it).
for (const [attr, [prop, , kind]] of Object.entries(settings)) {
  Object.defineProperty(TconvVizElement.prototype, prop, {
    get() {
      const text = this.getAttribute(attr);
      return text === null ? null : parse(kind, text);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attr);
      else this.setAttribute(attr, unparse(kind, value));
    },
    configurable: true,
    enumerable: true,
  });
}
