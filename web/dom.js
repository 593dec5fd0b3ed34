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
/** "→" and el, kept together: where el (an output) wraps below what it comes from, the arrow leads its line. */
export const arrowTo = (el) =>
  h('div', { className: 'then' }, h('span', { className: 'arrow', 'aria-hidden': 'true', textContent: '→' }), el);
/** "1 cell", "3 cells": a count and its noun. */
export const counted = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** The text with its first letter a capital: a clause made the start of a sentence. */
export const capitalized = (text) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** Sets el's text only if it changed: the same text written again still lays its box out again. */
export const setText = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};

/** The names of the axes, per number of dimensions. */
export const axisNames = { 1: ['length'], 2: ['height', 'width'] };

// A box that scrolls its overflow (the step's description, a formula on a narrow screen) is a tab
// stop while it overflows, and only then: a keyboard can scroll it (WCAG 2.1.1) and no empty stop is
// added. Whether it overflows changes only when the box or its content changes size, so both are
// watched by a ResizeObserver, whose callbacks run after the browser's own layout: reading the sizes
// there forces nothing (a read in requestAnimationFrame, before layout, forced a style and layout
// pass per step). Every box is read first and written after, and only a change is written.
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
const boxOf = new WeakMap(); // a watched content → the box that scrolls it
const fittedTo = new WeakMap(); // a watched content → the box whose height follows it
const grown = new WeakMap(); // a fitted box → {width, height} it has grown to, its content's height `now`
const resized =
  typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
        const els = new Set();
        const heights = [];
        for (const { target, borderBoxSize } of entries) {
          const box = boxOf.get(target) ?? target;
          if (box.isConnected) els.add(box);
          else resized.unobserve(target);
          const fitted = fittedTo.get(target);
          if (fitted?.isConnected) {
            const [{ inlineSize: width, blockSize }] = borderBoxSize;
            const height = Math.ceil(blockSize);
            const last = grown.get(fitted);
            if (last && !last.fresh && last.width === width && last.height >= height) last.now = height;
            else heights.push([fitted, { width, height }]);
          }
        }
        for (const [fitted, size] of heights) {
          grown.set(fitted, { ...size, now: size.height });
          fitted.style.setProperty('--tconv-fit-h', `${size.height}px`);
        }
        recheck([...els]);
      })
    : null;

// A box whose text changes at every step (the step's description) is its own layout boundary: with
// `contain: strict` a new text lays out only the box, where without it every step laid the page out
// and walked it again before paint (pre-paint 3 → 6 ms a step at 64 groups). A strict box cannot
// grow with its text, so its height is given: its CSS reads --tconv-fit-h, the height of the block
// inside it that holds the text, written here after each layout that changes it (in the same frame,
// before paint). Its CSS may ignore it (on a phone the description keeps a fixed height and scrolls).
// The height only grows, while the width stays, until refit(): a box that shrank back at the next
// shorter text moved everything below it twice in a few steps, and each move laid out and walked
// the whole page again (one step in ten at 64 groups, the slowest tenth).
/** Makes box's CSS height follow content's through --tconv-fit-h, growing only; returns box. */
export function fitted(box, content) {
  fittedTo.set(content, box);
  resized?.observe(content);
  return box;
}
/** Fits box to its content's last height again, smaller than its tallest so far (a new spec). */
export function refit(box) {
  const last = grown.get(box);
  if (!last) return;
  last.fresh = true; // the next height is taken as it is
  box.style.setProperty('--tconv-fit-h', `${last.now}px`);
}

/** Makes el a tab stop whenever it scrolls; returns el. Give content (a block inside el that holds
 *  all of el's text) when el's own size is fixed and its text changes. */
export function scrollable(el, content) {
  resized?.observe(el);
  if (content) {
    boxOf.set(content, el);
    resized?.observe(content);
  }
  return el;
}
