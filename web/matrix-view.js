// The matrix view: flatten the input to x and the output to y; then y = Cᵀ·x, where C is the matrix of
// the direct convolution this one transposes (same kernel, stride, padding, dilation). At a scatter
// step, column t of Cᵀ lights up: it is step t's kernel copy, flattened; at a gather step, the row of
// the output cell: it is that cell's window. C itself can be shown beside it, the same numbers read
// by rows instead of columns. Every entry is the trace's (matrix, or matrixColumn/matrixRow when the
// whole Cᵀ is too large to draw). With channels, Cᵀ is C_out × C_in blocks, one kernel each, zero
// between groups: their map is drawn, and of Cᵀ itself the block of the shown output and input
// channel (from matrixColumn/matrixRow with rows or columns), with x and y of those channels.
import { cellAt, cellName, shape2d, sizes } from './cells.js';
import { blockMap, groupsOf } from './channels.js';
import { h, size } from './dom.js';
import { Grid, mask } from './grid.js';
import { outputCells } from './steps.js';

/** Cᵀ is drawn whole up to this many cells; beyond, only the lit column or row is. */
export const matrixCellsShown = 1600;

export class MatrixView {
  constructor({ point, go, channels }) {
    this.point = point;
    this.go = go;
    this.channels = channels;
    this.showC = false;
    this.el = h('div', { className: 'view matrix' });
  }

  set(trace) {
    this.trace = trace;
    const [allRows, allCols] = trace.matrixShape;
    const single = trace.singleChannel;
    const inS = sizes(trace, 'input');
    const outS = sizes(trace, 'output');
    this.inS = inS;
    this.outS = outS;
    // The block drawn: rows of the shown output channel, columns of the shown input channel (all of
    // Cᵀ when there is one channel). first: the block's first row and column in Cᵀ.
    const { in: ci, out: co } = single ? { in: 0, out: 0 } : this.channels;
    const G = groupsOf(trace);
    const rows = outS.reduce((a, b) => a * b, 1);
    const cols = inS.reduce((a, b) => a * b, 1);
    this.rows = rows;
    this.cols = cols;
    this.first = [co * rows, ci * cols];
    const xNames = Array.from({ length: cols }, (_, i) => cellName('x', cellAt(ci, i, inS), single));
    const yNames = Array.from({ length: rows }, (_, i) => cellName('y', cellAt(co, i, outS), single));
    this.whole = rows * cols <= matrixCellsShown && (!single || !trace.matrix.error);
    const vector = (names, where, toCell) =>
      new Grid(names.length, 1, {
        rowNames: names,
        colNames: [''],
        onpoint: (i) => this.point(i < 0 ? null : where, i < 0 ? null : toCell(i)),
      });
    this.x = vector(xNames, 'input', (i) => cellAt(ci, i, inS));
    this.x.fill(trace.input.data, ci * cols);
    this.x.label(single ? 'x (input, flattened)' : `x (input channel ${ci}, flattened)`);
    this.y = vector(yNames, 'output', (i) => cellAt(co, i, outS));
    this.y.widen(
      trace.output.data.subarray(co * rows, (co + 1) * rows),
      trace.carved.data.subarray(co * rows, (co + 1) * rows),
    );
    this.y.label(single ? 'y (output, flattened)' : `y (output channel ${co}, flattened)`);
    const entry = (i) => [this.first[0] + Math.floor(i / cols), this.first[1] + (i % cols)];
    const direct = h('p', { className: 'remark' });
    const toggle = h('button', { type: 'button', className: 'toggle', textContent: 'Show C', 'aria-pressed': 'false' });
    toggle.addEventListener('click', () => {
      this.showC = !this.showC;
      toggle.setAttribute('aria-pressed', String(this.showC));
      toggle.textContent = this.showC ? 'Hide C' : 'Show C';
      this.c?.el.toggleAttribute('hidden', !this.showC);
    });
    // "3 × 3 = 9", "2 × 3 × 3 = 18"; one channel in 1D, only the count ("5", not "5 = 5").
    const count = (channels, shape, total) => {
      const words = `${single ? '' : `${channels} × `}${size(shape)}`;
      return words === String(total) ? words : `${words} = ${total}`;
    };
    direct.append(
      `C, the direct convolution, maps ${count(trace.outChannels, outS, allRows)} values to ${count(trace.inChannels, inS, allCols)}: it is ${allCols} × ${allRows}. `,
      `This operation applies its transpose Cᵀ, ${allRows} × ${allCols}: the shapes go back, the values do not.`,
      single
        ? ''
        : G.ofIn(ci) === G.ofOut(co)
          ? ` Drawn: its block for output channel ${co} and input channel ${ci} (${rows} × ${cols}): the kernel w[${ci}][${co % G.outPer}] at every position.`
          : ` Drawn: its block for output channel ${co} and input channel ${ci} (${rows} × ${cols}): zero, the two channels are in different groups.`,
    );
    this.blocks = single ? null : blockMap(trace, 'matrix');
    this.blocks?.show(ci, co);
    const parts = [];
    if (this.whole) {
      // The block's entries, column by column from the core (all of Cᵀ with one channel).
      const data = single ? trace.matrix.data : new Float64Array(rows * cols);
      if (!single)
        for (let c = 0; c < cols; c++) {
          const column = trace.matrixColumn(this.first[1] + c, { rows: [this.first[0], rows] });
          for (let r = 0; r < rows; r++) data[r * cols + c] = column[r];
        }
      this.data = data;
      this.ct = new Grid(rows, cols, {
        rowNames: yNames,
        colNames: xNames,
        onpoint: (i) => this.point(i < 0 ? null : 'matrix', i < 0 ? null : entry(i)),
      });
      this.ct.fill(data);
      this.ct.label(single ? `Cᵀ · ${rows} × ${cols}` : `Block of Cᵀ · out ${co}, in ${ci} · ${rows} × ${cols}`);
      this.ct.el.classList.add('ct');
      this.ct.markAll((i) => (data[i] === 0 ? mask('z') : 0));
      // C: the same numbers, transposed.
      const transposed = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) transposed[c * rows + r] = data[r * cols + c];
      this.c = new Grid(cols, rows, {
        rowNames: xNames,
        colNames: yNames,
        onpoint: (i) =>
          this.point(i < 0 ? null : 'matrix', i < 0 ? null : entry((i % rows) * cols + Math.floor(i / rows))),
      });
      this.c.fill(transposed);
      this.c.label(`C · ${cols} × ${rows}`);
      this.c.el.classList.add('c');
      this.c.el.hidden = !this.showC;
      parts.push(
        h(
          'div',
          { className: 'row eq' },
          this.ct.el,
          h('span', { className: 'op-sign', textContent: '·' }),
          this.x.el,
          h('span', { className: 'op-sign', textContent: '=' }),
          this.y.el,
        ),
        this.c.el,
      );
    } else {
      this.ct = null;
      this.c = null;
      this.line = new Grid(rows, 1, { rowNames: yNames, colNames: [''] });
      this.line.label('The lit column of Cᵀ');
      this.lineRow = new Grid(1, cols, { colNames: xNames });
      this.lineRow.label('The lit row of Cᵀ');
      parts.push(
        h('p', {
          className: 'remark',
          textContent: `${single ? 'Cᵀ' : 'This block of Cᵀ'} is ${rows} × ${cols}: too large to draw here (over ${matrixCellsShown} cells). Its lit column or row is drawn, from the core's on-demand queries.`,
        }),
        h(
          'div',
          { className: 'row eq' },
          this.line.el,
          this.lineRow.el,
          h('span', { className: 'op-sign', textContent: '·' }),
          this.x.el,
          h('span', { className: 'op-sign', textContent: '=' }),
          this.y.el,
        ),
      );
    }
    this.el.replaceChildren(direct, this.blocks ? this.blocks.el : '', this.whole ? toggle : '', ...parts);
  }

  /** State s. by: 'scatter' (column s−1 lit, y after s columns) or 'gather' (row s−1 lit, y up to it). */
  show(s, by = 'scatter', buffer = null) {
    const trace = this.trace;
    const n = by === 'gather' ? outputCells(trace) : trace.stepCount;
    const global = s >= 1 && s <= n ? s - 1 : -1;
    const final = s > n;
    // The lit column or row within the drawn block (-1: none, or outside it); `done` the last one
    // before it, for the marks of x and y.
    const [r0, c0] = this.first;
    const local = (g, first, count) => (g >= first && g < first + count ? g - first : -1);
    const lit = by === 'scatter' ? local(global, c0, this.cols) : local(global, r0, this.rows);
    const done = final ? Infinity : global - (by === 'scatter' ? c0 : r0);
    const co = r0 / this.rows;
    // y: after the first s columns (the carve of the buffer after s steps), or the cells computed.
    if (by === 'scatter') {
      const data = final
        ? trace.output.data.subarray(r0, r0 + this.rows)
        : global >= 0
          ? keptCells(trace, buffer ?? trace.step(global, { outChannels: [co, 1] }).buffer)
          : null;
      this.y.fill(data);
      this.y.markAll(() => (data ? 0 : mask('z')));
      this.x.markAll((i) => (i === lit ? mask('cur') : i < done ? mask('done') : 0));
    } else {
      for (let i = 0; i < this.rows; i++) this.y.set(i, i <= done ? trace.output.data[r0 + i] : undefined);
      this.y.markAll((i) => (i === lit ? mask('cur') : i > done ? mask('z') : 0));
      this.x.markAll(() => 0);
    }
    const cols = this.cols;
    if (this.ct) {
      const data = this.data;
      this.ct.markAll((i) => {
        const zero = data[i] === 0 ? mask('z') : 0;
        if (lit < 0) return zero;
        const on = by === 'scatter' ? i % cols === lit : Math.floor(i / cols) === lit;
        return zero | (on ? mask('line') : 0);
      });
      this.c?.markAll((i) => {
        const r = i % this.rows;
        const c = Math.floor(i / this.rows);
        const zero = data[r * cols + c] === 0 ? mask('z') : 0;
        if (lit < 0) return zero;
        return zero | ((by === 'scatter' ? c === lit : r === lit) ? mask('line') : 0);
      });
    } else {
      const column = by === 'scatter' && lit >= 0 ? trace.matrixColumn(global, { rows: [r0, this.rows] }) : null;
      const row = by === 'gather' && lit >= 0 ? trace.matrixRow(global, { columns: [c0, this.cols] }) : null;
      this.line.fill(column);
      this.line.el.hidden = !column;
      this.line.label(column ? `Column ${global} of Cᵀ` : 'The lit column of Cᵀ');
      this.lineRow.fill(row);
      this.lineRow.el.hidden = !row;
      this.lineRow.label(row ? `Row ${global} of Cᵀ` : 'The lit row of Cᵀ');
    }
  }

  highlight(found, picked) {
    const rel = (kind) => (found ? found.relatives[kind] : null);
    // Cells and entries of Cᵀ as indices of the drawn block (those outside it are not drawn).
    const [r0, c0] = this.first;
    const inBlock = (g, first, count) => g >= first && g < first + count;
    const xs = (cells) => cells.map((c) => flat(c, this.inS) - c0).filter((i) => inBlock(i, 0, this.cols));
    const ys = (cells) => cells.map((c) => flat(c, this.outS) - r0).filter((i) => inBlock(i, 0, this.rows));
    this.x.mark('rel', found ? xs(rel('input')) : null);
    this.y.mark('rel', found ? ys(rel('output')) : null);
    this.x.mark('pick', picked?.kind === 'input' ? xs([picked.cell]) : null);
    this.y.mark('pick', picked?.kind === 'output' ? ys([picked.cell]) : null);
    if (!this.ct) return;
    const entries = [];
    for (const [gr, gc] of rel('matrix') ?? []) {
      const [r, c] = [gr - r0, gc - c0];
      if (gr >= 0 && gc >= 0) {
        if (inBlock(r, 0, this.rows) && inBlock(c, 0, this.cols)) entries.push(r * this.cols + c);
      } else if (gr >= 0 && inBlock(r, 0, this.rows))
        for (let k = 0; k < this.cols; k++) entries.push(r * this.cols + k);
      else if (gc >= 0 && inBlock(c, 0, this.cols)) for (let k = 0; k < this.rows; k++) entries.push(k * this.cols + c);
    }
    this.ct.mark('rel', found ? entries : null);
    const pick = picked?.kind === 'matrix' ? [picked.cell[0] - r0, picked.cell[1] - c0] : null;
    this.ct.mark(
      'pick',
      pick && inBlock(pick[0], 0, this.rows) && inBlock(pick[1], 0, this.cols) ? [pick[0] * this.cols + pick[1]] : null,
    );
    this.c?.mark('rel', found ? entries.map((i) => (i % this.cols) * this.rows + Math.floor(i / this.cols)) : null);
  }
}

const flat = (cell, spatial) =>
  cell[0] * spatial.reduce((a, b) => a * b, 1) + (spatial.length === 1 ? cell[1] : cell[1] * spatial[1] + cell[2]);

/** The cells of a one-channel buffer that the carve keeps, flattened like y (layout only: which cells). */
function keptCells(trace, buffer) {
  const outS = sizes(trace, 'output');
  const bufS = sizes(trace, 'buffer');
  const [orows, ocols] = shape2d(outS);
  const [, bcols] = shape2d(bufS);
  const start = trace.axes.map((a) => a.carveStart);
  const [r0, c0] = start.length === 1 ? [0, start[0]] : start;
  const out = new Float64Array(orows * ocols);
  for (let r = 0, i = 0; r < orows; r++)
    for (let c = 0; c < ocols; c++, i++) {
      const br = r + r0;
      const bc = c + c0;
      out[i] = br < shape2d(bufS)[0] && bc < bcols ? buffer.data[br * bcols + bc] : 0;
    }
  return out;
}
