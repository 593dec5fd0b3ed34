// The scatter view, the seed post's method: each input element adds a scaled copy of its kernel into
// the intermediate output at position × stride; the carve then cuts the padding off. Grids: the
// input, the kernel (with channels: the weight's grid of kernels), the scaled copy, the intermediate
// output and the output, one channel each, with pickers for the channels. Every value, window, count
// and carve region is the trace's; this module decides which cells to mark.
import { cellAt, extent, indexIn, shape2d, sizes } from './cells.js';
import { arrowTo, fmt, h, setText } from './dom.js';
import { Grid, mask } from './grid.js';
import { bufferWords, receivers } from './describe.js';
import { blockMap, groupsOf } from './channels.js';
import { scatterState } from './steps.js';

// The copy's caption: "3 × kernel", "−1.5 × w[1][2]" (tap [c_in, c_out_in_group]); while no copy is
// drawn, "Scaled copy" or "Copy into channel co".
const copyCaption = (trace, value, [kc, kj]) => `${fmt(value)} × ${trace.singleChannel ? 'kernel' : `w[${kc}][${kj}]`}`;
const idleCopy = 'Scaled copy';
const idleCaption = (trace, co) => (trace.singleChannel ? idleCopy : `Copy into channel ${co}`);

/** At most this many kernels of the weight are drawn (the rest are counted): C_in × C_out/groups can be 4096. */
export const kernelsShown = 16;

export class ScatterView {
  /**
   * point(where, cell) reports the cell the reader points at (null: none); go(state) jumps; with
   * onedit(where, cell, text), the input and kernel grids can be edited in place (the page's editor
   * takes the text; the element has none).
   */
  constructor({ point, go, channels, onedit = null }) {
    this.point = point;
    this.go = go;
    this.onedit = onedit;
    this.editing = { input: false, kernel: false };
    this.channels = channels; // {in, out}: the shown channels, shared by the views
    this.el = h('div', { className: 'view scatter' });
  }

  set(trace) {
    // The same shapes and channels: the grids stay (and a cell being typed in keeps its field).
    const key = JSON.stringify([
      trace.dims,
      trace.axes.map((a) => [a.input, a.kernel, a.buffer, a.output]),
      trace.inChannels,
      trace.outChannels,
      trace.groups,
      this.channels,
    ]);
    if (key === this.key) {
      this.trace = trace;
      this.#refresh(trace);
      return;
    }
    this.key = key;
    this.trace = trace;
    const single = trace.singleChannel;
    const [inS, kS, bufS, outS] = ['input', 'kernel', 'buffer', 'output'].map((k) => sizes(trace, k));
    this.sizes = { input: inS, kernel: kS, buffer: bufS, output: outS };
    const grid = (spatial, where, symbol, channel) =>
      new Grid(...shape2d(spatial), {
        name: (i) =>
          symbol +
          cellAt(0, i, spatial)
            .slice(1)
            .map((v) => `[${v}]`)
            .join(''),
        onpoint: (i) => this.point(i < 0 ? null : where, i < 0 ? null : cellAt(channel(), i, spatial)),
        onactivate: (i) => where === 'input' && this.go(this.channels.in * inS.reduce((a, b) => a * b, 1) + i + 1),
      });
    this.input = grid(inS, 'input', 'x', () => this.channels.in);
    this.input.el.classList.add('in');
    this.input.label(`Input: ${extent(inS, 'cell')}${single ? '' : ` · channel ${this.channels.in}`}`);
    this.kernels = this.#kernelGrids(trace, kS);
    if (this.onedit) {
      this.#editButton(this.input, 'input', (i) => cellAt(this.channels.in, i, inS));
      for (const g of this.kernels.grids)
        this.#editButton(g, 'kernel', (i) => [g.ci, g.j, ...cellAt(0, i, kS).slice(1)]);
    }
    this.copy = new Grid(...shape2d(kS), {
      name: (i) =>
        `copy${cellAt(0, i, kS)
          .slice(1)
          .map((v) => `[${v}]`)
          .join('')}`,
      // A cell of the copy is one product of this step: the tap it scales, in the shown output channel.
      onpoint: (i) =>
        i < 0 || !this.copyKernel
          ? this.point(null, null)
          : this.point('copy', [...this.copyKernel, ...cellAt(0, i, kS).slice(1)]),
    });
    this.copy.el.classList.add('copy');
    this.buffer = grid(bufS, 'intermediate', 'intermediate', () => this.channels.out);
    this.buffer.el.classList.add('buf');
    this.output = grid(outS, 'output', 'out', () => this.channels.out);
    this.output.el.classList.add('out');
    this.output.label(`Output: ${extent(outS, 'cell')}${single ? '' : ` · channel ${this.channels.out}`}`);
    // The output padding's rows and columns: the last outputPadding of the kept region.
    const a = trace.axes;
    const [orows, ocols] = shape2d(outS);
    const opRows = a.length === 2 ? a[0].outputPadding : 0;
    const opCols = a[a.length - 1].outputPadding;
    this.opCells = [];
    for (let r = 0; r < orows; r++)
      for (let c = 0; c < ocols; c++) if (r >= orows - opRows || c >= ocols - opCols) this.opCells.push(r * ocols + c);

    this.receivers = h('p', { className: 'receivers' });
    this.blocks = single ? null : blockMap(trace, 'weight');
    this.el.replaceChildren(
      h('div', { className: 'row' }, this.input.el, this.kernels.el, this.copy.el),
      this.blocks ? this.blocks.el : '',
      h('div', { className: 'row' }, this.buffer.el, arrowTo(this.output.el)),
      single ? '' : this.receivers,
    );
    this.#refresh(trace);
  }

  /** The values of a trace with the same shapes: the input, the kernels, the widths of the outputs. */
  #refresh(trace) {
    this.input.fill(trace.input.data, this.channels.in * this.input.cells.length);
    const perGroup = trace.outChannels / trace.groups;
    // The copy's caption is as wide as its longest ("−3.25 × w[1][2]", "Copy into channel 2"), in
    // characters: never cut, and stepping never resizes it.
    let [widest, chars] = [0, 1];
    for (const v of trace.input.data) if (fmt(v).length > chars) [widest, chars] = [v, fmt(v).length];
    const longest = Math.max(
      copyCaption(trace, widest, [trace.inChannels - 1, perGroup - 1]).length,
      idleCaption(trace, trace.outChannels - 1).length,
    );
    // The copy's own least width holds "Scaled copy": only a longer caption widens it (an inline
    // style, which the prerendered first state does without).
    if (longest > idleCopy.length) this.copy.table.style.setProperty('--tconv-cap-chars', longest);
    else this.copy.table.style.removeProperty('--tconv-cap-chars');
    const taps = this.kernels.grids[0].cells.length;
    for (const g of this.kernels.grids) g.fill(trace.weight.data, (g.ci * perGroup + g.j) * taps);
    // Sized for the shown channel's values at once (not one widening per step).
    const [bufArea, outArea] = [this.buffer.cells.length, this.output.cells.length];
    const co = this.channels.out;
    this.buffer.widen(
      trace.finalBuffer.data.subarray(co * bufArea, (co + 1) * bufArea),
      trace.carved.data.subarray(co * outArea, (co + 1) * outArea),
    );
    this.output.widen(
      trace.carved.data.subarray(co * outArea, (co + 1) * outArea),
      trace.output.data.subarray(co * outArea, (co + 1) * outArea),
    );
  }

  /** "✎ Edit values": the grid's cells become fields; each keystroke goes to the page's editor. */
  #editButton(grid, where, cellOf) {
    const button = h('button', {
      type: 'button',
      className: 'edit-toggle',
      textContent: '✎',
      'aria-pressed': 'false',
      'aria-label': `Edit the ${where} values in place`,
      title: `Edit the ${where} values in place`,
    });
    const apply = (on) => {
      grid.setEditing(on, (i, text) => this.onedit(where, cellOf(i), text));
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? '✓ Done' : '✎';
      // The name holds the visible word (WCAG 2.5.3, label in name).
      button.title = on ? `Done editing the ${where} values` : `Edit the ${where} values in place`;
      button.setAttribute('aria-label', button.title);
    };
    button.addEventListener('click', () => {
      this.editing[where] = !this.editing[where];
      for (const g of where === 'input' ? [this.input] : this.kernels.grids) g.setTool?.(this.editing[where]);
    });
    grid.setTool = apply;
    // In the grid's empty top-left corner when it has one (2D), else beside the caption.
    // A class, not :has(): a :has() over the grid is checked again at every change of its cells.
    if (grid.corner) {
      grid.corner.append(button);
      grid.table.classList.add('edit-in-corner');
    } else {
      grid.el.prepend(button);
      grid.el.classList.add('edit-beside');
    }
    if (this.editing[where]) apply(true);
  }

  /** The weight's kernels: one grid each, C_in rows × C_out/groups columns, at most kernelsShown. */
  #kernelGrids(trace, kS) {
    const perGroup = trace.outChannels / trace.groups;
    const taps = kS.reduce((a, b) => a * b, 1);
    const single = trace.singleChannel;
    const make = (ci, j) => {
      const g = new Grid(...shape2d(kS), {
        name: (i) =>
          (single ? 'kernel' : `w[${ci}][${j}]`) +
          cellAt(0, i, kS)
            .slice(1)
            .map((v) => `[${v}]`)
            .join(''),
        onpoint: (i) => this.point(i < 0 ? null : 'kernel', i < 0 ? null : [ci, j, ...cellAt(0, i, kS).slice(1)]),
      });
      g.fill(trace.weight.data, (ci * perGroup + j) * taps);
      g.label(single ? `Kernel: ${extent(kS, 'tap')} · not flipped` : `w[${ci}][${j}]`);
      g.el.classList.add('kern');
      g.ci = ci;
      g.j = j;
      return g;
    };
    if (single) {
      const only = make(0, 0);
      return { el: only.el, grids: [only] };
    }
    // With channels: the kernel of the shown pair first, then the rest of the shown input channel's
    // row (the kernels its steps use), then the other rows of its group, up to the bound; drawn in
    // the weight's order, rows of C_in.
    const el = h('div', { className: 'weight' });
    const total = trace.inChannels * perGroup;
    this.weightNote = h('p', { className: 'remark' });
    const body = h('div', { className: 'kernels', style: `--tconv-kernel-cols: ${Math.min(perGroup, 4)}` });
    const { in: shownIn, out: shownOut } = this.channels;
    const [first, last] = groupsOf(trace).inputs(groupsOf(trace).ofIn(shownIn));
    const chosen = [[shownIn, shownOut % perGroup]];
    const rows = [shownIn];
    for (let ci = first; ci <= last; ci++) if (ci !== shownIn) rows.push(ci);
    for (const ci of rows)
      for (let j = 0; j < perGroup && chosen.length < kernelsShown; j++)
        if (ci !== shownIn || j !== shownOut % perGroup) chosen.push([ci, j]);
    chosen.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const grids = chosen.map(([ci, j]) => make(ci, j));
    body.append(...grids.map((g) => g.el));
    el.append(
      h('p', {
        className: 'caption',
        textContent: `Weight w[C_in][C_out/groups] (PyTorch's layout): ${trace.inChannels} × ${perGroup} kernels`,
      }),
      body,
    );
    if (total > grids.length) {
      this.weightNote.textContent = `${grids.length} of its ${total} kernels drawn (at most ${kernelsShown}: those of the shown input channel and its group); the channel strips browse the others.`;
      el.append(this.weightNote);
    }
    return { el, grids };
  }

  /** Shows state s of the scatter (see steps.js). */
  show(s) {
    const trace = this.trace;
    const state = scatterState(trace, s);
    const { in: ci, out: co } = this.channels;
    // Only the shown output channel's buffer is asked for: a step of a 64-channel example replays
    // and copies one channel, not 64.
    const step = state.kind === 'step' ? trace.step(state.t, { outChannels: [co, 1] }) : null;
    this.stepData = step;
    const inArea = this.input.cells.length;
    const bufArea = this.buffer.cells.length;
    const outArea = this.output.cells.length;
    const perGroup = trace.outChannels / trace.groups;

    // Input: the current element, and those already scattered.
    const t = state.kind === 'step' ? state.t : state.kind === 'start' ? -1 : Infinity;
    this.input.markAll((i) => {
      const flat = ci * inArea + i;
      return flat === t ? mask('cur') : flat < t ? mask('done') : 0;
    });

    // The kernels this step uses: its input channel's row.
    for (const g of this.kernels.grids) {
      const used = step && g.ci === step.channel;
      g.el.classList.toggle('used', Boolean(used));
      g.el.classList.toggle('shown', !trace.singleChannel && g.ci === ci && g.j === co % perGroup);
    }

    // The scaled copy of the shown output channel, when this step feeds it.
    const feeds = step && co >= step.firstOutputChannel && co < step.firstOutputChannel + perGroup;
    // The kernel it scales, [c_in, c_out_in_group]: what a cell of the copy is a product of.
    this.copyKernel = feeds ? [step.channel, co - step.firstOutputChannel] : null;
    this.copy.el.classList.toggle('idle', !feeds);
    if (feeds) {
      this.copy.fill(step.products.data, this.copyKernel[1] * this.copy.cells.length);
      this.copy.markAll(() => mask('tap'));
      this.copy.label(copyCaption(trace, step.value, this.copyKernel));
    } else {
      this.copy.fill(null);
      this.copy.label(idleCaption(trace, co));
    }

    // The intermediate output: values, counts of copies so far, the window, the carve.
    const buffer =
      state.kind === 'start' ? trace.bufferAfter(0, { outChannels: [co, 1] }) : step ? step.buffer : trace.finalBuffer;
    const counts = state.kind === 'start' ? null : step ? step.contributions : trace.finalContributions;
    const at = buffer === trace.finalBuffer ? co * bufArea : 0; // the others hold the shown channel only
    this.buffer.fill(buffer.data, at);
    this.buffer.label(
      `Intermediate output: ${bufferWords(trace)}${state.kind === 'carve' || state.kind === 'bias' ? ' · the carve' : ' · before the carve'}${trace.singleChannel ? '' : ` · channel ${co}`}`,
    );
    const [rows, cols] = shape2d(this.sizes.buffer);
    const ax = trace.axes.length === 1 ? [null, trace.axes[0]] : trace.axes;
    let win = null;
    if (feeds) {
      const o = trace.axes.length === 1 ? [0, ...step.origin] : step.origin;
      const span = trace.axes.length === 1 ? [1, ...step.span] : step.span;
      const dil = trace.axes.length === 1 ? [1, ...step.dilation] : step.dilation;
      win = { o, end: [o[0] + span[0] - 1, o[1] + span[1] - 1], dil };
    } else if (state.kind === 'carve' || state.kind === 'bias') {
      win = {
        o: [ax[0]?.carveStart ?? 0, ax[1].carveStart],
        end: [rows - 1 - Math.max(0, ax[0]?.carveEnd ?? 0), cols - 1 - Math.max(0, ax[1].carveEnd)],
        dil: null,
      };
    }
    const opFrom = [
      ax[0] ? rows - Math.max(0, ax[0].carveEnd) - ax[0].outputPadding : rows,
      cols - Math.max(0, ax[1].carveEnd) - ax[1].outputPadding,
    ];
    this.buffer.markAll((i) => {
      const copies = counts ? counts[at + i] : 0;
      let m = copies === 0 ? mask('z') : copies > 1 ? mask('m') : 0;
      if (!win) return m;
      const r = Math.floor(i / cols);
      const c = i % cols;
      const inside = r >= win.o[0] && r <= win.end[0] && c >= win.o[1] && c <= win.end[1];
      if (inside) {
        if (r === win.o[0]) m |= mask('et');
        if (r === win.end[0]) m |= mask('eb');
        if (c === win.o[1]) m |= mask('el');
        if (c === win.end[1]) m |= mask('er');
        if (win.dil && (r - win.o[0]) % win.dil[0] === 0 && (c - win.o[1]) % win.dil[1] === 0) m |= mask('tap');
        if (!win.dil && (r >= opFrom[0] || c >= opFrom[1])) m |= mask('op');
      } else if (!win.dil) m |= mask('cut');
      return m;
    });

    // The output: the carve's values, then with the bias.
    const out = state.kind === 'carve' ? trace.carved : state.kind === 'bias' ? trace.output : null;
    this.output.fill(out?.data, co * outArea);
    const op = new Set(this.opCells);
    this.output.markAll((i) => (out ? 0 : mask('z')) | (op.has(i) ? mask('op') : 0));

    if (!trace.singleChannel) {
      this.blocks.show(ci, co);
      setText(
        this.receivers,
        step
          ? `Step ${state.t + 1} adds ${fmt(step.value)} × ${receivers(trace, step)}, at once` +
              `${feeds ? '' : `; channel ${co}, shown, is in another group and receives nothing from it`}.`
          : `Each output channel sums the copies from the ${trace.inChannels / trace.groups} input ${trace.inChannels / trace.groups === 1 ? 'channel' : 'channels'} of its group.`,
      );
    }
    this.state = state;
  }

  /** What a cell of the shown intermediate output holds after the shown step (undefined elsewhere). */
  heldNow(cell) {
    const step = this.stepData;
    if (!step || cell[0] !== this.channels.out) return undefined;
    return step.buffer.data[indexIn(cell, this.sizes.buffer)];
  }

  /** The grids of a kind, for the provenance highlight: [grid, channel of its cells]. */
  gridsOf(kind) {
    const { in: ci, out: co } = this.channels;
    if (kind === 'input') return [[this.input, ci, this.sizes.input]];
    if (kind === 'buffer') return [[this.buffer, co, this.sizes.buffer]];
    if (kind === 'output') return [[this.output, co, this.sizes.output]];
    return [];
  }

  /** Lights the relatives of the inspected cell (provenance.js's lists); null clears. */
  highlight(found, picked) {
    for (const kind of ['input', 'buffer', 'output']) {
      for (const [grid, channel, spatial] of this.gridsOf(kind)) {
        const cells = found
          ? found.relatives[kind].filter((c) => c[0] === channel).map((c) => indexIn(c, spatial))
          : null;
        grid.mark('rel', cells);
        const pick =
          picked && picked.kind === kind && picked.cell[0] === channel ? [indexIn(picked.cell, spatial)] : null;
        grid.mark('pick', pick);
      }
    }
    for (const g of this.kernels.grids) {
      const taps = found
        ? found.relatives.kernel
            .filter((t) => t[0] === g.ci && t[1] === g.j)
            .map((t) => indexIn([0, ...t.slice(2)], this.sizes.kernel))
        : null;
      g.mark('rel', taps);
      g.mark(
        'pick',
        picked?.kind === 'kernel' && picked.cell[0] === g.ci && picked.cell[1] === g.j
          ? [indexIn([0, ...picked.cell.slice(2)], this.sizes.kernel)]
          : null,
      );
    }
    this.copy.mark('pick', picked?.kind === 'copy' ? [indexIn([0, ...picked.cell.slice(2)], this.sizes.kernel)] : null);
  }
}
