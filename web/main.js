// The page: the post's two worked examples (1D and 2D), each a Viz beside its parameter panel, both
// kept in the URL. Every number comes from the wasm core; a spec the core (or this page's drawing
// limits) refuses leaves the last valid pictures in place and a message at the field.
import { load, loadTools, TconvError } from './tconv.js';
import { keepGridsInView } from './anchor.js';
import { Editor } from './editor.js';
import { copyButtons } from './embed-code.js';
import { toolPanel } from './tool-panel.js';
import { stateName } from './steps.js';
import { limits, overDrawingLimit, readUrl, seed, writeUrl } from './state.js';
import { Viz } from './viz.js';
import { h } from './dom.js';

// The URL follows the state a moment later: one history entry, rewritten, never a flood of them.
let urlTimer = 0;
const saveUrl = () => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => history.replaceState(history.state, '', writeUrl(state) + location.hash), 120);
};

/** The core's trace of spec, or throws {field, axis, message}: the core's refusal, or this page's limit. */
function check(api, spec) {
  const trace = api.trace(spec);
  const over = overDrawingLimit(trace, "this page's", 'the Sizes panel below answers for any size');
  if (over) {
    trace.dispose();
    throw over;
  }
  return trace;
}

const asError = (e) => {
  if (e instanceof TconvError) return { field: e.field ?? 'spec', axis: e.axis, message: e.message };
  if (e?.message && 'field' in e) return e;
  throw e;
};

const state = readUrl(location.search);
const drawing = [];
// The panels under each example load their modules (esbuild chunks) when first opened; the exports
// then load the encoders (export.js, beside page.js) and every panel the tools module.
const exportUrl = new URL('./export.js', import.meta.url);
const practitioner = () => import('./practitioner.js');
try {
  const api = await load();
  for (const n of [1, 2]) {
    const section = document.getElementById(`ex${n}`);
    const root = section.querySelector('.viz');
    // The first state the build drew (scripts/prerender.mjs, web/ready.js) gives way to the live one,
    // built in this same task with the same layout; disclosures keep the state the reader sees.
    const opened = new Map([...section.querySelectorAll('details[class]')].map((d) => [d.className, d.open]));
    section.querySelector('form').replaceChildren();
    section.querySelector('.extras').replaceChildren();
    let editor = null;
    // The panels under the example: those that show the state on screen, and those about the spec.
    let stepTools = [];
    let specTools = [];
    root.replaceChildren();
    const viz = new Viz(root, {
      onstep: (s) => {
        state[n].step = s;
        saveUrl();
        for (const tool of stepTools) tool.refresh();
      },
      onview: (view) => {
        state[n].view = view;
        saveUrl();
      },
      onedit: (where, cell, text) => editor.editCell(where, cell, text),
    });
    let trace = null;
    let drawn = null;
    // drawn: the spec of what is on screen (a link the core refuses leaves the seed drawn).
    const show = (next, s, spec) => {
      viz.set(next, s, state[n].view);
      trace?.dispose();
      trace = next;
      drawn = spec;
      for (const tool of specTools) tool.refresh();
    };
    const apply = (spec) => {
      try {
        const next = check(api, spec);
        const atEnd = viz.state === viz.lastState;
        state[n] = { ...state[n], spec };
        show(next, atEnd ? Infinity : viz.state, spec);
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
    const unread = state[n].error;
    if (unread?.text != null) editor.keep(unread.field, unread.text);
    if (unread)
      editor.show({
        field: unread.field ?? 'spec',
        message: `this link’s ${unread.field === 'weight' ? 'kernel' : (unread.field ?? 'values')} cannot be read: ${unread.message}`,
        drawn: 'seed',
      });
    try {
      show(check(api, state[n].spec), state[n].step, state[n].spec);
    } catch (e) {
      // A link with a spec the core refuses: its values stay in the editor, the seed is drawn, and
      // the URL keeps the link's values until the user makes them valid.
      editor.show({ ...asError(e), drawn: 'seed' });
      show(api.trace(seed[n]), 0, seed[n]);
    }
    if (state[n].unknownView && !editor.showing()) editor.note(state[n].unknownView);
    // "Copy embed code": this example as a <tconv-viz> element or an iframe, at its current step.
    const extras = section.querySelector('.extras');
    copyButtons(extras, () => ({ ...state[n], view: viz.view }));
    // What is on screen, as the exports take it: the view that steps and its state.
    const current = () => ({
      spec: drawn,
      view: viz.by,
      step: viz.state,
      states: viz.lastState + 1,
      name: stateName(trace, viz.view, viz.state, viz.driver),
      root,
    });
    const toolRow = h('div', { className: 'tools' });
    extras.append(toolRow);
    stepTools = [
      toolPanel(toolRow, {
        label: 'Export',
        className: 'export',
        make: async (body) => {
          const [{ exportMenu }, { figureExports, lookOf }] = await Promise.all([
            import('./export-menu.js'),
            import('./figures.js'),
          ]);
          const figures = figureExports({ loadTools, exportUrl, TconvError });
          return exportMenu(body, { dims: n, current, figures, lookOf });
        },
      }),
    ];
    specTools = [
      toolPanel(toolRow, {
        label: 'Sizes',
        className: 'sizes',
        make: async (body) =>
          (await practitioner()).sizesPanel(body, {
            dims: n,
            loadTools,
            current: () => ({ sizeSpec: editor.sizeSpec() }),
            open: (params) => editor.setParams(params),
            limits,
          }),
      }),
      toolPanel(toolRow, {
        label: 'Frameworks',
        className: 'frameworks',
        make: async (body) =>
          (await practitioner()).frameworksPanel(body, {
            loadTools,
            current: () => ({ spec: drawn, trace, channel: viz.channels.out }),
          }),
      }),
      toolPanel(toolRow, {
        label: 'Code',
        className: 'code',
        make: async (body) => (await practitioner()).codePanel(body, { loadTools, current: () => ({ spec: drawn }) }),
      }),
    ];
    // A size over what the page draws is answered with the output's shape, for any size.
    editor.onoversize = async (spec) => {
      try {
        const [{ shape }, { shapeWords }] = await Promise.all([loadTools().then((t) => t.shape(spec)), practitioner()]);
        return `with these parameters the output would be ${shapeWords(shape, n)} (the Sizes panel below answers for any size)`;
      } catch (e) {
        return e instanceof TconvError ? `at that size: ${e.message}` : null;
      }
    };
    for (const details of section.querySelectorAll('details[class]')) {
      const open = opened.get(details.className);
      if (open !== undefined && open !== details.open) details.open = open;
    }
    section.classList.remove('stale');
    // Live now: the step buttons pressed on the drawn example (ready.js) are pressed again.
    section.removeAttribute('data-prerendered');
    for (const name of (section.dataset.early ?? '').split(' ').filter(Boolean))
      section.querySelector(`.controls button.${name}`)?.click();
    delete section.dataset.early;
    drawing.push(viz.pending);
  }
  keepGridsInView(document.querySelector('main'));
  // Once every example shows the view its link asked for (the gather and matrix views load on demand):
  // tconv-ready, both examples drawn as the link asks (ready.js marked it already when the drawn
  // first states stand), and tconv-live, they answer the reader.
  await Promise.all(drawing);
  if (!performance.getEntriesByName('tconv-ready').length) performance.mark('tconv-ready');
  performance.mark('tconv-live');
  document.documentElement.classList.add('ready');
} catch (e) {
  for (const root of document.querySelectorAll('.example .viz')) {
    const message =
      root.querySelector('.loading') ?? root.insertAdjacentElement('afterbegin', h('p', { className: 'loading' }));
    message.textContent = `The WebAssembly core could not start: ${e.message}`;
    root.closest('.example').classList.remove('stale');
  }
  throw e;
}
