// Defines <tconv-viz>: load this one module (<script type="module" src=".../tconv-viz.js">) and
// every <tconv-viz> on the page upgrades. Safe to load twice (or next to another copy).
import { TconvVizElement } from './tconv-viz-element.js';

if (!customElements.get('tconv-viz')) customElements.define('tconv-viz', TconvVizElement);

export { TconvVizElement };
