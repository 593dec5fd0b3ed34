// The practitioner's panels of one example, under its pictures: Sizes (the output's shape for any
// size, and the solver: which parameters give the size I want), Frameworks (this example's
// parameters in Keras, tf.nn, JAX and ONNX, and the crop each takes from the full buffer, drawn on
// the intermediate output) and Code (a program to copy that prints the output the page shows).
// Every answer is the core's (the tools module: shape, solve, translate, code), asked for when a
// panel is open; this module lays the answers out.
import { shape2d } from './cells.js';
import { axisNames, capitalized, counted, h } from './dom.js';
import { Grid } from './grid.js';
import { axisParams, wholeValue } from './params.js';
import { codeBox, latestOnly, statusLine } from './tool-panel.js';

/** The frameworks translate() writes, and code()'s, with the names a reader knows them by. */
const frameworkNames = { pytorch: 'PyTorch', keras: 'Keras', tf: 'tf.nn', jax: 'JAX', onnx: 'ONNX' };
const codeNames = { pytorch: 'PyTorch', keras: 'Keras', jax: 'JAX', onnx: 'ONNX', tfjs: 'TensorFlow.js' };
/** How many solutions per axis are listed before "Show all". */
const listed = 8;

/** A row of toggle buttons, one pressed: pick(key) when another is chosen. */
function choices(names, label, pick) {
  const row = h('div', { className: 'tool-buttons', role: 'group', 'aria-label': label });
  const buttons = Object.entries(names).map(([key, text]) => {
    const b = h('button', { type: 'button', className: 'tool-button', textContent: text, 'aria-pressed': 'false' });
    b.dataset.key = key;
    b.onclick = () => set(key);
    return b;
  });
  row.append(...buttons);
  // quiet: only shows the choice (the panel asks for its answer itself).
  const set = (key, quiet = false) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.key === key));
    if (!quiet) pick(key);
  };
  return { el: row, set };
}

/** A small text field for a whole number (or one per axis), labelled. */
const field = (label, text, size = 3) =>
  h('input', {
    type: 'text',
    inputMode: 'numeric',
    className: 'num tool-num',
    autocomplete: 'off',
    spellcheck: false,
    size,
    value: String(text),
    'aria-label': label,
  });

/** Per-axis fields: one per spatial axis, "×" between them. */
function axisFields(label, values, dims) {
  const inputs = axisNames[dims].map((axis) => field(`${label} ${axis}`, ''));
  const el = h(
    'span',
    { className: 'axis-fields' },
    ...inputs.flatMap((f, i) => (i ? [h('span', { textContent: '×', 'aria-hidden': 'true' }), f] : [f])),
  );
  const set = (v) => inputs.forEach((f, a) => (f.value = [].concat(v)[a] ?? ''));
  set(values);
  return { el, inputs, set, read: () => inputs.map((f) => wholeValue(f.value)) };
}

const labelled = (text, ...controls) =>
  h('label', { className: 'tool-field' }, h('span', { textContent: text }), ...controls);

/** A tool's form: its heading, its labelled fields, then what it answers; it never submits (it answers as typed). */
function toolForm(label, heading, fields, ...answers) {
  const form = h(
    'form',
    { className: 'tool-form', 'aria-label': label },
    h('h3', { textContent: heading }),
    h('div', { className: 'tool-fields' }, ...fields),
    ...answers,
  );
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

/** "64 × 64", or "32 channels of 64 × 64". */
export function shapeWords(shape, dims) {
  const spatial = shape.slice(shape.length - dims);
  const size = spatial.join(' × ');
  return shape.length > dims ? `${counted(shape[0], 'channel')} of ${size}` : size;
}

/** Marks the field an error names (its axis when it has one) and says the message. */
function refuse(status, fields, e) {
  const target = fields[e.field];
  const list = Array.isArray(target) ? target : target ? [target] : [];
  const marked = e.axis !== null && e.axis !== undefined && list[e.axis] ? [list[e.axis]] : list;
  for (const f of marked) f.setAttribute('aria-invalid', 'true');
  // The core names its key (input_size); a field labelled otherwise ("I have") is named first.
  const label = marked[0]?.closest('label')?.firstChild.textContent;
  const named = label && !e.message.replaceAll('_', ' ').startsWith(label) ? `“${label}”: ` : '';
  status.textContent = named + e.message;
}
const unmark = (root) => {
  for (const f of root.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
};

/**
 * The Sizes panel, built into body: current() → {sizeSpec (the editor's sizes form)}; open(params)
 * opens a solution in the example (the editor's setParams); limits: the page's drawing limits.
 * Returns {refresh}.
 */
export function sizesPanel(body, { dims, loadTools, current, open, limits }) {
  const status = statusLine();
  const shapeOut = h('p', { className: 'tool-answer', 'aria-live': 'polite' });
  const results = h('div', { className: 'solutions' });
  let shapeFields;
  let solveFields;
  const toolsForShape = latestOnly(loadTools);
  const toolsForSolve = latestOnly(loadTools);

  // The example's value for each of the shape form's fields (one channel when it has none).
  const example = () => ({ in_channels: 1, out_channels: 1, groups: 1, ...current().sizeSpec });
  {
    const s = example();
    const sizes = {
      input_size: axisFields('input size', s.input_size, dims),
      kernel_size: axisFields('kernel size', s.kernel_size, dims),
    };
    const params = Object.fromEntries(
      axisParams.map((p) => [p.key, axisFields(p.key.replace('_', ' '), [].concat(s[p.key]), dims)]),
    );
    const channels = {
      in_channels: field('in channels', s.in_channels),
      out_channels: field('out channels', s.out_channels),
      groups: field('groups', s.groups),
    };
    shapeFields = { ...sizes, ...params, ...channels };
    const shapeForm = toolForm(
      'Output size for any input size',
      'What comes out, for any size',
      [
        labelled('input', sizes.input_size.el),
        labelled('kernel', sizes.kernel_size.el),
        ...axisParams.map((p) => labelled(p.key.replace('_', ' '), params[p.key].el)),
        labelled('channels in', channels.in_channels),
        labelled('out', channels.out_channels),
        labelled('groups', channels.groups),
      ],
      shapeOut,
    );
    shapeForm.addEventListener('input', () => {
      followsExample = false;
      askShape();
    });

    solveFields = {
      input_size: axisFields('have', s.input_size, dims),
      output_size: axisFields(
        'want',
        [].concat(s.input_size).map((n) => Number(n) * 2 || 2),
        dims,
      ),
      max_kernel: field('kernel size up to', limits.kernel),
      max_stride: field('stride up to', 8),
      max_dilation: field('dilation up to', 1),
    };
    const solveForm = toolForm(
      'Parameters for the size I want',
      'Which parameters give the size I want',
      [
        labelled('I have', solveFields.input_size.el),
        labelled('and want', solveFields.output_size.el),
        labelled('kernel up to', solveFields.max_kernel),
        labelled('stride up to', solveFields.max_stride),
        labelled('dilation up to', solveFields.max_dilation),
      ],
      status,
      results,
    );
    // Choosing a solution (a radio button) is not a new question.
    solveForm.addEventListener('input', (e) => e.target.type !== 'radio' && askSolve());
    body.append(shapeForm, solveForm);
  }

  const read = (fields) =>
    Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.read ? f.read() : wholeValue(f.value)]));
  const fieldsOf = (fields) => Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.inputs ?? f]));

  async function askShape() {
    const spec = { dims, ...read(shapeFields) };
    const one = spec.in_channels === 1 && spec.out_channels === 1 && spec.groups === 1;
    if (one) for (const key of ['in_channels', 'out_channels', 'groups']) delete spec[key];
    unmark(shapeOut.parentElement);
    try {
      const tools = await toolsForShape();
      if (!tools) return;
      const { shape } = tools.shape(spec);
      shapeOut.textContent = `Output: ${shapeWords(shape, dims)}.`;
    } catch (e) {
      refuse(shapeOut, fieldsOf(shapeFields), e);
    }
  }

  // The query whose list is shown. The example changing (a solution opened in it) asks nothing new:
  // the same query keeps its list and the reader's choice.
  let answered = null;
  async function askSolve() {
    const query = { dims, ...read(solveFields) };
    // A BigInt (a whole number past 2⁵³, wholeValue) as its digits: JSON.stringify refuses one.
    const key = JSON.stringify(query, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    if (key === answered) return;
    answered = null;
    unmark(results.parentElement);
    results.replaceChildren();
    let answer;
    try {
      const tools = await toolsForSolve();
      if (!tools) return;
      answer = tools.solve(query);
    } catch (e) {
      return refuse(status, fieldsOf(solveFields), e);
    }
    const names = axisNames[dims];
    const count = answer.axes.reduce((n, list) => n * list.length, 1);
    // One choice per axis (the same list for both axes when they ask the same).
    const same = dims === 2 && JSON.stringify(answer.axes[0]) === JSON.stringify(answer.axes[1]);
    const ways = (n) => counted(n, 'way');
    status.textContent = !count
      ? 'No parameters in these ranges give this size.'
      : `${
          same || dims === 1
            ? `${ways(answer.axes[0].length)}${same ? ' (the same for both axes)' : ''}`
            : answer.axes.map((l, a) => `${ways(l.length)} for the ${names[a]}`).join(', ')
        }, ranked: even overlap and the common recipes first.`;
    for (const u of answer.unsolved)
      results.append(
        h('p', {
          className: 'tool-about',
          // The core's reason is a clause ("the largest output length … is 15, smaller than 1000"):
          // a sentence of its own here, before the nearest sizes.
          textContent: capitalized(
            `${dims > 1 ? `${names[u.axis]}: ` : ''}${u.reason}.${u.nearest.length ? ` Nearest sizes: ${u.nearest.join(' and ')}.` : ''}`,
          ),
        }),
      );
    if (!count) return;
    const lists = same ? [answer.axes[0]] : answer.axes;
    const chosen = lists.map(() => 0);
    lists.forEach((list, a) => {
      const legend = same || dims === 1 ? 'Choose one' : `Choose one for the ${names[a]}`;
      const group = h('fieldset', { className: 'solution-list' }, h('legend', { textContent: legend }));
      const item = (sol, i) =>
        h(
          'label',
          { className: 'solution' },
          h('input', {
            type: 'radio',
            name: `e${dims}-solution-${a}`,
            checked: i === 0,
            onchange: () => (chosen[a] = i),
          }),
          h('span', {
            textContent:
              `kernel ${sol.kernel_size}, stride ${sol.stride}, padding ${sol.padding}` +
              `${sol.output_padding ? `, output_padding ${sol.output_padding}` : ''}` +
              `${sol.dilation > 1 ? `, dilation ${sol.dilation}` : ''}`,
          }),
          h('span', {
            className: `overlap ${sol.overlap}`,
            textContent: sol.overlap === 'even' ? 'even overlap' : 'uneven overlap (checkerboard)',
          }),
        );
      group.append(...list.slice(0, listed).map(item));
      if (list.length > listed) {
        const more = h('button', {
          type: 'button',
          className: 'tool-button',
          textContent: `Show all ${list.length}`,
          onclick: () => {
            more.replaceWith(...list.slice(listed).map((sol, i) => item(sol, i + listed)));
          },
        });
        group.append(more);
      }
      results.append(group);
    });
    const openButton = h('button', {
      type: 'button',
      className: 'tool-button',
      textContent: `Open in the ${dims}D example`,
      onclick: () => {
        const pick = (a) => lists[same ? 0 : a][chosen[same ? 0 : a]];
        const per = (key) => names.map((_, a) => pick(a)[key]);
        const have = query.input_size;
        // The example draws inputs up to its limit: a larger one opens with the same parameters on a smaller input.
        const input = [].concat(have).map((n) => Math.min(Number(n), limits.input));
        open({
          input_size: input,
          kernel_size: per('kernel_size'),
          stride: per('stride'),
          padding: per('padding'),
          output_padding: per('output_padding'),
          dilation: per('dilation'),
        });
        const shrunk = input.some((n, a) => n !== Number([].concat(have)[a]));
        status.textContent = shrunk
          ? `Opened with an input of ${input.join(' × ')} (the page draws up to ${limits.input} per axis): the parameters are the ones chosen.`
          : 'Opened in the example above.';
      },
    });
    results.append(openButton);
    answered = key;
  }

  // "What comes out" asks about the example above until the reader types in it: from then on it is
  // the reader's own question, which a change of the example does not overwrite.
  let followsExample = true;
  const followExample = () => {
    const s = example();
    for (const [key, f] of Object.entries(shapeFields)) {
      if (f.set) f.set(s[key]);
      else f.value = s[key];
    }
  };

  return {
    refresh: () => {
      if (followsExample) followExample();
      askShape();
      askSolve();
    },
  };
}

/** A value as Python writes it (every framework's arguments are written in Python): None, True, [1, 2], "same". */
const python = (v) =>
  v === null
    ? 'None'
    : typeof v === 'boolean'
      ? v
        ? 'True'
        : 'False'
      : Array.isArray(v)
        ? `[${v.map(python).join(', ')}]`
        : JSON.stringify(v);

/**
 * The Frameworks panel, built into body: current() → {spec, trace, channel (the output channel shown)}. Each framework's
 * arguments for this example, the note in words, and its crop of the full buffer drawn on the
 * intermediate output of the channel shown.
 */
export function frameworksPanel(body, { loadTools, current }) {
  const status = statusLine();
  const args = h('pre', { className: 'tool-args' });
  const note = h('p', { className: 'tool-about' });
  const drawing = h('div', { className: 'tconv crop-drawing' });
  let chosen = 'keras';
  const toolsForShow = latestOnly(loadTools);

  async function show() {
    const { spec, trace, channel } = current();
    let t;
    try {
      const tools = await toolsForShow();
      if (!tools) return;
      t = tools.translate(spec, { to: chosen });
    } catch (e) {
      status.textContent = e.message;
      args.textContent = '';
      note.textContent = '';
      drawing.replaceChildren();
      return;
    }
    // Whether the target gives this example's output (reproduces), not whether PyTorch gives the
    // target's (exact): the nearest Keras arguments can be exact in PyTorch and still not this example.
    const name = frameworkNames[chosen];
    status.textContent = t.reproduces
      ? `${name} gives exactly PyTorch's output.`
      : t.holds
        ? `${name} cannot give PyTorch's output exactly; its output holds it: take [${t.holds.map(([b, e]) => `${b}:${e}`).join(', ')}] of ${name}'s output.`
        : `${name} cannot give PyTorch's output: its output lacks some of PyTorch's cells.`;
    args.textContent = Object.entries(t.target)
      .map(([k, v]) => `${k} = ${python(v)}`)
      .join('\n');
    note.textContent = t.note;
    drawing.replaceChildren(cropGrid(trace, channel, t));
  }

  const picker = choices(frameworkNames, 'Framework', (key) => {
    chosen = key;
    show();
  });
  body.append(
    h('p', {
      className: 'tool-about',
      textContent:
        'Every framework cuts its output from the same full buffer, the intermediate output before the carve. Its arguments for this example, and what it keeps:',
    }),
    picker.el,
    status,
    args,
    drawing,
    note,
  );
  picker.set(chosen, true);
  return { refresh: show };
}

/** The full buffer of one output channel with a framework's crop: kept cells edged, cut cells
 *  hatched, cells it adds beyond the buffer (zeros no copy reached) muted. */
function cropGrid(trace, channel, t) {
  const full = trace.axes.map((a) => a.intermediate);
  const buffer = trace.axes.map((a) => a.buffer);
  // The drawn range per axis: the full buffer, widened where the crop reaches past it.
  const from = t.crop.begin.map((b) => Math.min(0, b));
  const to = full.map((n, a) => Math.max(n, n - t.crop.end[a]));
  const extent = from.map((f, a) => to[a] - f);
  const [rows, cols] = shape2d(extent);
  const grid = new Grid(rows, cols, {
    name: (i) => `buffer[${i}]`,
    rowNames: trace.dims === 2 ? Array.from({ length: rows }, (_, r) => r + from[0]) : undefined,
    colNames: Array.from({ length: cols }, (_, c) => c + from[from.length - 1]),
  });
  const data = trace.finalBuffer.data;
  const perChannel = buffer.reduce((n, b) => n * b, 1);
  const kept = [];
  const cut = [];
  const added = [];
  const edges = { et: [], eb: [], el: [], er: [] };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const pos = trace.dims === 2 ? [r + from[0], c + from[1]] : [c + from[0]];
      const inside = pos.every((p, a) => p >= 0 && p < buffer[a]);
      const flat = trace.dims === 2 ? pos[0] * buffer[1] + pos[1] : pos[0];
      grid.set(i, inside ? data[channel * perChannel + flat] : 0);
      const keep = pos.every((p, a) => p >= t.crop.begin[a] && p < full[a] - t.crop.end[a]);
      if (!pos.every((p, a) => p >= 0 && p < full[a])) added.push(i);
      if (!keep) cut.push(i);
      else {
        kept.push(i);
        const at = (a, d) => pos[a] + d >= t.crop.begin[a] && pos[a] + d < full[a] - t.crop.end[a];
        const last = trace.dims - 1;
        if (trace.dims === 2 && !at(0, -1)) edges.et.push(i);
        if (trace.dims === 2 && !at(0, 1)) edges.eb.push(i);
        if (trace.dims === 1) {
          edges.et.push(i);
          edges.eb.push(i);
        }
        if (!at(last, -1)) edges.el.push(i);
        if (!at(last, 1)) edges.er.push(i);
      }
    }
  grid.mark('cut', cut);
  grid.mark('z', added);
  for (const [name, cells] of Object.entries(edges)) grid.mark(name, cells);
  const size = t.output_size.join(' × ');
  grid.label(
    `The full buffer, ${full.join(' × ')}${trace.outChannels > 1 ? ` (output channel ${channel})` : ''}: it keeps ${size}`,
  );
  return grid.table;
}

/** The Code panel, built into body: current() → {spec}. A program for the chosen framework, to copy. */
export function codePanel(body, { loadTools, current }) {
  const status = statusLine();
  const box = codeBox('Code', status);
  let chosen = 'pytorch';
  const toolsForShow = latestOnly(loadTools);
  async function show() {
    try {
      const tools = await toolsForShow();
      if (!tools) return;
      const program = tools.code(current().spec, { framework: chosen });
      box.show(program, 24);
      status.textContent =
        chosen === 'pytorch'
          ? 'Builds the layer with these weights, runs the input and prints the output the page shows.'
          : `The same layer in ${codeNames[chosen]}, with the weights converted; it prints the same output.`;
    } catch (e) {
      box.hide();
      status.textContent = e.message;
    }
  }
  const picker = choices(codeNames, 'Framework', (key) => {
    chosen = key;
    show();
  });
  body.append(picker.el, status, box.el);
  picker.set(chosen, true);
  return { refresh: show };
}
