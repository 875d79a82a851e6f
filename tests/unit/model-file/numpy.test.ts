import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistSubset } from '../mnist';
import { messyTableCsv } from '../table-fixtures';
import { cli, writeCsv } from './cli-files';
import { readmePythonBlocks } from './readme-code';

/**
 * A real client reads our files: Python with NumPy alone (Debian's python3-numpy in CI, installed
 * by .ci/run through scripts/ensure-python-numpy.sh) reads a model saved by `npm run train -- --save`
 * with the README's plain reader, runs the notebook's forward pass, and predicts the same label as
 * `npm run predict` for each of 1,000 held-out digits; and for a table's model, encodes the rows by
 * its schema and prints the very file `npm run predict` writes.
 */
// Debian's python3 first: the client CI installs (python3-numpy); any python3 with NumPy elsewhere.
const PYTHON = [process.env.PYTHON, '/usr/bin/python3', 'python3']
  .filter((p): p is string => Boolean(p))
  .find((p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);
const MISSING = 'No python3 with NumPy was found (tried $PYTHON, /usr/bin/python3, python3): run `bash scripts/ensure-python-numpy.sh` ' +
  '(apt-get install python3 python3-numpy), or set PYTHON.';

const python = (args: string[]) => promisify(execFile)(PYTHON!, args, { maxBuffer: 1 << 24 });
const dir = mkdtempSync(join(tmpdir(), 'numpy-'));
const MODEL = join(dir, 'model.safetensors');
const HELD_OUT = join(dir, 'held-out.csv');
const OURS = join(dir, 'ours.csv');
let predictOutput = '';

// Locally the tests may be skipped without Python; in CI a missing Python is a failure.
const needsPython = it.skipIf(!PYTHON && !process.env.CI);

describe('NumPy reads our model files (scripts/numpy_forward.py, the README\'s reader)', () => {
  beforeAll(async () => {
    if (!PYTHON) return;
    const train = writeCsv(join(dir, 'train.csv'), mnistSubset(3000), true);
    writeCsv(HELD_OUT, mnistSubset(1000, 40_000), true); // digits the model never saw
    const trained = await cli('train', ['--data', train, '--preset', 'notebook', '--epochs', '3', '--save', MODEL]);
    expect(trained.code, trained.stderr).toBe(0);
    const predicted = await cli('predict', ['--model', MODEL, '--data', HELD_OUT, '--out', OURS]);
    expect(predicted.code, predicted.stderr).toBe(0);
    predictOutput = predicted.stdout;
  }, 120_000);

  needsPython('predicts the same labels as npm run predict on 1,000 held-out digits', async () => {
    if (!PYTHON) throw new Error(MISSING);
    const { stdout, stderr } = await python(['scripts/numpy_forward.py', MODEL, HELD_OUT]);
    const theirs = stdout.trim().split('\n');
    const mine = readFileSync(OURS, 'utf8').trim().split('\n');
    expect(theirs[0]).toBe('ImageId,Label');
    expect(theirs).toHaveLength(1001);
    const differing = theirs.filter((line, i) => line !== mine[i]);
    expect(differing, 'rows where NumPy and the engine disagree (NumPy\'s lines)').toEqual([]);
    // And the model is a real one: NumPy's accuracy on the held-out labels, as it reports it.
    const accuracy = Number(/accuracy: ([\d.]+)%/.exec(stderr)?.[1]);
    expect(accuracy).toBeGreaterThan(85);
    expect(predictOutput).toContain(`accuracy on the file's labels: ${accuracy.toFixed(2)}%`);
  }, 60_000);

  needsPython("the README's two snippets, the reader and the notebook's forward, run as shown and agree", async () => {
    if (!PYTHON) throw new Error(MISSING);
    const [reader, forward] = readmePythonBlocks();
    const program = [
      reader,
      `pixels = np.loadtxt(${JSON.stringify(HELD_OUT)}, delimiter=",", skiprows=1, dtype=np.uint8)[:, 1:]`,
      forward.replaceAll('"model.safetensors"', JSON.stringify(MODEL)),
      'print(metadata["architecture"], metadata["format"])',
      'print("\\n".join(str(p) for p in predicted))',
    ].join('\n');
    const file = join(dir, 'readme_snippets.py');
    writeFileSync(file, program);
    const { stdout } = await python([file]);
    const [first, ...labels] = stdout.trim().split('\n');
    expect(first).toBe('784-128-10 mlp-playground');
    const mine = readFileSync(OURS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(labels).toEqual(mine);
  }, 60_000);
});

/**
 * A table's model: trained on a comma-separated table with `?`, empty and `NA` cells, predicting on a
 * semicolon-separated CRLF file with categories the training rows never had, a year written `2007.0`,
 * missing cells, missing IDs, IDs to quote and unknown targets. The script's output must be the CLI's
 * file byte for byte: class names, and a regression's values as the shortest text of their float32,
 * which holds only when the script encodes and multiplies in float32 exactly as the engine does.
 */
const TABLE_TRAIN = join(dir, 'table-train.csv');
const TABLE_TEST = join(dir, 'table-test.csv');
const TABLE_CASES = [
  { what: 'a class (kind)', flags: ['--target', 'kind', '--ignore', 'value'], header: 'id,kind', model: join(dir, 'kind.safetensors'), out: join(dir, 'kind-ours.csv') },
  { what: 'a value (value)', flags: ['--target', 'value'], header: 'id,value', model: join(dir, 'value.safetensors'), out: join(dir, 'value-ours.csv') },
];

describe("NumPy runs a table's model by its schema (scripts/numpy_forward.py)", () => {
  const cliOutput = new Map<string, string>();

  beforeAll(async () => {
    if (!PYTHON) return;
    writeFileSync(TABLE_TRAIN, messyTableCsv(600, 3));
    writeFileSync(TABLE_TEST, messyTableCsv(200, 11, { unseen: true, delimiter: ';', newline: '\r\n' }));
    await Promise.all(TABLE_CASES.map(async (c) => {
      const trained = await cli('train', ['--data', TABLE_TRAIN, ...c.flags, '--epochs', '5', '--save', c.model]);
      expect(trained.code, trained.stderr).toBe(0);
      const predicted = await cli('predict', ['--model', c.model, '--data', TABLE_TEST, '--out', c.out]);
      expect(predicted.code, predicted.stderr).toBe(0);
      cliOutput.set(c.model, predicted.stdout);
    }));
  }, 120_000);

  for (const c of TABLE_CASES) {
    needsPython(`prints the file npm run predict writes, for ${c.what}`, async () => {
      if (!PYTHON) throw new Error(MISSING);
      const { stdout, stderr } = await python(['scripts/numpy_forward.py', c.model, TABLE_TEST]);
      const theirs = stdout.split('\n');
      const mine = readFileSync(c.out, 'utf8').split('\n');
      expect(theirs[0]).toBe(c.header);
      expect(theirs).toHaveLength(202); // the header, 200 rows, and the text after the last line end
      // The file exercises what it should: an ID quoted (a quote in it, a comma), a missing one.
      expect(mine).toEqual(expect.arrayContaining([expect.stringMatching(/^"q""r1",/), expect.stringMatching(/^"r\d+,b",/), expect.stringMatching(/^,/)]));
      const differing = theirs.filter((line, i) => line !== mine[i]);
      expect(differing, "rows where NumPy and the engine disagree (NumPy's lines)").toEqual([]);
      expect(stdout).toBe(mine.join('\n'));
      // The same cells counted as unseen categories, and the same score on the file's known targets.
      const ours = cliOutput.get(c.model)!;
      const unseen = /note: (\d+) cells had a category the training rows never had/;
      expect(Number(unseen.exec(stderr)?.[1])).toBeGreaterThan(0);
      expect(unseen.exec(stderr)?.[1]).toBe(unseen.exec(ours)?.[1]);
      if (c.header.endsWith('kind')) {
        const [, accuracy, rows] = /accuracy: ([\d.]+)% of (\d+)/.exec(stderr) ?? [];
        expect(ours).toContain(`accuracy on the file's labels: ${accuracy}% (`);
        expect(ours).toContain(` of ${rows})`);
      } else {
        const [, r2, rows] = /R² (-?[\d.]+), RMSE [\d.]+ over (\d+) rows/.exec(stderr) ?? [];
        const [, ourR2, ourRows] = /R² (-?[\d.]+), RMSE .* over (\d+) rows/.exec(ours) ?? [];
        expect(Math.abs(Number(r2) - Number(ourR2))).toBeLessThan(2e-4);
        expect(rows).toBe(ourRows);
      }
    }, 60_000);
  }

  needsPython('refuses a CSV without a feature column with the loader\'s sentence', async () => {
    if (!PYTHON) throw new Error(MISSING);
    const lacking = join(dir, 'no-x1.csv');
    writeFileSync(lacking, readFileSync(TABLE_TEST, 'utf8').replace(/;x1;/, ';x_1;'));
    const failed = await python(['scripts/numpy_forward.py', TABLE_CASES[0].model, lacking]).then(
      () => null, (e: unknown) => e as { code: number; stderr: string });
    expect(failed?.code).toBe(1);
    const ours = await cli('predict', ['--model', TABLE_CASES[0].model, '--data', lacking, '--out', join(dir, 'no-x1-ours.csv')]);
    expect(ours.code).toBe(1);
    expect(failed?.stderr.trim()).toBe('error: "no-x1.csv" has no column "x1", a feature of the model.');
    expect(ours.stderr.trim()).toBe(failed?.stderr.trim());
  }, 60_000);
});
