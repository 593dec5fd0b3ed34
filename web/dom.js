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

// A box that scrolls its overflow (the step's description, a formula on a narrow screen) is a tab
// stop while it overflows, and only then: a keyboard can scroll it (WCAG 2.1.1) and no empty stop is
// added. Checked when the box is resized (a rotated phone, a narrower column) and, through
// rescroll(), in the next frame after its content changed. Every box is read first and written
// after, and only a change is written: a write between two reads would lay the page out again.
const overflowing = (el) => {
  const style = getComputedStyle(el);
  const scrolls = (overflow) => overflow === 'auto' || overflow === 'scroll';
  return (
    (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
    (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
  );
};
function recheck(els) {
  const over = els.map((el) => el.isConnected && overflowing(el));
  els.forEach((el, i) => {
    if (over[i]) {
      if (el.getAttribute('tabindex') !== '0') el.tabIndex = 0;
    } else if (el.hasAttribute('tabindex') && el.getRootNode().activeElement !== el) el.removeAttribute('tabindex');
  });
}
const resized =
  typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
        const els = [];
        for (const { target } of entries) {
          if (target.isConnected) els.push(target);
          else resized.unobserve(target);
        }
        recheck(els);
      })
    : null;

/** Makes el a tab stop whenever it scrolls; returns el. */
export function scrollable(el) {
  resized?.observe(el);
  return el;
}

/** After el's content changed: rechecks in the next frame whether it scrolls. */
export function rescroll(el) {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => recheck([el]));
}
