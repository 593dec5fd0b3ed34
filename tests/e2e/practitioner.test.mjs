// The practitioner's panels under each example, against the core's answers (the tools module in
// Node): the output's shape for any size (in the Sizes panel and at an oversized editor field), the
// solver's list and "Open in the example", each framework's arguments with its crop drawn on the
// full buffer, and the code to copy; refusals at the field that is wrong.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as seeds from '../support/seeds.mjs';
import { grid, start, text, tools } from './support.mjs';

let app;
let core;
before(async () => {
  app = await start();
  core = await tools();
});
after(() => app?.close());

// The page's 2D seed as its editor writes it (every parameter per axis).
const seed2d = { ...seeds.seed2d, stride: [2, 2], padding: [1, 1], output_padding: [0, 0], dilation: [1, 1] };

async function openPanel(page, n, name) {
  await page.click(`#ex${n} details.${name} > summary`);
  await page.waitForSelector(`#ex${n} details.${name} .tool-body > *`);
}
const fill = async (page, n, label, value) => {
  await page.fill(`#ex${n} details.sizes input[aria-label="${label}"]`, String(value));
};

/** Fills the solver's fields of the 2D example; returns the core's answer to them and the words
 *  each axis's list should begin with. */
async function askSolver(page, { have, want, kernel, stride }) {
  for (const [label, v] of [
    ['have height', have[0]],
    ['have width', have[1]],
    ['want height', want[0]],
    ['want width', want[1]],
    ['kernel size up to', kernel],
    ['stride up to', stride],
  ])
    await fill(page, 2, label, v);
  const answer = core.solve({
    dims: 2,
    input_size: have,
    output_size: want,
    max_kernel: kernel,
    max_stride: stride,
    max_dilation: 1,
  });
  const firsts = answer.axes.map((l) => `kernel ${l[0].kernel_size}, stride ${l[0].stride}, padding ${l[0].padding}`);
  return { answer, firsts };
}

test('Sizes: the shape for any size, as tconv shape answers', async () => {
  const page = await app.open('');
  await openPanel(page, 2, 'sizes');
  const answer = () => text(page, '#ex2 details.sizes .tool-answer');
  await page.waitForFunction(() => document.querySelector('#ex2 details.sizes .tool-answer').textContent !== '');
  assert.equal(await answer(), 'Output: 3 × 3.');
  for (const [label, v] of [
    ['input size height', 32],
    ['input size width', 1000],
    ['kernel size height', 4],
    ['kernel size width', 4],
    ['in channels', 64],
    ['out channels', 32],
  ])
    await fill(page, 2, label, v);
  const want = core.shape({
    dims: 2,
    input_size: [32, 1000],
    kernel_size: [4, 4],
    stride: [2, 2],
    padding: [1, 1],
    output_padding: [0, 0],
    dilation: [1, 1],
    in_channels: 64,
    out_channels: 32,
    groups: 1,
  }).shape;
  await page.waitForFunction(
    (w) => document.querySelector('#ex2 details.sizes .tool-answer').textContent.includes(w),
    `${want[1]} × ${want[2]}`,
  );
  assert.equal(await answer(), `Output: ${want[0]} channels of ${want[1]} × ${want[2]}.`);
  // A refusal at the field: groups must divide the channels.
  await fill(page, 2, 'groups', 5);
  await page.waitForSelector('#ex2 details.sizes input[aria-label="groups"][aria-invalid="true"]');
  assert.match(await answer(), /groups/);
  assert.deepEqual(page.problems, []);
});

test('an editor size over what the page draws is answered with the output shape', async () => {
  const page = await app.open('?step2=5');
  await page.$eval('#ex2 .more', (d) => (d.open = true));
  await page.fill('#ex2 .editor input[aria-label="input height"]', '40');
  const want = core.shape({ dims: 2, input_size: [40, 2], kernel_size: [3, 3], stride: [2, 2], padding: [1, 1] }).shape;
  await page.waitForFunction(() => /output would be/.test(document.querySelector('#e2-input-size').textContent));
  assert.match(
    await text(page, '#e2-input-size'),
    new RegExp(
      `^input height 40 is more than this page draws \\(1 to 16\\); with these parameters the output would be ${want.join(' × ')} `,
    ),
  );
  assert.deepEqual(
    await grid(page, 2, 'out'),
    [
      ['0', '0', '0'],
      ['2', '4', '2'],
      ['0', '0', '0'],
    ],
    'the last drawing stays',
  );
});

test("Sizes: the solver's list is the core's, and a choice opens in the example", async () => {
  const page = await app.open('');
  await openPanel(page, 2, 'sizes');
  const { answer, firsts } = await askSolver(page, { have: [8, 8], want: [16, 15], kernel: 5, stride: 3 });
  // The lists once they answer the last query (each field's input asks again).
  await page.waitForFunction((want) => {
    const lists = [...document.querySelectorAll('#ex2 details.sizes .solution-list')];
    return (
      lists.length === want.length &&
      lists.every((l, a) => l.querySelector('.solution').textContent.startsWith(want[a]))
    );
  }, firsts);
  assert.match(await text(page, '#ex2 details.sizes .tool-status'), /ways for the height, .* ways for the width/);
  const listed = await page.$$eval('#ex2 details.sizes .solution-list', (lists) =>
    lists.map((l) => [...l.querySelectorAll('.solution')].map((s) => s.textContent)),
  );
  answer.axes.forEach((list, a) => {
    assert.equal(listed[a].length, Math.min(8, list.length), `axis ${a}: the first 8`);
    listed[a].forEach((words, i) => {
      const s = list[i];
      assert.ok(words.startsWith(`kernel ${s.kernel_size}, stride ${s.stride}, padding ${s.padding}`), words);
      assert.ok(words.includes(s.overlap === 'even' ? 'even overlap' : 'uneven overlap'), words);
    });
  });
  // The second of each list, opened in the example: its fields and its output size.
  for (const list of await page.$$('#ex2 details.sizes .solution-list')) await (await list.$$('input'))[1].click();
  await page.click('#ex2 details.sizes button:text("Open in the 2D example")');
  const pick = answer.axes.map((list) => list[1]);
  await page.waitForFunction(
    (k) => document.querySelector('#ex2 .editor input[aria-label="kernel height"]').value === String(k),
    pick[0].kernel_size,
  );
  for (const [a, axis] of ['height', 'width'].entries()) {
    assert.equal(await page.inputValue(`#ex2 .editor input[aria-label="kernel ${axis}"]`), String(pick[a].kernel_size));
    assert.equal(await page.inputValue(`#ex2 .editor input[aria-label="input ${axis}"]`), '8');
  }
  const out = await grid(page, 2, 'out');
  assert.deepEqual([out.length, out[0].length], [16, 15], 'the example draws the size asked for');
  // The example changed, the question did not: the list keeps the reader's choice and says what was done.
  assert.deepEqual(
    await page.$$eval('#ex2 details.sizes .solution-list', (lists) =>
      lists.map((l) => [...l.querySelectorAll('input')].findIndex((r) => r.checked)),
    ),
    [1, 1],
  );
  assert.equal(await text(page, '#ex2 details.sizes .tool-status'), 'Opened in the example above.');
  // The value fields say what the grids now hold (8×8 input, the kernel's new size).
  const fieldRows = async (name) =>
    (await page.inputValue(`#ex2 .editor .paste[aria-label="${name}"]`)).split('; ').map((r) => r.split(' '));
  assert.deepEqual(await fieldRows('input'), await grid(page, 2, 'in'));
  assert.deepEqual(await fieldRows('kernel / weight'), await grid(page, 2, 'kern'));
  // Nothing in range: the reason and the nearest sizes.
  await fill(page, 2, 'want height', 1000);
  await page.waitForFunction(() =>
    /No parameters/.test(document.querySelector('#ex2 details.sizes .tool-status').textContent),
  );
  // The reason is a sentence of its own (it ran into "Nearest sizes" without a full stop).
  assert.match(
    await text(page, '#ex2 details.sizes .solutions'),
    /Height: the largest output height reachable from \d+ with these values is \d+, smaller than 1000\. Nearest sizes: \d+\./,
  );
  assert.deepEqual(page.problems, []);
});

test('Sizes: a refusal names the field as it is labelled, then as the core calls it', async () => {
  const page = await app.open('');
  await openPanel(page, 2, 'sizes');
  await fill(page, 2, 'have height', 0);
  await page.waitForFunction(() => document.querySelector('#ex2 details.sizes .tool-status').textContent !== '');
  assert.match(
    await text(page, '#ex2 details.sizes .tool-status'),
    /^“I have”: input_size \(height\) must be from 1 to \d+, got 0/,
  );
  assert.equal(await page.getAttribute('#ex2 details.sizes input[aria-label="have height"]', 'aria-invalid'), 'true');
  // A field labelled as the core calls it is not named twice.
  await fill(page, 2, 'input size height', 0);
  await page.waitForFunction(() => document.querySelector('#ex2 details.sizes .tool-answer').textContent !== '');
  assert.match(await text(page, '#ex2 details.sizes .tool-answer'), /^input height must be from 1 to \d+, got 0/);
  // A number past 2⁵³ is echoed as typed, not as the double it rounds to (100000000000000000000).
  await fill(page, 2, 'have height', '99999999999999999999');
  await page.waitForFunction(() =>
    /out of range/.test(document.querySelector('#ex2 details.sizes .tool-status').textContent),
  );
  assert.match(
    await text(page, '#ex2 details.sizes .tool-status'),
    /^“I have”: input_size \(height\) 99999999999999999999 is out of range/,
  );
  assert.deepEqual(page.problems, []);
});

test('Sizes: "What comes out" follows the example until the reader types in it', async () => {
  const page = await app.open('');
  await openPanel(page, 1, 'sizes');
  const answer = '#ex1 details.sizes .tool-answer';
  await page.waitForFunction((s) => document.querySelector(s).textContent !== '', answer);
  assert.equal(await text(page, answer), 'Output: 5.');
  // The example's stride becomes 3: the form asks about it (input 2, kernel 3, stride 3 → 6).
  await page.fill('#ex1 .editor input[aria-label="stride"]', '3');
  await page
    .waitForFunction((s) => document.querySelector(s).textContent === 'Output: 6.', answer, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await text(page, answer), 'Output: 6.');
  assert.equal(await page.inputValue('#ex1 details.sizes input[aria-label="stride length"]'), '3');
  // The reader's own question (input 10) stays when the example changes again.
  await fill(page, 1, 'input size length', 10);
  await page.waitForFunction((s) => document.querySelector(s).textContent === 'Output: 30.', answer);
  await page.fill('#ex1 .editor input[aria-label="stride"]', '1');
  // The panel hears of the new example as it is drawn (its fields would follow at once).
  await page.waitForFunction(() => /stride 1\b/.test(document.querySelector('#ex1 .summary').textContent));
  assert.equal(await page.inputValue('#ex1 details.sizes input[aria-label="input size length"]'), '10');
  assert.equal(await text(page, answer), 'Output: 30.');
  assert.equal(await page.inputValue('#ex1 details.sizes input[aria-label="stride length"]'), '3');
  assert.deepEqual(page.problems, []);
});

test('Sizes: questions asked while the tools module loads give one answer, the last', async () => {
  // Every edit asks again; all of them wait for the module. Each used to append its own lists.
  const page = await app.open('');
  let release;
  const held = new Promise((done) => {
    release = done;
  });
  await page.route('**/tconv-tools.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await openPanel(page, 2, 'sizes');
  const { firsts } = await askSolver(page, { have: [6, 5], want: [12, 11], kernel: 4, stride: 3 });
  release();
  await page.waitForFunction(() => document.querySelector('#ex2 details.sizes .solution-list'));
  // Every question has had its turn once the shape (asked first at each edit's input) answers.
  await page.waitForFunction(() => document.querySelector('#ex2 details.sizes .tool-answer').textContent !== '');
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  const lists = await page.$$eval('#ex2 details.sizes .solution-list', (ls) =>
    ls.map((l) => l.querySelector('.solution').textContent),
  );
  assert.equal(lists.length, 2, 'one list per axis');
  lists.forEach((words, a) => assert.ok(words.startsWith(firsts[a]), `${words} is the last question's answer`));
  assert.equal(
    await page.$$eval(
      '#ex2 details.sizes button.tool-button',
      (bs) => bs.filter((b) => /Open in/.test(b.textContent)).length,
    ),
    1,
  );
  assert.deepEqual(page.problems, []);
});

test("Frameworks: each framework's arguments and its crop on the full buffer, as translate answers", async () => {
  const page = await app.open('?step2=5');
  for (const [field, v] of [
    ['padding height', 0],
    ['output_padding height', 1],
  ])
    await page.fill(`#ex2 .editor input[aria-label="${field}"]`, String(v));
  await openPanel(page, 2, 'frameworks');
  const spec = { ...seed2d, padding: [0, 1], output_padding: [1, 0] };
  assert.equal(
    (await grid(page, 2, 'out')).length,
    core.shape(spec).shape[0],
    'the example drawn with these parameters',
  );
  for (const [name, key] of [
    ['PyTorch', 'pytorch'],
    ['Keras', 'keras'],
    ['tf.nn', 'tf'],
    ['JAX', 'jax'],
    ['ONNX', 'onnx'],
  ]) {
    await page.click(`#ex2 details.frameworks button:text-is("${name}")`);
    const t = core.translate(spec, { to: key });
    // Written in Python: JSON's words as Python's (no argument holds a string with them), lists with ", ".
    const py = (v) =>
      JSON.stringify(v)
        .replace(/\bnull\b/g, 'None')
        .replace(/\btrue\b/g, 'True')
        .replace(/\bfalse\b/g, 'False')
        .replace(/,/g, ', ');
    const args = Object.entries(t.target)
      .map(([k, v]) => `${k} = ${py(v)}`)
      .join('\n');
    await page.waitForFunction(
      (a) => document.querySelector('#ex2 details.frameworks .tool-args').textContent === a,
      args,
    );
    assert.equal(await text(page, '#ex2 details.frameworks .tool-about:last-child'), t.note);
    const kept = await page.$$eval('#ex2 details.frameworks [role=grid] [role=gridcell]:not(.cut)', (c) => c.length);
    assert.equal(kept, t.output_size[0] * t.output_size[1], `${name}: the cells kept`);
    assert.match(await text(page, '#ex2 details.frameworks .cap'), new RegExp(`keeps ${t.output_size.join(' × ')}`));
  }
  // The seed's 1D example in Keras: an output_padding it leaves unset is None, as Python writes it.
  await openPanel(page, 1, 'frameworks');
  await page.click('#ex1 details.frameworks button:text-is("Keras")');
  await page.waitForFunction(() => document.querySelector('#ex1 details.frameworks .tool-args').textContent !== '');
  const keras = await text(page, '#ex1 details.frameworks .tool-args');
  assert.match(keras, /^output_padding = None$/m);
  assert.doesNotMatch(keras, /\b(null|true|false)\b/);
  assert.deepEqual(page.problems, []);
});

test('Frameworks: the status says whether the framework gives this example, not whether PyTorch gives its nearest', async () => {
  // padding 1, output_padding 1 cuts one cell at the start only: Keras cannot (its "valid" output, 5
  // cells, holds PyTorch's 4 at [1:5]); ONNX can. The Keras answer is "exact" the other way round.
  const page = await app.open('?s1=2&p1=1&op1=1');
  await openPanel(page, 1, 'frameworks');
  const status = '#ex1 details.frameworks .tool-status';
  for (const [name, want] of [
    ['Keras', "Keras cannot give PyTorch's output exactly; its output holds it: take [1:5] of Keras's output."],
    ['ONNX', "ONNX gives exactly PyTorch's output."],
  ]) {
    await page.click(`#ex1 details.frameworks button:text-is("${name}")`);
    await page
      .waitForFunction(([s, w]) => document.querySelector(s).textContent === w, [status, want], { timeout: 5000 })
      .catch(() => {});
    assert.equal(await text(page, status), want, name);
  }
  assert.deepEqual(page.problems, []);
});

test('Code: the program of each framework, as tconv code writes it', async () => {
  const page = await app.open('');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPanel(page, 1, 'code');
  const spec = { dims: 1, input: [2, 3], kernel: [1, 2, 3], stride: 2, padding: 0, output_padding: 0, dilation: 1 };
  for (const [name, key] of [
    ['PyTorch', 'pytorch'],
    ['Keras', 'keras'],
    ['JAX', 'jax'],
    ['ONNX', 'onnx'],
    ['TensorFlow.js', 'tfjs'],
  ]) {
    await page.click(`#ex1 details.code button:text-is("${name}")`);
    const want = core.code(spec, { framework: key });
    await page.waitForFunction((w) => document.querySelector('#ex1 details.code textarea').value === w, want);
  }
  await page.click('#ex1 details.code button:text-is("Copy")');
  await page.waitForFunction(() => /Copied/.test(document.querySelector('#ex1 details.code .tool-status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), core.code(spec, { framework: 'tfjs' }));
  assert.deepEqual(page.problems, []);
});
