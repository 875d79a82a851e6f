/**
 * The exported PyTorch script, run by Debian's PyTorch (python3-torch, which .ci/run installs):
 * the same start (initial weights bit for bit), the same model (our file's predictions), the same
 * experiment (held-out accuracy within 0.5 point), scale (torchrun with 2 processes on gloo), and
 * one sentence for data or a model file that does not fit the recipe.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../cli/v8-flags';
import { readCsv } from '../../../cli/read-csv';
import { configFor, parseCli, type CliOptions } from '../../../cli/args';
import { scriptFiles } from '../../../cli/script-files';
import type { Dataset } from '../../../src/data/dataset';
import { softmax } from '../../../src/engine/loss';
import { fromArray, zeros } from '../../../src/engine/matrix';
import { pythonLiteral, pytorchScript } from '../../../src/export/pytorch';
import { recipeOf } from '../../../src/export/recipe';
import { decodeModel, encodeModel } from '../../../src/model-file/safetensors';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import type { RunSource } from '../../../src/train/run-data';
import { writeCsv } from '../model-file/cli-files';
import { mnistSubset } from '../mnist';
import { messyTableCsv } from '../table-fixtures';

// Debian's python3 first (python3-torch in CI); any python3 with torch and NumPy elsewhere.
const PYTHON = [process.env.PYTHON, '/usr/bin/python3', 'python3']
  .filter((p): p is string => Boolean(p))
  .find((p) => spawnSync(p, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0);
const MISSING = 'No python3 with PyTorch and NumPy was found (tried $PYTHON, /usr/bin/python3, python3): run `bash scripts/ensure-python-torch.sh` ' +
  '(apt-get install python3-torch), or set PYTHON.';
// Locally the tests may be skipped without PyTorch; in CI a missing PyTorch is a failure.
const needsTorch = it.skipIf(!PYTHON && !process.env.CI);

const dir = mkdtempSync(join(tmpdir(), 'export-'));
const SAMPLE = 'public/data/mnist-sample-10k.csv';

interface Ran { code: number; stdout: string; stderr: string }
async function python(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  if (!PYTHON) throw new Error(MISSING);
  try {
    const { stdout, stderr } = await promisify(execFile)(PYTHON, args, { maxBuffer: 1 << 26, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Writes the script of `config` on `source` (read from `data`) and returns its path. */
function exportScript(name: string, config: TrainConfig, source: RunSource): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, pytorchScript(scriptFiles(), recipeOf(config, source, 'a test', '2026-01-01T00:00:00.000Z')));
  return path;
}

/** JSON lines of a run's stdout (the epochs, then the summary). */
const jsonLines = (stdout: string) => stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

/** Every W and b of a model file, in order. */
function tensorsOf(path: string): Float32Array[] {
  return decodeModel(new Uint8Array(readFileSync(path))).layers.flatMap((l) => [l.W, l.b]);
}

/** Every W and b of a run's model right after its initialisation, as the model file holds them. */
function initialTensors(source: RunSource, config: TrainConfig): Float32Array[] {
  const run = new TrainingRun(source, config, undefined, { kernels: 'js' });
  const bytes = encodeModel(run.model, { settings: config, metrics: null, created: '', schema: run.dataset.schema });
  return decodeModel(bytes).layers.flatMap((l) => [l.W, l.b]);
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('the script', () => {
  it('fills every placeholder of the template with Python literals', () => {
    expect(pythonLiteral({ a: [1, 0.5], b: true, c: null, d: 'x"y' })).toBe('{"a": [1, 0.5], "b": True, "c": None, "d": "x\\"y"}');
    const text = pytorchScript(scriptFiles(), recipeOf(NOTEBOOK_PRESET, null, 'a test', '2026-01-01T00:00:00.000Z'));
    expect(text).not.toMatch(/\{\{\w+\}\}/);
    expect(text).toMatch(/^HIDDEN = \[128\] +# hidden layer sizes$/m);
    expect(text).toMatch(/^LR = 0\.1 +# the base learning rate$/m);
    expect(text).toMatch(/^DATA = "train\.csv" +#/m);
    expect(text).toContain('def read_table(path):'); // the table reader, included verbatim
  });
});

describe('the exported script in PyTorch', () => {
  let digits: Dataset, digitsCsv: string, table: RunSource, tableCsv: string;
  beforeAll(async () => {
    digits = mnistSubset(1200);
    digitsCsv = writeCsv(join(dir, 'digits.csv'), digits, true);
    tableCsv = join(dir, 'table.csv');
    writeFileSync(tableCsv, messyTableCsv(600, 3));
    table = await readCsv(tableCsv);
  });

  const cases: [string, () => [RunSource, string, TrainConfig]][] = [
    ['the notebook recipe (He)', () => [digits, digitsCsv, NOTEBOOK_PRESET]],
    ['two tanh hidden layers (Xavier), a shuffled split', () => [digits, digitsCsv, { ...NOTEBOOK_PRESET, hidden: [64, 32], activation: 'tanh', split: 'shuffled', shuffle: true, seed: 7 }]],
    ['a table with the table defaults (a stratified split first)', () => [table, tableCsv, configFor(parseCli(['--data', tableCsv, '--target', 'kind', '--ignore', 'value']) as CliOptions, table)]],
  ];
  for (const [what, make] of cases) {
    needsTorch(`starts from the engine's initial weights, bit for bit: ${what}`, async () => {
      const [source, csv, config] = make();
      const script = exportScript(`init-${what.length}`, config, source), out = join(dir, `init-${what.length}.safetensors`);
      const ran = await python([script, '--data', csv, '--epochs', '0', '--out', out]);
      expect(ran.code, ran.stderr).toBe(0);
      const ours = initialTensors(source, config), theirs = tensorsOf(out);
      expect(theirs.map((t) => t.length)).toEqual(ours.map((t) => t.length));
      theirs.forEach((t, i) => expect(bits(t)).toEqual(bits(ours[i])));
    }, 120_000);
  }

  needsTorch("loads our saved model and predicts 1,000 held-out digits as the engine does, probabilities within 1e-5", async () => {
    const config = { ...NOTEBOOK_PRESET, epochs: 1 };
    const run = new TrainingRun(digits, config);
    await run.ready;
    run.trainBatches(Infinity);
    run.finishEpoch();
    const model = join(dir, 'ours.safetensors');
    writeFileSync(model, encodeModel(run.model, { settings: config, metrics: null, created: '', schema: run.dataset.schema, dataset: 'digits.csv' }));
    const heldOut = mnistSubset(1000, 5000);
    const heldCsv = writeCsv(join(dir, 'held-out.csv'), heldOut, false);
    const ran = await python([exportScript('same-model', config, digits), '--data', digitsCsv, '--resume', model, '--epochs', '0', '--out', join(dir, 'x.safetensors'), '--predict', heldCsv, '--probs']);
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split('\n').filter((l) => !l.startsWith('{'));
    expect(lines[0]).toBe(`ImageId,Label,${Array.from({ length: 10 }, (_, k) => `p(${k})`).join(',')}`);
    const x = Float32Array.from(heldOut.x, (v) => v / 255);
    const probs = softmax(run.model.forward(fromArray(1000, 784, x)), zeros(1000, 10)).data;
    let worst = 0;
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      const p = cells.slice(2).map(Number), ours = Array.from(probs.subarray(i * 10, i * 10 + 10));
      expect(cells[0]).toBe(String(i + 1));
      expect(Number(cells[1])).toBe(ours.indexOf(Math.max(...ours)));
      p.forEach((v, k) => { worst = Math.max(worst, Math.abs(v - ours[k])); });
    });
    expect(lines).toHaveLength(1001);
    expect(worst).toBeLessThan(1e-5);
  }, 120_000);

  needsTorch('runs the same experiment: the notebook recipe on the 10,000-digit sample for 3 epochs, and a table with its defaults, within 0.5 point', async () => {
    const notebook = { ...NOTEBOOK_PRESET, epochs: 3 };
    const sample = await readCsv(SAMPLE);
    const tableConfig = configFor(parseCli(['--data', tableCsv, '--target', 'kind', '--ignore', 'value']) as CliOptions, table);
    for (const [name, source, csv, config] of [['notebook', sample, SAMPLE, notebook], ['table', table, tableCsv, tableConfig]] as const) {
      const run = new TrainingRun(source, config);
      await run.ready;
      while (!run.done) {
        run.trainBatches(Infinity);
        run.finishEpoch();
      }
      const ours = run.lastVal as { accuracy: number };
      const ran = await python([exportScript(`same-${name}`, config, source), '--data', csv, '--out', join(dir, `${name}.safetensors`)]);
      expect(ran.code, ran.stderr).toBe(0);
      const summary = jsonLines(ran.stdout).at(-1);
      expect(summary).toMatchObject({ summary: true, task: 'classification' });
      expect(Math.abs(summary.valAcc - ours.accuracy) * 100, `${name}: PyTorch ${summary.valAcc}, ours ${ours.accuracy}`).toBeLessThanOrEqual(0.5);
      if (name === 'table') expect(summary.keptEpoch).toBe(run.keptEpoch); // early stopping kept the same epoch
    }
  }, 300_000);

  needsTorch('scales with torchrun: 2 processes on gloo train an epoch, and the model loads in the page\'s loader and npm run predict', async () => {
    const script = exportScript('scale', NOTEBOOK_PRESET, digits), out = join(dir, 'ddp.safetensors');
    // Debian's torch 1.13 on Python 3.11 reads the default "--redirects 0 --tee 0" as None (Python 3.11's enum iteration
    // skips the zero flag): naming a local rank that does not exist gives every process the default, no redirection.
    const ran = await python(['-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_addr', '127.0.0.1', '--master_port', '29517',
      '--redirects', '9:0', '--tee', '9:0', script, '--data', digitsCsv, '--epochs', '1', '--out', out]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain('torchrun: 2 processes, each a batch of 32 rows: a step averages the gradients of 64 rows');
    const epochs = jsonLines(ran.stdout).filter((l) => l.epoch !== undefined);
    expect(epochs).toHaveLength(1); // rank 0 alone prints
    const decoded = decodeModel(new Uint8Array(readFileSync(out)));
    expect(decoded.architecture).toBe('784-128-10');
    expect(decoded.notes).toEqual([]);
    const predicted = spawnSync('node_modules/.bin/tsx', ['cli/predict.ts', '--model', out, '--data', digitsCsv, '--out', join(dir, 'sub.csv')], { encoding: 'utf8' });
    expect(predicted.status, predicted.stderr).toBe(0);
    expect(predicted.stdout).toMatch(/accuracy on the file's labels: \d+\.\d\d%/);
  }, 180_000);

  needsTorch('stops with one sentence for a model file or a CSV that does not fit the recipe', async () => {
    const script = exportScript('bad', NOTEBOOK_PRESET, digits);
    const other = join(dir, 'other.safetensors');
    const run = new TrainingRun(digits, { ...NOTEBOOK_PRESET, hidden: [64] });
    writeFileSync(other, encodeModel(run.model, { settings: null, metrics: null, created: '', schema: run.dataset.schema }));
    const resumed = await python([script, '--data', digitsCsv, '--resume', other, '--epochs', '0']);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr.trim()).toBe('error: "other.safetensors": tensor "W1" has shape [784, 64], but the recipe\'s model 784-128-10 needs [784, 128].');
    const narrow = join(dir, 'narrow.csv');
    writeFileSync(narrow, 'label,a,b\n1,0,0\n');
    const read = await python([script, '--data', narrow, '--epochs', '0']);
    expect(read.code).toBe(1);
    expect(read.stderr.trim()).toBe('error: "narrow.csv" has 3 columns; the digit layout has 785 (label,pixel0..pixel783) or 784 (the pixels alone).');
    const tableScript = exportScript('bad-table', configFor(parseCli(['--data', tableCsv, '--target', 'kind']) as CliOptions, table), table);
    const lacking = join(dir, 'lacking.csv');
    writeFileSync(lacking, messyTableCsv(50, 1).split('\n').map((l) => l.split(',').filter((_, i) => i !== 3).join(',')).join('\n'));
    const tableRead = await python([tableScript, '--data', lacking, '--epochs', '0']);
    expect(tableRead.code).toBe(1);
    expect(tableRead.stderr.trim()).toBe('error: "lacking.csv" has no column "colour", a feature of the recipe.');
  }, 120_000);
});

describe("the page's export and npm run export", () => {
  it('the worker writes the script of the settings on the loaded table, or says why it cannot', async () => {
    const { Session } = await import('../../../src/worker/session');
    const events: { type: string; text?: string | null; message?: string; name?: string }[] = [];
    const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), () => {});
    await session.handle({ type: 'exportScript', config: NOTEBOOK_PRESET });
    expect(events.at(-1)).toMatchObject({ type: 'script', name: 'train.py' });
    expect(events.at(-1)!.text).toMatch(/^DATA = "train\.csv" +#/m);
    await session.handle({ type: 'loadFile', file: new Blob([messyTableCsv(300, 2)]), name: 'messy.csv' });
    await session.handle({ type: 'exportScript', config: { ...NOTEBOOK_PRESET, target: 'kind', split: 'shuffled' } });
    const text = events.at(-1)!.text!;
    expect(text).toMatch(/^DATA = "messy\.csv" +#/m);
    expect(text).toContain('"column": "colour"'); // the schema fitted on the training rows
    await session.handle({ type: 'exportScript', config: { ...NOTEBOOK_PRESET, target: 'nope' } });
    expect(events.at(-1)).toMatchObject({ type: 'script', text: null, message: expect.stringMatching(/^The script cannot be written: The file has no column "nope"/) });
  });

  it('npm run export writes a script for a preset, refuses a bad command line (2) and a missing model (1)', () => {
    const cli = (args: string[]) => spawnSync('node_modules/.bin/tsx', ['cli/export.ts', ...args], { encoding: 'utf8' });
    const out = join(dir, 'cli.py');
    const ok = cli(['--preset', 'fast', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^HIDDEN = \[384\] +#/m);
    expect(cli(['--preset', 'fast', '--out', join(dir, 'x.txt')]).status).toBe(2);
    const missing = cli(['--model', join(dir, 'none.safetensors'), '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no file');
  }, 60_000);
});
