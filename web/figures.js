// The figures of one example, for the page's Export menu and the element's toSVG/toPNG/toGIF: one
// state of a view as SVG (drawn by the core's one renderer, figure_svg, in the tools module, so the
// CLI, the page and the element cannot draw different pictures), as PNG, the walk-through as an
// animated GIF, and the worked example as LaTeX. The tools module and the encoders load on the first
// export only: the first load of the page and of the element is unchanged. The caller hands in
// loadTools and the URL of export.js, both found from its own URL (a bundled chunk has another).

/** An animated GIF holds at most this many frames (one per state of the view): beyond it the
 *  export says so and names the limit, rather than encoding for minutes. */
export const maxGifFrames = 200;

/** Palette field (FigurePalette, in the tools' JS names) -> the viz.css colour it is. */
export const paletteColours = {
  bg: '--c-bg',
  fg: '--c-fg',
  muted: '--c-muted',
  cell: '--c-cell',
  line: '--c-line',
  win: '--c-win',
  tap: '--c-tap',
  cur: '--c-cur',
  multi: '--c-multi',
  cut: '--c-cut',
  op: '--c-op',
  tapTint: '--t-tap',
  cutTint: '--t-cut',
};
// The tokens a page may set (viz.css's header): with none set, the figure is the theme's own.
const tokens = ['bg', 'fg', 'cell', 'line', 'muted', 'win', 'tap', 'cur', 'multi', 'cut', 'op', 'mono'];

/**
 * How the example at root looks, as the figure takes it: {theme, palette}. With no --tconv-* token
 * set, the theme alone (the figure is then byte for byte `tconv figure --svg --theme <theme>`);
 * otherwise every colour as the browser resolved it (the core turns oklab() and color() into hex).
 */
export function lookOf(root) {
  const style = getComputedStyle(root);
  const theme = style.getPropertyValue('--d-theme').trim() === 'dark' ? 'dark' : 'light';
  if (!tokens.some((t) => style.getPropertyValue(`--tconv-${t}`).trim() !== '')) return { theme, palette: {} };
  const probe = document.createElement('span');
  root.append(probe);
  const palette = {};
  for (const [field, property] of Object.entries(paletteColours)) {
    probe.style.color = `var(${property})`;
    palette[field] = getComputedStyle(probe).color;
  }
  probe.style.fontFamily = 'var(--c-mono)';
  palette.mono = getComputedStyle(probe).fontFamily;
  probe.remove();
  return { theme, palette };
}

/** The exports, given loadTools and TconvError (tconv.js) and the URL of export.js (the PNG and GIF encoders). */
export function figureExports({ loadTools, exportUrl, TconvError }) {
  const encoders = () => import(String(exportUrl));
  /** One state of a view as an SVG document. step: a state's number or 'end'. */
  const svg = async (spec, { view, step, look }) => (await loadTools()).figureSvg(spec, { view, step, ...look });
  return {
    svg,
    /** One state of a view as a PNG Blob, scale pixels per CSS pixel. */
    async png(spec, { view, step, look, scale = 2 }) {
      if (!(scale > 0 && scale <= 8))
        throw new TconvError(`scale must be above 0 and at most 8, got ${scale}`, {
          field: 'scale',
          valid: { min: 0, max: 8 },
        });
      const [text, exporter] = await Promise.all([svg(spec, { view, step, look }), encoders()]);
      return exporter.svgToPng(text, { scale });
    },
    /** Every state of a view, first to last (states: how many), as an animated GIF Blob. */
    async gif(spec, { view, states, look, frameMs = 900, loop = true }) {
      if (!(frameMs >= 10 && frameMs <= 60_000))
        throw new TconvError(`frameMs must be from 10 to 60000, got ${frameMs}`, {
          field: 'frameMs',
          valid: { min: 10, max: 60_000 },
        });
      if (states > maxGifFrames)
        throw new TconvError(
          `the ${view} view has ${states} states, over the limit of ${maxGifFrames} frames for an animated GIF: ` +
            (view === 'scatter'
              ? 'export a smaller example (one frame per input element)'
              : 'export the scatter view (one frame per input element) or a smaller example'),
          { field: 'view', valid: { min: 1, max: maxGifFrames } },
        );
      const [tools, exporter] = await Promise.all([loadTools(), encoders()]);
      const frames = [];
      for (let s = 0; s < states; s++) frames.push(tools.figureSvg(spec, { view, step: s, ...look }));
      return exporter.svgFramesToGif(frames, { frameMs, loop });
    },
    /** The worked example as `tconv explain` writes it (format, standalone, step, result). */
    async latex(spec, options) {
      return (await loadTools()).explain(spec, options);
    },
  };
}
