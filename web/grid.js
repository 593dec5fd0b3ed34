// A table of numbers: one grid of a view (the input, a kernel, the intermediate output, Cᵀ...). Each
// value is the one text node of a fixed-size cell and every mark is a class toggled on its cell
// (paint-only styles), so cells change text and class only when they differ.
// A grid is one tab stop: its cell cursor moves with the arrow keys (Home/End, PageUp/PageDown),
// and pointing at, focusing or tapping a cell reports it (onpoint), clicking or Enter activates it.
import { fmt, h } from './dom.js';

/** The marks a cell can carry, one bit each: their CSS classes (viz.css says what each means). */
export const marks = [
  'z', // nothing there yet, or a zero no copy reached (muted)
  'cur', // the current element (its step), or the current output cell (gather)
  'done', // an element already scattered
  'tap', // a cell this step's copy adds to; a window tap
  'm', // a sum of several copies
  'cut', // cut off by the carve
  'op', // an output_padding cell
  'et',
  'eb',
  'el',
  'er', // the edges of this step's window, or of what the carve keeps
  'rel', // a relative of the cell being inspected
  'pick', // the cell being inspected
  'gz', // gather: a zero inserted between input elements
  'gp', // gather: padding
  'gv', // gather: an input value
  'line', // matrix: the lit row or column
  'heat', // counts shown as a heat map (with data-heat)
];
// A caption part longer than this many characters cannot fit a phone's line: it may wrap (label()).
const longPart = 40;

const bit = Object.fromEntries(marks.map((name, i) => [name, 1 << i]));
/** The bits of some marks, for Grid.markAll. */
export const mask = (...names) => names.reduce((m, name) => m | bit[name], 0);
// The marks of the reader's pointing, which a step's markAll leaves as they are.
const pointing = bit.rel | bit.pick;
let grids = 0; // for the ids of the captions
const classCache = new Map();
const classOf = (mask) => {
  let cls = classCache.get(mask);
  if (cls === undefined) {
    cls = marks.filter((name) => mask & bit[name]).join(' ');
    classCache.set(mask, cls);
  }
  return cls;
};

// Every changed cell costs style, layout and paint, and a jump across the steps of a 67 × 67 example
// changes 9,000 of them. Changes made while the reader steps (inside budgeted()) reach the DOM at most
// cellsPerFrame per frame: the first ones at once, the rest over the next frames, the grids in view
// first. Everything else (a new trace, a view switch, the reader's pointing) applies at once.
/** The most cells a reader's step changes in the DOM in one frame. */
export const cellsPerFrame = 800;
const waiting = new Set(); // grids with cells not yet applied
let spent = 0; // cells applied since the last frame
let budgeting = 0;
let frame = 0;
let settledWaiters = [];
const seen = new WeakMap(); // grid element -> its grid, for the visibility observer
const visibility =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
        for (const e of entries) {
          const grid = seen.get(e.target);
          if (grid) grid.inView = e.isIntersecting;
        }
      })
    : null;

function nextFrame() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    spent = 0;
    for (const grid of [...waiting].sort((a, b) => Number(b.inView) - Number(a.inView))) {
      if (spent >= cellsPerFrame) break;
      grid.flush(cellsPerFrame);
    }
    if (waiting.size || spent) nextFrame();
    if (!waiting.size) {
      for (const done of settledWaiters) done();
      settledWaiters = [];
    }
  });
}

/** Runs change() with the DOM changes of its grids spread over frames (see cellsPerFrame). */
export function budgeted(change) {
  budgeting++;
  try {
    return change();
  } finally {
    budgeting--;
  }
}

/** Resolves when every grid shows its last change. */
export const settled = () => (waiting.size ? new Promise((done) => settledWaiters.push(done)) : Promise.resolve());

export class Grid {
  /**
   * rows × cols cells. name(i) names cell i for screen readers ("input[0][1]"); rowNames/colNames
   * label the rows and columns (default: their indices).
   */
  constructor(rows, cols, { name = (i) => String(i), rowNames, colNames, onpoint, onactivate } = {}) {
    this.rows = rows;
    this.cols = cols;
    this.name = name;
    this.onpoint = onpoint;
    this.onactivate = onactivate;
    this.caption = h('span');
    // Not a <table>: Chromium lays out and paints a whole table (and a <td> even with display: block)
    // again for any changed cell, 30 ms for the 67 × 67 intermediate output; flex rows of divs redo
    // only the rows they touch. The roles give screen readers the same grid of named rows and columns.
    const id = `tconv-grid-${++grids}`;
    const body = h('div', { className: `cells${cols > 12 ? ' dense' : ''}`, 'aria-labelledby': id });
    body.setAttribute('role', 'grid');
    const rowHeads = rows > 1 || rowNames;
    const cell = (role, className, ...children) => {
      const el = h('div', className ? { className } : {}, ...children);
      el.setAttribute('role', role);
      return el;
    };
    const label = (role, text) => cell(role, 'ix', h('span', { textContent: text }));
    const head = cell('row', 'ix-row');
    this.corner = rowHeads ? cell('columnheader', 'corner') : null;
    if (this.corner) head.append(this.corner);
    let headChars = 0;
    this.chars = 0; // the longest value's length so far (--tconv-chars)
    for (let c = 0; c < cols; c++) {
      const text = String(colNames ? colNames[c] : c);
      // A column is as wide as its cells: they widen for a long label (its glyphs are smaller).
      this.chars = Math.max(this.chars, Math.ceil(text.length * 0.75) - 1);
      head.append(label('columnheader', text));
    }
    body.append(head);
    this.cells = [];
    this.texts = [];
    this.index = new Map();
    for (let r = 0; r < rows; r++) {
      const tr = cell('row', '');
      if (rowHeads) {
        const text = String(rowNames ? rowNames[r] : r);
        headChars = Math.max(headChars, text.length);
        tr.append(label('rowheader', text));
      }
      for (let c = 0; c < cols; c++) {
        // The Text node itself is kept: setting its data is the cheapest change the DOM offers.
        const text = document.createTextNode('');
        this.texts.push(text);
        const td = cell('gridcell', '', text);
        this.index.set(td, this.cells.length);
        tr.append((this.cells[this.cells.length] = td));
      }
      body.append(tr);
    }
    this.table = h('div', { className: 'cells-box' }, h('div', { className: 'cap', id }, this.caption), body);
    this.table.style.setProperty('--tconv-chars', this.chars);
    this.table.style.setProperty('--tconv-head-chars', headChars);
    // What each cell should show (values, masks) and what its DOM shows (shownValues, shownMasks).
    this.values = new Array(rows * cols);
    this.masks = new Uint32Array(rows * cols);
    this.shownValues = new Array(rows * cols);
    this.shownMasks = new Uint32Array(rows * cols);
    this.dirty = new Uint8Array(rows * cols);
    this.queue = [];
    this.inView = true;
    this.sets = {};
    this.active = 0;
    this.pointed = -1;
    this.cells[0].tabIndex = 0;
    this.el = h('div', { className: 'grid' }, h('div', { className: 'scroll' }, this.table));
    seen.set(this.el, this);
    visibility?.observe(this.el);
    this.#listen();
  }

  /** Cell i shows the number v (nothing when undefined); the text changes only when v does. */
  set(i, v) {
    if (Object.is(this.values[i], v)) return;
    this.values[i] = v;
    // Cells only ever widen, so stepping back and forth never re-lays out the table.
    const length = v === undefined ? 0 : typeof v === 'string' ? v.length : fmt(v).length;
    if (length > this.chars) this.table.style.setProperty('--tconv-chars', (this.chars = length));
    this.#touch(i);
  }

  /** Applies up to `most` waiting cells (all without a limit); returns when done or over budget. */
  flush(most = Infinity) {
    let at = 0;
    while (at < this.queue.length && spent < most) {
      const i = this.queue[at++];
      if (this.dirty[i]) this.#apply(i);
    }
    this.queue = at === this.queue.length ? [] : this.queue.slice(at);
    if (!this.queue.length) {
      waiting.delete(this);
      delete this.el.dataset.pending;
    }
  }

  // A changed cell: to the DOM now, or (stepping, over this frame's budget) in a later frame.
  #touch(i) {
    if (budgeting && spent >= cellsPerFrame) {
      if (!this.dirty[i]) {
        this.dirty[i] = 1;
        this.queue.push(i);
        if (!waiting.has(this)) {
          waiting.add(this);
          this.el.dataset.pending = '';
        }
      }
      nextFrame();
      return;
    }
    this.#apply(i);
  }

  #apply(i) {
    this.dirty[i] = 0;
    const v = this.values[i];
    if (!Object.is(this.shownValues[i], v)) {
      this.shownValues[i] = v;
      this.texts[i].data = v === undefined ? '' : typeof v === 'string' ? v : fmt(v);
      // A field the reader is typing in keeps their text; the others show the exact value.
      if (this.editing) {
        const field = this.cells[i].firstChild;
        if (!field.matches(':focus')) field.value = v === undefined ? '' : String(v);
      }
    }
    if (this.shownMasks[i] !== this.masks[i]) {
      this.shownMasks[i] = this.masks[i];
      this.cells[i].className = classOf(this.masks[i]);
    }
    spent++;
    nextFrame();
  }

  /** Every cell from data (a typed array or array; undefined leaves cells blank). */
  fill(data, offset = 0) {
    for (let i = 0; i < this.cells.length; i++) this.set(i, data?.[offset + i]);
  }

  /** Turns the cells into text fields (on) or back; oninput(i, text) reports each edit as it is typed. */
  setEditing(on, oninput) {
    if (Boolean(on) === Boolean(this.editing)) return;
    this.flush();
    this.editing = Boolean(on);
    this.table.classList.toggle('editing', this.editing);
    this.cells[this.active].tabIndex = this.editing ? -1 : 0;
    for (let i = 0; i < this.cells.length; i++) {
      if (this.editing) {
        const field = h('input', {
          type: 'text',
          inputMode: 'decimal',
          spellcheck: false,
          autocomplete: 'off',
          className: 'cell-edit',
          value: this.values[i] === undefined ? '' : String(this.values[i]),
          'aria-label': this.name(i),
        });
        field.addEventListener('input', () => oninput(i, field.value));
        this.cells[i].replaceChildren(field);
      } else {
        this.cells[i].replaceChildren(this.texts[i]);
      }
    }
  }

  /** Sizes the cells for the longest of these values at once, instead of one widening at a time. */
  widen(...arrays) {
    for (const data of arrays) for (const v of data) this.chars = Math.max(this.chars, fmt(v).length);
    this.table.style.setProperty('--tconv-chars', this.chars);
  }

  /** Puts mark `name` on exactly the cells of `indices` (any iterable of cell numbers, or null). */
  mark(name, indices) {
    const b = bit[name];
    const previous = this.sets[name];
    const next = indices ? new Set(indices) : null;
    if (previous) for (const i of previous) if (!next?.has(i)) this.#toggle(i, b, false);
    if (next) for (const i of next) if (!previous?.has(i)) this.#toggle(i, b, true);
    this.sets[name] = next;
  }

  /** Sets every step mark of every cell at once from maskOf(i) (faster than mark() when most cells
   *  change); the pointing marks (rel, pick) stay. */
  markAll(maskOf) {
    for (let i = 0; i < this.cells.length; i++) {
      const next = maskOf(i) | (this.masks[i] & pointing);
      if (this.masks[i] !== next) {
        this.masks[i] = next;
        this.#touch(i);
      }
    }
  }

  /** The heat-map level of cell i (0 to 4) as data-heat and its count as data-count (shown in a
   *  corner, so that the counts read without colour), or none. */
  heat(i, level, count) {
    const cell = this.cells[i];
    if (level === undefined) {
      delete cell.dataset.heat;
      delete cell.dataset.count;
    } else if (cell.dataset.heat !== String(level) || cell.dataset.count !== String(count)) {
      cell.dataset.heat = level;
      cell.dataset.count = count;
    }
  }

  /** The caption; it wraps between the parts around ' · ', and inside a part only when the part
   *  is too long for a phone's line. */
  label(text) {
    // A part is a box that does not wrap (it broke at a hyphen, "Zero-" / "inserted", and between
    // two indices, "w[0]" / "[0]"), its spaces no-break, and it widens its grid's box to its own
    // width. One longer than a 360 px screen holds ("Intermediate output: 9 cells, plus
    // output_padding's 1 cell") would run out of it: that one keeps its spaces and wraps at its grid's
    // width (an inline block, viz.css), moving to a line of its own first.
    const parts = text.split(' · ').map((part) => (part.length > longPart ? part : part.replaceAll(' ', '\u00a0')));
    if (this.caption.textContent === parts.join(' · ')) return;
    this.caption.replaceChildren(
      ...parts.flatMap((part, i) => [
        ...(i ? [' · '] : []),
        h('span', { className: part.length > longPart ? 'part long' : 'part', textContent: part }),
      ]),
    );
  }

  /** Moves the cell cursor to cell i (and focus, when the grid has it). */
  move(i, focus = true) {
    i = Math.max(0, Math.min(this.cells.length - 1, i));
    if (i === this.active && !focus) return;
    this.cells[this.active].tabIndex = -1;
    this.active = i;
    // While edited, the fields are the tab stops (each its own): a cell's box would be a stop
    // where typing does nothing.
    this.cells[i].tabIndex = this.editing ? -1 : 0;
    if (focus) (this.editing ? this.cells[i].firstChild : this.cells[i]).focus({ preventScroll: false });
  }

  #toggle(i, b, on) {
    const mask = on ? this.masks[i] | b : this.masks[i] & ~b;
    if (mask === this.masks[i]) return;
    this.masks[i] = mask;
    this.#touch(i);
  }

  #indexOf(target) {
    const i = this.index.get(target.closest?.('[role=gridcell]'));
    return i === undefined ? -1 : i;
  }

  #listen() {
    const point = (e) => {
      const i = this.#indexOf(e.target);
      // A tap always points: a finger's pointer does not leave a grid (see below), so the cell it lit
      // may since have been replaced by a tap in another grid.
      if (i >= 0 && (i !== this.pointed || (e.type === 'pointerdown' && e.pointerType === 'touch'))) {
        this.pointed = i;
        this.onpoint?.(i, e.type);
      }
    };
    this.table.addEventListener('pointerover', point);
    this.table.addEventListener('pointerdown', point);
    this.table.addEventListener('pointerleave', (e) => {
      // A finger's pointer leaves as it lifts: what it tapped stays lit.
      if (e.pointerType === 'touch') return;
      this.pointed = -1;
      this.onpoint?.(-1, 'pointerleave');
    });
    this.table.addEventListener('focusin', (e) => {
      const i = this.#indexOf(e.target);
      if (i < 0) return;
      if (i !== this.active) this.move(i, false);
      this.pointed = i;
      this.onpoint?.(i, 'focus');
    });
    this.table.addEventListener('click', (e) => {
      const i = this.#indexOf(e.target);
      if (i >= 0) this.onactivate?.(i);
    });
    this.table.addEventListener('keydown', (e) => {
      // Only a cell's own keys: a field typed in, or a button in the grid's corner (✎), keeps its own.
      if (e.altKey || e.ctrlKey || e.metaKey || e.target.getAttribute?.('role') !== 'gridcell') return;
      const { cols, rows } = this;
      const r = Math.floor(this.active / cols);
      const moves = {
        ArrowLeft: this.active - 1,
        ArrowRight: this.active + 1,
        ArrowUp: this.active - cols,
        ArrowDown: this.active + cols,
        Home: r * cols,
        End: r * cols + cols - 1,
        PageUp: this.active % cols,
        PageDown: (rows - 1) * cols + (this.active % cols),
      };
      if (e.key in moves) {
        const to = moves[e.key];
        // Left and right stay in the row; up and down in the column.
        const inRow = e.key === 'ArrowLeft' || e.key === 'ArrowRight' ? Math.floor(to / cols) === r : true;
        if (to >= 0 && to < this.cells.length && inRow) this.move(to);
        e.preventDefault();
        e.stopPropagation();
      } else if (e.key === 'Enter') {
        this.onactivate?.(this.active);
        e.preventDefault();
        e.stopPropagation();
      }
    });
  }
}
