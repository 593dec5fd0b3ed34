// embed.html: the query string's settings onto its one <tconv-viz>. Only the element's attribute
// names pass (any other parameter is ignored); values are set with setAttribute, so they stay data.
import './tconv-viz.js';

// The element's own list of attributes: one source for what the URL may set.
const names = customElements.get('tconv-viz').observedAttributes;
const query = new URLSearchParams(location.search);
const el = document.querySelector('tconv-viz');
for (const name of names) {
  const value = query.get(name);
  if (value !== null) el.setAttribute(name, value);
}
