/**
 * Reproduces rows of the MNIST database page's table with the playground's engine: Simard, Steinkraus
 * & Platt (2003)'s 2-layer network, 784-800-10 with cross-entropy, plain, then with affine and elastic
 * distortions of the training images, each trained on MNIST's 60,000 training digits and scored on its
 * 10,000 test digits (t10k), the split papers report on. Prints a table: our test error beside the
 * published one, and the training time. The recipes are the playground's presets (src/train/presets.ts).
 *   npm run reproduce                       every row, as the README's table was measured
 *   npm run reproduce -- --epochs 1 --only simard-plain     a quick look
 */
import '../cli/v8-flags';
import { parseArgs } from 'node:util';
import { cores, spawnNodeThread } from '../cli/threads';
import type { Dataset } from '../src/data/dataset';
import { PIXELS, digitDataset } from '../src/data/digits';
import type { Evaluation } from '../src/engine/metrics';
import { evaluateDataset } from '../src/train/evaluate';
import { LITERATURE_PRESETS } from '../src/train/presets';
import { TrainingRun } from '../src/train/run';
import { LIMITS } from '../src/train/settings';
import { printTable } from '../bench/stats';
import { loadMnist } from './mnist-source';

const { values } = parseArgs({ options: { epochs: { type: 'string' }, only: { type: 'string' }, rows: { type: 'string' } } });
const part = (p: 'train' | 'test', name: string, rows?: number): Dataset => {
  const m = loadMnist(p);
  const n = Math.min(m.count, rows ?? m.count);
  return digitDataset(name, m.pixels.subarray(0, n * PIXELS), Int32Array.from(m.labels.subarray(0, n)));
};
// --rows trims both files (tests use it; the table is of the whole files).
const rows = values.rows === undefined ? undefined : Number(values.rows);
const train = part('train', 'MNIST train (60,000)', rows);
const test = part('test', 'MNIST t10k (10,000)', rows);
// Every core: nothing else runs beside a headless reproduction (the CLI leaves one for the machine).
const threads = Math.max(1, Math.min(LIMITS.maxThreads, 4, cores()));

const table: string[][] = [];
let kernel = '';
for (const recipe of LITERATURE_PRESETS) {
  if (values.only && recipe.id !== values.only) continue;
  const config = { ...recipe.config, threads, ...(values.epochs ? { epochs: Number(values.epochs) } : {}) };
  const run = new TrainingRun(train, config, undefined, { spawn: spawnNodeThread });
  await run.ready;
  kernel = `${run.engine.kernel} kernels on ${run.engine.threads} thread${run.engine.threads === 1 ? '' : 's'}`;
  let trainMs = 0;
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    const m = run.finishEpoch();
    trainMs += m.epochMs;
    process.stderr.write(`${recipe.id}: epoch ${m.epoch}/${config.epochs}, train loss ${m.trainLoss.toFixed(4)}, ${(trainMs / 1000).toFixed(0)} s\n`);
  }
  const e = evaluateDataset(run.model, test) as Evaluation;
  run.dispose();
  const ours = (1 - e.accuracy) * 100;
  table.push([
    recipe.paper, `${recipe.publishedError.toFixed(1)}%`, `${ours.toFixed(2)}%`, ours <= recipe.publishedError ? 'yes' : 'no',
    `${config.epochs}`, `${(trainMs / 1000).toFixed(0)} s`, recipe.how,
  ]);
}
console.log(`\n${train.count.toLocaleString('en-US')} training rows, ${test.count.toLocaleString('en-US')} test rows, ${kernel}\n`);
printTable(['network (paper)', 'published', 'ours', 'as good', 'epochs', 'training', 'our recipe'], table, ['l', 'r', 'r', 'l', 'r', 'r', 'l']);
