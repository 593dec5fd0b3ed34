// One renderer: the module's figureSvg (the element's toSVG) and `tconv figure --svg` write the
// same bytes for the same spec, view and step. Runs once the wasm binding has figureSvg (the
// binding line is `session.figureSvg(...)` on the trace session); skipped with a note before.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ok, seed1d, seed2d, siteDir, stateCount } from './support.mjs';

const moduleFile = resolve(siteDir, 'tconv.js');
let trace = null;
if (existsSync(moduleFile)) {
  const { load } = await import(pathToFileURL(moduleFile));
  trace = (await load()).trace;
}
const probe = trace?.(seed1d);
const missing = !trace
  ? `no module at ${moduleFile} (scripts/build wasm)`
  : typeof probe.figureSvg !== 'function' && 'the module has no figureSvg binding yet';

test('the module and the CLI draw the same figure', { skip: missing }, () => {
  for (const spec of [seed1d, seed2d, { dims: 1, input: [0.1, -2], kernel: [1 / 3, 2], stride: 3, bias: [0.5] }]) {
    const session = trace(spec);
    for (const view of ['scatter', 'gather', 'matrix']) {
      for (let s = 0; s < stateCount(spec, view); s++)
        assert.equal(
          session.figureSvg({ view, step: s }),
          ok(['figure', '--svg', '--view', view, '--step', String(s)], spec),
          `${view} ${s}`,
        );
      assert.equal(
        session.figureSvg({ view, step: 'end' }),
        ok(['figure', '--svg', '--view', view], spec),
        `${view} end`,
      );
    }
  }
});
