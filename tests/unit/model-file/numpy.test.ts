import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistSubset } from '../mnist';
import { cli, writeCsv } from './cli-files';
import { readmePythonBlocks } from './readme-code';

/**
 * A real client reads our files: Python with NumPy alone (Debian's python3-numpy in CI, installed
 * by .ci/run through scripts/ensure-python-numpy.sh) reads a model saved by `npm run train -- --save`
 * with the README's plain reader, runs the notebook's forward pass, and predicts the same label as
 * `npm run predict` for each of 1,000 held-out digits.
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
