import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError, parseCli, parsePredictCli } from '../../../cli/args';
import { buildModel, decodeModel } from '../../../src/model-file/safetensors';
import { predictAll } from '../../../src/model-file/submission';
import { mnistSubset } from '../mnist';
import { cli, writeCsv } from './cli-files';
import { withHeader } from './files';

const dir = mkdtempSync(join(tmpdir(), 'model-cli-'));
const MODEL = join(dir, 'model.safetensors');
const test = mnistSubset(700, 30_000);
const TEST_CSV = writeCsv(join(dir, 'test.csv'), test, false);
const LABELED_CSV = writeCsv(join(dir, 'labeled.csv'), test, true);
let trainOutput: string;

beforeAll(async () => {
  const train = writeCsv(join(dir, 'train.csv'), mnistSubset(1200), true);
  const r = await cli('train', ['--data', train, '--hidden', '32', '--epochs', '2', '--seed', '7', '--json', '--save', MODEL]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  trainOutput = r.stdout;
}, 60_000);

describe('npm run train -- --save', () => {
  it('saves the trained model with its settings, seed and final metrics', () => {
    const lines = trainOutput.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ summary: true, arch: '784-32-10', saved: MODEL });
    const decoded = decodeModel(new Uint8Array(readFileSync(MODEL)));
    expect(decoded.notes).toEqual([]);
    expect(decoded.architecture).toBe('784-32-10');
    expect(decoded.settings).toMatchObject({ hidden: [32], epochs: 2, seed: 7, optimizer: 'sgd', lr: 0.1 });
    expect(decoded.metrics).toEqual({ epoch: 2, trainLoss: lines[1].trainLoss, trainAcc: lines[1].trainAcc, valLoss: lines[1].valLoss, valAcc: lines[1].valAcc });
    expect(decoded.metadata.dataset).toBe('train.csv');
    expect(new Date(decoded.metadata.created).getTime()).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });

  it('takes --save FILE.safetensors and refuses any other name (exit 2)', async () => {
    expect(parseCli(['--data', 'a.csv', '--save', 'm.safetensors'])).toMatchObject({ save: 'm.safetensors' });
    expect(() => parseCli(['--data', 'a.csv', '--save', 'a.csv'])).toThrow(new UsageError('--save must name a .safetensors file; got "a.csv"'));
    const r = await cli('train', ['--data', TEST_CSV, '--save', 'train.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --save must name a .safetensors file; got "train.csv"');
  });

  it('refuses a --save folder that does not exist before training (exit 2)', async () => {
    const r = await cli('train', ['--data', LABELED_CSV, '--save', join(dir, 'nowhere', 'm.safetensors')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: --save: the folder "${join(dir, 'nowhere')}" does not exist`);
    expect(r.stdout).toBe('');
  });
});

describe('npm run predict', () => {
  it('writes ImageId,Label for every image of a test CSV, in file order, ImageId from 1 (exit 0)', async () => {
    const out = join(dir, 'submission.csv');
    const r = await cli('predict', ['--model', MODEL, '--data', TEST_CSV, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`784-32-10 relu; 700 predictions written to ${out}`);
    expect(r.stdout).not.toContain('accuracy');
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines).toHaveLength(702); // header, 700 rows, and the final newline's empty string
    expect(lines[0]).toBe('ImageId,Label');
    expect(lines[701]).toBe('');
    const ours = predictAll(buildModel(decodeModel(new Uint8Array(readFileSync(MODEL)))), test);
    expect(lines.slice(1, 701)).toEqual(Array.from(ours, (label, i) => `${i + 1},${label}`));
    // Two epochs on 960 digits: about 75% of these held-out digits right.
    expect(Array.from(ours).filter((l, i) => l === test.y![i]).length / 700).toBeGreaterThan(0.6);
  });

  it('predicts the same for a labeled CSV, ignoring its labels, and prints the accuracy on them', async () => {
    const [a, b] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    const [unlabeled, labeled] = await Promise.all([
      cli('predict', ['--model', MODEL, '--data', TEST_CSV, '--out', a]),
      cli('predict', ['--model', MODEL, '--data', LABELED_CSV, '--out', b]),
    ]);
    expect([unlabeled.code, labeled.code]).toEqual([0, 0]);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    expect(labeled.stdout).toMatch(/accuracy on the file's labels: \d+\.\d\d% \(\d+ of 700\)/);
  });

  it('prints the notes of a model from elsewhere', async () => {
    const r = await cli('predict', ['--model', 'tests/unit/model-file/fixtures/notebook-784-4-10.safetensors', '--data', TEST_CSV, '--out', join(dir, 'c.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: The file has no metadata, so it is read as weights from elsewhere: the architecture, 784-4-10, comes from the tensor shapes.');
  });

  it.each<[string, () => Uint8Array, string]>([
    ['a PNG renamed', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'error: This is a PNG image, not a safetensors model file.'],
    ['float64 weights', () => withHeader((h) => { h.W1.dtype = 'F64'; }),
      'error: Tensor "W1" has dtype F64; model files hold F32 (float32) tensors only, so convert it with .astype(np.float32) before saving.'],
  ])('refuses a bad model file with the loader\'s sentence (exit 1): %s', async (_, bytes, sentence) => {
    const model = join(dir, 'bad.safetensors');
    writeFileSync(model, bytes());
    const r = await cli('predict', ['--model', model, '--data', TEST_CSV, '--out', join(dir, 'bad-out.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(sentence);
  });

  it('refuses a missing model file, a bad data file and a table the digit model cannot read (exit 1)', async () => {
    const [badCsv, tableCsv] = [join(dir, 'bad.csv'), join(dir, 'table.csv')];
    writeFileSync(badCsv, 'a,b,c\n1,2,3\n4,5\n');
    writeFileSync(tableCsv, 'label,pixel0\n1,2\n');
    const [missing, bad, table] = await Promise.all([
      cli('predict', ['--model', join(dir, 'none.safetensors'), '--data', TEST_CSV, '--out', join(dir, 'x.csv')]),
      cli('predict', ['--model', MODEL, '--data', badCsv, '--out', join(dir, 'y.csv')]),
      cli('predict', ['--model', MODEL, '--data', tableCsv, '--out', join(dir, 'z.csv')]),
    ]);
    expect([missing.code, bad.code, table.code]).toEqual([1, 1, 1]);
    expect(missing.stderr.trim()).toBe(`error: There is no file "${join(dir, 'none.safetensors')}".`);
    expect(bad.stderr).toContain('error: Could not load "bad.csv": line 3: 2 cells, but the header has 3 columns');
    expect(table.stderr.trim()).toBe('error: "table.csv" is a table, but the model reads the digit layout\'s 28x28 images.');
  });

  it('refuses a bad command line with the usage (exit 2)', async () => {
    const r = await cli('predict', ['--model', MODEL, '--data', TEST_CSV]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --out is required');
    expect(r.stderr).toContain('Usage: npm run predict');
    expect(() => parsePredictCli(['--model', 'm.csv', '--data', 'd.csv', '--out', 'o.csv'])).toThrow('--model must name a .safetensors file; got "m.csv"');
    expect(() => parsePredictCli(['--model', 'm.safetensors', '--data', 'd.csv', '--out', 'm.safetensors'])).toThrow('--out is the submission CSV');
    expect(() => parsePredictCli(['--model', 'm.safetensors', '--bogus'])).toThrow(UsageError);
    expect(parsePredictCli(['--help'])).toBe('help');
  });
});
