// The TensorFlow.js program of `tconv code --framework tfjs` for every golden case, run: its output is
// PyTorch's (the fixture's, to float32 precision). Most run in this process with the imports bound to the
// modules already loaded; a few run as they are, as a reader would run them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { cliPath, repoRoot } from './support.mjs';

const golden = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/golden.json'), 'utf8')).cases;
const accepted = golden.filter((c) => c.output);

function program(spec) {
  const run = spawnSync(cliPath, ['code', '--framework', 'tfjs'], { input: JSON.stringify(spec), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const flat = (v) => (Array.isArray(v) ? v.flatMap(flat) : [v]);
function assertClose(got, want, label) {
  const g = flat(got),
    w = flat(want);
  assert.equal(g.length, w.length, label);
  g.forEach((x, i) =>
    assert.ok(Math.abs(x - w[i]) <= 1e-3 + 1e-4 * Math.abs(w[i]), `${label}: value ${i} is ${x}, PyTorch ${w[i]}`),
  );
}

const AsyncFunction = (async () => {}).constructor;

test("tfjs programs print PyTorch's output for every golden case", async () => {
  for (const c of accepted) {
    const source = program(c.spec);
    const body = source.replace(/^import .*$/gm, '');
    let printed = '';
    await new AsyncFunction('tf', 'console', body)(tf, { log: (text) => (printed += text) });
    assertClose(JSON.parse(printed), c.output, c.name);
  }
});

test('tfjs programs run as they are in Node', () => {
  for (const c of [
    accepted[0],
    accepted[1],
    accepted.find((x) => x.spec.groups > 1),
    accepted.find((x) => JSON.stringify(x.spec.dilation ?? 1).match(/[23]/)),
  ]) {
    const file = resolve(repoRoot, 'tests/frameworks', `.program-${process.pid}.mjs`);
    writeFileSync(file, program(c.spec));
    try {
      const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const last = run.stdout.trim().split('\n').at(-1);
      assertClose(JSON.parse(last), c.output, c.name);
    } finally {
      rmSync(file, { force: true });
    }
  }
});
