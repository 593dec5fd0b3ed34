// Types of the <tconv-viz> element (tconv-viz.js defines it; tconv-viz-element.js exports the class).
import type { NestedNumbers } from './tconv.js';

export type { Spec, Tconv, Trace, NestedNumbers } from './tconv.js';
export { load, loadTools, TconvError } from './tconv.js';

export type View = 'scatter' | 'gather' | 'matrix' | 'all';
/** A view a figure draws ('all' steps by scatter or gather: its figure is that view's). */
export type FigureView = 'scatter' | 'gather' | 'matrix';

/** inspect() and the tconv-inspect event: where a number comes from. */
export interface Inspection {
  cell: number[];
  where: 'output' | 'intermediate' | 'input' | 'kernel' | 'padded' | 'matrix';
  value: number;
  /** The sum in words: "out[1][1] = 1·(−1) + 0·(−1) + … = 4". */
  sentence: string;
  /** For output and intermediate cells: the products in the order the core adds them. */
  terms?: { input: number[]; tap: number[]; value: number; weight: number; product: number }[];
}

export interface TconvChangeDetail {
  /** The result, nested like the CLI's JSON ([C_out][...] with `weight`). */
  output: NestedNumbers;
  shape: number[];
  stepCount: number;
  /** The state shown, in the view's counting (web/steps.js): scatter 0 the empty intermediate output,
   *  1..stepCount after each input element, +1 the carve, +2 the output with a bias. */
  step: number;
  view: View;
}

export class TconvVizElement extends HTMLElement {
  /** Attributes as properties (reading gives the parsed value, null when absent). */
  dims: number | string | null;
  input: NestedNumbers | string | null;
  kernel: NestedNumbers | string | null;
  weight: NestedNumbers | string | null;
  bias: number[] | string | null;
  stride: number | number[] | string | null;
  padding: number | number[] | string | null;
  outputPadding: number | number[] | string | null;
  dilation: number | number[] | string | null;
  groups: number | string | null;
  step: number | 'end';
  view: View;
  theme: 'auto' | 'light' | 'dark';
  controls: 'none' | 'steps' | 'full';
  autoplay: boolean;
  /** From the core; null until the first valid rendering. Kept from the last valid settings while `error` is set. */
  readonly output: NestedNumbers | null;
  readonly shape: number[] | null;
  readonly stepCount: number | null;
  /** The core's message for the current settings, or null. */
  readonly error: string | null;
  /** Where a number comes from (default a cell of the output); throws TconvError for a cell outside. */
  inspect(cell: number[], options?: { where?: Inspection['where'] }): Inspection;
  /** One state of a view as a self-contained SVG: what `tconv figure --svg` writes for the same spec,
   *  step and view (the dark theme as --theme dark; --tconv-* tokens as set). Default: what is on screen. */
  toSVG(options?: { step?: number | 'end'; view?: FigureView }): Promise<string>;
  /** The same state as a PNG Blob, width × scale by height × scale pixels (scale default 2). */
  toPNG(options?: { step?: number | 'end'; view?: FigureView; scale?: number }): Promise<Blob>;
  /** The walk-through of a view as an animated GIF Blob: one frame per state (at most 200), the last held. */
  toGIF(options?: { view?: FigureView; frameMs?: number; loop?: boolean }): Promise<Blob>;
}

declare global {
  interface HTMLElementTagNameMap {
    'tconv-viz': TconvVizElement;
  }
  interface HTMLElementEventMap {
    'tconv-change': CustomEvent<TconvChangeDetail>;
    'tconv-error': CustomEvent<{ message: string }>;
    'tconv-inspect': CustomEvent<Inspection>;
  }
}
