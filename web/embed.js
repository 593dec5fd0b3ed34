// embed.html: the query string's settings onto its one <tconv-viz>. Only the element's attribute
// names pass (any other parameter is ignored); values are set with setAttribute, so they stay data.
// In a frame, it tells the page around it its height (embed-host.js, optional, applies it).
import './tconv-viz.js';

// The element's own list of attributes: one source for what the URL may set.
const names = customElements.get('tconv-viz').observedAttributes;
const query = new URLSearchParams(location.search);
const el = document.querySelector('tconv-viz');
for (const name of names) {
  const value = query.get(name);
  if (value !== null) el.setAttribute(name, value);
}

// The height of the content (not of the frame: <html> is as tall as what it holds), to the parent,
// whenever it changes and when the parent asks. A height is no secret: any origin may read it; the
// host script checks that the message comes from its own frame and that frame's origin.
if (window.parent !== window) {
  let sent = 0;
  const post = (force = false) => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && !force) return;
    sent = height;
    window.parent.postMessage({ type: 'tconv-embed-height', height }, '*');
  };
  new ResizeObserver(() => post()).observe(document.documentElement);
  addEventListener('message', (event) => {
    if (event.source === window.parent && event.data?.type === 'tconv-embed-ask') post(true);
  });
}
