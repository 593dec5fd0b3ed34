// The matrix view: flatten the input to x and the output to y; then y = Cᵀ·x, where C is the matrix of
// the direct convolution this one transposes (same kernel, stride, padding, dilation). At a scatter
// step, column t of Cᵀ lights up: it is step t's kernel copy, flattened; at a gather step, the row of
// the output cell: it is that cell's window. C itself can be shown beside it, the same numbers read
// by rows instead of columns. Every entry is the trace's (matrix, or matrixColumn/matrixRow when the
// whole Cᵀ is too large to draw).
import { cellName, cellOfFlat, shape2d, sizes } from './cells.js';
import { h, size } from './dom.js';
import { Grid, mask } from './grid.js';
import { outputCells } from './steps.js';

/** Cᵀ is drawn whole up to this many cells; beyond, only the lit column or row is. */
export const matrixCellsShown = 1600;

export class MatrixView {
  constructor({ point, go }) {
    this.point = point;
    this.go = go;
    this.showC = false;
    this.el = h('div', { className: 'view matrix' });
  }

  set(trace) {
    this.trace = trace;
    const [rows, cols] = trace.matrixShape;
    this.rows = rows;
    this.cols = cols;
    const single = trace.singleChannel;
    const inS = sizes(trace, 'input');
    const outS = sizes(trace, 'output');
    this.inS = inS;
    this.outS = outS;
    const xNames = Array.from({ length: cols }, (_, i) => cellName('x', cellOfFlat(i, inS), single));
    const yNames = Array.from({ length: rows }, (_, i) => cellName('y', cellOfFlat(i, outS), single));
    this.whole = rows * cols <= matrixCellsShown && !trace.matrix.error;
    const vector = (names, where, toCell) =>
      new Grid(names.length, 1, {
        rowNames: names,
        colNames: [''],
        onpoint: (i) => this.point(i < 0 ? null : where, i < 0 ? null : toCell(i)),
      });
    this.x = vector(xNames, 'input', (i) => cellOfFlat(i, inS));
    this.x.fill(trace.input.data);
    this.x.label('x (input, flattened)');
    this.y = vector(yNames, 'output', (i) => cellOfFlat(i, outS));
    this.y.widen(trace.output.data, trace.carved.data);
    this.y.label('y (output, flattened)');
    const direct = h('p', { className: 'remark' });
    const toggle = h('button', { type: 'button', className: 'toggle', textContent: 'Show C', 'aria-pressed': 'false' });
    toggle.addEventListener('click', () => {
      this.showC = !this.showC;
      toggle.setAttribute('aria-pressed', String(this.showC));
      toggle.textContent = this.showC ? 'Hide C' : 'Show C';
      this.c?.el.toggleAttribute('hidden', !this.showC);
    });
    direct.append(
      `C, the direct convolution, maps ${single ? '' : 'C_out × '}${size(outS)} = ${rows} values to ${single ? '' : 'C_in × '}${size(inS)} = ${cols}: it is ${cols} × ${rows}. `,
      `This operation applies its transpose Cᵀ, ${rows} × ${cols}: the shapes go back, the values do not.`,
    );
    const parts = [];
    if (this.whole) {
      this.ct = new Grid(rows, cols, {
        rowNames: yNames,
        colNames: xNames,
        onpoint: (i) => this.point(i < 0 ? null : 'matrix', i < 0 ? null : [Math.floor(i / cols), i % cols]),
      });
      this.ct.fill(trace.matrix.data);
      this.ct.label(`Cᵀ · ${rows} × ${cols}`);
      this.ct.el.classList.add('ct');
      this.ct.markAll((i) => (trace.matrix.data[i] === 0 ? mask('z') : 0));
      // C: the same numbers, transposed.
      const transposed = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) transposed[c * rows + r] = trace.matrix.data[r * cols + c];
      this.c = new Grid(cols, rows, {
        rowNames: xNames,
        colNames: yNames,
        onpoint: (i) => this.point(i < 0 ? null : 'matrix', i < 0 ? null : [i % rows, Math.floor(i / rows)]),
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
          textContent: `Cᵀ is ${rows} × ${cols}: too large to draw here (over ${matrixCellsShown} cells). Its lit column or row is drawn, from the core's on-demand queries.`,
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
    this.el.replaceChildren(direct, this.whole ? toggle : '', ...parts);
  }

  /** State s. by: 'scatter' (column s−1 lit, y after s columns) or 'gather' (row s−1 lit, y up to it). */
  show(s, by = 'scatter', buffer = null) {
    const trace = this.trace;
    const n = by === 'gather' ? outputCells(trace) : trace.stepCount;
    const lit = s >= 1 && s <= n ? s - 1 : -1;
    const final = s > n;
    // y: after the first s columns (the carve of the buffer after s steps), or the cells computed.
    if (by === 'scatter') {
      const data = final ? trace.output.data : lit >= 0 ? keptCells(trace, buffer ?? trace.step(lit).buffer) : null;
      this.y.fill(data);
      this.y.markAll(() => (data ? 0 : mask('z')));
      this.x.markAll((i) => (i === lit ? mask('cur') : i < lit || final ? mask('done') : 0));
    } else {
      for (let i = 0; i < this.rows; i++) this.y.set(i, final || i <= lit ? trace.output.data[i] : undefined);
      this.y.markAll((i) => (i === lit ? mask('cur') : !final && i > lit ? mask('z') : 0));
      this.x.markAll(() => 0);
    }
    const cols = this.cols;
    if (this.ct) {
      this.ct.markAll((i) => {
        const zero = trace.matrix.data[i] === 0 ? mask('z') : 0;
        if (lit < 0) return zero;
        const on = by === 'scatter' ? i % cols === lit : Math.floor(i / cols) === lit;
        return zero | (on ? mask('line') : 0);
      });
      this.c?.markAll((i) => {
        const r = i % this.rows;
        const c = Math.floor(i / this.rows);
        const zero = trace.matrix.data[r * cols + c] === 0 ? mask('z') : 0;
        if (lit < 0) return zero;
        return zero | ((by === 'scatter' ? c === lit : r === lit) ? mask('line') : 0);
      });
    } else {
      const column = by === 'scatter' && lit >= 0 ? trace.matrixColumn(lit) : null;
      const row = by === 'gather' && lit >= 0 ? trace.matrixRow(lit) : null;
      this.line.fill(column);
      this.line.el.hidden = !column;
      this.line.label(column ? `Column ${lit} of Cᵀ` : 'The lit column of Cᵀ');
      this.lineRow.fill(row);
      this.lineRow.el.hidden = !row;
      this.lineRow.label(row ? `Row ${lit} of Cᵀ` : 'The lit row of Cᵀ');
    }
  }

  highlight(found, picked) {
    const rel = (kind) => (found ? found.relatives[kind] : null);
    this.x.mark('rel', rel('input')?.map((c) => flat(c, this.inS)) ?? null);
    this.y.mark('rel', rel('output')?.map((c) => flat(c, this.outS)) ?? null);
    this.x.mark('pick', picked?.kind === 'input' ? [flat(picked.cell, this.inS)] : null);
    this.y.mark('pick', picked?.kind === 'output' ? [flat(picked.cell, this.outS)] : null);
    if (!this.ct) return;
    const entries = [];
    for (const [r, c] of rel('matrix') ?? []) {
      if (r >= 0 && c >= 0) entries.push(r * this.cols + c);
      else if (r >= 0) for (let k = 0; k < this.cols; k++) entries.push(r * this.cols + k);
      else for (let k = 0; k < this.rows; k++) entries.push(k * this.cols + c);
    }
    this.ct.mark('rel', found ? entries : null);
    this.ct.mark('pick', picked?.kind === 'matrix' ? [picked.cell[0] * this.cols + picked.cell[1]] : null);
    this.c?.mark('rel', found ? entries.map((i) => (i % this.cols) * this.rows + Math.floor(i / this.cols)) : null);
  }
}

const flat = (cell, spatial) =>
  cell[0] * spatial.reduce((a, b) => a * b, 1) + (spatial.length === 1 ? cell[1] : cell[1] * spatial[1] + cell[2]);

/** The cells of the buffer that the carve keeps, flattened like y (layout only: which cells). */
function keptCells(trace, buffer) {
  const outS = sizes(trace, 'output');
  const bufS = sizes(trace, 'buffer');
  const [orows, ocols] = shape2d(outS);
  const [, bcols] = shape2d(bufS);
  const start = trace.axes.map((a) => a.carveStart);
  const [r0, c0] = start.length === 1 ? [0, start[0]] : start;
  const bufferArea = bufS.reduce((a, b) => a * b, 1);
  const out = new Float64Array(trace.outChannels * orows * ocols);
  for (let ch = 0, i = 0; ch < trace.outChannels; ch++)
    for (let r = 0; r < orows; r++)
      for (let c = 0; c < ocols; c++, i++) {
        const br = r + r0;
        const bc = c + c0;
        out[i] = br < shape2d(bufS)[0] && bc < bcols ? buffer.data[ch * bufferArea + br * bcols + bc] : 0;
      }
  return out;
}
