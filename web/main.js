// The page: the post's two worked examples (1D and 2D), each a Viz with its Editor, both kept in
// the URL. Every number comes from the wasm core; a spec the core (or this page's size limits)
// refuses leaves the last valid pictures in place and a message at the field.
import { load, TconvError } from './tconv.js';
import { Editor } from './editor.js';
import { copyButtons } from './embed-code.js';
import { overDrawingLimit, readUrl, seed, writeUrl } from './state.js';
import { Viz } from './viz.js';

// The URL follows the state a moment later: one history entry, rewritten, never a flood of them.
let urlTimer = 0;
const saveUrl = () => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => history.replaceState(history.state, '', writeUrl(state) + location.hash), 120);
};

/** The core's trace of spec, or throws {field, message}: the core's message, or this page's limit. */
function check(api, spec) {
  const trace = api.trace(spec);
  const over = overDrawingLimit(trace, "this page's");
  if (over) throw over;
  return trace;
}

const state = readUrl(location.search);
try {
  const api = await load();
  for (const n of [1, 2]) {
    const section = document.getElementById(`ex${n}`);
    const root = section.querySelector('.viz');
    root.replaceChildren();
    const viz = new Viz(root, {
      onstep: (s) => {
        state[n].step = s;
        saveUrl();
      },
    });
    const apply = (spec) => {
      try {
        const trace = check(api, spec);
        const atEnd = viz.step === viz.trace.stepCount + 2;
        state[n] = { spec, step: 0 };
        viz.set(trace, atEnd ? Infinity : viz.step);
        return null;
      } catch (e) {
        if (e instanceof TconvError || e.field) return { field: e.field, message: e.message };
        throw e;
      }
    };
    // The editor is built when it is first opened: the pictures come first.
    const details = section.querySelector('details.edit');
    let editor = null;
    const editorFor = (spec) => {
      if (!editor) (editor = new Editor(section.querySelector('form'), n, apply)).load(spec);
      return editor;
    };
    details.addEventListener('toggle', () => details.open && editorFor(state[n].spec));
    if (state[n].error) {
      editorFor(state[n].spec).show({ field: 'spec', message: `this link’s values cannot be read: ${state[n].error}` });
      details.open = true;
    }
    try {
      viz.set(check(api, state[n].spec), state[n].step);
    } catch (e) {
      // A link with a spec the core refuses: its values stay in the editor, the seed is drawn.
      // The URL keeps the link's values until the user makes them valid.
      editorFor(state[n].spec).show({ field: e.field, message: e.message });
      details.open = true;
      state[n].step = 0;
      viz.set(api.trace(seed[n]), 0);
    }
    // "Copy embed code": this example as a <tconv-viz> element or an iframe, at its current step.
    const embed = document.createElement('div');
    details.before(embed);
    copyButtons(embed, () => state[n]);
  }
  performance.mark('tconv-ready');
  document.documentElement.classList.add('ready');
} catch (e) {
  for (const el of document.querySelectorAll('.loading'))
    el.textContent = `The WebAssembly core could not start: ${e.message}`;
  throw e;
}
