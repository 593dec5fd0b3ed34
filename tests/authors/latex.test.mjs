// `tconv explain --latex / --markdown`: every piece of math renders with KaTeX, the prose around it
// is math-safe, and `--standalone` compiles with pdflatex where it is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import katex from 'katex';
import { fixtureSpecs, ok, seed1d, seed2d } from './support.mjs';

const specs = [
  { name: 'seed 1D', spec: seed1d },
  { name: 'seed 2D', spec: seed2d },
  {
    name: 'bias, output_padding, dilation',
    spec: {
      dims: 2,
      input: [[1e-7, -2.5]],
      kernel: [
        [1, 2],
        [3, 4],
      ],
      stride: [2, 1],
      output_padding: [1, 0],
      dilation: [1, 2],
      bias: [0.5],
    },
  },
  ...fixtureSpecs(11, 400),
];

/** Math pieces of a LaTeX text: $$...$$ blocks, then $...$ inline; what is left is prose. */
function split(text, inline = '$') {
  const math = [];
  let prose = text.replace(/\$\$([\s\S]*?)\$\$/g, (_, m) => {
    math.push({ tex: m, display: true });
    return ' ';
  });
  if (inline === '$')
    prose = prose.replace(/\$([^$]*)\$/g, (_, m) => {
      math.push({ tex: m, display: false });
      return ' ';
    });
  return { math, prose };
}

function render(math, where) {
  for (const { tex, display } of math) {
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'error' });
    } catch (error) {
      assert.fail(`${where}: KaTeX: ${error.message}\n${tex}`);
    }
  }
}

// Prose outside math: names only in \texttt{}, no bare TeX specials, no ASCII x or * for a product.
function checkProse(prose, where) {
  const bare = prose.replace(/\\texttt\{(?:[^{}\\]|\\_)*\}/g, 'NAME').replace(/\\(_|&|%|#|\$)/g, '');
  assert.doesNotMatch(bare, /[_^&%#~*]/, `${where}: a TeX special outside math\n${bare}`);
  assert.doesNotMatch(bare, /\d ?x ?\d| x kernel/, `${where}: an ASCII x for a product`);
  assert.doesNotMatch(prose, /[^\n]\n\$\$|\$\$\n[^\n]/, `${where}: display math without blank lines around`);
}

test('explain --latex: every formula renders with KaTeX and the prose is math-safe', () => {
  for (const { name, spec } of specs) {
    for (const args of [
      ['--latex'],
      ['--latex', '--result'],
      ['--latex', '--step', '1'],
      ['--latex', '--step', 'end'],
    ]) {
      const text = ok(['explain', ...args], spec);
      const { math, prose } = split(text);
      assert.ok(math.length > 0, `${name} ${args}`);
      render(math, `${name} ${args}`);
      checkProse(prose, `${name} ${args}`);
    }
  }
});

test('explain --markdown: math as kramdown writes it, each matrix protected in an HTML block', () => {
  for (const { name, spec } of specs) {
    const text = ok(['explain', '--markdown'], spec);
    const { math, prose } = split(text, '$$');
    render(math, name);
    // Every row end (\\) sits inside a <div> block that Markdown passes through as it is.
    const outside = text.replace(/<div class="math">\n\$\$\n[\s\S]*?\n\$\$\n<\/div>\n/g, '');
    assert.doesNotMatch(outside, /\\\\|\\begin/, `${name}: a matrix outside an HTML block`);
    for (const [block] of text.matchAll(/<div class="math">[\s\S]*?<\/div>/g))
      assert.doesNotMatch(block, /\n\n/, `${name}: a blank line inside an HTML block ends it`);
    assert.doesNotMatch(prose.replace(/`[^`]*`/g, ''), /_/, `${name}: an underscore outside a code span`);
  }
});

const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0;
test('explain --latex --standalone compiles with pdflatex', {
  skip: !pdflatex && 'pdflatex is not installed (Debian: texlive-latex-base; scripts/install-deps installs it)',
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tconv-latex-'));
  try {
    // Wide matrices too: the seed 1D intermediate output with 12 columns needs MaxMatrixCols.
    const wide = { dims: 1, input: [1, 2, 3, 4, 5, 6], kernel: [1, -1], stride: 2 };
    for (const [i, { name, spec }] of [...specs.slice(0, 5), { name: 'wide', spec: wide }].entries()) {
      for (const args of [['--standalone'], ['--standalone', '--result']]) {
        writeFileSync(join(dir, `f${i}.tex`), ok(['explain', '--latex', ...args], spec));
        const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `f${i}.tex`], {
          cwd: dir,
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, `${name} ${args}:\n${run.stdout.slice(-2000)}`);
        assert.ok(existsSync(join(dir, `f${i}.pdf`)), name);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
