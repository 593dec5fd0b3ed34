// embed.html: the query string's settings onto its one <tconv-viz>. Only the element's attribute
// names pass (any other parameter is ignored); values are set with setAttribute, so they stay data.
import './tconv-viz.js';

const names = ['dims', 'input', 'kernel', 'weight', 'bias', 'stride', 'padding', 'output-padding', 'dilation', 'groups', 'step', 'controls', 'autoplay'];
const query = new URLSearchParams(location.search);
const el = document.querySelector('tconv-viz');
for (const name of names) {
  const value = query.get(name);
  if (value !== null) el.setAttribute(name, value);
}
