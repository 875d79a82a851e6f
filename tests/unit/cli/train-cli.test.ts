import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kaggleHeader, kaggleRow } from '../../../scripts/kaggle-csv';
import { mnistSubset } from '../mnist';
import { parseCli } from '../../../cli/args';
import { NOTEBOOK_PRESET } from '../../../src/train/config';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cli-'));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'cli/train.ts', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('headless trainer (npm run train)', () => {
  it('trains on a Kaggle CSV and prints one JSON object per epoch and a summary', async () => {
    const ds = mnistSubset(600);
    const file = join(dir, 'train.csv');
    writeFileSync(file, [kaggleHeader(true), ...Array.from({ length: 600 }, (_, i) => kaggleRow(ds.x, i, ds.y![i]))].join('\n') + '\n');
    const { code, stdout } = await cli(['--data', file, '--epochs', '2', '--hidden', '32', '--json']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const [i, m] of lines.slice(0, 2).entries()) {
      expect(Object.keys(m).sort()).toEqual(['epoch', 'epochMs', 'evalMs', 'healthMs', 'lr', 'samplesPerSec', 'trainAcc', 'trainLoss', 'valAcc', 'valLoss']);
      expect(m.epoch).toBe(i + 1);
      expect(m.valAcc).toBeGreaterThan(0.5);
    }
    expect(lines[2]).toMatchObject({ summary: true, arch: '784-32-10', epochs: 2 });
  }, 60_000);

  it('refuses a bad file with the parser\'s message and exit code 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b,c\n1,2,3\n4,5\n');
    const { code, stderr } = await cli(['--data', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('error: Could not load "bad.csv": line 3: 2 cells, but the header has 3 columns');
  }, 60_000);

  it('refuses a bad command line with exit code 2 and the usage', async () => {
    const { code, stderr } = await cli(['--data', 'x.csv', '--lr', 'fast']);
    expect(code).toBe(2);
    expect(stderr).toContain('--lr: Learning rate must be a number, e.g. 0.1.');
    expect(stderr).toContain('Usage: npm run train');
  }, 60_000);

  it('--preset notebook is the notebook recipe and flags override it', () => {
    expect(parseCli(['--data', 'a.csv', '--preset', 'notebook'])).toEqual({ data: 'a.csv', json: false, config: NOTEBOOK_PRESET, preset: 'notebook', flags: {} });
    const o = parseCli(['--data', 'a.csv', '--hidden', '256,128', '--optimizer', 'adam', '--lr', '0.001', '--split', 'shuffled', '--shuffle']);
    expect(o).toMatchObject({ config: { hidden: [256, 128], optimizer: 'adam', lr: 0.001, split: 'shuffled', shuffle: true, batchSize: 32 } });
  });
  it("trains a table with the Table preset, its batch min(200, the rows the stratified split trains on)", async () => {
    // 3 classes of 15 rows: each holds out round(1.5) = 2, so 39 rows train (10% of 45 would leave 40). x1's 7 whole
    // numbers read as categories: 7 + 1 inputs.
    const file = join(dir, 'small-table.csv');
    writeFileSync(file, ['x1,x2,kind', ...Array.from({ length: 45 }, (_, i) => `${i % 7},${(i * 3) % 11},${['a', 'b', 'c'][i % 3]}`)].join('\n') + '\n');
    const { code, stdout, stderr } = await cli(['--data', file, '--epochs', '3']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('39 train, 6 held out (shuffled); classification of 3 classes');
    expect(stdout).toMatch(/model 8-100-3 relu, .* adam lr 0\.001, batch 39, 3 epochs/);
  }, 60_000);
});
