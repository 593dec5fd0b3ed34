// One worked example, step by step: its grids, step controls, a live description, the size formulas
// and, closed until opened, the two other ways to the same output (views.js), rendered into any root
// (the page's <section>, or later a <tconv-viz> shadow root with viz.css linked inside). Every value
// and size shown comes from the core's trace; this module only decides which cells to outline and
// how to say it.
//
// Steps: 0 the empty intermediate output; 1..n after input element s-1 is scattered; n+1 the carve;
// n+2 the output (with the bias, if any). n is trace.stepCount.
import { controls } from './controls.js';
import { axisNames, fmt, h, size } from './dom.js';
import { formulas } from './formulas.js';
import { Views } from './views.js';

/** A table of numbers. Each value sits in a fixed-size, contained <span>, and the marks are paint-only
 *  (colours, shadows, outlines), so a step re-lays out no table, even at 67 × 67; cells change text
 *  and class only when they differ. */
class Grid {
  constructor(rows, cols) {
    this.caption = h('span');
    this.table = h('table', { className: cols > 12 ? 'dense' : '' }, h('caption', {}, this.caption));
    const rowHeads = rows > 1;
    const head = h('tr', {}, rowHeads ? h('td', { className: 'corner' }) : '');
    for (let c = 0; c < cols; c++) head.append(h('th', { scope: 'col', textContent: c }));
    const body = h('tbody');
    this.cells = [];
    this.values = [];
    for (let r = 0; r < rows; r++) {
      const tr = h('tr', {}, rowHeads ? h('th', { scope: 'row', textContent: r }) : '');
      for (let c = 0; c < cols; c++) {
        // The Text node itself is kept: setting its data is the cheapest change the DOM offers.
        const value = document.createTextNode('');
        this.values.push(value);
        tr.append((this.cells[this.cells.length] = h('td', {}, h('span', {}, value))));
      }
      body.append(tr);
    }
    this.table.append(h('thead', {}, head), body);
    this.nums = [];
    this.cls = [];
    this.chars = 0;
    this.el = h('div', { className: 'grid' }, h('div', { className: 'scroll' }, this.table));
  }
  /** Cell i shows the number v, or nothing when v is undefined; text and class change only when they differ. */
  num(i, v, cls = '') {
    if (this.nums[i] !== v) {
      const text = v === undefined ? '' : fmt(v);
      this.nums[i] = v;
      this.values[i].data = text;
      // Cells only ever widen, so stepping back and forth never re-lays out the table.
      if (text.length > this.chars) this.table.style.setProperty('--tconv-chars', (this.chars = text.length));
    }
    if (this.cls[i] !== cls) this.cells[i].className = this.cls[i] = cls;
  }
  /** Sizes the cells for the longest of these values at once, instead of one widening at a time. */
  widen(...arrays) {
    for (const data of arrays) for (const v of data) this.chars = Math.max(this.chars, fmt(v).length);
    this.table.style.setProperty('--tconv-chars', this.chars);
  }
  fill(data, cls) {
    for (let i = 0; i < this.cells.length; i++) this.num(i, data?.[i], cls);
  }
  /** The caption, "Input · 2 × 2": it wraps only between its parts. */
  label(text) {
    text = text
      .split(' · ')
      .map((part) => part.replaceAll(' ', '\u00a0'))
      .join(' · ');
    if (this.caption.textContent !== text) this.caption.textContent = text;
  }
}

export class Viz {
  /** Renders into root; onstep(step) runs after each change of step. */
  constructor(root, { onstep = () => {} } = {}) {
    this.root = root;
    this.onstep = onstep;
    this.summary = h('p', { className: 'summary' });
    this.stage = h('div', {
      className: 'stage',
      tabIndex: 0,
      'aria-label': 'Grids of this example; ←/→ step through it',
    });
    this.controls = controls(root, (s) => this.go(s));
    this.desc = h('p', { className: 'desc', 'aria-live': 'polite' });
    this.relation = h('p', { className: 'relation' });
    this.math = h('div', { className: 'sizes' });
    this.views = new Views();
    root.classList.add('tconv');
    const legend = h(
      'ul',
      { className: 'legend', 'aria-label': 'Key' },
      ...[
        ['et eb el er', 'this step’s window; at the carve, what is kept'],
        ['tap', 'cells this copy adds to'],
        ['m', 'a sum of several copies'],
        ['cut', 'cut off by padding'],
        ['op', 'output_padding'],
      ].map(([cls, text]) => h('li', {}, h('span', { className: `sw ${cls}`, 'aria-hidden': 'true' }), text)),
    );
    root.append(
      this.summary,
      this.stage,
      legend,
      this.controls.el,
      this.desc,
      this.relation,
      h(
        'details',
        { className: 'math', open: true },
        h('summary', { textContent: 'Sizes, with these numbers' }),
        this.math,
      ),
      this.views.el,
    );
  }

  /** Shows a new trace (an accepted spec) at step s. */
  set(trace, s = 0) {
    this.controls.stop();
    const { axes, dims } = trace;
    const names = axisNames[dims];
    const shape = (key) => (dims === 1 ? [1, axes[0][key]] : [axes[0][key], axes[1][key]]);
    this.trace = trace;
    this.names = names;
    this.bufferShape = shape('buffer');
    this.input = new Grid(...shape('input'));
    this.kernel = new Grid(...shape('kernel'));
    this.copy = new Grid(...shape('kernel'));
    this.buffer = new Grid(...this.bufferShape);
    this.output = new Grid(...shape('output'));
    for (const [grid, cls] of [
      [this.input, 'in'],
      [this.kernel, 'kern'],
      [this.copy, 'copy'],
      [this.buffer, 'buf'],
      [this.output, 'out'],
    ])
      grid.el.classList.add(cls);
    this.input.label(`Input · ${size(shape('input').slice(2 - dims))}`);
    this.input.fill(trace.input.data);
    this.kernel.label(`Kernel · ${size(shape('kernel').slice(2 - dims))} · not flipped`);
    this.kernel.fill(trace.weight.data);
    this.buffer.widen(trace.finalBuffer.data, trace.carved.data);
    this.output.widen(trace.carved.data, trace.output.data);
    this.output.label(`Output · ${size(axes.map((a) => a.output))}`);
    this.stage.replaceChildren(
      h('div', { className: 'row' }, this.input.el, this.kernel.el, this.copy.el),
      h(
        'div',
        { className: 'row' },
        this.buffer.el,
        h('span', { className: 'arrow', 'aria-hidden': 'true', textContent: '→' }),
        this.output.el,
      ),
    );

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
    const bias = trace.bias ? `, bias ${fmt(trace.bias[0])}` : '';
    this.summary.textContent = `Input ${size(axes.map((a) => a.input))} → output ${size(axes.map((a) => a.output))}: kernel ${size(axes.map((a) => a.kernel))}, stride ${per('stride')}${extra}${bias}.`;
    const [from, to] = [size(axes.map((a) => a.output)), size(axes.map((a) => a.input))];
    this.relation.textContent =
      `Transposed, not inverted: a direct convolution with this kernel, stride and padding maps ${dims === 1 ? `${from} cells` : `a ${from} grid`} ` +
      `to ${to}; this operation goes back the other way with the transposed matrix. The shapes return, the values do not.`;
    this.math.replaceChildren(formulas(axes, names));
    this.views.set(trace);
    this.go(s);
  }

  /** Shows step s (clamped to 0..stepCount+2). */
  go(s) {
    const trace = this.trace;
    const n = trace.stepCount;
    s = Math.max(0, Math.min(n + 2, Math.trunc(s) || 0));
    this.step = s;
    const { axes, dims } = trace;
    const step = s >= 1 && s <= n ? trace.step(s - 1) : null;
    const buf = s === 0 ? trace.bufferAfter(0) : step ? step.buffer : trace.finalBuffer;
    const [rows, cols] = this.bufferShape;
    const ax = dims === 1 ? [null, axes[0]] : axes;

    // How many products each cell has received so far (the core counts them): the running sums.
    const count = s === 0 ? null : step ? step.contributions : trace.finalContributions;

    // The outlined region: this step's window, or at the carve and after, the part that is kept.
    let win = null;
    if (step) {
      const o = dims === 1 ? [0, ...step.origin] : step.origin;
      const span = dims === 1 ? [1, ...step.span] : step.span;
      const dil = dims === 1 ? [1, ...step.dilation] : step.dilation;
      win = { o, end: [o[0] + span[0] - 1, o[1] + span[1] - 1], dil };
    } else if (s > n) {
      const o = dims === 1 ? [0, axes[0].carveStart] : [axes[0].carveStart, axes[1].carveStart];
      win = {
        o,
        end: [rows - 1 - Math.max(0, ax[0]?.carveEnd ?? 0), cols - 1 - Math.max(0, ax[1].carveEnd)],
        dil: null,
      };
    }
    // output_padding cells: the last outputPadding rows/columns of the kept region.
    const opFrom = [
      ax[0] ? rows - Math.max(0, ax[0].carveEnd) - ax[0].outputPadding : rows,
      cols - Math.max(0, ax[1].carveEnd) - ax[1].outputPadding,
    ];

    for (let r = 0, i = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++, i++) {
        const copies = count ? count[i] : 0;
        let cls = copies === 0 ? 'z' : copies > 1 ? 'm' : '';
        if (win) {
          const inside = r >= win.o[0] && r <= win.end[0] && c >= win.o[1] && c <= win.end[1];
          if (inside) {
            if (r === win.o[0]) cls += ' et';
            if (r === win.end[0]) cls += ' eb';
            if (c === win.o[1]) cls += ' el';
            if (c === win.end[1]) cls += ' er';
            if (win.dil && (r - win.o[0]) % win.dil[0] === 0 && (c - win.o[1]) % win.dil[1] === 0) cls += ' tap';
            if (!win.dil && (r >= opFrom[0] || c >= opFrom[1])) cls += ' op';
          } else if (!win.dil) cls += ' cut';
        }
        this.buffer.num(i, buf.data[i], cls);
      }
    }
    const area = size(axes.map((a) => a.buffer));
    this.buffer.label(`Intermediate output · ${area}${s > n ? ' · carve' : ' · before the carve'}`);

    this.copy.el.classList.toggle('idle', !step);
    this.copy.label(step ? `${fmt(step.value)} × kernel` : 'Scaled copy');
    this.copy.fill(step?.products.data, step ? 'tap' : 'z');
    for (let i = 0; i < n; i++) this.input.num(i, trace.input.data[i], i === s - 1 ? 'cur' : i < s - 1 ? 'done' : '');

    const out = s === n + 1 ? trace.carved : s === n + 2 ? trace.output : null;
    const [orows, ocols] = dims === 1 ? [1, axes[0].output] : [axes[0].output, axes[1].output];
    for (let r = 0, i = 0; r < orows; r++) {
      for (let c = 0; c < ocols; c++, i++) {
        const isOp = (ax[0] && r >= orows - ax[0].outputPadding) || c >= ocols - ax[1].outputPadding;
        this.output.num(i, out?.data[i], (out ? '' : 'z') + (isOp ? ' op' : ''));
      }
    }

    const text = this.describe(s, step, count);
    this.desc.textContent = text;
    this.controls.update(s, n + 2, s === 0 ? `Start · 0 / ${n + 2}` : `${s} / ${n + 2}`);
    this.onstep(s);
  }

  describe(s, step, count) {
    const { axes, stepCount: n, dims, bias } = this.trace;
    // "5 cells" in 1D, "5 × 5" in 2D.
    const sz = (key) => (dims === 1 ? `${axes[0][key]} cells` : size(axes.map((a) => a[key])));
    if (s === 0) {
      return (
        `Start: an intermediate output of zeros, ${sz('intermediate')}${sz('buffer') === sz('intermediate') ? '' : ` (${sz('buffer')} with the output_padding cells)`}. ` +
        `Each of the ${n} input ${n === 1 ? 'element' : 'elements'} will add a scaled copy of the kernel to it.`
      );
    }
    if (step) {
      const where = step.origin.map((o, a) => {
        const span = `${o}–${o + step.span[a] - 1}`;
        return dims === 1 ? `cells ${span}` : `${a ? 'columns' : 'rows'} ${span}`;
      });
      let sums = 0;
      for (const c of count) if (c > 1) sums++;
      return (
        `Step ${s} of ${n}: input${step.position.map((p) => `[${p}]`).join('')} = ${fmt(step.value)}. ` +
        `Add ${fmt(step.value)} × kernel at ${where.join(', ')} of the intermediate output (its corner at stride × position). ` +
        (sums
          ? `${sums} ${sums === 1 ? 'cell holds a sum' : 'cells hold sums'} of several copies.`
          : 'No copies overlap yet.')
      );
    }
    if (s === n + 1) {
      const parts = axes.map((a, i) => {
        const name = dims === 1 ? '' : ` ${this.names[i]}`;
        const end =
          a.carveEnd < 0
            ? `keep ${-a.carveEnd} extra at the end (output_padding; no copy reached ${-a.carveEnd === 1 ? 'it' : 'them'})`
            : `cut ${a.carveEnd} at the end${a.outputPadding ? ` (padding ${a.padding} − output_padding ${a.outputPadding})` : ''}`;
        return `${name ? `${name.trim()}: ` : ''}cut ${a.carveStart} at the start, ${end}`;
      });
      return `Carve the padding: ${parts.join('; ')}. What remains is the output, ${sz('output')}.`;
    }
    return (
      `Output, ${sz('output')}: the intermediate output without its padding` +
      `${bias ? `, plus the bias ${fmt(bias[0])} in every cell` : ''}. This is what PyTorch’s ConvTranspose${dims}d returns.`
    );
  }

  destroy() {
    this.controls.destroy();
  }
}
