// <tconv-viz>: one worked example of transposed convolution, for any page (a blog post, an iframe).
// Its settings are attributes (data, never markup: values reach the core as data and the screen as
// text; params.js lists them); every number, size and error message comes from the wasm core. It
// renders in shadow DOM with viz.css and tconv-viz.css linked inside, both found next to this file,
// so a blog's CSS can neither break it nor needs to know about it; --tconv-* custom properties theme
// it. The author's fallback content (light DOM) shows until the first rendering, or until an error
// with nothing valid to show replaces it. All elements share one core: tconv.js memoizes load().
import { load, loadTools, nest, TconvError } from './tconv.js';
import { figureExports, lookOf } from './figures.js';
import { displayParams, echo, maxTextLength, parseSetting, quoted, settingText, specParams } from './params.js';
import { inspectable } from './provenance.js';
import { h } from './dom.js';
import { overDrawingLimit } from './state.js';
import { lastState, stateFrom, stepCount } from './steps.js';
import { GatherView } from './gather-view.js';
import { MatrixView } from './matrix-view.js';
import { Viz } from './viz.js';

// The element has every view at hand: setting its view attribute shows it at once.
const viewClasses = { gather: () => GatherView, matrix: () => MatrixView };

const here = (file) => new URL(file, import.meta.url).href;
const sheets = [here('./viz.css'), here('./tconv-viz.css')];
const figures = figureExports({ loadTools, exportUrl: here('./export.js'), TconvError });
const display = Object.fromEntries(displayParams.map((p) => [p.attr, p]));
// An enumerated attribute as HTML reads one: trimmed, ASCII case-insensitive (the Kelvin sign K is
// no k), else its default.
const asciiLower = (v) => v?.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
const choice = (attr, v) => {
  const named = asciiLower(v);
  return display[attr].values.includes(named) ? named : display[attr].none;
};

// Rendering waits for the sheets (no flash of unstyled tables); a sheet that fails does not block it.
const loaded = (link) =>
  new Promise((done) => {
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });

/** dark or light for theme="auto": the host page's declared color-scheme, else its background, else the system's. */
function autoTheme(el) {
  const scheme = getComputedStyle(el).colorScheme || 'normal';
  const dark = /\bdark\b/.test(scheme);
  const light = /\blight\b/.test(scheme);
  if (dark !== light) return dark ? 'dark' : 'light';
  const system = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  if (dark && light) return system;
  // No declared scheme: the page is what its nearest opaque background looks like.
  for (let node = el.parentElement; node; node = node.parentElement) {
    const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+))?/.exec(
      getComputedStyle(node).backgroundColor,
    );
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 ? 'dark' : 'light';
    }
  }
  return 'light';
}

export class TconvVizElement extends HTMLElement {
  static observedAttributes = [...specParams.map((p) => p.attr), ...displayParams.map((p) => p.attr)];

  #shadow;
  #box;
  #message;
  #vizRoot;
  #slot;
  #ready;
  #api = null;
  #viz = null;
  #trace = null;
  #error = null;
  #dirty = true;
  #queued = false;
  #reflecting = false;
  #visible = null;
  #played = false;
  #themeWatch = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const links = sheets.map((href) => h('link', { rel: 'stylesheet', href }));
    // Until the first rendering the slot shows the author's fallback content.
    this.#slot = document.createElement('slot');
    this.#message = h('p', { className: 'error', role: 'alert', hidden: true });
    this.#vizRoot = h('div', { className: 'viz' });
    // The drawing is English and its numbers, grids and formulas read left to right: on a page in
    // another language or written right to left (dir and lang inherit into the shadow tree), −1 would
    // show as "1-" and the grids' columns mirrored. The author's fallback content keeps the page's.
    this.#box = h('div', { className: 'box', hidden: true, dir: 'ltr', lang: 'en' }, this.#message, this.#vizRoot);
    this.#shadow.append(...links, this.#box, this.#slot);
    this.#ready = Promise.all(links.map(loaded));
  }

  connectedCallback() {
    // A property set before the element upgraded is an own property hiding the accessor: pass it on.
    for (const prop of [...specParams, ...displayParams].map((p) => p.prop)) {
      if (Object.hasOwn(this, prop)) {
        const v = this[prop];
        delete this[prop];
        this[prop] = v;
      }
    }
    this.#dirty = true;
    this.#applyTheme();
    this.#themeWatch = matchMedia('(prefers-color-scheme: dark)');
    this.#themeWatch.addEventListener('change', this.#onScheme);
    Promise.all([load(), this.#ready]).then(
      ([api]) => {
        this.#api = api;
        if (this.isConnected) this.#render();
      },
      (e) => this.#fail(`the WebAssembly core could not start: ${e.message}`),
    );
  }

  disconnectedCallback() {
    // No timer or listener outlives the element's place in the document; the drawing stays (hidden
    // controls stop), so that a removed element re-added with a bad attribute keeps its last drawing.
    this.#viz?.controls.stop();
    this.#visible?.disconnect();
    this.#visible = null;
    this.#themeWatch?.removeEventListener('change', this.#onScheme);
  }

  #onScheme = () => this.#applyTheme();

  attributeChangedCallback(name, old, v) {
    if (this.#reflecting || old === v) return;
    // A value the element does not know falls back silently in the drawing, as HTML's enumerated
    // attributes do; the author hears of the typo in the console.
    if (display[name]?.values && v !== null && choice(name, v) !== asciiLower(v))
      console.warn(
        `<tconv-viz>: ${name}=${quoted(v)} is not one of ${display[name].values.join(', ')}; ${name}="${display[name].none}" is used`,
      );
    if (name === 'step') {
      // Whatever the step getter does not read back as written: "-1", "2.5", "abc".
      if (v !== null && String(this.step) !== v.trim())
        console.warn(
          `<tconv-viz>: step=${quoted(v)} is not a state number (0, 1, …) or end; step ${this.step} is shown`,
        );
      if (this.#viz && !this.#dirty) this.#viz.go(stateFrom(this.step, this.#trace, this.view, this.#viz.driver));
      return;
    }
    if (name === 'controls') return this.#applyControls();
    if (name === 'theme') return this.#applyTheme();
    if (name === 'view') {
      if (this.#viz && !this.#dirty)
        this.#viz.setView(this.view, stateFrom(this.step, this.#trace, this.view, this.#viz.driver));
      return;
    }
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
    if (!this.#trace) return null;
    return nest(this.#trace.output.data, this.#trace.output.shape);
  }
  get shape() {
    this.#flush();
    return this.#trace ? [...this.#trace.output.shape] : null;
  }
  /** The steps of the view shown: input elements (scatter, matrix) or output cells (gather). */
  get stepCount() {
    this.#flush();
    return this.#trace ? stepCount(this.#trace, this.view, this.#viz?.driver) : null;
  }
  /** The core's message for the current settings, or null when they are valid. */
  get error() {
    this.#flush();
    return this.#error;
  }

  // --- properties mirroring the display attributes ---
  /** A number, or 'end' (the last state). */
  get step() {
    const v = this.getAttribute('step');
    if (v === null) return 0;
    return v.trim() === 'end' ? 'end' : Math.max(0, Number.parseInt(v, 10) || 0);
  }
  set step(v) {
    if (v === null || v === undefined) this.removeAttribute('step');
    else this.setAttribute('step', v === 'end' || v === Infinity ? 'end' : String(v));
  }
  get view() {
    return choice('view', this.getAttribute('view'));
  }
  set view(v) {
    this.#setText('view', v);
  }
  get controls() {
    return choice('controls', this.getAttribute('controls'));
  }
  set controls(v) {
    this.#setText('controls', v);
  }
  get theme() {
    return choice('theme', this.getAttribute('theme'));
  }
  set theme(v) {
    this.#setText('theme', v);
  }
  get autoplay() {
    return this.hasAttribute('autoplay');
  }
  set autoplay(v) {
    this.toggleAttribute('autoplay', Boolean(v));
  }

  /**
   * Where a number comes from: {cell, value, terms: [{input, tap, value, weight, product}], ...}
   * for a cell of the output (default) or of the intermediate output; also 'input', 'kernel'
   * (a weight tap [c_in, c_out_in_group, ...]), 'padded' and 'matrix' ([row, col] of Cᵀ).
   */
  inspect(cell, options = {}) {
    if (options === null || typeof options !== 'object')
      throw new TconvError(
        `inspect's options must be an object such as {where: 'output'}, got ${echo(String(options))}`,
        {
          field: 'options',
        },
      );
    const { where = 'output' } = options;
    if (!inspectable.includes(where))
      throw new TconvError(`where must be one of ${inspectable.join(', ')}, got ${echo(String(where))}`, {
        field: 'where',
        valid: inspectable,
      });
    this.#flush();
    if (!this.#trace) throw new TconvError(this.#error ?? 'the element has not rendered yet', { field: 'cell' });
    return publicInspection(this.#viz.inspect(where, cell));
  }

  // --- figures, from the core's one renderer (the tools module, loaded on the first call) ---
  /**
   * One state of a view as a self-contained SVG document: `tconv figure --svg` for the same spec,
   * step and view (and --theme dark in the dark theme; with --tconv-* tokens set, their colours).
   * step: a number or 'end', as the step attribute takes it, default the state on screen; view:
   * 'scatter', 'gather' or 'matrix', default the view on screen (in view="all", the one that steps).
   * @returns {Promise<string>}
   */
  async toSVG({ step, view } = {}) {
    return figures.svg(...this.#figure(step, view));
  }
  /** The same state as a PNG: width × scale by height × scale pixels (scale default 2). @returns {Promise<Blob>} */
  async toPNG({ step, view, scale = 2 } = {}) {
    const [spec, options] = this.#figure(step, view);
    return figures.png(spec, { ...options, scale });
  }
  /** The walk-through of a view as an animated GIF: one frame per state, the last one held.
   *  frameMs: each frame's time (default 900); loop: forever (default) or once. @returns {Promise<Blob>} */
  async toGIF({ view, frameMs = 900, loop = true } = {}) {
    const [spec, options] = this.#figure('end', view);
    return figures.gif(spec, { ...options, states: lastState(this.#trace, options.view) + 1, frameMs, loop });
  }

  /** [spec, {view, step, look}] of a figure; the step on screen unless another step or view is asked. */
  #figure(step, view) {
    this.#flush();
    if (!this.#trace) throw new TconvError(this.#error ?? 'the element has not rendered yet', { field: 'spec' });
    const shown = this.#viz.by;
    const which = view ?? shown;
    const state = step ?? (which === shown ? this.#viz.state : 'end');
    return [this.#spec(), { view: which, step: state, look: lookOf(this.#vizRoot) }];
  }

  #setText(attr, v) {
    if (v === null || v === undefined) this.removeAttribute(attr);
    else this.setAttribute(attr, String(v));
  }

  #flush() {
    if (this.#dirty && this.#api && this.isConnected) this.#render();
  }

  /** The spec the attributes describe: values parsed as data, checked only by the core. */
  #spec() {
    const spec = {};
    for (const p of specParams) {
      const text = this.getAttribute(p.attr);
      if (text === null || text.trim() === '') continue;
      spec[p.key] = parseSetting(p.kind, text);
      // A list that is not JSON ("[[1,2],[3"): said here, at its attribute. Passed on as text, the
      // core would first miss the dims its nesting gives ("dims is required").
      // (Only a nested list's attribute: a per-axis one like stride="[2," the core names itself,
      // and a text past the length limit is cut and refused without being parsed.)
      const list = p.kind === 'json' && text.length <= maxTextLength && text.trim().startsWith('[');
      if (list && typeof spec[p.key] === 'string')
        throw new TconvError(`${p.attr} is not a JSON list: ${quoted(text)} (${jsonProblem(text)})`, { field: p.key });
    }
    // Without a dims attribute, the kernel's nesting says it: [k] is 1D, [[…]] 2D (the weight has
    // two channel levels more). A kernel that says neither is left to the core to name.
    if (spec.dims === undefined) {
      let depth = spec.weight === undefined ? 0 : -2;
      for (let k = spec.weight ?? spec.kernel, i = 0; Array.isArray(k) && i < 8; k = k[0], i++) depth++;
      if (depth === 1 || depth === 2) spec.dims = depth;
    }
    return spec;
  }

  #render() {
    this.#dirty = false;
    let trace;
    try {
      trace = this.#api.trace(this.#spec());
      const over = overDrawingLimit(trace, "this element's drawing");
      if (over) {
        trace.dispose();
        throw new TconvError(over.message, over);
      }
    } catch (e) {
      if (!(e instanceof TconvError)) throw e;
      return this.#fail(e.message);
    }
    this.#error = null;
    this.#message.hidden = true;
    const previous = this.#trace;
    this.#trace = trace;
    this.#slot.remove();
    this.#box.hidden = false;
    this.#viz ??= new Viz(this.#vizRoot, {
      onstep: (s) => this.#stepped(s),
      oninspect: (found) => found && this.#emit('tconv-inspect', publicInspection(found)),
      onview: (view) => this.#reflect('view', view === 'scatter' && !this.hasAttribute('view') ? null : view),
      viewClasses,
    });
    this.#applyControls();
    this.#viz.set(trace, stateFrom(this.step, trace, this.view, this.#viz.driver), this.view); // calls #stepped: tconv-change
    previous?.dispose();
    this.#autoplay();
  }

  #fail(message) {
    this.#error = message;
    this.#message.textContent = message;
    this.#message.hidden = false;
    this.#box.hidden = false;
    // With nothing valid drawn yet, the message replaces the fallback ("Loading…" would stay forever).
    if (!this.#trace) this.#slot.remove();
    this.#emit('tconv-error', { message });
  }

  #reflect(attr, v) {
    this.#reflecting = true;
    if (v === null) this.removeAttribute(attr);
    else this.setAttribute(attr, v);
    this.#reflecting = false;
  }

  #stepped(s) {
    const last = this.#viz.lastState;
    // The attribute follows the reader's stepping, so the property always says what is shown.
    const v = s === last ? 'end' : String(s);
    if (this.getAttribute('step') !== v && (this.hasAttribute('step') || s !== 0)) this.#reflect('step', v);
    // The output is nested only when a listener reads it: a step of a 64-channel example must not
    // build 287,000 nested numbers.
    const trace = this.#trace;
    let output;
    this.#emit('tconv-change', {
      get output() {
        return (output ??= nest(trace.output.data, trace.output.shape));
      },
      shape: [...trace.output.shape],
      stepCount: this.stepCount,
      step: s,
      view: this.view,
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #applyControls() {
    const mode = this.controls;
    for (const m of display.controls.values) this.#vizRoot.classList.toggle(`controls-${m}`, m === mode);
    // Without controls nothing in the example takes focus, so the keys cannot step it.
    if (this.#viz) this.#viz.stage.tabIndex = mode === 'none' ? -1 : 0;
  }

  #applyTheme() {
    const theme = this.theme === 'auto' ? autoTheme(this) : this.theme;
    this.#vizRoot.classList.toggle('theme-dark', theme === 'dark');
    this.#vizRoot.classList.toggle('theme-light', theme === 'light');
    this.#box.classList.toggle('theme-dark', theme === 'dark');
    this.#box.classList.toggle('theme-light', theme === 'light');
  }

  /** With autoplay, plays once when the element first comes well into view (again only after the
   *  attribute is set anew). */
  #autoplay() {
    this.#visible?.disconnect();
    this.#visible = null;
    if (!this.autoplay || this.#played || !this.#viz || !this.isConnected) return;
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
}

/** Why JSON.parse refuses text (which parseSetting found it does), in its own words. */
function jsonProblem(text) {
  try {
    JSON.parse(text);
  } catch (e) {
    return e.message;
  }
}

/** The inspection as the element hands it out: the documented keys, plain arrays. */
function publicInspection(found) {
  const out = { cell: [...found.cell], where: found.where, value: found.value, sentence: found.sentence };
  if (found.terms)
    out.terms = found.terms.map(({ input, tap, value, weight, product }) => ({ input, tap, value, weight, product }));
  return out;
}

// The settings' properties: reading gives the parsed value (null when absent), writing sets the
// attribute (arrays as JSON, per-axis lists as "2,1"; null removes it).
for (const p of specParams) {
  Object.defineProperty(TconvVizElement.prototype, p.prop, {
    get() {
      const text = this.getAttribute(p.attr);
      return text === null ? null : parseSetting(p.kind, text);
    },
    set(v) {
      if (v === null || v === undefined) this.removeAttribute(p.attr);
      else this.setAttribute(p.attr, settingText(p.kind, v));
    },
    configurable: true,
    enumerable: true,
  });
}
