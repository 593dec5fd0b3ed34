// The one list of spec parameters on the JS side: each key's element attribute and property, its
// short name in the page's URL, how its text becomes a value, and the default that lets the URL and
// the embed code leave it out. The element's attributes, the page's URL state and the embed code all
// read this list (the core has its own, spec.hpp's axis_param_keys; the values here are the same
// defaults, checked by tests/e2e/params.test.mjs against the core's messages).

/**
 * key: the spec key; attr/prop: the element's attribute and property; url: the page's query name
 * (followed by the example's number); kind: 'int' | 'axes' (one int or one per axis) | 'json' (nested
 * numbers); none: the value that is left out of URLs and embed code.
 */
export const specParams = [
  { key: 'dims', attr: 'dims', prop: 'dims', url: 'dims', kind: 'int' },
  { key: 'input', attr: 'input', prop: 'input', url: 'in', kind: 'json' },
  { key: 'kernel', attr: 'kernel', prop: 'kernel', url: 'k', kind: 'json' },
  { key: 'weight', attr: 'weight', prop: 'weight', url: 'w', kind: 'json' },
  { key: 'bias', attr: 'bias', prop: 'bias', url: 'b', kind: 'json' },
  { key: 'stride', attr: 'stride', prop: 'stride', url: 's', kind: 'axes', none: 1 },
  { key: 'padding', attr: 'padding', prop: 'padding', url: 'p', kind: 'axes', none: 0 },
  { key: 'output_padding', attr: 'output-padding', prop: 'outputPadding', url: 'op', kind: 'axes', none: 0 },
  { key: 'dilation', attr: 'dilation', prop: 'dilation', url: 'd', kind: 'axes', none: 1 },
  { key: 'groups', attr: 'groups', prop: 'groups', url: 'g', kind: 'int', none: 1 },
];

/** The per-axis parameters (stride, padding, output_padding, dilation), in the editor's order. */
export const axisParams = specParams.filter((p) => p.kind === 'axes');

/** The element's settings that are not spec keys: how it shows the example. */
export const displayParams = [
  { attr: 'step', prop: 'step', url: 'step' },
  { attr: 'view', prop: 'view', url: 'v', values: ['scatter', 'gather', 'matrix', 'all'], none: 'scatter' },
  { attr: 'controls', prop: 'controls', values: ['none', 'steps', 'full'], none: 'steps' },
  { attr: 'theme', prop: 'theme', values: ['auto', 'light', 'dark'], none: 'auto' },
  { attr: 'autoplay', prop: 'autoplay', boolean: true },
];

/** One number as written: a number when it reads as one, else the text, which the core names. */
export function value(text) {
  const typed = String(text).trim();
  // The minus sign the page writes (−, U+2212) reads as the ASCII one: its numbers can be copied
  // back. Text that is no number goes to the core as typed.
  const t = typed.replace(/^\u2212/, '-').replace(/e\u2212/i, 'e-');
  if (/^[-+]?(Infinity|NaN)$/i.test(t)) return Number(t);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return typed;
  // 1e400 reads as Infinity: its text goes to the core, which names the magnitude limit it is over.
  const number = Number(t);
  return Number.isFinite(number) ? number : t;
}

/**
 * A whole-number field's value (a size, a channel count, stride, padding, …): as value(), but an
 * integer past 2⁵³ goes as a BigInt, which the core reads exactly, so that its message echoes what
 * was typed (a Number would be rounded: 99999999999999999999 → 100000000000000000000). Every such
 * value is over the core's limits, so it is only ever refused, never kept in the page's state.
 */
export function wholeValue(text) {
  const t = String(text).trim();
  return /^[-+]?\d{16,}$/.test(t) && !Number.isSafeInteger(Number(t)) ? BigInt(t) : value(t);
}

/**
 * Typed text as the core's messages echo it (format.cpp's excerpt and quoted): a number bare, other
 * text in straight quotes, each cut to 40 characters. The page's own messages echo this way too, so
 * that a message never quotes one field's text “so” and another's "so".
 */
export function echo(text) {
  const t = String(text).trim();
  return typeof value(t) === 'number' ? excerpt(t) : quoted(t);
}

/** Text in straight quotes, cut to 40 characters: an attribute's value, which is always text. */
export const quoted = (text) => JSON.stringify(excerpt(String(text).trim()));

const excerpt = (t) => {
  const chars = [...t];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}\u2026` : t;
};

/** The longest attribute or URL value read at all: past it the text is refused, never parsed. */
export const maxTextLength = 1 << 20;

/**
 * A setting's value from its text (an attribute, a URL parameter): data, never evaluated. JSON
 * arrays are read with JSON.parse; what cannot be read goes to the core as text, whose message then
 * names the key and what it expects.
 */
export function parseSetting(kind, text) {
  const t = String(text).trim();
  if (t.length > maxTextLength) return t.slice(0, 64);
  if (kind === 'int') return value(t);
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  if (kind === 'axes') return t.includes(',') ? t.split(',').map(value) : value(t);
  // bias="0.5": one channel's bias as a plain number.
  const number = value(t);
  return typeof number === 'number' ? [number] : t;
}

/** The text of a setting's value, as an attribute or in a URL: per-axis lists as "2,1", arrays as JSON. */
export function settingText(kind, v) {
  if (!Array.isArray(v)) return String(v);
  return kind === 'axes' && v.every((x) => !Array.isArray(x)) ? v.join(',') : JSON.stringify(v);
}

/** Whether a spec's value for this parameter is its default (and so left out of links and code). */
export function isDefault(param, v) {
  if (v === undefined || v === null) return true;
  if (param.none === undefined) return false;
  return [].concat(v).every((x) => x === param.none);
}
