// The JS side of the boundary (docs/boundary.md): how a spec object becomes what the core reads.
// A spec whose arrays are regular nests of finite numbers within the value limit (the normal case)
// crosses as data: the other keys as a small JSON text, each array as its shape, and then its
// values, written straight into the memory the core allocated once the shapes passed every size
// rule. Anything else crosses as JSON text written here, so that the core's reader names what is
// wrong (NaN and Infinity stay visible as tokens, a cycle is refused here, a text over the length
// limit is measured and refused before it is copied anywhere).

/** The spec keys that hold arrays of numbers. */
export const arrayKeys = ['input', 'weight', 'kernel', 'bias'];

const isList = (value) => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

/**
 * {shape, data} for a regular nest of finite numbers of at most maxAbs in magnitude, else null (the
 * text form will say what is wrong). Over maxValues values in all (far over every size limit) the
 * nest is only checked, not copied: data is null, and the core refuses it from its shape alone.
 */
export function flatten(value, { maxDepth, maxAbs, maxValues }) {
  const shape = [];
  for (let level = value; isList(level); level = level[0]) {
    if (level.length === 0 || shape.length === maxDepth) return null;
    shape.push(level.length);
  }
  if (shape.length === 0) return null;
  let count = 1;
  for (const size of shape) count *= size;
  const data = count > maxValues ? null : new Float64Array(count);
  let next = 0;
  const last = shape.length - 1;
  const walk = (list, depth) => {
    if (!isList(list) || list.length !== shape[depth]) return false;
    if (depth === last) {
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        // typeof: a BigInt, a string or a boolean goes to the text form; so does a nested list.
        if (typeof v !== 'number' || !(Math.abs(v) <= maxAbs)) return false;
        if (data) data[next++] = v;
      }
      return true;
    }
    for (let i = 0; i < list.length; i++) if (!walk(list[i], depth + 1)) return false;
    return true;
  };
  return walk(value, 0) ? { shape, data } : null;
}

const first = (list) => (isList(list) ? first(list[0]) : list);

/**
 * The data form of a spec, {scalars: JSON text of the other keys, shapes, arrays}, or null when
 * some array is not regular data (then use specText).
 */
export function splitSpec(spec, limits) {
  if (spec === null || typeof spec !== 'object' || isList(spec)) return null;
  const options = { maxDepth: limits.maxJsonDepth - 1, maxAbs: limits.maxAbsValue, maxValues: limits.maxJsonValues };
  const rest = {};
  const shapes = {};
  const arrays = {};
  for (const key of Object.keys(spec)) {
    const value = spec[key];
    if (value === undefined) continue;
    if (arrayKeys.includes(key) && value !== null) {
      const flat = flatten(value, options);
      if (flat === null) return null;
      // The first value's text: what a nesting error quotes, as the text form would ("got 1").
      shapes[key] = { sizes: flat.shape, first: JSON.stringify(first(value)) };
      arrays[key] = flat.data;
    } else {
      rest[key] = value;
    }
  }
  const scalars = specText(rest, limits);
  return scalars.bytes > 65536 ? null : { scalars: scalars.text, shapes, arrays };
}

/**
 * The spec as JSON text for the core's reader and its length in UTF-8 bytes. Past maxJsonBytes the
 * text stops growing but the count goes on, so that the core can say how long it is; past
 * maxJsonDepth levels nothing more is written (the core refuses the nesting by its own message).
 * Throws `{cycle: path}` when the spec contains itself (the wrapper turns it into a TconvError).
 */
export function specText(spec, { maxJsonBytes, maxJsonDepth }) {
  const parts = [];
  let bytes = 0;
  const emit = (text) => {
    bytes += text.length; // ASCII except in strings, which count themselves (utf8Length)
    if (bytes <= maxJsonBytes) parts.push(text);
  };
  const ancestors = new Set();
  const write = (value, path, depth) => {
    if (value !== null && typeof value === 'object' && typeof value.toJSON === 'function') value = value.toJSON();
    switch (typeof value) {
      case 'number':
        // -0, NaN and the infinities as the bare tokens the core reads and names.
        emit(Object.is(value, -0) ? '-0' : Number.isFinite(value) ? JSON.stringify(value) : String(value));
        return;
      case 'bigint':
        emit(value.toString());
        return;
      case 'string': {
        const text = JSON.stringify(value);
        emit(text);
        bytes += utf8Length(value) - value.length;
        return;
      }
      case 'boolean':
        emit(String(value));
        return;
      case 'object':
        break;
      default:
        emit('null'); // undefined, a function or a symbol in a list, as JSON.stringify writes it
        return;
    }
    if (value === null) return emit('null');
    if (ancestors.has(value)) throw { cycle: path };
    if (depth > maxJsonDepth) return emit('0');
    ancestors.add(value);
    if (isList(value)) {
      emit('[');
      for (let i = 0; i < value.length; i++) {
        if (i) emit(',');
        write(value[i], `${path}[${i}]`, depth + 1);
      }
      emit(']');
    } else {
      emit('{');
      let first = true;
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        if (!first) emit(',');
        first = false;
        write(key, path, depth);
        emit(':');
        write(item, path ? `${path}.${key}` : key, depth + 1);
      }
      emit('}');
    }
    ancestors.delete(value);
  };
  write(spec, '', 1);
  return { text: parts.join(''), bytes };
}

/** Bytes of a string in UTF-8 (a lone surrogate is written as U+FFFD, 3 bytes). */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
