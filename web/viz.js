// One worked example: its views (scatter, gather, matrix, or the three in lockstep), step controls,
// the description of each state, the provenance of any cell the reader points at, the counts of
// products per cell (the checkerboard), and the size formulas, rendered into any root (the page's
// <section>, or a <tconv-viz> shadow root with viz.css linked inside). Every value and size shown
// comes from the core's trace session; this module decides what to show and how to say it.
import { cellAt, indexIn, sizes } from './cells.js';
import { controls } from './controls.js';
import { checkerboardRule, describeGather, describeMatrix, describeScatter } from './describe.js';
import { axisNames, fitted, fmt, h, refit, scrollable, setText, size } from './dom.js';
import { formulas } from './formulas.js';
import { inspect, soFar } from './provenance.js';
import { ChannelStrip, drawnWords, groupsOf, ruleWords } from './channels.js';
import { budgeted } from './grid.js';
import { ScatterView } from './scatter-view.js';
import { lastState, longestStateName, outputCells, stateName, stepCount, views } from './steps.js';

/** How the views that are not the default are loaded: on demand (the page's first load has none of
 *  them; esbuild splits them into their own files). The element passes modules it imports itself. */
export const lazyViews = {
  gather: () => import('./gather-view.js').then((m) => m.GatherView),
  matrix: () => import('./matrix-view.js').then((m) => m.MatrixView),
};

const reducedMotion =
  typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : { matches: true };
const viewNames = { scatter: 'Scatter', gather: 'Gather', matrix: 'Matrix', all: 'All' };
// What drives the lockstep view's steps, with the words of its "Step by" buttons.
const driverNames = { scatter: 'input elements', gather: 'output cells' };

/** A radio group of buttons: the one whose value is `value` checked and the group's one tab stop. */
function check(group, key, value) {
  for (const b of group.children) {
    const on = b.dataset[key] === value;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
  }
}

/** ←/→ in a radio group of buttons (one per value, in order): choose the next or previous value and
 *  focus its button (the group is one tab stop). */
function arrowKeys(group, values, current, choose) {
  group.addEventListener('keydown', (e) => {
    const at = values.indexOf(current());
    const i = at + (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0);
    if (i === at || i < 0 || i >= values.length) return;
    e.preventDefault();
    e.stopPropagation();
    choose(values[i]);
    group.children[i].focus();
  });
}

export class Viz {
  /**
   * Renders into root. onstep(state) runs after each change of state, oninspect(found) when the
   * reader points at a cell (found: provenance.js's object, or null), onview(view) on a change of view.
   */
  constructor(
    root,
    { onstep = () => {}, oninspect = () => {}, onview = () => {}, onedit = null, viewClasses = lazyViews } = {},
  ) {
    this.root = root;
    this.onstep = onstep;
    this.oninspect = oninspect;
    this.onview = onview;
    this.view = 'scatter';
    this.driver = 'scatter';
    this.showCounts = false;
    this.channels = { in: 0, out: 0 };
    this.state = 0;
    const point = (where, cell) => this.#point(where, cell);
    // The reader's stepping (the controls, a click on an input element): its cells over frames.
    const go = (s) => budgeted(() => this.go(s));
    this.scatter = new ScatterView({ point, go, channels: this.channels, onedit });
    // The gather and matrix views, made when first shown (their classes may have to load first).
    this.viewClasses = viewClasses;
    this.makeView = {
      gather: (GatherView) =>
        new GatherView({ point, go: (s) => budgeted(() => this.#goGather(s)), channels: this.channels }),
      matrix: (MatrixView) => new MatrixView({ point, go, channels: this.channels }),
    };
    this.gather = null;
    this.matrix = null;

    this.summary = h('p', { className: 'summary' });
    this.tabs = h('div', { className: 'views-tabs', role: 'radiogroup', 'aria-label': 'View' });
    for (const view of views) {
      const b = h('button', {
        type: 'button',
        role: 'radio',
        className: 'tab',
        textContent: viewNames[view],
        'aria-checked': 'false',
      });
      b.dataset.view = view;
      b.addEventListener('click', () => this.setView(view));
      this.tabs.append(b);
    }
    arrowKeys(
      this.tabs,
      views,
      () => this.view,
      (view) => this.setView(view),
    );
    this.driverToggle = h('div', { className: 'driver', role: 'radiogroup', 'aria-label': 'Step by' });
    for (const [driver, label] of Object.entries(driverNames)) {
      const b = h('button', {
        type: 'button',
        role: 'radio',
        className: 'tab',
        textContent: label,
        'aria-checked': 'false',
      });
      b.dataset.driver = driver;
      b.addEventListener('click', () => this.setDriver(driver));
      this.driverToggle.append(b);
    }
    arrowKeys(
      this.driverToggle,
      Object.keys(driverNames),
      () => this.driver,
      (driver) => this.setDriver(driver),
    );
    check(this.driverToggle, 'driver', this.driver);
    this.pickers = h('div', { className: 'pickers' });
    this.countsToggle = h('button', {
      type: 'button',
      className: 'toggle counts-toggle',
      'aria-pressed': 'false',
    });
    // "(checkerboard)" goes on a phone, where "Counts" beside the view tabs keeps the bar one row.
    this.countsToggle.append('Counts', h('span', { className: 'long', textContent: ' (checkerboard)' }));
    this.countsToggle.addEventListener('click', () => this.setCounts(!this.showCounts));
    this.countsKey = h('div', { className: 'counts-key', hidden: true });
    this.stage = h('div', {
      className: 'stage',
      role: 'group',
      tabIndex: 0,
      'aria-label': 'Grids of this example; ←/→ step through it',
    });
    this.controls = controls(root, go, { onplay: (on) => this.#playing(on) });
    // The description's box is as high as its text, which is in a block of its own (on a phone the
    // box has a fixed height; the block's size tells when it starts or stops scrolling).
    this.descText = h('span', { className: 'desc-text' });
    this.desc = scrollable(fitted(h('p', { className: 'desc' }, this.descText), this.descText), this.descText);
    this.status = h('p', { className: 'status', 'aria-live': 'polite' });
    this.provenance = h('p', { className: 'provenance', 'aria-live': 'polite' });
    this.relation = h('p', { className: 'relation' });
    this.math = h('div', { className: 'sizes' });
    this.legend = h('ul', { className: 'legend', 'aria-label': 'Key' });
    root.classList.add('tconv');
    root.append(
      this.summary,
      h('div', { className: 'bar' }, this.tabs, this.countsToggle),
      this.pickers,
      this.stage,
      this.countsKey,
      this.legend,
      // The lockstep view's driver sits with the step controls it changes: below the grids, so that
      // showing it moves none of them, and the bar above them keeps one row on a phone.
      h('div', { className: 'step-bar' }, this.driverToggle, this.controls.el, this.desc),
      this.status,
      this.provenance,
      this.relation,
      h(
        'details',
        { className: 'math', open: true },
        h('summary', { textContent: 'Sizes, with these numbers' }),
        this.math,
      ),
    );
    // A finger's pointer leaves as it lifts: a tapped cell stays lit until the next tap.
    this.stage.addEventListener('pointerleave', (e) => e.pointerType !== 'touch' && this.#point(null, null));
  }

  /** Shows a new trace (an accepted spec) at state s of view `view`. */
  set(trace, s = 0, view = this.view) {
    this.controls.stop();
    this.trace = trace;
    refit(this.desc);
    this.channels.in = Math.min(this.channels.in, trace.inChannels - 1);
    this.channels.out = Math.min(this.channels.out, trace.outChannels - 1);
    this.scatter.set(trace);
    this.built = { scatter: true };
    this.#summary();
    this.#pickers();
    this.math.replaceChildren(formulas(trace.axes, axisNames[trace.dims]));
    this.setView(view, s);
  }

  /** Switches the view (scatter, gather, matrix, all); the state is kept where it means the same. */
  setView(view, s = null) {
    if (!views.includes(view)) view = 'scatter';
    // A view whose code is not here yet: load it, then come back (the pictures stay meanwhile).
    const missing = (view === 'all' ? ['gather', 'matrix'] : [view]).filter((v) => v !== 'scatter' && !this[v]);
    if (missing.length) {
      const loads = missing.map((v) =>
        Promise.resolve(this.viewClasses[v]()).then((Class) => (this[v] ??= this.makeView[v](Class))),
      );
      this.pending = Promise.all(loads).then(() => this.trace && this.setView(view, s));
      return this.pending;
    }
    const changed = view !== this.view;
    this.view = view;
    const trace = this.trace;
    // A cell picked and its sentence, about a grid this view may not show or of another example, go.
    if (changed || this.said?.trace !== trace) {
      this.#point(null, null);
      this.#unsay();
    }
    // Build what the view needs on first use: the gather and matrix views cost nothing until opened.
    if ((view === 'gather' || view === 'all') && this.built.gather !== trace) {
      this.gather.set(trace);
      this.built.gather = trace;
    }
    if ((view === 'matrix' || view === 'all') && this.built.matrix !== trace) {
      this.matrix.set(trace);
      this.built.matrix = trace;
    }
    const shown = view === 'all' ? [this.scatter, this.gather, this.matrix] : [this[view]];
    // Only when they change: putting the same views back would take the focus from a field being
    // typed in (a value edited in its grid gives a new trace and comes back here).
    const els = shown.map((v) => v.el);
    if (els.length !== this.stage.children.length || els.some((el, i) => this.stage.children[i] !== el))
      this.stage.replaceChildren(...els);
    check(this.tabs, 'view', view);
    // The driver only in the lockstep view (below the grids); the counts hidden but in place, so
    // that switching views moves nothing below the bar.
    this.driverToggle.hidden = view !== 'all';
    this.countsToggle.classList.toggle('unused', view === 'gather' || view === 'matrix');
    this.#legend();
    if (changed) this.onview(view);
    this.go(s ?? (changed ? 0 : this.state));
  }

  /** In the lockstep view: step by input elements (the scatter's states) or by output cells. */
  setDriver(driver) {
    this.driver = driver === 'gather' ? 'gather' : 'scatter';
    check(this.driverToggle, 'driver', this.driver);
    this.go(0);
  }

  /** The view whose states the controls step through. */
  get by() {
    return this.view === 'all' ? this.driver : this.view;
  }

  /** The number of steps of the current view (input elements, or output cells). */
  get stepCount() {
    return stepCount(this.trace, this.view, this.driver);
  }

  get lastState() {
    return lastState(this.trace, this.view, this.driver);
  }

  /** Shows state s (clamped). */
  go(s) {
    const trace = this.trace;
    const last = this.lastState;
    s = Math.max(0, Math.min(last, Math.trunc(s) || 0));
    const previous = this.state;
    this.state = s;
    const by = this.by;
    let words;
    // In the lockstep view, at Start no view has computed anything yet; after it, the views the
    // driver does not step show their end: the result its steps build, to compare with.
    const others = (end) => (s === 0 ? 0 : end);
    if (by === 'gather') {
      this.#followCell(s);
      this.gather.show(s);
      if (this.view === 'all') {
        this.scatter.show(others(trace.stepCount + 1));
        this.matrix.show(s, 'gather');
      }
      words = describeGather(trace, s);
    } else if (by === 'matrix') {
      this.matrix.show(s, 'scatter');
      words = describeMatrix(trace, s, 'scatter');
    } else {
      this.#followStep(s);
      this.scatter.show(s);
      if (this.view === 'all') {
        this.gather.show(others(outputCells(trace) + 1));
        this.matrix.show(Math.min(s, trace.stepCount + 1), 'scatter', this.scatter.stepData?.buffer);
      }
      words = describeScatter(trace, s, this.scatter.stepData, this.channels.out);
      if (!reducedMotion.matches && s === previous + 1) this.#fly();
    }
    if (this.view === 'all') this.#follow(s);
    this.#strips();
    if (this.showCounts) this.#counts();
    setText(this.descText, words.text);
    // The live region says one short sentence per step the reader takes; while playing it said
    // "Playing" once and waits for the pause or the end (a sentence every 0.9 s would pile up).
    this.spoken = words.short;
    if (!this.controls.playing) setText(this.status, words.short);
    this.controls.update(
      s,
      last,
      stateName(trace, this.view, s, this.driver),
      longestStateName(trace, this.view, this.driver),
    );
    if (this.picked)
      this.#point(this.picked.kind === 'buffer' ? 'intermediate' : this.picked.kind, this.picked.cell, true);
    // The sentence of a cell no longer pointed at (the pointer went to the step buttons) says what
    // that cell is now, not what it was a step ago.
    else if (this.said) {
      const { where, cell } = this.said;
      this.#say(where, cell, inspect(this.trace, where, cell, this.scatter.stepData?.index));
    }
    this.onstep(s);
  }

  /** Shows or hides the counts of products per cell as a heat map: the checkerboard. */
  setCounts(on) {
    this.showCounts = on;
    this.countsToggle.setAttribute('aria-pressed', String(on));
    this.countsKey.hidden = !on;
    if (on) this.#counts();
    else
      for (const g of [this.scatter.buffer, this.scatter.output])
        for (let i = 0; i < g.cells.length; i++) g.heat(i, undefined);
    this.root.classList.toggle('counting', on);
  }

  /** Provenance of a cell, as the element's inspect(): {cell, where, value, terms, sentence, ...}. */
  inspect(where, cell) {
    return inspect(this.trace, where, cell);
  }

  // --- private ---

  #playing(on) {
    this.status.textContent = on ? 'Playing to the end; Space pauses.' : this.spoken;
  }

  #summary() {
    const { axes, dims } = this.trace;
    const per = (key) =>
      axes.every((a) => a[key] === axes[0][key]) ? axes[0][key] : axes.map((a) => a[key]).join(' × ');
    const extra = [
      ['padding', 'padding'],
      ['outputPadding', 'output_padding'],
      ['dilation', 'dilation'],
    ]
      .filter(([key]) => axes.some((a) => a[key] !== (key === 'dilation' ? 1 : 0)))
      .map(([key, name]) => `, ${name} ${per(key)}`)
      .join('');
    const trace = this.trace;
    const channels = trace.singleChannel
      ? ''
      : `, channels ${trace.inChannels} → ${trace.outChannels}${trace.groups > 1 ? `, groups ${trace.groups}` : ''}`;
    const bias = trace.bias ? `, bias ${trace.bias.length === 1 ? fmt(trace.bias[0]) : 'per channel'}` : '';
    this.summary.textContent = `Input ${size(axes.map((a) => a.input))} → output ${size(axes.map((a) => a.output))}: kernel ${size(axes.map((a) => a.kernel))}, stride ${per('stride')}${extra}${channels}${bias}.`;
    const [from, to] = [size(axes.map((a) => a.output)), size(axes.map((a) => a.input))];
    this.relation.textContent =
      `Transposed, not inverted: a direct convolution with this kernel, stride and padding maps ${dims === 1 ? `${from} cells` : `a ${from} grid`} ` +
      `to ${to}; this operation goes back the other way with the transposed matrix. The shapes return, the values do not.`;
  }

  /** With several channels: the input and output channels as strips that choose the ones drawn,
   *  the rule of the groups, and how many cells are drawn against the bound. */
  #pickers() {
    const trace = this.trace;
    this.pickers.replaceChildren();
    this.pickers.hidden = trace.singleChannel || (trace.inChannels === 1 && trace.outChannels === 1);
    if (this.pickers.hidden) return;
    const G = groupsOf(trace);
    const pick = (key) => (c) => {
      if (this.channels[key] === c) return;
      this.channels[key] = c;
      this.pinned = key;
      // A channel of another group brings a channel of that group to the other side.
      if (key === 'out' && G.ofIn(this.channels.in) !== G.ofOut(c)) this.channels.in = G.inputs(G.ofOut(c))[0];
      if (key === 'in' && G.ofIn(c) !== G.ofOut(this.channels.out)) this.channels.out = G.outputs(G.ofIn(c))[0];
      this.#rebuildChannels();
    };
    this.inStrip = new ChannelStrip('input', pick('in'));
    this.inStrip.set(trace.inChannels, G.inPer);
    this.outStrip = new ChannelStrip('output', pick('out'));
    this.outStrip.set(trace.outChannels, G.outPer);
    this.rule = h('p', { className: 'rule' });
    this.drawn = h('p', { className: 'rule drawn' });
    this.pickers.append(this.inStrip.el, this.outStrip.el, this.rule, this.drawn);
  }

  /** The strips and the rule follow the state: this step's input channel and its receivers. */
  #strips() {
    const trace = this.trace;
    if (this.pickers.hidden) return;
    const G = groupsOf(trace);
    const step = this.by === 'scatter' ? this.scatter.stepData : null;
    const group = G.ofIn(this.channels.in);
    this.inStrip.show(this.channels.in, step ? [step.channel, step.channel] : undefined, G.inputs(group));
    this.outStrip.show(
      this.channels.out,
      step ? [step.firstOutputChannel, step.firstOutputChannel + G.outPer - 1] : undefined,
      G.outputs(group),
    );
    setText(this.rule, ruleWords(trace, group));
    // Counted once per drawing (the grids are rebuilt only with new shapes or channels).
    if (this.countedFor !== this.scatter.el.firstChild || this.countedView !== this.view) {
      this.countedFor = this.scatter.el.firstChild;
      this.countedView = this.view;
      this.drawn.textContent = drawnWords(this.stage.querySelectorAll('[role=gridcell]').length);
    }
  }

  #rebuildChannels() {
    this.scatter.set(this.trace);
    if (this.gather && this.built.gather === this.trace) this.gather.set(this.trace);
    if (this.matrix && this.built.matrix === this.trace) this.matrix.set(this.trace);
    // The reader's choice holds until the next step: the same state does not follow its channel.
    this.holding = true;
    try {
      this.go(this.state);
    } finally {
      this.holding = false;
    }
  }

  /** A scatter step shows its own input channel and, unless the reader chose one, its group's first output channel. */
  #followStep(s) {
    const trace = this.trace;
    if (trace.singleChannel || this.holding || s < 1 || s > trace.stepCount) return;
    const area = trace.input.data.length / trace.inChannels;
    const ci = Math.floor((s - 1) / area);
    const G = groupsOf(trace);
    const group = G.ofIn(ci);
    const next = {
      in: ci,
      out: this.pinned === 'out' && G.ofOut(this.channels.out) === group ? this.channels.out : G.outputs(group)[0],
    };
    if (next.in !== this.channels.in || next.out !== this.channels.out) {
      Object.assign(this.channels, next);
      this.#rebuildChannels();
    }
  }

  /** A gather step shows its output cell's channel and an input channel of its group. */
  #followCell(s) {
    const trace = this.trace;
    if (trace.singleChannel || this.holding || s < 1 || s > outputCells(trace)) return;
    const area = outputCells(trace) / trace.outChannels;
    const co = Math.floor((s - 1) / area);
    const G = groupsOf(trace);
    const group = G.ofOut(co);
    const ci = G.ofIn(this.channels.in) === group ? this.channels.in : G.inputs(group)[0];
    if (co !== this.channels.out || ci !== this.channels.in) {
      Object.assign(this.channels, { in: ci, out: co });
      this.#rebuildChannels();
    }
  }

  #goGather(s) {
    if (this.view === 'gather' || (this.view === 'all' && this.driver === 'gather')) this.go(s);
  }

  /** In the lockstep view, the views that do not drive show the same moment from their side. */
  #follow(s) {
    const trace = this.trace;
    let found = null;
    if (this.driver === 'scatter' && s >= 1 && s <= trace.stepCount) {
      const inS = sizes(trace, 'input');
      found = inspect(
        trace,
        'input',
        cellAt(Math.floor((s - 1) / inS.reduce((a, b) => a * b, 1)), (s - 1) % inS.reduce((a, b) => a * b, 1), inS),
      );
    } else if (this.driver === 'gather' && s >= 1 && s <= outputCells(trace)) {
      const outS = sizes(trace, 'output');
      const area = outS.reduce((a, b) => a * b, 1);
      found = inspect(trace, 'output', cellAt(Math.floor((s - 1) / area), (s - 1) % area, outS));
    }
    this.followed = found;
    const views = this.driver === 'scatter' ? [this.gather] : [this.scatter];
    for (const view of views) view.highlight(found, null);
  }

  /** The reader points at a cell of some grid (where, cell), or at none (null). */
  #point(where, cell, keep = false) {
    if (!where) {
      if (this.picked && !keep) {
        this.picked = null;
        for (const v of [this.scatter, this.gather, this.matrix])
          if (v?.trace === this.trace) v.highlight(this.view === 'all' ? this.followed : null, null);
      }
      return;
    }
    const kind = where === 'intermediate' ? 'buffer' : where;
    // The same cell again (a tap after the pointer came over it): nothing new to light or to say.
    if (!keep && this.picked?.kind === kind && String(this.picked.cell) === String(cell)) return;
    const found = inspect(this.trace, where, cell, this.scatter.stepData?.index);
    this.picked = { kind, cell };
    for (const v of this.view === 'all' ? [this.scatter, this.gather, this.matrix] : [this[this.view]])
      v.highlight(found, this.picked);
    this.#say(where, cell, found);
    this.oninspect(found);
  }

  /** The provenance sentence of a cell at the state shown. */
  #say(where, cell, found) {
    // While stepping the scatter, a cell of the intermediate output also says what it holds so far.
    const step = this.by === 'scatter' ? this.scatter.stepData : null;
    const now = step && where === 'intermediate' ? this.scatter.heldNow(cell) : undefined;
    this.provenance.textContent = found.sentence + (step ? soFar(found, step.index, now) : '');
    this.said = { where, cell, trace: this.trace };
  }

  #unsay() {
    this.said = null;
    this.provenance.textContent = '';
  }

  /** The copy flies from the kernel into its window: a moving picture of the step, never a delay.
   *  Positions are read in the next frame, after the browser's own layout (reading them at once
   *  would force one), and only for grids small enough to follow by eye. */
  #fly() {
    const { copy, buffer } = this.scatter;
    if (copy.el.classList.contains('idle') || buffer.cells.length > 400 || typeof copy.table.animate !== 'function')
      return;
    cancelAnimationFrame(this.flight);
    this.flight = requestAnimationFrame(() => {
      const target = buffer.table.querySelector('[role=gridcell].et.el');
      const from = copy.cells[0]?.getBoundingClientRect();
      if (!target || !from) return;
      const to = target.getBoundingClientRect();
      copy.table.animate(
        [
          { transform: `translate(${to.left - from.left}px, ${to.top - from.top}px)`, opacity: 0.2 },
          { transform: 'none', opacity: 1 },
        ],
        {
          duration: 280,
          easing: 'ease-out',
        },
      );
    });
  }

  /** Counts of products per cell, as heat levels, with their key and the rule in words. */
  #counts() {
    const trace = this.trace;
    const view = this.scatter;
    const co = this.channels.out;
    const counts = trace.finalContributions;
    const bufS = sizes(trace, 'buffer');
    const outS = sizes(trace, 'output');
    const bufArea = bufS.reduce((a, b) => a * b, 1);
    const distinct = [...new Set(counts)].sort((a, b) => a - b);
    const level = (c) => Math.min(4, distinct.indexOf(c));
    for (let i = 0; i < bufArea; i++) view.buffer.heat(i, level(counts[co * bufArea + i]), counts[co * bufArea + i]);
    // An output position's count: that of the buffer cell the carve keeps there.
    const carve = trace.axes.map((a) => a.carveStart);
    const countAt = (position) => counts[co * bufArea + indexIn([co, ...position.map((p, a) => p + carve[a])], bufS)];
    for (let i = 0; i < view.output.cells.length; i++) {
      const count = countAt(cellAt(co, i, outS).slice(1));
      view.output.heat(i, level(count), count);
    }
    // The counts the core gave along the output's middle line across each axis (the middle column
    // for the height, the middle row for the width): the rule's example, in the reader's numbers.
    const middle = outS.map((n) => Math.floor(n / 2));
    const lines = outS.map((n, axis) =>
      Array.from({ length: n }, (_, p) => countAt(middle.map((m, a) => (a === axis ? p : m)))),
    );
    this.countsKey.replaceChildren(
      h('p', { className: 'rule', textContent: checkerboardRule(trace, lines) }),
      h(
        'ul',
        { className: 'legend heat-legend', 'aria-label': 'Products per cell' },
        ...distinct
          .slice(0, 5)
          .map((c, i) =>
            h(
              'li',
              {},
              h('span', { className: 'sw heat', 'data-heat': String(i), 'aria-hidden': 'true' }),
              `${c}${i === 4 && distinct.length > 5 ? ' or more' : ''}`,
            ),
          ),
      ),
    );
  }

  #legend() {
    const items = {
      scatter: [
        ['cur', 'the current input element'],
        ['et eb el er', 'this step’s window; at the carve, what is kept'],
        ['tap', 'cells this copy adds to'],
        ['m', 'a sum of several copies'],
        ['cut', 'cut off by padding'],
        ['op', 'output_padding'],
      ],
      gather: [
        ['gv', 'an input value'],
        ['gz', 'a zero inserted between input elements'],
        ['gp', 'padding'],
        ['et eb el er', 'the window of the current cell'],
        ['cur', 'the current output cell'],
      ],
      matrix: [
        ['line', 'the lit column (a step’s copy) or row (a cell’s window)'],
        ['z', 'zero: the element does not reach the cell'],
      ],
    };
    const list =
      this.view === 'all' ? [...items.scatter, ...items.gather.slice(0, 3), items.matrix[0]] : items[this.view];
    this.legend.replaceChildren(
      ...list.map(([cls, text]) => h('li', {}, h('span', { className: `sw ${cls}`, 'aria-hidden': 'true' }), text)),
      h(
        'li',
        {},
        h('span', { className: 'sw pick', 'aria-hidden': 'true' }),
        'point at any cell: where its number comes from',
      ),
    );
  }

  destroy() {
    this.controls.destroy();
  }
}
