#!/usr/bin/env node
// Makes the README's authoring figures with the project's own commands: `tconv figure --svg` for
// every state of the seed 2D example's scatter view, and web/export.js in headless Chromium for
// the PNG of step 2 (test-artifacts/) and the GIF of the walk-through. Writes docs/ and prints the sizes.
//   node scripts/author-figures.mjs [path/to/tconv]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser } from '../tests/support/browser.mjs';
import { serve } from './static-server.mjs';
import { seed } from '../web/state.js';

const repo = resolve(import.meta.dirname, '..');
const cli = process.argv[2] ?? resolve(repo, 'build/native/bin/tconv');
const spec = JSON.stringify(seed[2]);
const figure = (...args) => spawnSync(cli, ['figure', '--svg', ...args], { input: spec, encoding: 'utf8' }).stdout;

// Every state of the scatter view (the step error names the last one).
const last = JSON.parse(figure('--step', '999999')).valid.max;
const states = Array.from({ length: last + 1 }, (_, s) => figure('--step', String(s)));
const out = (name) => resolve(repo, 'docs', name);
writeFileSync(out('tconv-seed-2d-step-2.svg'), states[2]);
writeFileSync(out('tconv-seed-2d-gather-5.svg'), figure('--view', 'gather', '--step', '5'));

mkdirSync(resolve(repo, 'test-artifacts'), { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'tconv-figures-'));
await build({
  entryPoints: [resolve(repo, 'web/export.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  outfile: join(dir, 'export.js'),
  logLevel: 'warning',
});
writeFileSync(
  join(dir, 'index.html'),
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>figures</title>',
);
const { server, url } = await serve(dir, 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(url);
  const bytes = (name, arg, options) =>
    page
      .evaluate(
        async ([n, a, o]) => {
          const blob = await (await import('/export.js'))[n](a, o);
          return Array.from(new Uint8Array(await blob.arrayBuffer()));
        },
        [name, arg, options],
      )
      .then((a) => Buffer.from(a));
  writeFileSync(
    resolve(repo, 'test-artifacts/tconv-seed-2d-step-2.png'),
    await bytes('svgToPng', states[2], { scale: 2 }),
  );
  writeFileSync(
    out('tconv-seed-2d-scatter.gif'),
    await bytes('svgFramesToGif', states, { frameMs: 1200, holdMs: 3000 }),
  );
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
for (const file of [
  'docs/tconv-seed-2d-step-2.svg',
  'docs/tconv-seed-2d-gather-5.svg',
  'test-artifacts/tconv-seed-2d-step-2.png',
  'docs/tconv-seed-2d-scatter.gif',
])
  console.log(
    `${file}\t${statSync(resolve(repo, file)).size} bytes\tgzip -9 ${spawnSync('gzip', ['-9c', resolve(repo, file)]).stdout.length}`,
  );
