// Shared by the authoring tests: the built CLI, the seed specs, and fixture specs to try.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = process.env.TCONV_CLI ?? resolve(repo, 'build/native/bin/tconv');
export const siteDir = resolve(repo, process.env.TCONV_SITE_DIR || 'build/site');

export { seed1d, seed2d } from '../support/seeds.mjs';

/** Runs `tconv ...args` with the spec (an object or text) on stdin: {status, stdout, stderr}. */
export function tconv(args, spec) {
  const input = typeof spec === 'string' ? spec : JSON.stringify(spec);
  const run = spawnSync(cli, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.error) throw run.error;
  return run;
}

/** stdout of a run that must succeed. */
export function ok(args, spec) {
  const run = tconv(args, spec);
  if (run.status !== 0) throw new Error(`tconv ${args.join(' ')} exited ${run.status}: ${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** Fixture specs PyTorch accepted, every `every`-th one, small enough to draw and explain. */
export function fixtureSpecs(every = 7, maxCells = 2000) {
  const { cases } = JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/golden.json'), 'utf8'));
  return cases
    .filter((c, i) => !c.error && i % every === 0)
    .filter((c) => (c.output ? JSON.stringify(c.output).split(',').length : Infinity) <= maxCells)
    .map((c) => ({ name: c.name, spec: c.spec }));
}

/** The number of states of a view (the figure's step range), from its step error's valid range. */
export function stateCount(spec, view) {
  const run = tconv(['figure', '--svg', '--view', view, '--step', '999999999'], spec);
  return JSON.parse(run.stdout).valid.max + 1;
}
