/**
 * Headless trainer: the same engine and data code as the playground, in Node.
 *   npm run train -- --data public/data/mnist-train-42k.csv --preset notebook
 * Exit codes: 0 done, 1 bad data or a failed run, 2 bad command line.
 */
import './v8-flags';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { encodeModel } from '../src/model-file/safetensors';
import { evaluateDataset } from '../src/train/evaluate';
import { type EpochMetrics, TrainingRun } from '../src/train/run';
import { SettingsError, defaultThreads } from '../src/train/settings';
import { USAGE, UsageError, parseCli } from './args';
import { readDigitCsv } from './read-csv';
import { cores, spawnNodeThread } from './threads';

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(x * 100).toFixed(2)}%`);
const num4 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(4));

function epochLine(m: EpochMetrics, epochs: number): string {
  return `epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}  ` +
    `train loss ${num4(m.trainLoss)} acc ${pct(m.trainAcc)}  val loss ${num4(m.valLoss)} acc ${pct(m.valAcc)}  ` +
    `${(m.epochMs / 1000).toFixed(2)} s  ${Math.round(m.samplesPerSec).toLocaleString('en-US')} samples/s`;
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { json, save } = options;
  const config = { ...options.config, threads: options.config.threads ?? defaultThreads(cores()) };
  // Checked before training, so that a long run is not lost to a typo in the folder.
  if (save !== undefined && !existsSync(dirname(resolve(save)))) {
    console.error(`error: --save: the folder "${dirname(save)}" does not exist\n\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  const dataset = await readDigitCsv(options.data);
  const loadMs = performance.now() - t0;
  // Read before training too, so that a bad test file does not cost a whole run.
  const test = options.test === undefined ? null : await readDigitCsv(options.test);
  if (test && !test.labels) {
    console.error(`error: --test: "${test.name}" has no label column; a test set needs labels to be scored`);
    return 1;
  }
  let run: TrainingRun;
  try {
    run = new TrainingRun(dataset, config, undefined, { spawn: spawnNodeThread });
  } catch (e) {
    // Settings that only the data can refuse (a batch larger than the training rows) are still a bad command line.
    if (e instanceof SettingsError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  await run.ready;
  const arch = run.model.architecture();
  const { kernel, threads } = run.engine;
  if (!json) {
    console.log(`${dataset.name}: ${dataset.count.toLocaleString('en-US')} rows read in ${(loadMs / 1000).toFixed(2)} s; ` +
      `${run.split.train.length.toLocaleString('en-US')} train, ${run.split.val.length.toLocaleString('en-US')} held out (${config.split})`);
    console.log(`model ${arch} ${config.activation}, ${run.model.paramCount().toLocaleString('en-US')} parameters; ` +
      `${config.optimizer} lr ${config.lr}, batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}; ` +
      `${kernel} kernels on ${threads} thread${threads === 1 ? '' : 's'}`);
  }
  let last: EpochMetrics | null = null;
  let trainMs = 0;
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    last = run.finishEpoch();
    trainMs += last.epochMs;
    console.log(json ? JSON.stringify(last) : epochLine(last, config.epochs));
  }
  const samples = run.split.train.length * config.epochs;
  const tested = test ? evaluateDataset(run.model, test) : null;
  const summary = {
    summary: true, arch, kernel, threads, epochs: config.epochs, trainLoss: last!.trainLoss, trainAcc: last!.trainAcc,
    valLoss: last!.valLoss, valAcc: last!.valAcc, trainSeconds: trainMs / 1000, samplesPerSec: samples / (trainMs / 1000),
    ...(tested ? { testLoss: tested.meanLoss, testAcc: tested.accuracy, testRows: tested.count } : {}),
    ...(save === undefined ? {} : { saved: save }),
  };
  if (tested && !json) console.log(`test set ${test!.name}: accuracy ${pct(tested.accuracy)} (loss ${num4(tested.meanLoss)}) on ${tested.count.toLocaleString('en-US')} rows`);
  if (save !== undefined) {
    const { epoch, trainLoss, trainAcc, valLoss, valAcc } = last!;
    const bytes = encodeModel(run.model, {
      settings: config, metrics: { epoch, trainLoss, trainAcc, valLoss, valAcc }, created: new Date().toISOString(), dataset: dataset.name,
    });
    writeFileSync(save, bytes);
    if (!json) console.log(`saved ${arch} to ${save} (${bytes.length.toLocaleString('en-US')} bytes)`);
  }
  console.log(json ? JSON.stringify(summary) :
    `done: ${arch} after ${config.epochs} epochs, held-out accuracy ${pct(summary.valAcc)} (loss ${num4(summary.valLoss)}), ` +
    `${summary.trainSeconds.toFixed(1)} s of training at ${Math.round(summary.samplesPerSec).toLocaleString('en-US')} samples/s`);
  run.dispose();
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
