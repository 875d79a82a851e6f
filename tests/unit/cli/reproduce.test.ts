import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run reproduce', () => {
  it('trains a literature recipe and prints our test error beside the published one, with the training time', async () => {
    // A quick look (2,000 rows, 1 epoch): the table's shape, not the paper's numbers.
    const { stdout } = await run('npx', ['tsx', 'scripts/reproduce.ts', '--epochs', '1', '--rows', '2000', '--only', 'simard-plain'], { cwd: process.cwd() });
    expect(stdout).toMatch(/2,000 training rows, 2,000 test rows, wasm-(relaxed-)?simd kernels on \d threads?/);
    expect(stdout).toMatch(/network \(paper\)\s+published\s+ours\s+as good\s+epochs\s+training\s+our recipe/);
    const row = stdout.split('\n').find((l) => l.startsWith('784-800-10, cross-entropy (Simard et al. 2003)'))!;
    expect(row).toMatch(/1\.6%\s+\d+\.\d\d%\s+(yes|no)\s+1\s+\d+ s\s+Adam/);
    const ours = parseFloat(row.split(/\s{2,}/)[2]);
    expect(ours).toBeGreaterThan(0);
    expect(ours).toBeLessThan(50); // 16 steps on 2,000 digits already learn: chance is a 90% error
  }, 120_000);
});
