// The grid being read stays on screen when the window changes size (a phone rotated, a window
// resized): the page re-lays out under an unchanged scroll offset, and a grid that was in the middle
// of a tall portrait screen can end above a short landscape one. The grid under the middle of the
// window (or the example's grids around it) is remembered after each scroll, with where it stood,
// and put back after a resize, whole on screen where it fits.

/** Keeps the grids inside `scope` (the page's examples) in view across resizes. */
export function keepGridsInView(scope = document) {
  let anchor = null; // {el, at: its top as a fraction of the window's height}
  let queued = false;
  let ours = false; // the next scroll event is the one onResize made

  const remember = () => {
    queued = false;
    const hit = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    const el = hit?.closest('.stage .cells-box') ?? hit?.closest('.stage') ?? null;
    if (!el || !scope.contains(el)) {
      anchor = null;
      return;
    }
    anchor = { el, at: el.getBoundingClientRect().top / innerHeight };
  };
  const onScroll = () => {
    // That scroll keeps the grid where the reader had it: rotating back puts it there again.
    if (ours) {
      ours = false;
      return;
    }
    // Read once per frame, after the browser's own layout.
    if (!queued) requestAnimationFrame(remember);
    queued = true;
  };

  const onResize = () => {
    if (!anchor?.el.isConnected) return;
    const r = anchor.el.getBoundingClientRect();
    // The bar that stays at the bottom of a phone's screen covers what is under it.
    const bar = anchor.el.closest('.tconv')?.querySelector('.step-bar');
    const covered = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
    const room = innerHeight - covered;
    const top = Math.max(0, Math.min(anchor.at * innerHeight, room - r.height));
    if (Math.abs(r.top - top) < 1) return;
    ours = true;
    scrollBy({ top: r.top - top, behavior: 'instant' });
  };

  addEventListener('scroll', onScroll, { passive: true });
  addEventListener('resize', onResize);
}
