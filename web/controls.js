// The step controls of one example: first, back, play/pause, forward, last, a scrubber, and the
// keyboard (←/→, Space, Home/End) anywhere inside the example except in text fields.
import { h, setText } from './dom.js';

const icons = {
  first: 'M5 5h2.5v14H5zM19 5v14L8.5 12z',
  back: 'M17 5v14L6 12z',
  play: 'M7 5v14l12-7z',
  pause: 'M6.5 5h4v14h-4zM13.5 5h4v14h-4z',
  next: 'M7 5v14l11-7z',
  last: 'M16.5 5H19v14h-2.5zM5 5v14l10.5-7z',
};
const svg = (name) => {
  const ns = 'http://www.w3.org/2000/svg';
  const el = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  el.setAttribute('viewBox', '0 0 24 24');
  el.setAttribute('aria-hidden', 'true');
  path.setAttribute('d', icons[name]);
  el.append(path);
  return el;
};

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

/** Controls calling go(step); update(step, last, label, longest) shows where the example is (longest:
 *  the length of the longest label, the room the label keeps); onplay(on) when playing starts or stops. */
export function controls(root, go, { onplay = () => {} } = {}) {
  let step = 0;
  let last = 0;
  let timer = 0;
  const button = (icon, label, action) =>
    h('button', { type: 'button', title: label, 'aria-label': label, className: icon, onclick: action }, svg(icon));
  const play = button('play', 'Play', () => toggle());
  const scrub = h('input', { type: 'range', min: 0, step: 1, 'aria-label': 'Step', oninput: () => go(+scrub.value) });
  const label = h('span', { className: 'step-label', 'aria-hidden': 'true' });
  const el = h(
    'div',
    { className: 'controls', role: 'group', 'aria-label': 'Steps' },
    button('first', 'First step', () => go(0)),
    button('back', 'Previous step', () => go(step - 1)),
    play,
    button('next', 'Next step', () => go(step + 1)),
    button('last', 'Last step', () => go(last)),
    h('div', { className: 'scrub' }, scrub),
    h('div', {}, label), // a flex item cannot be a layout boundary; its child can
  );

  function toggle(on = !timer) {
    const was = Boolean(timer);
    clearInterval(timer);
    timer = 0;
    if (on) {
      if (step >= last) go(0);
      // Slower steps when the reader asked for less motion: nothing slides, so each change is abrupt.
      timer = setInterval(() => (step < last ? go(step + 1) : toggle(false)), reducedMotion.matches ? 1600 : 900);
    }
    play.firstChild.firstChild.setAttribute('d', icons[timer ? 'pause' : 'play']);
    play.title = timer ? 'Pause' : 'Play';
    play.setAttribute('aria-label', play.title);
    if (was !== Boolean(timer)) onplay(Boolean(timer));
  }

  const keys = {
    ArrowLeft: () => go(step - 1),
    ArrowRight: () => go(step + 1),
    Home: () => go(0),
    End: () => go(last),
    ' ': () => toggle(),
  };
  function onKey(event) {
    const t = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || !keys[event.key]) return;
    if (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t.tagName === 'INPUT' && t.type !== 'range'))
      return;
    // Space activates a focused button, summary or link: it plays and pauses only elsewhere.
    if (event.key === ' ' && /^(BUTTON|SUMMARY|A)$/.test(t.tagName)) return;
    // ←/→ scroll a focused box that scrolls sideways (a long formula on a phone).
    if (/^Arrow/.test(event.key) && !t.classList?.contains('stage') && t.scrollWidth > t.clientWidth + 1) return;
    event.preventDefault();
    keys[event.key]();
  }
  root.addEventListener('keydown', onKey);

  return {
    el,
    update(s, lastStep, text, longest = text.length) {
      step = s;
      last = lastStep;
      // Only what changed is written: writing an attribute again, even to its own value, restyles
      // and lays out the slider.
      if (scrub.max !== String(last)) scrub.max = last;
      scrub.value = s;
      if (scrub.getAttribute('aria-valuetext') !== text) scrub.setAttribute('aria-valuetext', text);
      // The label's box is strict (fixed): wide enough for "Step 16384 of 16384" at 64 groups too.
      if (label.style.getPropertyValue('--tconv-label-chars') !== String(longest))
        label.style.setProperty('--tconv-label-chars', longest);
      setText(label, text);
      if (timer && s >= last) toggle(false);
    },
    stop: () => toggle(false),
    get playing() {
      return Boolean(timer);
    },
    /** Removes the keyboard listener (for an element leaving the document). */
    destroy() {
      toggle(false);
      root.removeEventListener('keydown', onKey);
    },
  };
}
