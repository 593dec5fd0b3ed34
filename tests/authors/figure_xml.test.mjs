// `tconv figure --svg`: a well-formed, self-contained SVG document (read with a real XML parser),
// with a title and a description, and the numbers the page shows for that state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { fmt } from '../../web/dom.js';
import { fixtureSpecs, ok, seed1d, seed2d, stateCount } from './support.mjs';

/** The SVG parsed strictly: any error or warning of the parser fails. */
function parse(svg) {
  const problems = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(
    svg,
    'image/svg+xml',
  );
  assert.deepEqual(problems, []);
  return doc.documentElement;
}

const elements = (node, name) => Array.from(node.getElementsByTagName(name));
/** The value texts of each grid, by its data-grid key, in document order. */
function grids(root) {
  const out = {};
  for (const g of elements(root, 'g').filter((g) => g.getAttribute('class') === 'grid')) {
    const key = g.getAttribute('data-grid');
    out[key] ??= [];
    out[key].push(
      ...elements(g, 'text')
        .filter((t) => t.getAttribute('class') === 'v')
        .map((t) => t.textContent),
    );
  }
  return out;
}

const flat = (v) => (Array.isArray(v) ? v.flatMap(flat) : [v]);

function checkDocument(svg, where) {
  const root = parse(svg);
  assert.equal(root.nodeName, 'svg', where);
  assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg', where);
  const [width, height] = [Number(root.getAttribute('width')), Number(root.getAttribute('height'))];
  assert.ok(width > 0 && height > 0, where);
  assert.equal(root.getAttribute('viewBox'), `0 0 ${width} ${height}`, where);
  const title = elements(root, 'title')[0];
  const desc = elements(root, 'desc')[0];
  assert.ok(title?.textContent.length > 10 && desc?.textContent.length > 20, where);
  assert.equal(root.getAttribute('aria-labelledby'), `${title.getAttribute('id')} ${desc.getAttribute('id')}`, where);
  // Self-contained: no link, image, script, style sheet or foreign object; url() only to its own patterns.
  for (const name of ['a', 'image', 'script', 'style', 'foreignObject', 'use'])
    assert.equal(elements(root, name).length, 0, `${where}: <${name}>`);
  assert.doesNotMatch(svg, /href|@import/, where);
  for (const [, ref] of svg.matchAll(/url\(([^)]*)\)/g))
    assert.ok(
      elements(root, 'pattern').some((p) => `#${p.getAttribute('id')}` === ref),
      `${where}: ${ref}`,
    );
  return root;
}

test('every state of every view of the seed examples is a valid SVG document', () => {
  for (const spec of [seed1d, seed2d])
    for (const view of ['scatter', 'gather', 'matrix'])
      for (let s = 0; s < stateCount(spec, view); s++)
        checkDocument(ok(['figure', '--svg', '--view', view, '--step', String(s)], spec), `${view} ${s}`);
});

test('the last state of each view holds the output as the page writes it', () => {
  for (const { name, spec } of [
    { name: 'seed 1D', spec: seed1d },
    { name: 'seed 2D', spec: seed2d },
    ...fixtureSpecs(9, 600),
  ]) {
    const output = flat(JSON.parse(ok(['compute'], spec)).output).map(fmt);
    const scatter = grids(checkDocument(ok(['figure', '--svg', '--step', 'end'], spec), name));
    assert.deepEqual(scatter.out, output, `${name}: scatter`);
    assert.deepEqual(
      grids(checkDocument(ok(['figure', '--svg', '--view', 'gather'], spec), name)).out,
      output,
      `${name}: gather`,
    );
    const matrix = grids(checkDocument(ok(['figure', '--svg', '--view', 'matrix'], spec), name));
    assert.deepEqual(matrix.y, output, `${name}: matrix`);
    // The input and the kernel as given, in every view that shows them.
    const input = flat(spec.input).map(fmt);
    assert.deepEqual(scatter.in, input, `${name}: input`);
    assert.deepEqual(matrix.x, input, `${name}: x`);
  }
});

test('a middle state holds every number of its step', () => {
  // Step 2 of the seed 2D example: input[0][1] = 2, its copy, the buffer after two copies.
  const g = grids(checkDocument(ok(['figure', '--svg', '--step', '2'], seed2d), 'step 2'));
  assert.deepEqual(g.in, ['1', '2', '3', '4']);
  assert.deepEqual(g.kern, ['1', '1', '1', '0', '0', '0', '-1', '-1', '-1']);
  assert.deepEqual(g.copy, ['2', '2', '2', '0', '0', '0', '-2', '-2', '-2']);
  assert.deepEqual(g.buf, [
    '1',
    '1',
    '3',
    '2',
    '2',
    '0',
    '0',
    '0',
    '0',
    '0',
    '-1',
    '-1',
    '-3',
    '-2',
    '-2',
    ...Array(10).fill('0'),
  ]);
  assert.deepEqual(g.out, [], 'the output is empty until the carve');
  // Numbers that the page rounds are rounded the same way, marked ≈.
  const rounded = grids(parse(ok(['figure', '--svg', '--step', '1'], { dims: 1, input: [0.1], kernel: [0.2, 1 / 3] })));
  assert.deepEqual(rounded.copy, [fmt(0.1 * 0.2), fmt(0.1 * (1 / 3))]);
  assert.deepEqual(rounded.copy, ['≈0.02', '≈0.03333']); // 0.1 × 0.2 is 0.020000000000000004
});
