// Shared by the Node tests of the module: where the built site and CLI are, and the fixture.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = resolve(repoRoot, process.env.TCONV_SITE_DIR ?? 'build/site');
export const cliPath = resolve(repoRoot, process.env.TCONV_CLI ?? 'build/native/bin/tconv');

/** The module's public entry point, as users import it. */
export const importTconv = () => import(pathToFileURL(resolve(siteDir, 'tconv.js')).href);

export const golden = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/golden.json'), 'utf8')).cases;

/** Runs the native CLI on a spec: {status, json}. */
export function runCli(command, spec) {
  const run = spawnSync(cliPath, [command], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export { seed1d, seed2d } from '../support/seeds.mjs';

/** Float64Array or nested arrays as plain nested arrays for deepEqual. */
export const plain = (data) => Array.from(data);
