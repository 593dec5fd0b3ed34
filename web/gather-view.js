// The gather view: the same output as a direct convolution. Insert stride − 1 zeros between input
// elements, pad each side by dilation·(k − 1) − padding (plus output_padding at the end), and slide
// the kernel rotated by 180° over it with stride 1: each window's sum of products is one output cell.
// One step per output cell. The padded input, the rotated kernel and every window come from the
// trace (gather, gatherWindow); this module only marks which cells are input values, inserted zeros
// or padding, and where the window is.
import { cellAt, cellName, equals, extent, indexIn, shape2d, signed, sizes } from './cells.js';
import { arrowTo, fmt, h, size } from './dom.js';
import { Grid, mask } from './grid.js';
import { outputCells } from './steps.js';

export class GatherView {
  constructor({ point, go, channels }) {
    this.point = point;
    this.go = go;
    this.channels = channels;
    this.el = h('div', { className: 'view gather' });
  }

  set(trace) {
    this.trace = trace;
    const view = trace.gather;
    this.view = view;
    if (view.error) {
      this.el.replaceChildren(
        h('p', { className: 'remark', textContent: `The gather view is not drawn: ${view.error}.` }),
      );
      return;
    }
    const single = trace.singleChannel;
    const kS = sizes(trace, 'kernel');
    const outS = sizes(trace, 'output');
    const padS = view.paddedInput.shape.slice(1);
    this.sizes = { kernel: kS, output: outS, padded: padS };
    const { in: ci, out: co } = this.channels;
    const perGroup = trace.outChannels / trace.groups;
    const taps = kS.reduce((a, b) => a * b, 1);
    const j = co % perGroup;

    this.kernel = new Grid(...shape2d(kS), {
      onpoint: (i) => this.point(i < 0 ? null : 'kernel', i < 0 ? null : [ci, j, ...cellAt(0, i, kS).slice(1)]),
    });
    this.kernel.fill(trace.weight.data, (ci * perGroup + j) * taps);
    this.kernel.label(single ? `Kernel: ${extent(kS, 'tap')} · as given` : `w[${ci}][${j}] · as given`);
    this.kernel.el.classList.add('kern');
    this.rotated = new Grid(...shape2d(kS));
    this.rotated.fill(view.rotatedKernel.data, (ci * perGroup + j) * taps);
    this.rotated.label('Rotated 180°');
    this.rotated.el.classList.add('kern', 'rotated');
    this.padded = new Grid(...shape2d(padS), {
      onpoint: (i) => this.point(i < 0 ? null : 'padded', i < 0 ? null : cellAt(this.channels.in, i, padS)),
    });
    this.padded.el.classList.add('padded');
    this.padded.fill(view.paddedInput.data, ci * this.padded.cells.length);
    this.padded.label(`Zero-inserted, padded input: ${extent(padS, 'cell')}${single ? '' : ` · channel ${ci}`}`);
    // Which cells are input values, inserted zeros or padding: the view's own geometry.
    const [, pcols] = shape2d(padS);
    const kinds = new Uint32Array(this.padded.cells.length);
    const ax = trace.axes.length === 1 ? [null, trace.axes[0]] : trace.axes;
    const before = padS.length === 1 ? [0, view.padBefore[0]] : view.padBefore;
    const zeroInserted = padS.length === 1 ? [1, view.zeroInsertedSize[0]] : view.zeroInsertedSize;
    for (let i = 0; i < kinds.length; i++) {
      const z = [Math.floor(i / pcols) - before[0], (i % pcols) - before[1]];
      const padding = z.some((v, a) => v < 0 || v >= zeroInserted[a]);
      const zero = !padding && ((ax[0] && z[0] % ax[0].stride !== 0) || z[1] % ax[1].stride !== 0);
      kinds[i] = padding ? mask('gp') : zero ? mask('gz') : mask('gv');
    }
    this.kinds = kinds;
    this.output = new Grid(...shape2d(outS), {
      onpoint: (i) => this.point(i < 0 ? null : 'output', i < 0 ? null : cellAt(this.channels.out, i, outS)),
      onactivate: (i) => this.go(this.channels.out * this.output.cells.length + i + 1),
    });
    this.output.el.classList.add('out');
    this.output.widen(trace.output.data);
    this.output.label(`Output: ${extent(outS, 'cell')}${single ? '' : ` · channel ${co}`}`);
    this.sum = h('p', { className: 'sum' });
    // The same operation named both ways: as this transposed convolution, and as the direct
    // convolution over the padded input that the gather view draws (the seed post's opening figure).
    const per = (values) => (values.every((v) => v === values[0]) ? values[0] : values.join(' × '));
    const a = trace.axes;
    const both = h('p', { className: 'remark both-ways' });
    both.textContent =
      `As the direct convolution drawn here: the rotated kernel over the input with stride − 1 = ${per(a.map((x) => x.stride - 1))} ${a.every((x) => x.stride === 2) ? 'zero' : 'zeros'} inserted between elements and ` +
      `${per(view.padBefore)} ${view.padBefore.every((v) => v === 1) ? 'cell' : 'cells'} of padding on each side${a.some((x) => x.outputPadding) ? ' (plus output_padding at the end)' : ''}, stride 1: ` +
      `i′ = ${per(a.map((x) => x.input))}, k′ = ${per(a.map((x) => x.kernel))}, p′ = ${per(view.padBefore)}, s′ = 1. ` +
      `This transposes the direct convolution i = ${per(a.map((x) => x.output))}, k = ${per(a.map((x) => x.kernel))}, p = ${per(a.map((x) => x.padding))}, s = ${per(a.map((x) => x.stride))}, ` +
      `which maps ${size(outS)} to ${size(sizes(trace, 'input'))}.`;
    const turn = h('span', {
      className: 'turn',
      textContent: '↻ 180°',
      title: 'rotated by 180°: rows and columns reversed',
    });
    this.el.replaceChildren(
      h('div', { className: 'row' }, this.kernel.el, turn, this.rotated.el),
      h('div', { className: 'row' }, this.padded.el, arrowTo(this.output.el)),
      this.sum,
      both,
    );
  }

  /** Shows state s: 0 nothing computed, 1..m output cell s−1 computed, m+1 the output. */
  show(s) {
    if (this.view.error) return;
    const trace = this.trace;
    const m = outputCells(trace);
    const outArea = this.output.cells.length;
    const current = s >= 1 && s <= m ? s - 1 : -1;
    const co = this.channels.out;
    const done = s > m ? Infinity : current;
    // The output: cells computed so far (their value includes the bias), the current one marked.
    for (let i = 0; i < outArea; i++) {
      const flat = co * outArea + i;
      this.output.set(i, flat <= done ? trace.output.data[flat] : undefined);
    }
    this.output.markAll((i) => {
      const flat = co * outArea + i;
      return flat === current ? mask('cur') : flat > done ? mask('z') : 0;
    });
    // The window of the current cell on the padded input.
    let window = null;
    if (current >= 0 && Math.floor(current / outArea) === co)
      window = trace.gatherWindow(cellAt(co, current % outArea, this.sizes.output));
    this.window = window;
    const [, pcols] = shape2d(this.sizes.padded);
    const tapCells = new Set();
    if (window)
      for (const tap of window.taps)
        if (tap.padded[0] === this.channels.in) tapCells.add(indexIn(tap.padded, this.sizes.padded));
    const o = window ? (window.origin.length === 1 ? [0, window.origin[0]] : window.origin) : null;
    const k = shape2d(this.sizes.kernel);
    const d = window ? (window.dilation.length === 1 ? [1, window.dilation[0]] : window.dilation) : null;
    this.padded.markAll((i) => {
      let bits = this.kinds[i];
      if (!o) return bits;
      const r = Math.floor(i / pcols);
      const c = i % pcols;
      const end = [o[0] + (k[0] - 1) * d[0], o[1] + (k[1] - 1) * d[1]];
      if (r >= o[0] && r <= end[0] && c >= o[1] && c <= end[1]) {
        if (r === o[0]) bits |= mask('et');
        if (r === end[0]) bits |= mask('eb');
        if (c === o[1]) bits |= mask('el');
        if (c === end[1]) bits |= mask('er');
      }
      if (tapCells.has(i)) bits |= mask('tap');
      return bits;
    });
    this.sum.textContent = window
      ? this.sentence(window)
      : s > m
        ? `The output, ${size(this.sizes.output)}: every window summed. The same numbers as the scatter.`
        : 'Each output cell is one window of the rotated kernel over the padded input.';
  }

  /** "out[1][1] = 1·(−1) + 2·(−1) + 3·1 + 4·1 = 4 (5 more taps on inserted zeros and padding)". */
  sentence(window) {
    const trace = this.trace;
    const cell = window.cell;
    const flat = cell[0] * this.output.cells.length + indexIn(cell, this.sizes.output);
    const value = trace.output.data[flat];
    const onInput = window.taps.filter((t) => t.on === 'input');
    const others = window.taps.length - onInput.length;
    const terms = onInput.map((t) => `${signed(fmt(t.value))}·${signed(fmt(t.weight), true)}`);
    const name = cellName('out', cell, trace.singleChannel);
    // No tap on an input value: nothing to add up ("out[2] = 0 = 0" said it twice).
    if (!terms.length)
      return `${name} = ${signed(fmt(value))}${trace.bias ? ', the bias alone' : ''} (${others === 1 ? 'its one tap falls' : `all ${others} taps fall`} on inserted zeros or padding: products of 0).`;
    const bias = trace.bias ? ` + ${signed(fmt(trace.bias[cell[0]]), true)} (bias)` : '';
    return (
      `${name} = ${terms.join(' + ')}${bias}${equals(signed(fmt(value)))}` +
      (others
        ? ` (${others} more ${others === 1 ? 'tap falls' : 'taps fall'} on inserted zeros or padding: products of 0).`
        : '.')
    );
  }

  highlight(found, picked) {
    if (this.view.error) return;
    const pickIn = (kind, grid, channel, spatial) =>
      grid.mark('pick', picked?.kind === kind && picked.cell[0] === channel ? [indexIn(picked.cell, spatial)] : null);
    this.padded.mark(
      'rel',
      found
        ? found.relatives.padded.filter((c) => c[0] === this.channels.in).map((c) => indexIn(c, this.sizes.padded))
        : null,
    );
    pickIn('padded', this.padded, this.channels.in, this.sizes.padded);
    this.output.mark(
      'rel',
      found
        ? found.relatives.output.filter((c) => c[0] === this.channels.out).map((c) => indexIn(c, this.sizes.output))
        : null,
    );
    pickIn('output', this.output, this.channels.out, this.sizes.output);
  }
}
