// Cells and their names: where a cell of the core's [channel, ...position] form sits in a grid of
// one channel, and how a sentence names it. Layout only: every size comes from the trace.

/** Spatial sizes per axis of a grid kind: 'input', 'kernel', 'buffer', 'output'. */
export const sizes = (trace, kind) => trace.axes.map((a) => a[kind]);

/** [rows, cols] of a grid of these spatial sizes: 1D grids are one row. */
export const shape2d = (spatial) => (spatial.length === 1 ? [1, spatial[0]] : spatial);

/** The cell [channel, ...position] at index i of a one-channel grid with these spatial sizes. */
export function cellAt(channel, i, spatial) {
  if (spatial.length === 1) return [channel, i];
  return [channel, Math.floor(i / spatial[1]), i % spatial[1]];
}

/** The index in a one-channel grid of a cell's position (its channel is the caller's business). */
export function indexIn(cell, spatial) {
  return spatial.length === 1 ? cell[1] : cell[1] * spatial[1] + cell[2];
}

/** The flat index of a cell over all channels: [c, ...p] in a [C][...spatial] array. */
export function flatIndex(cell, spatial) {
  return cell[0] * spatial.reduce((a, b) => a * b, 1) + indexIn(cell, spatial);
}

/** The cell at flat index i of a [C][...spatial] array. */
export function cellOfFlat(i, spatial) {
  const area = spatial.reduce((a, b) => a * b, 1);
  return cellAt(Math.floor(i / area), i % area, spatial);
}

/** "out[1][1]" (one channel: the channel index is left out) or "out[0][1][1]". */
export function cellName(symbol, cell, single) {
  return symbol + (single ? cell.slice(1) : cell).map((v) => `[${v}]`).join('');
}

/** A weight tap's name: "kernel[2]" for one channel, else "w[c_in][c_out_in_group][...]". */
export function tapName(tap, single) {
  return single
    ? `kernel${tap
        .slice(2)
        .map((v) => `[${v}]`)
        .join('')}`
    : `w${tap.map((v) => `[${v}]`).join('')}`;
}

/** A number for a sentence: the real minus sign, and in parentheses when negative after an operator. */
export const signed = (text, parenthesize = false) => {
  // A rounded number ("≈-0.04") has its sign after the mark.
  const t = text.replace(/^(≈?)-/, '$1−');
  return parenthesize && /^≈?−/.test(t) ? `(${t})` : t;
};

/** " = 4" or, for a number written rounded ("≈0.04"), " ≈ 0.04": never "= ≈". */
export const equals = (text) => (text.startsWith('≈') ? ` ≈ ${text.slice(1)}` : ` = ${text}`);

const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "2 cells" (1D) or "2 × 2": a grid's extent in a caption. */
export const extent = (spatial, unit) => (spatial.length === 1 ? count(spatial[0], unit) : spatial.join(' × '));
