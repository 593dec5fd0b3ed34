// The npm package tconv-viz (build/package, assembled by the wasm build): `npm pack` holds the
// element, its define module, what they import, the core, the types and the README; every relative
// import of every module resolves inside the package; and the folder as a CDN would serve it (any
// sub-path, strict CSP) runs the element. Run: node --test tests/e2e/package.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const siteDir = resolve(repo, process.env.TCONV_SITE_DIR ?? 'build/site');
const packageDir = resolve(repo, process.env.TCONV_PACKAGE_DIR ?? join(siteDir, '../package'));

const expected = [
  'package.json',
  'README.md',
  'tconv-viz.js',
  'tconv-viz-element.js',
  'tconv-viz.d.ts',
  'tconv-viz.css',
  'viz.js',
  'viz.css',
  'controls.js',
  'dom.js',
  'formulas.js',
  'tconv.js',
  'tconv.d.ts',
  'tconv-core.js',
  'tconv-core.wasm',
];

let files;
before(() => {
  assert.ok(existsSync(join(packageDir, 'package.json')), `no package in ${packageDir} (build the wasm preset)`);
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  const [info] = JSON.parse(out);
  files = info.files.map((f) => f.path).sort();
});

test('npm pack holds the element, the core, the types and the README, and nothing else of the site', () => {
  for (const name of expected) assert.ok(files.includes(name), `${name} is in the package`);
  for (const name of files)
    assert.ok(!/\.html$|page\.js|main\.js|editor\.js|bench/.test(name), `${name} does not belong to the package`);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'tconv-viz');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.types, 'tconv.d.ts');
  assert.equal(pkg.exports['.'].default, './tconv-viz.js');
  assert.equal(pkg.exports['./tconv.js'].default, './tconv.js');
  // The project's version (CMake's project()).
  const version = readFileSync(join(repo, 'CMakeLists.txt'), 'utf8').match(/project\(tconv VERSION ([\d.]+)/)[1];
  assert.equal(pkg.version, version);
  for (const target of Object.values(pkg.exports).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))) {
    assert.ok(files.includes(posix.normalize(target)), `export ${target} is in the package`);
  }
});

test('every relative import of every module resolves to a file in the package', () => {
  const specifiers = (code) =>
    [
      ...code.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g),
      ...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g),
      ...code.matchAll(/new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g),
    ].map((m) => m[1]);
  let checked = 0;
  for (const name of files.filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
    const code = readFileSync(join(packageDir, name), 'utf8');
    for (const spec of specifiers(code)) {
      const target = posix.normalize(posix.join(posix.dirname(name), spec));
      assert.ok(files.includes(target), `${name} imports ${spec}, which is in the package`);
      checked++;
    }
  }
  assert.ok(checked >= 10, `${checked} imports checked`);
});

let root, server, url, browser;
after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the package folder, served like a CDN at a sub-path, runs the element in another page under the strict CSP', async () => {
  // /npm/tconv-viz@<version>/ holds the package as a CDN mirrors it; /blog/post.html uses it.
  root = mkdtempSync(join(tmpdir(), 'tconv-package-'));
  const cdn = join(root, 'npm/tconv-viz@0/');
  cpSync(packageDir, cdn, { recursive: true });
  mkdirSync(join(root, 'blog'));
  writeFileSync(
    join(root, 'blog/post.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>post</title><link rel="icon" href="data:,">
<script type="module" src="/npm/tconv-viz@0/tconv-viz.js"></script></head>
<body><tconv-viz dims="1" input="[2,3]" kernel="[1,2,3]" stride="2" step="end"><pre>[2 4 9 6 9]</pre></tconv-viz></body></html>`,
  );
  ({ server, url } = await serve(root, 0));
  browser = await launchBrowser();
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${url}blog/post.html`);
  await page.waitForFunction(() => document.querySelector('tconv-viz')?.stepCount > 0, null, { timeout: 20000 });
  assert.deepEqual(await page.$eval('tconv-viz', (el) => el.output), [2, 4, 9, 6, 9]);
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(`${url}npm/tconv-viz@0/`) && !u.endsWith('post.html')),
    [],
    'every file from the package folder',
  );
  assert.deepEqual(page.problems, []);
});
