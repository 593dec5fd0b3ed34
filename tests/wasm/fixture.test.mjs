// The committed PyTorch fixture through the module: results identical (bit for bit) to the native
// CLI's, and the same error message for every rejected spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golden, importTconv, runCli } from './support.mjs';

const { load, TconvError } = await importTconv();
const tconv = await load();

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

for (const c of golden) {
  test(c.name, () => {
    const cli = runCli('compute', c.spec);
    if (c.error !== undefined) {
      assert.equal(cli.status, 2);
      const { error } = JSON.parse(cli.stdout);
      assert.throws(
        () => tconv.compute(c.spec),
        (e) => e instanceof TconvError && e.message === error,
      );
      return;
    }
    assert.equal(cli.status, 0, cli.stdout);
    const result = tconv.compute(c.spec);
    // Native and wasm must agree exactly (Object.is on every number, so even -0 counts).
    assert.deepEqual(result, JSON.parse(cli.stdout));
    assert.deepEqual(result.shape, c.shape);
    // The trace agrees with compute: its last step's buffer is the final buffer, whose carve
    // (plus bias) is the output.
    const trace = tconv.trace(c.spec);
    const last = trace.step(trace.stepCount - 1);
    assert.deepEqual(last.buffer, trace.finalBuffer);
    assert.deepEqual(trace.output.shape, result.shape);
    const flat = (x) => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    assert.deepEqual(Array.from(trace.output.data), flat(result.output));
    const [got, want] = [flat(result.output), flat(c.output)];
    assert.equal(got.length, want.length);
    got.forEach((v, i) => assert.ok(close(v, want[i]), `value ${i}: ${v} vs PyTorch ${want[i]}`));
  });
}
