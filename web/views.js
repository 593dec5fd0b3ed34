// "Two other ways to get the same output": the core's gather view (a direct convolution over the
// zero-inserted, padded input with the kernel rotated 180°) and its matrix view (Cᵀ·x), as tables in a
// <details> of their own. They are built only when it is open (on opening, and on a new trace while
// open), so they cost the default page nothing. Every value and size is the trace's; this module only
// decides which cells are input values, inserted zeros or padding, and names the cells.
import { fmt, h, size } from './dom.js';

/** Cᵀ is drawn up to this many cells; beyond, only its size is named. */
const matrixCellsShown = 400;

/** A table of data (row-major, cols wide) in a scroller; cls(i, v) classes cell i. */
function valueTable(caption, data, cols, cls = () => '', rowNames, colNames) {
  // The caption never wraps inside its size ("· 3 × 3").
  caption = caption.replace(/ ([·×]) /g, '\u00a0$1\u00a0');
  const table = h('table', { className: cols > 12 ? 'dense' : '' }, h('caption', { textContent: caption }));
  table.style.setProperty('--tconv-chars', Math.max(...Array.from(data, (v) => fmt(v).length)));
  const head = (name, scope) => h('th', { scope, textContent: name });
  if (colNames)
    table.append(
      h(
        'thead',
        {},
        h('tr', {}, rowNames ? h('td', { className: 'corner' }) : '', ...colNames.map((n) => head(n, 'col'))),
      ),
    );
  const body = h('tbody');
  for (let r = 0, i = 0; i < data.length; r++) {
    const tr = h('tr', {}, rowNames ? head(rowNames[r], 'row') : '');
    for (let c = 0; c < cols; c++, i++)
      tr.append(h('td', { className: cls(i, data[i]) }, h('span', { textContent: fmt(data[i]) })));
    body.append(tr);
  }
  table.append(body);
  return h('div', { className: 'grid' }, h('div', { className: 'scroll' }, table));
}

/** The names of the flattened cells of `channels` channels of a spatial shape: "y[2]", "y[0,1]", "y[1,0,1]" (channel first). */
function cellNames(symbol, channels, shape) {
  return Array.from({ length: channels * shape.reduce((a, b) => a * b) }, (_, i) => {
    const index = [];
    for (let a = shape.length - 1; a >= 0; a--, i = Math.trunc(i / shape[a + 1])) index.unshift(i % shape[a]);
    if (channels > 1) index.unshift(i);
    return `${symbol}[${index}]`;
  });
}

function gatherView(trace) {
  const g = trace.gather;
  const title = h('h3', { textContent: 'Gather: a direct convolution over a zero-inserted input' });
  if (g.error) return [title, h('p', { textContent: g.error })];
  const { axes, dims } = trace;
  const shape = g.paddedInput.shape.slice(1);
  const area = shape.reduce((a, b) => a * b);
  const kernelShape = g.rotatedKernel.shape.slice(2);
  // Per axis, a cell of the padded grid is padding outside the zero-inserted input, an inserted zero
  // between two elements (off the stride), or an input value.
  const kind = (i) => {
    let k = 'gv';
    for (let a = dims - 1; a >= 0; i = Math.trunc(i / shape[a--])) {
      const j = (i % shape[a]) - g.padBefore[a];
      if (j < 0 || j >= g.zeroInsertedSize[a]) return 'gp';
      if (j % axes[a].stride) k = 'gz';
    }
    return k;
  };
  const same = axes.every((a) =>
    ['dilation', 'kernel', 'padding', 'outputPadding'].every((key) => a[key] === axes[0][key]),
  );
  const neg = (v) => fmt(v).replace('-', '−');
  const cells = (sizes) => size(sizes) + (dims === 1 ? ' cells' : '');
  const pads = (same ? axes.slice(0, 1) : axes).map((a, i) => {
    const [before, after] = [g.padBefore[i], g.padAfter[i]];
    const crop = [
      [before, 'start'],
      [after, 'end'],
    ]
      .filter(([v]) => v < 0)
      .map(([v, end]) => `${-v} ${v === -1 ? 'cell' : 'cells'} cut from the ${end}`);
    return h('li', {
      textContent:
        `${same ? '' : `${['height', 'width'][i]}: `}pad = dilation·(k − 1) − padding = ${a.dilation}·(${a.kernel} − 1) − ${a.padding} = ` +
        `${neg(before)} on each side, plus output_padding ${a.outputPadding} at the end` +
        (crop.length ? `; a negative pad crops the zero-inserted input instead: ${crop.join(', ')}` : ''),
    });
  });
  return [
    title,
    h('p', {
      textContent:
        `Rotate the kernel 180°. Insert stride − 1 zeros between neighbouring input elements (stride ${size(axes.map((a) => a.stride))}: ${cells(g.zeroInsertedSize)}), ` +
        `pad the border (${cells(shape)}), ` +
        `then slide the rotated kernel (taps ${size(axes.map((a) => a.dilation))} apart) over this grid with stride 1; ` +
        `each window’s sum of products is one output cell (${cells(axes.map((a) => a.output))} in all)${trace.bias ? ', before the bias' : ''}.`,
    }),
    h('ul', { className: 'pads' }, ...pads),
    h(
      'ul',
      { className: 'legend', 'aria-label': 'Key' },
      ...[
        ['gv', 'an input value'],
        ['gz', 'an inserted zero'],
        ['gp', 'padding'],
      ].map(([cls, text]) => h('li', {}, h('span', { className: `sw ${cls}`, 'aria-hidden': 'true' }), text)),
    ),
    h(
      'div',
      { className: 'row' },
      valueTable(`Padded input · ${size(shape)}`, g.paddedInput.data.subarray(0, area), shape[dims - 1], kind),
      valueTable(
        `Rotated kernel · ${size(kernelShape)}`,
        g.rotatedKernel.data.subarray(
          0,
          kernelShape.reduce((a, b) => a * b),
        ),
        kernelShape[dims - 1],
      ),
    ),
  ];
}

function matrixView(trace) {
  const m = trace.matrix;
  const [rows, cols] = trace.matrixShape;
  const out = [
    h('h3', { textContent: 'Matrix: Cᵀ · x' }),
    h('p', {
      textContent:
        'output (flattened) = Cᵀ · input (flattened), where C is the matrix of the direct convolution with the same kernel, stride, ' +
        `padding and dilation: C maps the output’s shape to the input’s; Cᵀ goes back. Cells are flattened row by row${trace.bias ? '; the bias is added after' : ''}.`,
    }),
  ];
  if (m.error || rows * cols > matrixCellsShown)
    return [...out, h('p', { textContent: `Cᵀ is ${rows} × ${cols}: too large to show here.` })];
  const y = cellNames(
    'y',
    trace.outChannels,
    trace.axes.map((a) => a.output),
  );
  const x = cellNames(
    'x',
    trace.inChannels,
    trace.axes.map((a) => a.input),
  );
  const op = (text) => h('span', { className: 'op-sign', 'aria-hidden': 'true', textContent: text });
  return [
    ...out,
    h(
      'div',
      { className: 'row eq' },
      valueTable(`Cᵀ · ${rows} × ${cols}`, m.data, cols, (_i, v) => (v === 0 ? 'z' : ''), y, x),
      op('·'),
      valueTable(`x · ${cols}`, trace.input.data, 1, undefined, x, ['x']),
      op('='),
      valueTable(`y · ${rows}`, trace.carved.data, 1, undefined, y, ['y']),
    ),
  ];
}

/** The <details> (this.el) and its contents for the trace given to set(). */
export class Views {
  constructor() {
    this.body = h('div');
    this.el = h(
      'details',
      { className: 'views' },
      h('summary', { textContent: 'Two other ways to get the same output' }),
      this.body,
    );
    this.el.addEventListener('toggle', () => this.render());
  }

  set(trace) {
    this.trace = trace;
    this.render();
  }

  render() {
    if (!this.el.open || this.drawn === this.trace) return;
    this.drawn = this.trace;
    this.body.replaceChildren(...gatherView(this.trace), ...matrixView(this.trace));
  }
}
