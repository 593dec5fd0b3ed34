// The README's Node example, run exactly as written from the repository root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, siteDir } from './support.mjs';

test('the README example prints what its comments say', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = readme.match(/<!-- readme-example:start -->\n```js\n([\s\S]*?)```\n<!-- readme-example:end -->/);
  assert.ok(block, 'README.md has the marked example');
  const code = block[1];
  // The example imports ./build/site/tconv.js; a test build elsewhere keeps the same shape.
  const script = join(repoRoot, `.readme-example-${process.pid}.mjs`);
  writeFileSync(script, code.replace('./build/site/tconv.js', new URL(`file://${siteDir}/tconv.js`).href));
  try {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(run.stdout.trim().split('\n'), expected);
  } finally {
    rmSync(script, { force: true });
  }
});
