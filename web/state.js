// The state of the page: one spec, one view and one state per example, the presets, what this page
// draws at most, and their place in the URL (?in1=2,3&k1=1,2,3&s1=2&step1=2&in2=1,2;3,4&...), so
// that a link restores exactly what it shows. The parameter names come from params.js.
import { axisNames } from './dom.js';
import { displayParams, echo, isDefault, maxTextLength, specParams, value, wholeValue } from './params.js';

export const seed = {
  1: { dims: 1, input: [2, 3], kernel: [1, 2, 3], stride: 2 },
  2: {
    dims: 2,
    input: [
      [1, 2],
      [3, 4],
    ],
    kernel: [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1],
    ],
    stride: 2,
    padding: 1,
  },
};

const ones = (n) => Array.from({ length: n }, () => Array(n).fill(1));
const ramp = (n, m) => Array.from({ length: n }, (_, r) => Array.from({ length: m }, (_, c) => r * m + c + 1));
/** [label, spec, view?]: the presets of each example's editor. */
export const presets = {
  1: [
    ['The post’s 1D example', seed[1]],
    [
      'k = 3, stride 2: uneven counts (checkerboard)',
      { dims: 1, input: [1, 1, 1, 1, 1], kernel: [1, 1, 1], stride: 2 },
    ],
    ['k = 4, stride 2: even counts inside', { dims: 1, input: [1, 1, 1, 1, 1], kernel: [1, 1, 1, 1], stride: 2 }],
    ['output_padding 1: a cell no copy reaches', { ...seed[1], output_padding: 1 }],
    ['Dilation 2: gaps in each copy', { dims: 1, input: [1, 2, 3], kernel: [1, 0, -1], dilation: 2 }],
    ['Padding 1 and a bias', { ...seed[1], padding: 1, bias: [0.5] }],
    [
      '2 → 3 channels',
      {
        dims: 1,
        input: [
          [1, 2],
          [3, -1],
        ],
        weight: [
          [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
          [
            [2, 1],
            [1, 2],
            [0, -1],
          ],
        ],
        stride: 2,
      },
    ],
    [
      'Groups 2',
      {
        dims: 1,
        input: [
          [1, 2],
          [3, 4],
        ],
        weight: [[[1, 1]], [[1, -1]]],
        groups: 2,
      },
    ],
    [
      'Depthwise (groups = channels)',
      {
        dims: 1,
        input: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        weight: [[[1, 2]], [[0, 1]], [[-1, 1]]],
        groups: 3,
      },
    ],
    [
      'A bias per output channel',
      {
        dims: 1,
        input: [[1, 2]],
        weight: [
          [
            [1, 1],
            [2, -1],
          ],
        ],
        bias: [0.5, -1],
      },
    ],
  ],
  2: [
    ['The post’s 2D example', seed[2]],
    [
      'The post’s opening figure: 2×2 → 4×4, stride 1',
      {
        dims: 2,
        input: [
          [1, 2],
          [3, 4],
        ],
        kernel: ones(3),
      },
      'gather',
    ],
    ['k = 3, stride 2: uneven counts (checkerboard)', { dims: 2, input: ones(4), kernel: ones(3), stride: 2 }],
    ['k = 4, stride 2: even counts inside', { dims: 2, input: ones(4), kernel: ones(4), stride: 2 }],
    ['output_padding 1 keeps a row and a column', { ...seed[2], output_padding: 1 }],
    [
      'Dilation 2: a spread-out kernel',
      {
        dims: 2,
        input: [
          [1, 2],
          [3, 4],
        ],
        kernel: [
          [1, 0],
          [0, -1],
        ],
        dilation: 2,
      },
    ],
    [
      'Per-axis stride 2×1',
      {
        dims: 2,
        input: [
          [1, 2],
          [3, 4],
        ],
        kernel: ones(3),
        stride: [2, 1],
      },
    ],
    [
      '2 → 3 channels',
      {
        dims: 2,
        input: [
          ramp(2, 2),
          [
            [1, 0],
            [0, 1],
          ],
        ],
        weight: [
          [
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 1],
              [0, 0],
            ],
            [
              [0, 1],
              [1, 0],
            ],
          ],
          [
            [
              [1, 1],
              [1, 1],
            ],
            [
              [0, 0],
              [1, 1],
            ],
            [
              [-1, 0],
              [0, 1],
            ],
          ],
        ],
        stride: 2,
      },
    ],
    [
      'Groups 2',
      {
        dims: 2,
        input: [ramp(2, 2), ramp(2, 2)],
        weight: [
          [
            [
              [1, 0],
              [0, 1],
            ],
          ],
          [
            [
              [0, 1],
              [1, 0],
            ],
          ],
        ],
        stride: 2,
        groups: 2,
      },
    ],
    [
      'Depthwise (groups = channels)',
      {
        dims: 2,
        input: [ramp(2, 2), ramp(2, 2), ramp(2, 2)],
        weight: [
          [ones(2)],
          [
            [
              [1, 0],
              [0, 1],
            ],
          ],
          [
            [
              [0, 1],
              [1, 0],
            ],
          ],
        ],
        stride: 2,
        groups: 3,
      },
    ],
    [
      'A bias per output channel',
      {
        dims: 2,
        input: [ramp(2, 2)],
        weight: [
          [
            ones(2),
            [
              [1, -1],
              [-1, 1],
            ],
          ],
        ],
        stride: 2,
        bias: [0.5, -1],
      },
    ],
  ],
};

/** What this page draws at most: per axis, channels, and cells in all views of one example together
 *  (the core accepts more, but not as smooth tables; channels beyond the shown ones are browsed). */
export const limits = { input: 16, kernel: 7, buffer: 67, channels: 64, cells: 30000 };

/**
 * The first size over those limits as {field, axis, message}, or null; `who` names whose limit it
 * is ("this page's"), `beyond` where a size over it is answered (the page's Sizes panel; an element
 * in a blog post has none).
 */
export function overDrawingLimit(trace, who, beyond = '') {
  for (const [i, a] of trace.axes.entries()) {
    const axis = axisNames[trace.dims][i];
    for (const name of ['input', 'kernel']) {
      if (a[name] > limits[name])
        return {
          field: name,
          axis: trace.dims === 1 ? null : i,
          message: `${name} ${axis} ${a[name]} is over ${who} limit of ${limits[name]}${beyond ? `; ${beyond}` : ''}`,
        };
    }
    if (a.buffer > limits.buffer) {
      return {
        field: 'spec',
        axis: null,
        message: `the intermediate output ${axis} would be ${a.buffer}, over ${who} limit of ${limits.buffer} (use a smaller stride, dilation, kernel or input)`,
      };
    }
  }
  return null;
}

/** The most values the core reads in one spec (its JSON reader's limit, README "Limits"): numbers,
 *  arrays, the spec object and its members each count one. */
export const maxValues = 200000;
// Values as the core counts them (arrays too); the depth was bounded before, so this recursion is.
const count = (v) => (Array.isArray(v) ? v.reduce((sum, x) => sum + count(x), 1) : 1);
// The spec object and its other members (dims, stride, padding…, per axis): fewer than this.
const scalarValues = 16;
const tooMany = (what) =>
  new SyntaxError(`${what} more than ${maxValues.toLocaleString('en')} values, the most the core reads`);
const counted = (values) => {
  if (count(values) > maxValues) throw tooMany('these are');
  return values;
};

/** `1 2; 3 4` (rows by ';' or new lines, values by spaces or commas) or JSON like `[[1,2],[3,4]]`;
 *  read: how one value's text becomes a value (wholeValue for whole-number parameters). */
export function parseValues(text, dims, read = value) {
  const t = String(text ?? '').trim();
  if (t.length > maxTextLength) throw new SyntaxError(`these values are over ${maxTextLength} characters long`);
  if (t.startsWith('[')) {
    // Bounded before JSON.parse recurses: the core reads at most 16 levels anyway.
    let depth = 0;
    for (const c of t)
      if ((depth += c === '[' ? 1 : c === ']' ? -1 : 0) > 16)
        throw new SyntaxError('these values nest deeper than 16 levels of brackets');
    let values;
    try {
      values = JSON.parse(t);
    } catch {
      throw new SyntaxError(`cannot read ${echo(t)}: write 1 2; 3 4 or [[1,2],[3,4]]`);
    }
    return counted(values);
  }
  const rows = t
    .split(/\s*[;\n]\s*/)
    .filter(Boolean)
    .map((row) => {
      // Two commas with nothing between (or one at an end) leave out a value: read as one separator,
      // `1,,3` would silently be the two values 1 3, a smaller size than was typed.
      if (/(^|,)\s*(,|$)/.test(row))
        throw new SyntaxError(`a comma with no value beside it in ${echo(row)}: write 1 2; 3 4 or 1,2;3,4`);
      return row.split(/[\s,]+/).map((v) => read(v));
    });
  return counted(dims === 1 && rows.length === 1 ? rows[0] : rows);
}

/** Values as text: `1 2; 3 4` (one channel, 1 or 2 levels), else JSON; with commas `1,2;3,4` for the URL. */
export const valuesText = (v, sep = ' ') => {
  if (!Array.isArray(v)) return String(v ?? '');
  const levels = (x) => (Array.isArray(x) ? 1 + levels(x[0]) : 0);
  if (levels(v) > 2 || v.some((row) => Array.isArray(row) && row.some(Array.isArray))) return JSON.stringify(v);
  return Array.isArray(v[0]) ? v.map((row) => [].concat(row).join(sep)).join(sep === ' ' ? '; ' : ';') : v.join(sep);
};

// The kernel form's arrays as rows (`1,2;3,4`); the full form's as JSON, whose levels say the channels.
const urlValue = (v, full) =>
  typeof v === 'string' ? v : full && Array.isArray(v) ? JSON.stringify(v) : valuesText(v, ',');
// Every value encoded (so that '&' or '=' inside one cannot become another parameter), then the
// characters that keep a link readable given back.
const encode = (text) =>
  encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%5B/g, '[').replace(/%5D/g, ']');

/** {1: {spec, step, view, error}, 2: ...} from a query string; a missing or unreadable example is the seed's. */
export function readUrl(search) {
  const q = new URLSearchParams(String(search).slice(0, 8 * maxTextLength));
  const state = {};
  for (const n of [1, 2]) {
    let spec = seed[n];
    let error = null;
    let field = null; // the parameter being read, where a value that cannot be read is reported
    let typed = null; // its text in the link, which the editor keeps in that field
    try {
      const has = (key) => q.has(key + n);
      // A link that names any spec key is a spec: a parameter it leaves out is PyTorch's default (as
      // the page writes its links), an input or kernel it leaves out is the example's.
      if (specParams.some((p) => p.key !== 'dims' && has(p.url))) {
        spec = { dims: n };
        for (const p of specParams) {
          if (p.key === 'dims' || !has(p.url)) continue;
          const text = q.get(p.url + n);
          field = p.key;
          typed = text;
          spec[p.key] =
            p.kind === 'json'
              ? p.key === 'bias'
                ? parseValues(text, 1)
                : parseValues(text, n)
              : p.kind === 'int'
                ? wholeValue(text)
                : perAxis(parseValues(text, 1, wholeValue));
        }
        if (spec.input === undefined) spec.input = seed[n].input;
        if (spec.kernel === undefined && spec.weight === undefined) spec.kernel = seed[n].kernel;
        // The core counts the values of the whole spec: said here, at the input, in words (the
        // texts stay out of the fields: all of them together are too many).
        field = 'input';
        typed = null;
        const arrays = specParams.filter((p) => p.kind === 'json' && spec[p.key] !== undefined);
        if (arrays.reduce((sum, p) => sum + count(spec[p.key]), scalarValues) > maxValues)
          throw tooMany('input, kernel and bias hold');
      }
    } catch (e) {
      // A link whose values cannot even be read: the seed, and the reason for the editor to show at
      // the parameter it was reading.
      [spec, error] = [seed[n], { field, message: e.message, text: typed }];
    }
    const view = q.get(`v${n}`);
    const views = displayParams.find((p) => p.attr === 'view').values;
    state[n] = {
      spec,
      step: Math.max(0, Number.parseInt(q.get(`step${n}`), 10) || 0),
      view: views.includes(view) ? view : 'scatter',
      error,
      // A view the page does not have: said once the example is drawn (in the scatter view).
      unknownView:
        view === null || views.includes(view)
          ? null
          : `this link’s view ${echo(view)} is not one of ${views.join(', ')}: the scatter view is shown`,
    };
  }
  return state;
}

const perAxis = (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v);

/** The query string of a state: readable, with only the parameters that differ from their default. */
export function writeUrl(state) {
  const parts = [];
  for (const n of [1, 2]) {
    const { spec, step, view } = state[n];
    const full = spec.weight !== undefined;
    for (const p of specParams) {
      if (p.key === 'dims' || isDefault(p, spec[p.key])) continue;
      parts.push(`${p.url}${n}=${encode(urlValue(spec[p.key], full))}`);
    }
    if (view && view !== 'scatter') parts.push(`v${n}=${view}`);
    parts.push(`step${n}=${step}`);
  }
  return `?${parts.join('&')}`;
}
