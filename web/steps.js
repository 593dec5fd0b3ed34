// The states each view steps through, and their names: the one counting of steps that the
// controls, the descriptions, the element's `step` attribute and the URL all use.
//
//   scatter: 0 the empty intermediate output; 1..n after input element s−1 is scattered (n =
//            trace.stepCount); n+1 the carve, which is the output when there is no bias; n+2 the
//            output with the bias added, when there is one.
//   gather:  0 nothing computed; 1..m output cell s−1 computed by its window (m = output cells,
//            channel outer, row-major); m+1 the output.
//   matrix:  0 Cᵀ, x and an empty y; 1..n column s−1 of Cᵀ times x[s−1] added into y; n+1 y = Cᵀx
//            (+ the bias).
//   all:     the three in lockstep, driven by the scatter's states or by the gather's.

export const views = ['scatter', 'gather', 'matrix', 'all'];

/** The number of output cells, over every output channel: the gather view's steps. */
export const outputCells = (trace) => trace.outChannels * trace.axes.reduce((n, a) => n * a.output, 1);

/** The steps of a view (what the element's stepCount reports): input elements, or output cells. */
export function stepCount(trace, view, driver = 'scatter') {
  const by = view === 'all' ? driver : view;
  return by === 'gather' ? outputCells(trace) : trace.stepCount;
}

/** The last state of a view. */
export function lastState(trace, view, driver = 'scatter') {
  const by = view === 'all' ? driver : view;
  if (by === 'gather') return outputCells(trace) + 1;
  if (by === 'matrix') return trace.stepCount + 1;
  return trace.stepCount + (trace.bias ? 2 : 1);
}

/** What state s of the scatter is: {kind: 'start' | 'step' | 'carve' | 'bias', t (the step's index)}. */
export function scatterState(trace, s) {
  const n = trace.stepCount;
  if (s === 0) return { kind: 'start' };
  if (s <= n) return { kind: 'step', t: s - 1 };
  if (s === n + 1) return { kind: 'carve', final: !trace.bias };
  return { kind: 'bias', final: true };
}

/** The scrubber's and the step label's name of state s: "Start", "Step 2 of 4", "Carve", "Output". */
export function stateName(trace, view, s, driver = 'scatter') {
  const by = view === 'all' ? driver : view;
  const n = stepCount(trace, view, driver);
  if (s === 0) return 'Start';
  if (s <= n) return by === 'gather' ? `Cell ${s} of ${n}` : `Step ${s} of ${n}`;
  if (by === 'scatter' && s === n + 1) return trace.bias ? 'Carve' : 'Carve: output';
  return by === 'scatter' ? 'Bias: output' : 'Output';
}

/** The length of a view's longest state name (the step label's room): its last step's, or a later
 *  state's ("Carve: output"). */
export function longestStateName(trace, view, driver = 'scatter') {
  let longest = 0;
  for (let s = stepCount(trace, view, driver); s <= lastState(trace, view, driver); s++)
    longest = Math.max(longest, stateName(trace, view, s, driver).length);
  return longest;
}

/** A state from the `step` attribute's text or value: a number, or 'end' (the last state). */
export function stateFrom(step, trace, view, driver) {
  const last = lastState(trace, view, driver);
  if (step === 'end' || step === Infinity) return last;
  const s = Math.trunc(Number(step)) || 0;
  return Math.max(0, Math.min(last, s));
}
