// Where a number comes from, in words and as the cells to light in every view. Every number here is
// an answer of the trace session (contributions, reach, gatherWindow, matrixEntry) or a value of
// the trace; this module only chooses the cells and the words.
import { fmt } from './dom.js';
import { cellName, cellOfFlat, equals, flatIndex, signed, sizes, tapName } from './cells.js';

const number = (v) => signed(fmt(v));
const factor = (v) => signed(fmt(v), true);
// At most this many products are written out one by one; the rest are counted.
const termsWritten = 12;

/** A product as the sentence writes it: "2·3", or with channels "x[1][0]·w[1][0][2]". */
const product = (t) => `${number(t.value)}·${factor(t.weight)}`;

/**
 * After step `t` (a scatter state's step, or undefined once every step is done): a cell's sum so far,
 * "; after step 2 it holds 1·(−1) + 2·(−1) = −3 so far", from the same contributions.
 */
export function soFar(found, t, current) {
  if (t === undefined || !found.terms || found.where !== 'intermediate') return '';
  const done = found.terms.filter((term) => term.step <= t);
  if (done.length === found.terms.length) return '';
  const sum = done.length ? `${done.map(product).join(' + ')}${equals(number(current))}` : `0`;
  return ` After step ${t + 1} it holds ${sum} so far.`;
}

/** The grids a cell can be asked about (the element's inspect() takes these; 'copy' is the page's own). */
export const inspectable = ['output', 'intermediate', 'input', 'kernel', 'padded', 'matrix'];

/**
 * What the reader is pointing at, where: 'output' | 'intermediate' | 'input' | 'kernel' | 'padded'
 * | 'matrix' (cell = [row, col] of Cᵀ) | 'copy' (the scaled copy of scatter step `step`; cell = the
 * weight tap it scales). Returns {where, cell, value, sentence, terms?, relatives}:
 * relatives lists, per grid kind, the cells to light ([channel, ...position]; for 'kernel' the weight
 * tap; for 'matrix' [row, col]).
 */
export function inspect(trace, where, cell, step) {
  const single = trace.singleChannel;
  const relatives = { input: [], kernel: [], buffer: [], output: [], padded: [], matrix: [] };
  const outSizes = sizes(trace, 'output');
  const bufferSizes = sizes(trace, 'buffer');
  const inSizes = sizes(trace, 'input');
  const carve = trace.axes.map((a) => a.carveStart);
  const toBuffer = (out) => [out[0], ...out.slice(1).map((p, a) => p + carve[a])];
  const toOutput = (b) => {
    const out = [b[0], ...b.slice(1).map((p, a) => p - carve[a])];
    return out.slice(1).every((p, a) => p >= 0 && p < outSizes[a]) ? out : null;
  };

  if (where === 'output' || where === 'intermediate') {
    const onOutput = where === 'output';
    const terms = trace.contributions(cell, { where });
    const grid = onOutput ? trace.output : trace.finalBuffer;
    const value = grid.data[flatIndex(cell, onOutput ? outSizes : bufferSizes)];
    const bias = onOutput && trace.bias ? trace.bias[cell[0]] : null;
    const name = cellName(onOutput ? 'out' : 'intermediate', cell, single);
    for (const t of terms) {
      relatives.input.push(t.input);
      relatives.kernel.push(t.tap);
    }
    const buffer = onOutput ? toBuffer(cell) : cell;
    const out = onOutput ? cell : toOutput(cell);
    relatives.buffer.push(buffer);
    if (out) {
      relatives.output.push(out);
      relatives.matrix.push([flatIndex(out, outSizes), -1]);
      for (const tap of trace.gatherWindow(out).taps) relatives.padded.push(tap.padded);
    }
    let sentence;
    if (terms.length === 0) {
      sentence =
        `${name}${equals(number(value))}: no kernel copy reached this cell${onOutput ? ' (output_padding keeps it)' : ''}` +
        (bias !== null ? `, so it holds only the bias ${number(bias)}.` : '.');
    } else {
      const shown = terms.slice(0, termsWritten);
      const more = terms.length - shown.length;
      const names = single
        ? ''
        : `${shown.map((t) => `${cellName('x', t.input, false)}·${tapName(t.tap, false)}`).join(' + ')}${more ? ' + …' : ''} = `;
      sentence =
        `${name} = ${names}${shown.map(product).join(' + ')}${more ? ` + … (${more} more)` : ''}` +
        `${bias !== null ? ` + ${factor(bias)} (bias)` : ''}${equals(number(value))}`;
      sentence += terms.length > 1 ? `: the sum of ${terms.length} products.` : '.';
      if (!onOutput && !out) sentence += ' The carve cuts this cell off.';
    }
    return { where, cell, value, sentence, terms, relatives };
  }

  if (where === 'input') {
    const reach = trace.reach(cell);
    const value = trace.input.data[flatIndex(cell, inSizes)];
    const step = flatIndex(cell, inSizes);
    relatives.buffer = reach.intermediate;
    relatives.output = reach.output;
    relatives.matrix.push([-1, step]);
    // Where the gather view holds this element: stride cells apart, after its padding (layout only).
    const view = trace.gather;
    if (!view.error)
      relatives.padded.push([cell[0], ...cell.slice(1).map((p, a) => view.padBefore[a] + p * trace.axes[a].stride)]);
    const name = cellName('x', cell, single);
    const kept = reach.output.length;
    const sentence =
      `${name}${equals(number(value))}: step ${step + 1} adds ${number(value)} × ${single ? 'the kernel' : `its kernels (row ${cell[0]} of the weight)`} ` +
      `to ${reach.intermediate.length} intermediate cells; ${kept === reach.intermediate.length ? 'all' : kept} of them ${kept === 1 ? 'is' : 'are'} in the output.`;
    return { where, cell, value, sentence, step, relatives };
  }

  if (where === 'kernel') {
    // Every product that used this tap: one per input element of its channel, in one query.
    const [ci] = cell;
    const uses = trace.uses(cell);
    const weight = uses[0].weight;
    for (const u of uses) {
      relatives.input.push(u.input);
      relatives.buffer.push(u.intermediate);
      if (u.output) relatives.output.push(u.output);
    }
    const name = tapName(cell, single);
    const shown = uses
      .slice(0, 6)
      .map((u) => `${number(u.value)}·${factor(weight)} into ${cellName('intermediate', u.intermediate, single)}`);
    const sentence =
      `${name}${equals(number(weight))} is used by ${uses.length} ${uses.length === 1 ? 'product' : 'products'}, one per input element` +
      `${single ? '' : ` of channel ${ci}`}: ${shown.join(', ')}${uses.length > shown.length ? `, and ${uses.length - shown.length} more` : ''}.`;
    return { where, cell, value: weight, sentence, relatives };
  }

  if (where === 'copy') {
    // One cell of a step's scaled copy: that step's product of this tap, and the cell it is added to.
    const use = trace.uses(cell).find((u) => u.step === step);
    if (!use) return { where, cell, value: null, relatives, sentence: '' };
    relatives.input.push(use.input);
    relatives.kernel.push(cell);
    relatives.buffer.push(use.intermediate);
    if (use.output) relatives.output.push(use.output);
    const into = cellName('intermediate', use.intermediate, single);
    const sentence =
      `${cellName('copy', [0, ...cell.slice(2)], true)} = ${cellName('x', use.input, single)}·${tapName(cell, single)} = ` +
      `${product(use)}${equals(number(use.product))}: step ${step + 1} adds it to ${into}` +
      (use.output ? `, ${cellName('out', use.output, single)} in the output.` : ', which the carve cuts off.');
    return { where, cell, value: use.product, sentence, relatives };
  }

  if (where === 'padded') {
    // The gather view's padded input: what the cell is follows from the view's own geometry.
    const view = trace.gather;
    const q = cell.slice(1);
    const z = q.map((v, a) => v - view.padBefore[a]);
    const padding = z.some((v, a) => v < 0 || v >= view.zeroInsertedSize[a]);
    const zero = !padding && z.some((v, a) => v % trace.axes[a].stride !== 0);
    const name = cellName('padded', cell, single);
    if (padding || zero) {
      return {
        where,
        cell,
        value: 0,
        relatives,
        sentence: padding
          ? `${name} is padding: the gather view pads each side by dilation·(k − 1) − padding and adds output_padding at the end.`
          : `${name} is a zero inserted between input elements: stride − 1 of them between neighbours.`,
      };
    }
    const input = [cell[0], ...z.map((v, a) => v / trace.axes[a].stride)];
    relatives.input.push(input);
    const value = trace.input.data[flatIndex(input, inSizes)];
    return {
      where,
      cell,
      value,
      relatives,
      sentence: `${name} = ${cellName('x', input, single)}${equals(number(value))}: an input element, stride cells from its neighbours.`,
    };
  }

  // Cᵀ[row][col]: output cell `row` and input element `col`.
  const [row, col] = cell;
  const value = trace.matrixEntry(row, col);
  const out = cellOfFlat(row, outSizes);
  const input = cellOfFlat(col, inSizes);
  relatives.output.push(out);
  relatives.input.push(input);
  relatives.matrix.push([row, col]);
  const term = trace.contributions(out).find((t) => t.input.every((v, a) => v === input[a]));
  const sentence = term
    ? `Cᵀ[${row}][${col}]${equals(number(value))}: ${cellName('x', input, single)} reaches ${cellName('out', out, single)} through ${tapName(term.tap, single)}, so this entry is that weight.`
    : `Cᵀ[${row}][${col}] = 0: ${cellName('x', input, single)} does not reach ${cellName('out', out, single)}.`;
  if (term) relatives.kernel.push(term.tap);
  return { where, cell, value, sentence, relatives };
}
