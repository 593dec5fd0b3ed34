// The module loads and computes in Chromium from a page under the strict CSP, with no violation:
// no eval, no inline script, and the .wasm found relative to tconv.js, not to the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, strictCsp } from '../../scripts/static-server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { siteDir } from './support.mjs';

let folder;
let server;
let url;
let browser;

before(async () => {
  // The page sits in a different folder from the module, as a blog post would.
  folder = mkdtempSync(join(tmpdir(), 'tconv-csp-'));
  mkdirSync(join(folder, 'lib'));
  mkdirSync(join(folder, 'posts'));
  for (const file of ['tconv.js', 'tconv-core.js', 'tconv-core.wasm'])
    cpSync(join(siteDir, file), join(folder, 'lib', file));
  writeFileSync(
    join(folder, 'posts', 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>csp</title><link rel="icon" href="data:,"><output id="result">loading</output>' +
      '<script type="module" src="probe.js"></script>',
  );
  writeFileSync(
    join(folder, 'posts', 'probe.js'),
    `import { load } from '../lib/tconv.js';
const tconv = await load();
const { output } = tconv.compute({ dims: 1, input: [2, 3], kernel: [1, 2, 3], stride: 2 });
document.getElementById('result').textContent = JSON.stringify(output);`,
  );
  ({ server, url } = await serve(folder, 0, { csp: strictCsp }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('the module runs under the strict CSP with no violation', async () => {
  const page = await openPage(browser);
  const response = await page.goto(`${url}posts/`);
  assert.equal(response.headers()['content-security-policy'], strictCsp);
  await page.waitForFunction(() => document.getElementById('result').textContent !== 'loading');
  assert.equal(await page.textContent('#result'), '[2,4,9,6,9]');
  assert.deepEqual(page.problems, []);
});
