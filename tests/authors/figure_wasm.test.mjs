// One renderer: the tools module's figureSvg (what the element's toSVG returns) and `tconv figure
// --svg` write the same bytes for the same spec, view and step; the module's explain writes what
// `tconv explain` writes with the same options.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ok, seed1d, seed2d, siteDir, stateCount } from './support.mjs';

const { loadTools, TconvError } = await import(pathToFileURL(resolve(siteDir, 'tconv.js')));
const tools = await loadTools();
const specs = [seed1d, seed2d, { dims: 1, input: [0.1, -2], kernel: [1 / 3, 2], stride: 3, bias: [0.5] }];

test('the module and the CLI draw the same figure', () => {
  for (const spec of specs) {
    for (const view of ['scatter', 'gather', 'matrix']) {
      for (let s = 0; s < stateCount(spec, view); s++)
        assert.equal(
          tools.figureSvg(spec, { view, step: s }),
          ok(['figure', '--svg', '--view', view, '--step', String(s)], spec),
          `${view} ${s}`,
        );
      assert.equal(tools.figureSvg(spec, { view, step: 'end' }), ok(['figure', '--svg', '--view', view], spec));
      assert.equal(tools.figureSvg(spec, { view }), tools.figureSvg(spec, { view, step: 'end' }), 'default step');
    }
  }
  assert.equal(
    tools.figureSvg(seed2d, { step: 2, theme: 'dark' }),
    ok(['figure', '--svg', '--step', '2', '--theme', 'dark'], seed2d),
    'the dark theme',
  );
  const tinted = tools.figureSvg(seed2d, { step: 2, palette: { tapTint: '#123456', cutTint: 'rgb(1 2 3)' } });
  assert.match(tinted, /fill="#123456"/);
  assert.match(tinted, /fill="#010203"/);
  assert.equal(
    tools.figureSvg(seed2d, { step: '2', palette: {} }),
    tools.figureSvg(seed2d, { step: 2 }),
    'a step as the attribute writes it',
  );
});

test('figure errors name the field and the range', () => {
  const cases = [
    [{ step: 6 }, 'step'],
    [{ step: 'last' }, 'step'],
    [{ step: 1.5 }, 'step'],
    [{ view: 'lines' }, 'view'],
    [{ palette: { bg: 3 } }, 'palette'],
    [{ theme: 'sepia' }, 'theme'],
  ];
  for (const [options, field] of cases) {
    assert.throws(
      () => tools.figureSvg(seed2d, options),
      (e) => e instanceof TconvError && e.field === field,
    );
  }
  const range = (() => {
    try {
      tools.figureSvg(seed2d, { step: 6 });
    } catch (e) {
      return e.valid;
    }
  })();
  assert.deepEqual(range, { min: 0, max: 5 });
  assert.throws(() => tools.figureSvg({ dims: 1, input: [1], kernel: [1], stride: 0 }), { field: 'stride' });
});

test('the module and the CLI write the same worked example for each option', () => {
  const runs = [
    [{}, ['explain']],
    [{ format: 'latex' }, ['explain', '--latex']],
    [{ format: 'latex', standalone: true }, ['explain', '--latex', '--standalone']],
    [{ format: 'markdown' }, ['explain', '--markdown']],
    [{ format: 'latex', step: 2 }, ['explain', '--latex', '--step', '2']],
    [{ format: 'latex', step: 'end' }, ['explain', '--latex', '--step', 'end']],
    [{ format: 'latex', result: true }, ['explain', '--latex', '--result']],
  ];
  for (const spec of specs)
    for (const [options, args] of runs) assert.equal(tools.explain(spec, options), ok(args, spec), args.join(' '));
  assert.throws(() => tools.explain(seed2d, { step: 9 }), { field: 'step' });
  assert.throws(() => tools.explain(seed2d, { step: -1 }), { field: 'step' });
  assert.throws(() => tools.explain(seed2d, { format: 'html' }), { field: 'format' });
});
