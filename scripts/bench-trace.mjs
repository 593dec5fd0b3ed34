// What the page benchmarks share: percentiles, and the main thread's time per interaction read from a
// Chromium performance trace (CDP Tracing), so that paint counts as much as script: a step is not
// done until its frame is painted.
//
// traced(page, count, run) records a trace while run(k, mark) performs interactions k = 0..count-1;
// each interaction begins with `await mark(k)` (a performance.mark the trace carries) and should
// leave two frames after its change. For each interaction it returns, in milliseconds:
//   toPaint: the main thread's busy time from the task that dispatches the interaction's first event
//            to the end of the first frame that paints after it (the handler, then the style,
//            layout, paint and layerize of that frame; a pointer move is dispatched at the start of
//            the frame itself);
//   frame:   the longest single task in the interaction (a frame, or the handler alone);
//   total:   all the main thread's busy time until the next mark (later frames included, e.g. the
//            cells a jump applies over the next frames).
// Idle time (waiting for the next vsync) is not counted: on a busy machine with other builds it is
// the time the main thread works that can be measured.

export const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];
export const median = (xs) => percentile(xs, 50);
export const ms = (x) => `${x.toFixed(2)} ms`;
/** "p50 1.20 ms, p95 3.40 ms, max 5.60 ms" */
export const spread = (xs) => `p50 ${ms(median(xs))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...xs))}`;

// A frame's phases are top-level events of their own in this trace (no task wraps them): style,
// layout, pre-paint, paint, then layerize (or commit), which ends the frame. Counting up to the
// first pre-paint, as this did until 2026-12-03, left out the frame's paint and layerize.
const frameEnds = new Set(['Layerize', 'Commit']);

export async function traced(page, count, run) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  const mark = (k) => page.evaluate((name) => performance.mark(name), `bench:${k}`);
  for (let k = 0; k < count; k++) await run(k, mark);
  await mark(count);
  await new Promise((resolve) => {
    cdp.once('Tracing.tracingComplete', resolve);
    cdp.send('Tracing.end');
  });
  await cdp.detach();

  const named = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === named.pid && e.tid === named.tid);
  const marks = new Map();
  for (const e of onMain) if (e.name.startsWith('bench:') && !marks.has(e.name)) marks.set(e.name, e.ts);
  // Top-level tasks: complete events not inside another, each with whether it painted.
  const complete = onMain.filter((e) => e.ph === 'X' && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const e of complete) {
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.ts + last.dur) {
      if (frameEnds.has(e.name)) last.endsFrame = true;
      if (e.name === 'EventDispatch') last.dispatches = true;
      continue;
    }
    tasks.push({ ts: e.ts, dur: e.dur, endsFrame: frameEnds.has(e.name), dispatches: e.name === 'EventDispatch' });
  }
  const results = [];
  for (let k = 0; k < count; k++) {
    const from = marks.get(`bench:${k}`);
    const to = marks.get(`bench:${k + 1}`);
    const inside = tasks.filter((t) => t.ts >= from && t.ts < to);
    let toPaint = 0;
    const start = Math.max(
      0,
      inside.findIndex((t) => t.dispatches),
    );
    for (const t of inside.slice(start)) {
      toPaint += t.dur;
      if (t.endsFrame) break;
    }
    results.push({
      toPaint: toPaint / 1000,
      frame: Math.max(0, ...inside.map((t) => t.dur)) / 1000,
      total: inside.reduce((s, t) => s + t.dur, 0) / 1000,
    });
  }
  return results;
}

/** Two animation frames: the change's frame has been painted when this resolves. */
export const twoFrames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
