// The error class and the checks of the API's own arguments, shared by the core's API (tconv.js) and
// the tools' (tools-api.js): a misuse is named like the core names a spec's errors.

/** The one error class: every invalid spec or call throws it, with what it is about as data. */
export class TconvError extends Error {
  /** @param {{field?: string|null, axis?: number|null, valid?: object|array|null}} [about] */
  constructor(message, { field = null, axis = null, valid = null } = {}) {
    super(message);
    this.name = 'TconvError';
    /** The spec key (or argument) the error is about, or null for the spec as a whole. */
    this.field = field;
    /** The spatial axis (0: length or height, 1: width), or null. */
    this.axis = axis;
    /** What the field accepts: {min, max} or a list of values, or null. */
    this.valid = valid;
  }
}

// The core answers a failure with its error as JSON text; anything else is the result.
export function fromCore(result) {
  if (typeof result !== 'string') return result;
  const { error, field, axis, valid } = JSON.parse(result);
  throw new TconvError(error, { field, axis, valid: valid ?? null });
}

// A misuse of the API itself, named like the core names a spec's errors.
export const misuse = (message, field) => new TconvError(message, { field });
const shown = (value) =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'number'
      ? String(value)
      : value === null
        ? 'null'
        : typeof value;

export function integer(name, value) {
  // Embind would silently turn 1.7, NaN or 2**32 into some int.
  if (Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31) return value;
  throw misuse(`${name} must be an integer, got ${shown(value)}`, name);
}

export function cellArgument(cell, name = 'cell') {
  const list = ArrayBuffer.isView(cell) ? Array.from(cell) : cell;
  if (Array.isArray(list) && list.length <= 8 && list.every((v) => Number.isSafeInteger(v) && Math.abs(v) < 2 ** 31))
    return list;
  throw misuse(
    `${name} must be an array of whole numbers, [channel, ...position], got ${Array.isArray(cell) ? JSON.stringify(cell).slice(0, 40) : shown(cell)}`,
    name,
  );
}

export function optionsArgument(options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw misuse(`options must be an object like {${allowed}}, got ${shown(options)}`, 'options');
  }
  return options;
}

export function oneOf(name, value, values) {
  if (values.includes(value)) return value;
  throw new TconvError(`${name} must be ${values.map((v) => `"${v}"`).join(' or ')}, got ${shown(value)}`, {
    field: name,
    valid: values,
  });
}

/** A range [first, count] of channels, rows or columns, or undefined (all of them). */
export function rangeArgument(name, range) {
  if (range === undefined) return undefined;
  if (Array.isArray(range) && range.length === 2)
    return [integer(`${name}[0]`, range[0]), integer(`${name}[1]`, range[1])];
  throw misuse(
    `${name} must be [first, count], got ${Array.isArray(range) ? JSON.stringify(range).slice(0, 40) : shown(range)}`,
    name,
  );
}
