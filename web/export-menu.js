// The page's Export menu of one example: the state on screen as SVG or PNG, the walk-through of the
// view as an animated GIF, and the worked example as LaTeX (this step, or all of it) or Markdown,
// every one from the core (figures.js; the CLI's `tconv figure --svg` and `tconv explain` write the
// same). A failure (a figure over its limits, a GIF over its frames) is said in the status line.
import { h } from './dom.js';
import { codeBox, save, statusLine } from './tool-panel.js';

/**
 * The menu, built into body: current() → {spec, view (the view that steps), step (its state), states
 * (its count), name ("Step 2 of 4"), root (the drawn example, for its colours)}; figures:
 * figureExports(...). Returns {refresh}.
 */
export function exportMenu(body, { dims, current, figures, lookOf }) {
  const status = statusLine();
  const latex = codeBox('LaTeX', status);
  const buttons = {};
  const file = (what, ext) => `tconv-${dims}d-${what}.${ext}`;

  async function run(button, work) {
    // Busy, not disabled: a disabled button loses the focus (to <body>), and a keyboard or screen
    // reader user their place.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    status.textContent = 'Working…';
    try {
      status.textContent = await work(current());
    } catch (e) {
      status.textContent = `Could not export: ${e.message}`;
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }
  const action = (key, label, work) => {
    buttons[key] = h('button', { type: 'button', className: 'tool-button', textContent: label });
    buttons[key].onclick = () => run(buttons[key], work);
    return buttons[key];
  };
  const stateFile = (c, ext) => file(`${c.view}-step-${c.step}`, ext);
  const actions = [
    action('svg', 'SVG of this step', async (c) => {
      const svg = await figures.svg(c.spec, { view: c.view, step: c.step, look: lookOf(c.root) });
      const name = stateFile(c, 'svg');
      return `Saved ${name} (${save(new Blob([svg], { type: 'image/svg+xml' }), name)}).`;
    }),
    action('png', 'PNG of this step', async (c) => {
      const png = await figures.png(c.spec, { view: c.view, step: c.step, look: lookOf(c.root) });
      const name = stateFile(c, 'png');
      return `Saved ${name} (${save(png, name)}).`;
    }),
    action('gif', 'GIF of the walk-through', async (c) => {
      const gif = await figures.gif(c.spec, { view: c.view, states: c.states, look: lookOf(c.root) });
      const name = file(`${c.view}-walk-through`, 'gif');
      return `Saved ${name}, ${c.states} frames (${save(gif, name)}).`;
    }),
    action('latexStep', 'LaTeX of this step', async (c) => {
      const text = await figures.latex(c.spec, { format: 'latex', ...latexStep(c) });
      latex.show(text, 14);
      // c.name is the state's label ("Start", "Step 2 of 4"): named as such, not lowercased into a sentence.
      return `The LaTeX of ${c.view === 'scatter' ? `this step (${c.name})` : 'the result'} is below.`;
    }),
    action('latexAll', 'LaTeX, whole example', async (c) => {
      latex.show(await figures.latex(c.spec, { format: 'latex', standalone: true }), 14);
      return 'A LaTeX document (pdflatex, amsmath) of the whole example is below.';
    }),
    action('markdown', 'Markdown (kramdown)', async (c) => {
      latex.show(await figures.latex(c.spec, { format: 'markdown' }), 14);
      return 'The worked example for kramdown and MathJax is below.';
    }),
  ];
  const about = h('p', { className: 'tool-about' });
  body.append(about, h('div', { className: 'tool-buttons' }, ...actions), status, latex.el);
  return {
    // The words say which state and view a click exports.
    refresh: () => {
      const c = current();
      about.textContent = `${c.name} of the ${c.view} view, as the page draws it, or its whole walk-through (${c.states} frames). LaTeX as “tconv explain --latex” writes it.`;
      buttons.latexStep.textContent = c.view === 'scatter' ? 'LaTeX of this step' : 'LaTeX of the result';
    },
  };
}

// explain's states are the scatter's; the gather and matrix views get the final equation.
const latexStep = (c) => (c.view === 'scatter' ? { step: c.step } : { result: true });
