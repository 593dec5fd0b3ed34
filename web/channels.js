// Channels and groups on screen: the input and output channels as two strips (one small button per
// channel, grouped; the shown one pressed, this step's input channel and the output channels that
// receive its copies marked), the rule of the groups with the example's own numbers, the block map of
// the weight and of Cᵀ (zero blocks between groups), and how many cells the views draw. Only the
// grids of the shown channels are drawn: the strips browse the rest. Counts come from the trace.
import { capitalized, h } from './dom.js';
import { Grid, mask } from './grid.js';
import { limits } from './state.js';

/** Which channels belong to which group: C_in/groups input and C_out/groups output channels each. */
export function groupsOf(trace) {
  const inPer = trace.inChannels / trace.groups;
  const outPer = trace.outChannels / trace.groups;
  return {
    inPer,
    outPer,
    ofIn: (ci) => Math.floor(ci / inPer),
    ofOut: (co) => Math.floor(co / outPer),
    /** The input channels of group g, as [first, last]. */
    inputs: (g) => [g * inPer, (g + 1) * inPer - 1],
    /** The output channels of group g, as [first, last]. */
    outputs: (g) => [g * outPer, (g + 1) * outPer - 1],
  };
}

const channels = ([a, b], side) => (a === b ? `${side} channel ${a}` : `${side} channels ${a}–${b}`);
const feeds = ([a, b]) => (a === b ? 'feeds' : 'feed');

/** The rule in words, with the example's numbers; group g (the current one) first. */
export function ruleWords(trace, g = 0) {
  const G = groupsOf(trace);
  if (trace.groups === 1)
    return `groups 1: every input channel feeds every output channel; each of the ${trace.outChannels} output ${trace.outChannels === 1 ? 'channel sums' : 'channels sums'} over all ${trace.inChannels} input channels.`;
  const one = (k) => `${channels(G.inputs(k), 'input')} ${feeds(G.inputs(k))} ${channels(G.outputs(k), 'output')} only`;
  const depthwise = trace.groups === trace.inChannels ? ' (depthwise: each input channel has kernels of its own)' : '';
  if (trace.groups === 2) return `groups 2${depthwise}: ${one(0)}; ${one(1)}.`;
  return (
    `groups ${trace.groups}${depthwise}: in group ${g}, ${one(g)}; every group has ${G.inPer} input and ${G.outPer} output ` +
    `${G.outPer === 1 ? 'channel' : 'channels'}, and the weight between groups is zero.`
  );
}

/**
 * One side's channels (input or output) as a strip of buttons, a gap between groups. pick(c) runs
 * when the reader chooses channel c. One tab stop: the arrow keys move along the strip.
 */
export class ChannelStrip {
  constructor(side, pick) {
    this.side = side;
    this.pick = pick;
    this.list = h('div', { className: 'chips', role: 'group', 'aria-label': `${side} channels` });
    this.el = h(
      'div',
      { className: `strip strip-${side}` },
      h('span', { className: 'strip-name', textContent: `${capitalized(side)} channels` }),
      this.list,
    );
    this.list.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b) this.pick(Number(b.dataset.c));
    });
    this.list.addEventListener('keydown', (e) => {
      const step = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[e.key];
      if (step === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      const c = Math.max(0, Math.min(this.buttons.length - 1, this.shown + step));
      this.pick(c);
      this.buttons[c].focus();
    });
  }

  /** count channels in groups of `per`. */
  set(count, per) {
    this.buttons = [];
    const runs = [];
    for (let first = 0; first < count; first += per) {
      const run = h('span', { className: 'run' });
      for (let c = first; c < first + per; c++) {
        const b = h('button', { type: 'button', className: 'chip', textContent: String(c), tabIndex: -1 });
        b.dataset.c = c;
        b.setAttribute('aria-label', `${this.side} channel ${c}`);
        this.buttons.push(b);
        run.append(b);
      }
      runs.push(run);
    }
    this.list.replaceChildren(...runs);
    this.shown = -1;
    this.marked = '';
  }

  /** The shown channel (pressed), the channels of this step (marked) and of the current group. */
  show(shown, [first, last] = [-1, -2], group = [-1, -2]) {
    const key = `${shown} ${first} ${last} ${group}`;
    if (key === this.marked) return;
    this.marked = key;
    this.shown = shown;
    this.buttons.forEach((b, c) => {
      b.setAttribute('aria-pressed', String(c === shown));
      b.tabIndex = c === shown ? 0 : -1;
      b.classList.toggle('now', c >= first && c <= last);
      b.classList.toggle('group', c >= group[0] && c <= group[1]);
    });
  }
}

/** Block maps are drawn up to this many blocks (C_in × C_out); beyond, a sentence says the structure.
 *  With 256, two maps of 16 × 16 channels put the largest example's view="all" 14 cells over the
 *  bound of drawn cells (30,014): 64 keeps it under (e2e/channels.test.mjs draws that case). */
export const blocksShown = 64;

/**
 * The block structure of the weight (rows: input channels, columns: output channels) or of Cᵀ
 * (rows: output channels, columns: input channels): each block is the kernel w[c_in][j] that joins the
 * two channels, written j, or a zero block between groups. Returns {el, show(ci, co)} or a sentence.
 */
export function blockMap(trace, of) {
  const G = groupsOf(trace);
  const matrix = of === 'matrix';
  const [rows, cols] = matrix ? [trace.outChannels, trace.inChannels] : [trace.inChannels, trace.outChannels];
  const inOut = (r, c) => (matrix ? [c, r] : [r, c]);
  const title = matrix ? `Cᵀ in blocks: ${rows} × ${cols}` : `Weight as C_in × C_out blocks: ${rows} × ${cols}`;
  const what = matrix
    ? 'Cᵀ in blocks: one per output channel (rows) and input channel (columns), each a kernel spread over the positions; a number is the j of its kernel w[c_in][j]'
    : 'The weight as C_in × C_out blocks (rows: input channels, columns: output channels); a number is the j of the kernel w[c_in][j] that joins them';
  const zeros = trace.groups > 1 ? `; ·: a zero block, between groups (groups ${trace.groups} leaves them out)` : '';
  if (rows * cols > blocksShown) {
    const el = h('p', {
      className: 'remark blocks-note',
      textContent: `${title}, ${rows * cols} blocks: ${trace.groups * G.inPer * G.outPer} of them hold a kernel (on the diagonal, one run per group), the others are zero blocks between groups (this example draws at most ${blocksShown} blocks).`,
    });
    return { el, show() {} };
  }
  const names = (side, n) => Array.from({ length: n }, (_, i) => `${side}${i}`);
  const grid = new Grid(rows, cols, {
    rowNames: names(matrix ? 'out ' : 'in ', rows),
    colNames: names(matrix ? 'in ' : 'out ', cols),
  });
  grid.el.classList.add('blocks', 'dense');
  grid.label(title);
  const el = h(
    'div',
    { className: 'block-map' },
    grid.el,
    h('p', { className: 'remark', textContent: `${what}${zeros}.` }),
  );
  const inGroup = (i) => {
    const [ci, co] = inOut(Math.floor(i / cols), i % cols);
    return G.ofIn(ci) === G.ofOut(co);
  };
  for (let i = 0; i < rows * cols; i++) {
    const [, co] = inOut(Math.floor(i / cols), i % cols);
    grid.set(i, inGroup(i) ? co % G.outPer : '·');
  }
  return {
    el,
    grid,
    /** The shown pair of channels picked, its group's blocks lit. */
    show(ci, co) {
      const g = G.ofIn(ci);
      grid.markAll((i) => {
        const [a, b] = inOut(Math.floor(i / cols), i % cols);
        if (!inGroup(i)) return mask('z');
        return (G.ofIn(a) === g ? mask('tap') : 0) | (a === ci && b === co ? mask('cur') : 0);
      });
    },
  };
}

/** "1,234 cells drawn (bound: 20,000 in all channels and views)" for the views' grids. */
export function drawnWords(count) {
  return `${count.toLocaleString('en')} cells drawn, of a bound of ${limits.cells.toLocaleString('en')} for all channels and views: one input and one output channel at a time, the strips choose them.`;
}
