// The page: the post's two worked examples (1D and 2D), each a Viz beside its parameter panel, both
// kept in the URL. Every number comes from the wasm core; a spec the core (or this page's drawing
// limits) refuses leaves the last valid pictures in place and a message at the field.
import { load, TconvError } from './tconv.js';
import { keepGridsInView } from './anchor.js';
import { Editor } from './editor.js';
import { copyButtons } from './embed-code.js';
import { limits, overDrawingLimit, readUrl, seed, writeUrl } from './state.js';
import { Viz } from './viz.js';

// The URL follows the state a moment later: one history entry, rewritten, never a flood of them.
let urlTimer = 0;
const saveUrl = () => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => history.replaceState(history.state, '', writeUrl(state) + location.hash), 120);
};

/** The core's trace of spec, or throws {field, axis, message}: the core's refusal, or this page's limit. */
function check(api, spec) {
  const trace = api.trace(spec);
  const over = overDrawingLimit(trace, "this page's");
  if (over) {
    trace.dispose();
    throw over;
  }
  return trace;
}

const asError = (e) => {
  if (e instanceof TconvError) return { field: e.field ?? 'spec', axis: e.axis, message: e.message };
  if (e && e.message && 'field' in e) return e;
  throw e;
};

const state = readUrl(location.search);
try {
  const api = await load();
  for (const n of [1, 2]) {
    const section = document.getElementById(`ex${n}`);
    const root = section.querySelector('.viz');
    let editor = null;
    root.replaceChildren();
    const viz = new Viz(root, {
      onstep: (s) => {
        state[n].step = s;
        saveUrl();
      },
      onview: (view) => {
        state[n].view = view;
        saveUrl();
      },
      onedit: (where, cell, text) => editor.editCell(where, cell, text),
    });
    let trace = null;
    const show = (next, s) => {
      viz.set(next, s, state[n].view);
      trace?.dispose();
      trace = next;
    };
    const apply = (spec) => {
      try {
        const next = check(api, spec);
        const atEnd = viz.state === viz.lastState;
        state[n] = { ...state[n], spec };
        show(next, atEnd ? Infinity : viz.state);
        saveUrl();
        return null;
      } catch (e) {
        return asError(e);
      }
    };
    editor = new Editor(section.querySelector('form'), n, apply, limits);
    // A preset may open in the view that shows it best (the post's opening figure: the gather view).
    editor.onpreset = (view) => {
      if (view) state[n].view = view;
    };
    editor.load(state[n].spec);
    if (state[n].error) editor.show({ field: 'spec', message: `this link’s values cannot be read: ${state[n].error}` });
    try {
      show(check(api, state[n].spec), state[n].step);
    } catch (e) {
      // A link with a spec the core refuses: its values stay in the editor, the seed is drawn, and
      // the URL keeps the link's values until the user makes them valid.
      editor.show(asError(e));
      show(api.trace(seed[n]), 0);
    }
    // "Copy embed code": this example as a <tconv-viz> element or an iframe, at its current step.
    copyButtons(section.querySelector('.extras'), () => ({ ...state[n], view: viz.view }));
  }
  keepGridsInView(document.querySelector('main'));
  performance.mark('tconv-ready');
  document.documentElement.classList.add('ready');
} catch (e) {
  for (const el of document.querySelectorAll('.loading'))
    el.textContent = `The WebAssembly core could not start: ${e.message}`;
  throw e;
}
