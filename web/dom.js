// Small DOM helpers shared by the modules. Text always goes in as text (textContent), never as markup.

/** An element: properties set directly, names with a dash (aria-*, data-*) as attributes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, v] of Object.entries(props)) key.includes('-') ? el.setAttribute(key, v) : (el[key] = v);
  el.append(...children);
  return el;
}

/** A number as the core gave it, shortened to 4 significant digits when it is not an integer. */
// The exact shortest text when it fits a cell (7 characters); otherwise 4 significant digits marked
// "≈", so a rounded number never passes for an exact one.
export const fmt = (v) => {
  const exact = String(v);
  return exact.length <= 7 ? exact : `≈${Number(v.toPrecision(4))}`;
};

/** "2 × 3", or "5" for one axis. */
export const size = (sizes) => sizes.join(' × ');

/** The names of the axes, per number of dimensions. */
export const axisNames = { 1: ['length'], 2: ['height', 'width'] };
