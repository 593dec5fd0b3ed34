// The tools' API over the tools module (tconv-tools.wasm): each call takes a spec (or a query) as
// the core's API takes it, crosses once as JSON text (jsonArgument: written and length-checked by
// tconv.js) and answers plain JS values, or throws TconvError.
import { fromCore, integer, misuse, oneOf, optionsArgument, TconvError } from './arguments.js';

const frameworks = ['pytorch', 'keras', 'tf', 'jax', 'onnx'];
const codeFrameworks = ['pytorch', 'keras', 'jax', 'onnx', 'tfjs'];
const views = ['scatter', 'gather', 'matrix'];
const explainFormats = ['text', 'latex', 'markdown'];
// The tools module's codes for explain's step (wasm/tools.hpp): the last state, or every step.
const explainEnd = -1;
const everyStep = -2;

// The one-shot calls answer JSON text: the result, or the error with its field, axis and valid.
function oneShot(text) {
  const result = JSON.parse(text);
  if (result.error !== undefined) {
    const { error, field, axis, valid } = result;
    throw new TconvError(error, { field, axis, valid: valid ?? null });
  }
  return result;
}

// A step as the element's step attribute takes it: 'end' or a whole number (a string of one too).
function stepText(step) {
  if (step === 'end' || (typeof step === 'number' && Number.isSafeInteger(step))) return String(step);
  if (typeof step === 'string' && /^\d{1,9}$/.test(step)) return step;
  throw misuse(`step must be "end" or a whole number, got ${JSON.stringify(step) ?? typeof step}`, 'step');
}

export function createTools(tools, jsonArgument) {
  return Object.freeze({
    /** One state of a view as a self-contained SVG, the same text as `tconv figure --svg`.
     *  step: a state index or 'end' (default); view: 'scatter' (default), 'gather' or 'matrix';
     *  theme: 'light' (default) or 'dark', as `--theme`; palette: CSS strings that override the
     *  theme's (bg, fg, muted, cell, line, win, tap, cur, multi, cut, op, tapTint, cutTint, font, mono). */
    figureSvg(spec, options) {
      const {
        step = 'end',
        view = 'scatter',
        theme = 'light',
        palette = {},
      } = optionsArgument(options, "step: 2, view: 'gather'");
      oneOf('view', view, views);
      if (palette === null || typeof palette !== 'object') throw misuse('palette must be an object', 'palette');
      return fromCore(tools.figureSvg(jsonArgument(spec), view, stepText(step), String(theme), palette)).svg;
    },
    /** The worked example as `tconv explain` writes it: format 'text' (default), 'latex' or 'markdown';
     *  standalone (latex): a whole document; step: one state ('end' the last); result: the final equation. */
    explain(spec, options) {
      const {
        format = 'text',
        standalone = false,
        step = null,
        result = false,
      } = optionsArgument(options, "format: 'latex', step: 2");
      oneOf('format', format, explainFormats);
      const state = step === null ? everyStep : step === 'end' ? explainEnd : integer('step', step);
      if (state < 0 && step !== 'end' && step !== null)
        throw misuse(`step must be "end" or a whole number, got ${step}`, 'step');
      return fromCore(tools.explain(jsonArgument(spec), format, Boolean(standalone), state, Boolean(result))).text;
    },
    /** A number as the page and the figures write it (web/dom.js fmt, in the core). */
    displayNumber(value) {
      return tools.displayNumber(Number(value));
    },
    /** The output shape from sizes alone ({input_size, kernel_size, in_channels, out_channels}) or values. */
    shape(spec) {
      return oneShot(tools.shapeText(jsonArgument(spec)));
    },
    /** Every parameter set giving output_size from input_size, per axis, ranked: {axes, unsolved}. */
    solve(query) {
      return oneShot(tools.solveText(jsonArgument(query)));
    },
    /** One framework's arguments as a crop of the full buffer, and in another's (default: PyTorch in). */
    translate(spec, options) {
      const { from = 'pytorch', to = from } = optionsArgument(options, "from: 'keras', to: 'onnx'");
      oneOf('from', from, frameworks);
      oneOf('to', to, frameworks);
      return oneShot(tools.translateText(jsonArgument(spec), from, to));
    },
    /** A program that builds the spec's layer in a framework, runs its input and prints the output. */
    code(spec, options) {
      const { framework = 'pytorch' } = optionsArgument(options, "framework: 'keras'");
      oneOf('framework', framework, codeFrameworks);
      return oneShot(tools.codeText(jsonArgument(spec), framework)).code;
    },
  });
}
