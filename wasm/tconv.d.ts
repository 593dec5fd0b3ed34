// Types of tconv.js: exact transposed convolution (PyTorch semantics) with its step trace.

/** A number, or one number per spatial axis ([height, width] in 2D). */
export type PerAxis = number | number[];

/** The spec: the CLI's JSON format as an object. Give `kernel` (one channel) or `weight`. */
export interface Spec {
  dims: 1 | 2;
  /** [L] or [H][W] with `kernel`; [C_in][L] or [C_in][H][W] with `weight`. */
  input: NestedNumbers;
  /** Single-channel kernel: [k] or [kH][kW]. */
  kernel?: NestedNumbers;
  /** PyTorch's layout [C_in][C_out/groups][k...], not flipped. */
  weight?: NestedNumbers;
  /** One value per output channel. */
  bias?: number[] | null;
  stride?: PerAxis;
  padding?: PerAxis;
  output_padding?: PerAxis;
  dilation?: PerAxis;
  groups?: number;
}
export type NestedNumbers = number[] | NestedNumbers[];

/** A row-major array copied out of the wasm heap, with its shape. */
export interface Tensor {
  shape: number[];
  data: Float64Array;
}

/** Sizes along one spatial axis. */
export interface AxisGeometry {
  input: number;
  kernel: number;
  stride: number;
  padding: number;
  outputPadding: number;
  dilation: number;
  /** dilation*(kernel-1)+1: cells one kernel copy covers. */
  kernelSpan: number;
  /** (input-1)*stride + kernelSpan: the uncropped scatter result. */
  intermediate: number;
  /** intermediate, extended at the end where output_padding reaches past it. */
  buffer: number;
  /** intermediate - 2*padding + outputPadding. */
  output: number;
  /** Cells cut at the start: padding. */
  carveStart: number;
  /** Cells cut at the end: padding - outputPadding (negative: cells kept beyond the uncropped result). */
  carveEnd: number;
  /** How the kernel copies overlap in the interior of a long input (the checkerboard question):
   *  'even' (stride divides the kernel and shares no factor with the dilation: every interior cell
   *  receives the same number of products), 'uneven' (neighbouring cells receive different numbers),
   *  'holes' (some interior cells receive none: kernel smaller than the stride, or stride and
   *  dilation share a factor). */
  overlap: 'even' | 'uneven' | 'holes';
}

/** One step: one input element adds value x its kernel slice into every output channel of its group. */
export interface TraceStep {
  index: number;
  /** Input channel of the element. */
  channel: number;
  /** Its spatial index, one per axis. */
  position: number[];
  value: number;
  /** Where the kernel copy lands in the intermediate buffer: position*stride. */
  origin: number[];
  /** Cells the copy covers per axis. */
  span: number[];
  /** Distance between taps per axis. */
  dilation: number[];
  firstOutputChannel: number;
  /** value x weight[channel]: [C_out/groups][k...]. */
  products: Tensor;
  /** The intermediate buffer [C_out][buffer...] after this step ([count][buffer...] with outChannels). */
  buffer: Tensor;
  /** Products each buffer cell has received so far (same order as buffer.data): the overlaps. */
  contributions: Int32Array;
}

export interface GatherView {
  /** (input-1)*stride+1 per axis: stride-1 zeros between elements. */
  zeroInsertedSize: number[];
  /** dilation*(k-1)-padding per axis; negative means crop. */
  padBefore: number[];
  /** padBefore + output_padding. */
  padAfter: number[];
  /** [C_in][...]: the zero-inserted, padded input. */
  paddedInput: Tensor;
  /** [C_in][C_out/groups][k...]: each kernel rotated 180 degrees. */
  rotatedKernel: Tensor;
}

/** A cell of a grid: [channel, ...position], one position per spatial axis. An input cell is
 *  [c_in, ...]; an output or intermediate cell [c_out, ...]; a weight tap [c_in, c_out_in_group, ...]. */
export type Cell = number[];

/** One product a cell received. */
export interface Contribution {
  /** The step that added it (0-based, as step(t)). */
  step: number;
  /** The input element: [c_in, ...position]. */
  input: Cell;
  /** The weight tap: [c_in, c_out_in_group, ...kernel position] (PyTorch's weight index, not flipped). */
  tap: Cell;
  value: number;
  weight: number;
  /** value × weight, exactly as the core added it. */
  product: number;
}

/** Every cell one input element adds to. */
/** One product a weight tap took part in, and the cell it went into. */
export interface TapUse extends Contribution {
  /** The intermediate cell the product was added into, [c_out, ...]. */
  intermediate: Cell;
  /** The same cell in the output, or null where the carve removes it. */
  output: Cell | null;
}

export interface Reach {
  /** In the intermediate buffer, in the order its step adds them. */
  intermediate: Cell[];
  /** The same cells in output coordinates, without those the carve removes. */
  output: Cell[];
}

/** One tap of the gather view's window. */
export interface GatherTap {
  /** [c_in, ...position in the zero-inserted, padded input]. */
  padded: Cell;
  /** [c_in, c_out_in_group, ...position in the rotated kernel]. */
  kernel: Cell;
  /** What the tap lands on: an input value, a zero inserted between input elements, or padding. */
  on: 'input' | 'zero' | 'padding';
  /** The input element under the tap, or null on a zero or padding. */
  input: Cell | null;
  value: number;
  weight: number;
  product: number;
}

/** The window of the gather view that makes one output cell. */
export interface GatherWindow {
  cell: Cell;
  /** The window's corner in the padded input, per axis (the output cell's position). */
  origin: number[];
  /** Distance between taps, per axis. */
  dilation: number[];
  /** Input channels of the group (outer), then rotated-kernel taps row-major. */
  taps: GatherTap[];
}

/** The trace session of one spec: parsed once in the module, asked many questions. Release it with
 *  dispose() (or `using`) when done; otherwise it is released when garbage-collected. */
/** CSS colour strings (and font lists) of a figure, named after viz.css's --tconv-* properties; missing ones keep the light theme. */
export interface FigurePalette {
  bg?: string;
  fg?: string;
  muted?: string;
  cell?: string;
  line?: string;
  win?: string;
  tap?: string;
  cur?: string;
  multi?: string;
  cut?: string;
  op?: string;
  /** The background of tapped and current cells (viz.css --t-tap), of cut and padding cells (--t-cut). */
  tapTint?: string;
  cutTint?: string;
  font?: string;
  mono?: string;
}

export interface Trace {
  dims: 1 | 2;
  singleChannel: boolean;
  inChannels: number;
  outChannels: number;
  groups: number;
  /** C_in x input area; steps run over input channels, then positions row-major. */
  stepCount: number;
  axes: AxisGeometry[];
  input: Tensor;
  weight: Tensor;
  bias: Float64Array | null;
  bufferShape: number[];
  /** The intermediate buffer after the last step. */
  finalBuffer: Tensor;
  /** Products each buffer cell received over all steps. */
  finalContributions: Int32Array;
  /** After the carve, before the bias: [C_out][output...]. */
  carved: Tensor;
  /** The result, shaped like compute()'s. */
  output: Tensor;
  /** The gather view (built on first use), or an error when its padded input is over 2^20 cells. */
  readonly gather: GatherView | { error: string };
  /** C^T's [rows, cols] = [C_out x output area, C_in x input area], whether or not it is built. */
  matrixShape: [number, number];
  /** C^T (built on first use), or an error when too large to build. */
  readonly matrix: Tensor | { error: string };
  /** Step t. With outChannels [first, count], `buffer` and `contributions` hold those output
   *  channels only ([count][buffer...]), and only the steps that feed them are replayed: what a page
   *  drawing a few channels of many asks for. */
  step(t: number, options?: { outChannels?: [first: number, count: number] }): TraceStep;
  bufferAfter(stepsDone: number, options?: { outChannels?: [first: number, count: number] }): Tensor;
  /** The products a cell received, in the order the core added them: adding the products from 0 in
   *  this order (then the bias, for 'output') gives the cell's value exactly. Empty for a cell no copy
   *  reached (output_padding cells). */
  contributions(cell: Cell, options?: { where?: 'output' | 'intermediate' }): Contribution[];
  reach(inputCell: Cell): Reach;
  /** Every product a weight tap took part in: one per input element of the tap's input channel, in
   *  step order, with the cell it was added into. */
  uses(tap: Cell): TapUse[];
  gatherWindow(outputCell: Cell): GatherWindow;
  /** One entry, row or column of C^T, computed without building C^T. */
  matrixEntry(row: number, col: number): number;
  /** A row of C^T, or with columns [first, count] the entries first .. first + count - 1 of it. */
  matrixRow(row: number, options?: { columns?: [first: number, count: number] }): Float64Array;
  /** A column of C^T, or with rows [first, count] the entries first .. first + count - 1 of it
   *  (one output channel's block: a column can have C_out x output area entries). */
  matrixColumn(col: number, options?: { rows?: [first: number, count: number] }): Float64Array;
  /** Releases the trace's memory in the module now; later queries throw TconvError. */
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface Limits {
  maxChannels: number;
  maxInputSize: number;
  maxKernelSize: number;
  maxStride: number;
  maxDilation: number;
  maxPadding: number;
  maxInputElements: number;
  maxWeightElements: number;
  maxBufferElements: number;
  maxMultiplyAdds: number;
  maxAbsValue: number;
  maxJsonBytes: number;
  maxJsonDepth: number;
  maxJsonValues: number;
  maxMatrixElements: number;
  maxGatherElements: number;
  maxExplainCells: number;
}

/** A spec by sizes alone (shape, translate): no values are needed or allocated. */
export interface SizeSpec {
  dims: 1 | 2;
  /** Spatial sizes: one int for every axis or one per axis (up to 2^20). */
  input_size: PerAxis;
  kernel_size: PerAxis;
  /** Both or neither (one channel: the shape has no channel axis). Up to 2^16. */
  in_channels?: number;
  out_channels?: number;
  groups?: number;
  bias?: number[] | null;
  stride?: PerAxis;
  padding?: PerAxis;
  output_padding?: PerAxis;
  dilation?: PerAxis;
}

/** solve(): the sizes, values held fixed (an int or one per axis) and the ranges searched. */
export interface SolveQuery {
  dims: 1 | 2;
  input_size: PerAxis;
  output_size: PerAxis;
  kernel_size?: PerAxis;
  stride?: PerAxis;
  padding?: PerAxis;
  output_padding?: PerAxis;
  dilation?: PerAxis;
  /** Defaults 8, 8, 1; each at most 64. */
  max_kernel?: PerAxis;
  max_stride?: PerAxis;
  max_dilation?: PerAxis;
}

/** One way to get the output size along one axis, in PyTorch's parameters. */
export interface Solution {
  kernel_size: number;
  stride: number;
  padding: number;
  output_padding: number;
  dilation: number;
  /** "even": every interior cell receives the same number of products (no checkerboard). */
  overlap: 'even' | 'uneven';
}

export interface SolveResult {
  /** Per axis, best first: even overlap, no empty cells, the common recipes, dilation 1, the smallest crop. */
  axes: Solution[][];
  /** The axes without a solution: why, and the nearest reachable output sizes (below, above). */
  unsolved: { axis: number; reason: string; nearest: number[] }[];
}

export type Framework = 'pytorch' | 'keras' | 'tf' | 'jax' | 'onnx';

/** PyTorch's per-axis parameters (lists, height then width). */
export interface TorchParams {
  stride: number[];
  padding: number[];
  output_padding: number[];
  dilation: number[];
}

export interface Translation {
  /** Per axis: full buffer - begin - end. */
  output_size: number[];
  /** Cells cut from the full buffer, (in - 1)*stride + dilation*(k - 1) + 1 per axis, at each end; negative: zeros added. */
  crop: { begin: number[]; end: number[] };
  /** PyTorch's padding and output_padding alone give this output. */
  exact: boolean;
  /** PyTorch's parameters, exact or to slice; null when no PyTorch output holds this one. */
  pytorch: TorchParams | null;
  /** When not exact: take [begin, end) of PyTorch's output per axis. */
  slice: [number, number][] | null;
  /** The target's output is the source's (translating to another framework: the arguments read give
   *  exactly what was asked; true when from and to are the same). */
  reproduces: boolean;
  /** When not reproduces but the target's output holds the source's: take [begin, end) of the
   *  target's output per axis (the other way round from slice); else null. */
  holds: [number, number][] | null;
  /** The target framework's own arguments (see README, "tconv translate"). */
  target: Record<string, unknown>;
  /** The same in words, with the weight conversion. */
  note: string;
}

export interface Tconv {
  /** The result nested like PyTorch's tolist() without the batch axis. */
  compute(spec: Spec): { shape: number[]; output: NestedNumbers };
  /** The trace session: the spec crosses into the module once; every query after sends only its arguments. */
  trace(spec: Spec): Trace;
  explain(spec: Spec, options?: { format?: 'text' | 'latex' }): string;
  /** The practitioner's answers (Tools), loaded with the tools module on the first call. */
  shape(spec: SizeSpec | Spec): Promise<{ shape: number[] }>;
  solve(query: SolveQuery): Promise<SolveResult>;
  translate(spec: Record<string, unknown>, options?: { from?: Framework; to?: Framework }): Promise<Translation>;
  code(spec: Spec, options?: { framework?: CodeFramework }): Promise<string>;
  readonly limits: Readonly<Limits>;
  /** Diagnostics for leak tests: heap bytes allocated, linear memory bytes, live Embind handles. */
  memoryUse(): { heapBytesInUse: number; memoryBytes: number; valueHandles: number | null };
}

export type CodeFramework = 'pytorch' | 'keras' | 'jax' | 'onnx' | 'tfjs';
export type FigureView = 'scatter' | 'gather' | 'matrix';

/** The tools module (tconv-tools.wasm, fetched on the first loadTools()): every call is synchronous. */
export interface Tools {
  /** One state of a view as a self-contained SVG document, the same text as `tconv figure --svg`. */
  figureSvg(
    spec: Spec,
    options?: { step?: number | 'end' | string; view?: FigureView; theme?: 'light' | 'dark'; palette?: FigurePalette },
  ): string;
  /** The worked example as `tconv explain` writes it; step: one state (numbered as the scatter figure's). */
  explain(
    spec: Spec,
    options?: { format?: 'text' | 'latex' | 'markdown'; standalone?: boolean; step?: number | 'end'; result?: boolean },
  ): string;
  /** A number as the page and the figures write it: shortest text up to 7 characters, else ≈ and 4 digits. */
  displayNumber(value: number): string;
  /** The output shape, [C_out, ...spatial] (spatial only without channels), from sizes or values. */
  shape(spec: SizeSpec | Spec): { shape: number[] };
  /** Every parameter set in the ranges that gives output_size from input_size, per axis, ranked. */
  solve(query: SolveQuery): SolveResult;
  /** from's arguments (default PyTorch's spec) as a crop, written in to's (default: from's). */
  translate(spec: Record<string, unknown>, options?: { from?: Framework; to?: Framework }): Translation;
  /** A program that builds the layer, runs the input and prints the output as JSON. */
  code(spec: Spec, options?: { framework?: CodeFramework }): string;
}

/** Every invalid spec or call throws this, with the same message as the CLI and the same facts as data. */
export class TconvError extends Error {
  name: 'TconvError';
  /** The spec key (or argument: 'cell', 'step', 'options', ...) it is about, or null for the spec as a whole. */
  field: string | null;
  /** The spatial axis (0: length or height, 1: width), or null. */
  axis: number | null;
  /** What the field accepts: a range or the allowed values, or null. */
  valid: { min: number | null; max: number | null } | Array<number | string> | null;
}

/** Loads the core module once (later calls share it). */
export function load(): Promise<Tconv>;
/** Loads the tools module once (and the core); a failed load may be retried. */
export function loadTools(): Promise<Tools>;
