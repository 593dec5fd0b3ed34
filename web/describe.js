// The words for each state of each view: the step description and its short spoken form. Every
// number comes from the trace (the step's origin, the window, the counts, the contributions); the
// page only chooses which to say.
import { cellAt, cellName, equals, indexIn, signed, sizes, tapName } from './cells.js';
import { axisNames, capitalized, counted, fmt, size } from './dom.js';
import { scatterState, stepCount } from './steps.js';

const num = (v) => signed(fmt(v));
// At most this many overlapping cells are written out in a step's description.
const sumsWritten = 3;
// A sum of more products than this (a 7 × 7 kernel at stride 1 gives 49, times the input channels)
// is written as its first and last products: three whole sums of 49 were 5,000 characters a step,
// more than a reader reads while stepping, and laid out again at every step. Pointing at the cell
// writes all of them. 18 keeps whole every sum of two input channels through a 3 × 3 kernel.
export const termsWritten = 18;
const termsKept = [3, 3]; // written from the start and from the end of a longer sum

/** The terms of a sum as written: all of them, or the first and last ones with '…' between. */
export function writtenTerms(terms) {
  if (terms.length <= termsWritten) return terms;
  return [...terms.slice(0, termsKept[0]), null, ...terms.slice(terms.length - termsKept[1])];
}

/** "5 cells" in 1D, "5 × 5" in 2D. */
export function extentOf(trace, key) {
  const s = sizes(trace, key);
  return s.length === 1 ? counted(s[0], 'cell') : size(s);
}

/** The intermediate output's size as the formula gives it, plus the cells output_padding adds past it. */
export function bufferWords(trace) {
  const formula = extentOf(trace, 'intermediate');
  if (trace.axes.every((a) => a.buffer === a.intermediate)) return formula;
  return `${formula}, plus output_padding's ${trace.axes.length === 1 ? counted(trace.axes[0].buffer - trace.axes[0].intermediate, 'cell') : `rows and columns (${extentOf(trace, 'buffer')} in all)`}`;
}

/** {text, short}: the description of scatter state s, and the sentence a screen reader hears. step:
 *  the state's step as the scatter view asked for it (its buffer: output channel `channel` only). */
export function describeScatter(trace, s, step, channel = 0) {
  const state = scatterState(trace, s);
  const { axes, dims } = trace;
  const n = trace.stepCount;
  if (state.kind === 'start') {
    return {
      text: `Start: an intermediate output of zeros, ${bufferWords(trace)}. Each of the ${counted(n, 'input element')} will add a scaled copy of the kernel to it, one step each.`,
      short: `Start: ${n} steps.`,
    };
  }
  if (state.kind === 'step') {
    const position = step.position;
    const element = cellName('x', [step.channel, ...position], trace.singleChannel);
    const corner =
      dims === 1
        ? `its corner at stride × position = ${axes[0].stride} × ${position[0]} = ${step.origin[0]}: cells ${step.origin[0]}–${step.origin[0] + step.span[0] - 1}`
        : `its corner at stride × position = (${axes[0].stride} × ${position[0]}, ${axes[1].stride} × ${position[1]}) = (${step.origin[0]}, ${step.origin[1]}): ` +
          `rows ${step.origin[0]}–${step.origin[0] + step.span[0] - 1}, columns ${step.origin[1]}–${step.origin[1] + step.span[1] - 1}`;
    const sums = runningSums(trace, step, channel);
    return {
      text: `Step ${s} of ${n}: ${element}${equals(num(step.value))}. Add ${num(step.value)} × ${trace.singleChannel ? 'kernel' : `row ${step.channel} of the weight (its ${receivers(trace, step)})`} with ${corner}. ${sums}`,
      short: `Step ${s} of ${n}: ${element}${equals(num(step.value))}.`,
    };
  }
  if (state.kind === 'carve') {
    const parts = axes.map((a, i) => {
      const axis = dims === 1 ? '' : `${i ? 'width' : 'height'}: `;
      const end =
        a.carveEnd < 0
          ? `keep ${counted(-a.carveEnd, 'extra cell')} at the end (output_padding; no copy reached ${-a.carveEnd === 1 ? 'it' : 'them'})`
          : `cut ${a.carveEnd} at the end${a.outputPadding ? ` (padding ${a.padding} − output_padding ${a.outputPadding})` : ''}`;
      return `${axis}cut ${a.carveStart} at the start, ${end}`;
    });
    const rest = state.final
      ? ` This is the output, ${extentOf(trace, 'output')}: what PyTorch’s ConvTranspose${dims}d returns (there is no bias).`
      : ` What remains is the output before the bias, ${extentOf(trace, 'output')}.`;
    return {
      text: `Carve the padding: ${parts.join('; ')}.${rest}`,
      short: state.final ? 'Carve: the output.' : 'Carve.',
    };
  }
  const biases =
    trace.bias.length === 1 ? num(trace.bias[0]) : `${Array.from(trace.bias, num).join(', ')} (one per output channel)`;
  return {
    text: `Add the bias ${biases} to every cell of ${trace.bias.length === 1 ? 'the output' : 'its channel'}: the output, ${extentOf(trace, 'output')}. This is what PyTorch’s ConvTranspose${dims}d returns.`,
    short: 'Bias added: the output.',
  };
}

/** "kernels w[1][0]–w[1][2] into output channels 0–2, one each": what one step adds, and where. */
export function receivers(trace, step) {
  const per = trace.outChannels / trace.groups;
  const [a, b] = [step.firstOutputChannel, step.firstOutputChannel + per - 1];
  return per === 1
    ? `kernel w[${step.channel}][0] into output channel ${a}`
    : `kernels w[${step.channel}][0]–w[${step.channel}][${per - 1}] into output channels ${a}–${b}, one each`;
}

/** "Cell 2 now holds 6 + 3 = 9.": the cells of this step's window where copies overlap, with their
 *  sums, in output channel `co` (the one the step's buffer holds). */
function runningSums(trace, step, co) {
  const bufS = sizes(trace, 'buffer');
  const overlaps = [];
  const per = trace.outChannels / trace.groups;
  if (co < step.firstOutputChannel || co >= step.firstOutputChannel + per)
    return `Output channel ${co}, shown, is in another group: this step adds nothing to it.`;
  for (const cell of trace.reach([step.channel, ...step.position]).intermediate) {
    if (cell[0] !== co) continue;
    const i = indexIn(cell, bufS);
    if (step.contributions[i] > 1 && !overlaps.some((o) => o.i === i)) overlaps.push({ i, cell });
    if (overlaps.length > sumsWritten) break;
  }
  if (!overlaps.length)
    return trace.stepCount > 1 && step.index === 0 ? 'No copies overlap yet.' : 'Its copy overlaps no earlier copy.';
  const written = overlaps.slice(0, sumsWritten).map(({ i, cell }) => {
    const all = trace.contributions(cell, { where: 'intermediate' }).filter((t) => t.step <= step.index);
    const terms = writtenTerms(all);
    const name =
      trace.singleChannel && trace.dims === 1 ? `Cell ${cell[1]}` : cellName('intermediate', cell, trace.singleChannel);
    const count = terms.length < all.length ? `${all.length} products, ` : '';
    // With channels the sum names where each product comes from: the input channels it adds over.
    const sum = (term) => terms.map((t, k) => (t ? term(t, k) : '…')).join(' + ');
    const names = trace.singleChannel
      ? ''
      : `${sum((t) => `${cellName('x', t.input, false)}·${tapName(t.tap, false)}`)} = `;
    return `${name}: ${count}${names}${sum((t, k) => (k ? signed(fmt(t.product), true) : num(t.product)))}${equals(num(step.buffer.data[i]))}`;
  });
  const more = overlaps.length > sumsWritten ? ' (and more)' : '';
  return `Where copies now overlap, the cells hold sums: ${written.join('; ')}${more}.`;
}

/** The gather state's description (the sum itself is written under the grids). */
export function describeGather(trace, s) {
  const m = stepCount(trace, 'gather');
  if (s === 0)
    return {
      text: `Start: rotate the kernel by 180° and slide it over the zero-inserted, padded input, one output cell per window (${m} windows).`,
      short: `Start: ${m} cells.`,
    };
  if (s > m)
    return {
      text: `The output, ${extentOf(trace, 'output')}: every window summed, the same numbers as the scatter gives.`,
      short: 'The output.',
    };
  const outS = sizes(trace, 'output');
  const area = outS.reduce((a, b) => a * b, 1);
  const cell = cellAt(Math.floor((s - 1) / area), (s - 1) % area, outS);
  const name = cellName('out', cell, trace.singleChannel);
  return {
    text: `Cell ${s} of ${m}: ${name} is the window with its corner at (${cell.slice(1).join(', ')}) of the padded input: each tap multiplies the cell under it by the rotated kernel, and the products add up to ${name}.`,
    short: `Cell ${s} of ${m}: ${name}${equals(num(trace.output.data[s - 1]))}.`,
  };
}

/** The matrix state's description. */
export function describeMatrix(trace, s, by) {
  const n = stepCount(trace, 'matrix', by);
  if (s === 0)
    return {
      text: 'Start: y = Cᵀ · x. Each column of Cᵀ is one input element’s kernel copy, flattened; each row is one output cell’s window.',
      short: 'Start.',
    };
  if (s > n) return { text: `y = Cᵀ · x${trace.bias ? ' + bias' : ''}: the output, flattened.`, short: 'The output.' };
  if (by === 'gather')
    return {
      text: `Row ${s - 1} of Cᵀ: the weights with which the input elements reach output cell ${s - 1}; y[${s - 1}] is that row times x.`,
      short: `Row ${s - 1}.`,
    };
  return {
    text: `Column ${s - 1} of Cᵀ: input element ${s - 1}’s kernel copy, flattened. y += x[${s - 1}] × column ${s - 1} (= ${num(trace.input.data[s - 1])} × column ${s - 1}).`,
    short: `Column ${s - 1}.`,
  };
}

// Why the copies overlap as they do, per kind of the core's `overlap` of an axis.
const overlapWords = {
  even: (a) =>
    `kernel ${a.kernel} is a multiple of stride ${a.stride}${a.dilation > 1 ? `, which shares no factor with dilation ${a.dilation}` : ''}: away from the borders of a long enough input every cell receives the same number of products, an even overlap`,
  uneven: (a) =>
    `kernel ${a.kernel} is not a multiple of stride ${a.stride}: neighbouring cells receive different numbers of products, an uneven overlap`,
  holes: (a) =>
    a.kernel < a.stride
      ? `kernel ${a.kernel} is smaller than stride ${a.stride}: the copies leave gaps, cells that receive no product`
      : `stride ${a.stride} and dilation ${a.dilation} share a factor: the kernel’s taps skip some positions between two copies, cells that receive no product`,
};
const sameAxis = (a, b) => a.kernel === b.kernel && a.stride === b.stride && a.dilation === b.dilation;
const listed = (values) => values.slice(0, 9).join(', ') + (values.length > 9 ? ` and ${values.length - 9} more` : '');

/**
 * The checkerboard's rule in the reader's numbers: per axis, how the core says its copies overlap
 * and why, then the counts along the output's middle line across it (lines[axis], the core's counts).
 */
export function checkerboardRule(trace, lines) {
  const axes = trace.axes;
  const reads =
    axes.length === 1
      ? `the output’s counts read ${listed(lines[0])}`
      : `the output’s middle column reads ${listed(lines[0])}, its middle row ${listed(lines[1])}`;
  const rules =
    axes.length === 1
      ? overlapWords[axes[0].overlap](axes[0])
      : sameAxis(axes[0], axes[1])
        ? `along both axes, ${overlapWords[axes[0].overlap](axes[0])}`
        : axes.map((a, i) => `along the ${axisNames[2][i]}, ${overlapWords[a.overlap](a)}`).join('; ');
  const checkerboard = axes.some((a) => a.overlap !== 'even')
    ? ' This unevenness is the checkerboard pattern of transposed convolutions.'
    : '';
  return `${capitalized(rules)}. Here ${reads}.${checkerboard}`;
}
