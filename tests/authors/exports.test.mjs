// web/export.js in Chromium: the PNG of a figure decodes (pngjs) to its size × scale, and the GIF
// of a walk-through decodes (omggif) to one frame per state, the last held longer. The module is
// the site's bundle when the site has one, else bundled here by esbuild with the same options.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import omggif from 'omggif';
import { PNG } from 'pngjs';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { ok, repo, seed2d, siteDir, stateCount } from './support.mjs';

// The exported files are kept to look at; this test may run alone, before any other made the folder.
const artifacts = resolve(repo, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

let dir, server, url, browser, page;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tconv-export-'));
  const bundled = resolve(siteDir, 'export.js');
  if (existsSync(bundled)) {
    writeFileSync(join(dir, 'export.js'), (await import('node:fs')).readFileSync(bundled));
  } else {
    await build({
      entryPoints: [resolve(repo, 'web/export.js')],
      bundle: true,
      format: 'esm',
      minify: true,
      target: 'es2020',
      outfile: join(dir, 'export.js'),
      logLevel: 'warning',
    });
  }
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>exports</title><p>exports</p>',
  );
  // Under the site's strict Content-Security-Policy (the server's default).
  ({ server, url } = await serve(dir, 0));
  browser = await launchBrowser();
  page = await openPage(browser);
  await page.goto(url);
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Calls export.js's `name` in the page with (svg or svgs, options); the Blob's bytes come back. */
async function call(name, svgs, options) {
  const bytes = await page.evaluate(
    async ([n, s, o]) => {
      const module = await import('/export.js');
      const blob = await module[n](s, o);
      return { type: blob.type, data: Array.from(new Uint8Array(await blob.arrayBuffer())) };
    },
    [name, svgs, options],
  );
  return { type: bytes.type, buffer: Buffer.from(bytes.data) };
}

const sizeOf = (svg) =>
  svg
    .match(/<svg [^>]*width="([\d.]+)" height="([\d.]+)"/)
    .slice(1)
    .map(Number);

test('svgToPng: a PNG of the figure at width × scale by height × scale', async () => {
  const svg = ok(['figure', '--svg', '--step', '2'], seed2d);
  const [width, height] = sizeOf(svg);
  for (const scale of [undefined, 1, 3]) {
    const { type, buffer } = await call('svgToPng', svg, scale === undefined ? undefined : { scale });
    assert.equal(type, 'image/png');
    const png = PNG.sync.read(buffer);
    const s = scale ?? 2;
    assert.deepEqual([png.width, png.height], [Math.round(width * s), Math.round(height * s)]);
    // Drawn, not blank: the background's white and the text's dark pixels are both there.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 80 && png.data[i + 3] === 255) dark++;
    assert.ok(dark > 500, `${dark} dark pixels`);
    if (scale === undefined) writeFileSync(resolve(artifacts, 'export-seed-2d-step-2.png'), buffer);
  }
  assert.deepEqual(page.problems, []);
});

test("svgFramesToGif: one frame per state, the last held, at the figure's size", async () => {
  for (const view of ['scatter', 'matrix']) {
    const count = stateCount(seed2d, view);
    const svgs = Array.from({ length: count }, (_, s) =>
      ok(['figure', '--svg', '--view', view, '--step', String(s)], seed2d),
    );
    const [width, height] = sizeOf(svgs[0]);
    const { type, buffer } = await call('svgFramesToGif', svgs, { frameMs: 700, holdMs: 2000, loop: true });
    assert.equal(type, 'image/gif');
    const gif = new omggif.GifReader(new Uint8Array(buffer));
    assert.equal(gif.numFrames(), count, view);
    assert.deepEqual([gif.width, gif.height], [width, height], view);
    assert.equal(gif.loopCount(), 0, 'loops forever');
    assert.equal(gif.frameInfo(0).delay, 70);
    assert.equal(gif.frameInfo(count - 1).delay, 200);
    // Every frame decodes; the last one shows the output (dark text pixels).
    const pixels = new Uint8Array(width * height * 4);
    for (let f = 0; f < count; f++) gif.decodeAndBlitFrameRGBA(f, pixels);
    assert.ok(pixels.some((v, i) => i % 4 === 0 && v < 80));
    if (view === 'scatter') writeFileSync(resolve(artifacts, 'export-seed-2d-scatter.gif'), buffer);
  }
  const once = await call('svgFramesToGif', [ok(['figure', '--svg', '--step', '0'], seed2d)], { loop: false });
  assert.equal(new omggif.GifReader(new Uint8Array(once.buffer)).loopCount(), null, 'plays once');
  assert.deepEqual(page.problems, []);
});
