// Types of the <tconv-viz> element (tconv-viz.js defines it; tconv-viz-element.js exports the class).
import type { NestedNumbers } from './tconv.js';

export type { Spec, Tconv, Trace, NestedNumbers } from './tconv.js';
export { load, TconvError } from './tconv.js';

export interface TconvChangeDetail {
  /** The result, nested like the CLI's JSON ([C_out][...] with `weight`). */
  output: NestedNumbers;
  shape: number[];
  stepCount: number;
  /** 0: the empty intermediate output; 1..stepCount: after each input element; +1 the carve; +2 the output. */
  step: number;
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
  controls: 'none' | 'steps' | 'full';
  autoplay: boolean;
  /** From the core; null until the first valid rendering. Kept from the last valid settings while `error` is set. */
  readonly output: NestedNumbers | null;
  readonly shape: number[] | null;
  readonly stepCount: number | null;
  /** The core's message for the current settings, or null. */
  readonly error: string | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'tconv-viz': TconvVizElement;
  }
  interface HTMLElementEventMap {
    'tconv-change': CustomEvent<TconvChangeDetail>;
    'tconv-error': CustomEvent<{ message: string }>;
  }
}
