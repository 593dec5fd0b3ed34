// Exports of the core's figures (figure_svg, one SVG per state) as pictures to post: a PNG of one
// state, and the walk-through as an animated GIF. Loaded on demand only (`await import('./export.js')`
// when someone asks for an export), so the page's first load is unchanged; the site's export.js is
// this module with the GIF encoder (gifenc, npm) bundled in by esbuild (web/CMakeLists.txt).
//
// Under a Content-Security-Policy, drawing an SVG into a canvas needs `img-src data:` (the site's
// strict policy has it): the SVG is loaded as an image from a data: URL; nothing is requested.
import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/** The SVG's own size in CSS pixels: its width and height attributes (figure_svg writes both). */
function svgSize(svgText) {
  const root = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  if (root.nodeName !== 'svg') throw new Error('not an SVG document');
  const width = Number.parseFloat(root.getAttribute('width'));
  const height = Number.parseFloat(root.getAttribute('height'));
  if (!(width > 0 && height > 0)) throw new Error('the SVG has no width and height');
  return { width, height };
}

/** The SVG drawn as an image (decoded, ready to draw) with its size. A data: URL, which the site's
 *  strict Content-Security-Policy allows for images (img-src 'self' data:). */
async function svgImage(svgText) {
  const size = svgSize(svgText);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode().catch(() => {
    throw new Error('the SVG could not be drawn (under a Content-Security-Policy, allow img-src data:)');
  });
  return { image, ...size };
}

function canvasOf(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/**
 * A PNG of an SVG: its width × scale by its height × scale pixels.
 * @param {string} svgText a self-contained SVG document (figure_svg, toSVG)
 * @param {{scale?: number}} [options] pixels per CSS pixel, default 2 (sharp on high-density screens)
 * @returns {Promise<Blob>} image/png
 */
export async function svgToPng(svgText, { scale = 2 } = {}) {
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`scale must be above 0 and at most 8, got ${scale}`);
  const { image, width, height } = await svgImage(svgText);
  const canvas = canvasOf(Math.round(width * scale), Math.round(height * scale));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
  );
}

/**
 * An animated GIF of a walk-through: one frame per SVG, in order; the last one is held longer.
 * Every frame is drawn at the size of the largest (figure_svg gives every state of a view the same
 * size), on the first frame's background colour. One palette serves all frames, and a frame stores
 * only the pixels that changed since the previous one (the rest is transparent), which keeps the
 * seed's walk-through small.
 * @param {string[]} svgTexts the states, first to last
 * @param {{frameMs?: number, loop?: boolean, holdMs?: number, scale?: number}} [options]
 *   frameMs: each frame's time, default 900; holdMs: the last frame's time, default 2500;
 *   loop: play forever (default) or once; scale: pixels per CSS pixel, default 1
 * @returns {Promise<Blob>} image/gif
 */
export async function svgFramesToGif(svgTexts, { frameMs = 900, loop = true, holdMs = 2500, scale = 1 } = {}) {
  if (!Array.isArray(svgTexts) || svgTexts.length === 0)
    throw new TypeError('svgFramesToGif takes a non-empty array of SVG texts');
  if (!(frameMs >= 10)) throw new RangeError(`frameMs must be at least 10, got ${frameMs}`);
  if (!(holdMs >= 0)) throw new RangeError(`holdMs must be at least 0, got ${holdMs}`);
  if (!(scale > 0 && scale <= 4)) throw new RangeError(`scale must be above 0 and at most 4, got ${scale}`);
  const images = [];
  for (const text of svgTexts) images.push(await svgImage(text));
  const width = Math.round(Math.max(...images.map((i) => i.width)) * scale);
  const height = Math.round(Math.max(...images.map((i) => i.height)) * scale);
  const canvas = canvasOf(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let background = null;
  const frames = images.map(({ image, width: w, height: h }) => {
    context.clearRect(0, 0, width, height);
    if (background) {
      // A smaller frame sits on the background (the first frame's top-left pixel).
      const [r, g, b] = background;
      context.fillStyle = `rgb(${r} ${g} ${b})`;
      context.fillRect(0, 0, width, height);
    }
    context.drawImage(image, 0, 0, Math.round(w * scale), Math.round(h * scale));
    const rgba = context.getImageData(0, 0, width, height).data;
    background ??= rgba.slice(0, 3);
    return rgba;
  });

  // One palette for all frames, from a sample of their pixels; its last entry is the transparent one.
  const per = Math.max(1, Math.ceil((frames.length * width * height) / 2_000_000));
  const sample = new Uint8Array(Math.ceil((width * height) / per) * 4 * frames.length);
  let at = 0;
  for (const rgba of frames)
    for (let p = 0; p < width * height; p += per, at += 4) sample.set(rgba.subarray(p * 4, p * 4 + 4), at);
  const palette = quantize(sample.subarray(0, at), 255);
  const transparent = palette.length;
  palette.push([0, 0, 0]);
  while (palette.length & (palette.length - 1)) palette.push([0, 0, 0]);

  const gif = GIFEncoder();
  let previous = null;
  frames.forEach((rgba, i) => {
    const index = applyPalette(rgba, palette.slice(0, transparent));
    const delay = i === frames.length - 1 ? Math.max(frameMs, holdMs) : frameMs;
    if (previous) {
      const changed = index.slice();
      for (let p = 0; p < changed.length; p++) if (changed[p] === previous[p]) changed[p] = transparent;
      gif.writeFrame(changed, width, height, { delay, transparent: true, transparentIndex: transparent, dispose: 1 });
    } else {
      gif.writeFrame(index, width, height, { palette, delay, repeat: loop ? 0 : -1, dispose: 1 });
    }
    previous = index;
  });
  gif.finish();
  return new Blob([gif.bytes()], { type: 'image/gif' });
}
