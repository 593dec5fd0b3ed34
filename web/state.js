// The state of the page: one spec and one step per example, the presets, and their place in the
// URL (?in1=2,3&k1=1,2,3&s1=2&step1=2&in2=1,2;3,4&...), so that a link restores exactly what it shows.
import { axisNames } from './dom.js';

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

const ones = [
  [1, 1, 1],
  [1, 1, 1],
  [1, 1, 1],
];
export const presets = {
  1: [
    ['The post’s 1D example', seed[1]],
    ['k = 3, stride 2: uneven overlap', { dims: 1, input: [1, 2, 3, 4], kernel: [1, 1, 1], stride: 2 }],
    ['output_padding 1: a cell no copy reaches', { ...seed[1], output_padding: 1 }],
    ['Dilation 2: gaps in each copy', { dims: 1, input: [1, 2, 3], kernel: [1, 0, -1], dilation: 2 }],
    ['Padding 1 and a bias', { ...seed[1], padding: 1, bias: [0.5] }],
  ],
  2: [
    ['The post’s 2D example', seed[2]],
    [
      'k = 3, stride 2: uneven overlap',
      {
        dims: 2,
        input: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        kernel: ones,
        stride: 2,
      },
    ],
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
      'The post’s animation: 2×2 → 4×4, stride 1',
      {
        dims: 2,
        input: [
          [1, 2],
          [3, 4],
        ],
        kernel: ones,
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
        kernel: ones,
        stride: [2, 1],
      },
    ],
  ],
};

/** What this page draws at most, per axis: the core accepts more, but not as smooth tables. */
export const limits = { input: 16, kernel: 7, buffer: 67 };

/** The first size over those limits as {field, message}, or null; `who` names whose limit it is. */
export function overDrawingLimit(trace, who) {
  for (const [i, a] of trace.axes.entries()) {
    const axis = axisNames[trace.dims][i];
    for (const name of ['input', 'kernel']) {
      if (a[name] > limits[name])
        return { field: name, message: `${name} ${axis} ${a[name]} is over ${who} limit of ${limits[name]}` };
    }
    if (a.buffer > limits.buffer) {
      return {
        field: 'spec',
        message: `the intermediate output ${axis} would be ${a.buffer}, over ${who} limit of ${limits.buffer} (use a smaller stride, dilation, kernel or input)`,
      };
    }
  }
  return null;
}

/** The per-axis parameters, their URL keys and the value that leaves them out. */
export const params = [
  ['stride', 's', 1],
  ['padding', 'p', 0],
  ['output_padding', 'op', 0],
  ['dilation', 'd', 1],
];

/** One number as the user wrote it: a number when it reads as one, else the text, which the core names. */
export function value(text) {
  const t = text.trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^[-+]?(Infinity|NaN)$/i.test(t) ? Number(t) : t;
}

/** `1 2; 3 4` (rows by ';' or new lines, values by spaces or commas) or JSON like `[[1,2],[3,4]]`. */
export function parseValues(text, dims) {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      throw new SyntaxError(`cannot read “${t.slice(0, 40)}”: write 1 2; 3 4 or [[1,2],[3,4]]`);
    }
  }
  const rows = t
    .split(/\s*[;\n]\s*/)
    .filter(Boolean)
    .map((row) => row.split(/[\s,]+/).map(value));
  return dims === 1 && rows.length === 1 ? rows[0] : rows;
}

/** Values as text: `1 2; 3 4`, or with commas `1,2;3,4` for the URL. */
export const valuesText = (v, sep = ' ') =>
  Array.isArray(v[0]) ? v.map((row) => row.join(sep)).join(sep === ' ' ? '; ' : ';') : [].concat(v).join(sep);

/** {1: {spec, step, error}, 2: ...} from a query string; a missing or unreadable example is the seed's. */
export function readUrl(search) {
  const q = new URLSearchParams(search);
  const state = {};
  for (const n of [1, 2]) {
    let spec = seed[n];
    let error = null;
    try {
      if (q.has(`in${n}`) || q.has(`k${n}`)) {
        spec = { dims: n, input: parseValues(q.get(`in${n}`) ?? '', n), kernel: parseValues(q.get(`k${n}`) ?? '', n) };
        for (const [name, key] of params) {
          const v = q.get(key + n);
          if (v !== null) spec[name] = perAxis(parseValues(v, 1));
        }
        if (q.has(`b${n}`)) spec.bias = [value(q.get(`b${n}`))];
      }
    } catch (e) {
      // A link whose values cannot even be read: the seed, and the reason for the editor to show.
      [spec, error] = [seed[n], e.message];
    }
    state[n] = { spec, step: Number.parseInt(q.get(`step${n}`), 10) || 0, error };
  }
  return state;
}

const perAxis = (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v);

/** The query string of a state; readable, with only the parameters that differ from their default. */
export function writeUrl(state) {
  const parts = [];
  for (const n of [1, 2]) {
    const { spec, step } = state[n];
    parts.push(`in${n}=${valuesText(spec.input, ',')}`, `k${n}=${valuesText(spec.kernel, ',')}`);
    for (const [name, key, none] of params) {
      const v = spec[name];
      if (v !== undefined && [].concat(v).some((x) => x !== none)) parts.push(`${key}${n}=${[].concat(v).join(',')}`);
    }
    if (spec.bias) parts.push(`b${n}=${spec.bias[0]}`);
    parts.push(`step${n}=${step}`);
  }
  return `?${parts.join('&').replace(/[^\w.,;=&~-]/g, encodeURIComponent)}`;
}
