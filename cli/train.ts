/**
 * Headless trainer: the same engine and data code as the playground, in Node.
 *   npm run train -- --data public/data/mnist-train-42k.csv --preset notebook
 *   npm run train -- --data public/data/penguins.csv            (a table: the Table preset)
 * Exit codes: 0 done, 1 bad data or a failed run, 2 bad command line.
 */
import './v8-flags';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CsvError } from '../src/data/csv';
import { classNames } from '../src/data/schema';
import { RegressionEvaluation } from '../src/engine/metrics';
import { encodeModel } from '../src/model-file/safetensors';
import type { TrainConfig } from '../src/train/config';
import { evaluateDataset } from '../src/train/evaluate';
import { type EpochMetrics, TrainingRun } from '../src/train/run';
import { TableSettingsError, isTableSource } from '../src/train/run-data';
import { SettingsError, defaultThreads } from '../src/train/settings';
import { resolveTable } from '../src/train/table-settings';
import { encodeFor } from '../src/worker/encode';
import { USAGE, UsageError, configFor, parseCli } from './args';
import { profileText } from './profile-text';
import { readCsv } from './read-csv';
import { cores, spawnNodeThread } from './threads';

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(x * 100).toFixed(2)}%`);
const num4 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(4));
const sig = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toPrecision(4));

function epochLine(m: EpochMetrics, epochs: number): string {
  const scores = m.valR2 !== undefined
    ? `train loss ${num4(m.trainLoss)} R² ${num4(m.trainR2)}  val loss ${num4(m.valLoss)} R² ${num4(m.valR2)} RMSE ${sig(m.valRmse)} MAE ${sig(m.valMae)}`
    : `train loss ${num4(m.trainLoss)} acc ${pct(m.trainAcc)}  val loss ${num4(m.valLoss)} acc ${pct(m.valAcc)}`;
  return `epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}  ${scores}  ` +
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
  // Checked before training, so that a long run is not lost to a typo in the folder.
  if (save !== undefined && !existsSync(dirname(resolve(save)))) {
    console.error(`error: --save: the folder "${dirname(save)}" does not exist\n\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  const source = await readCsv(options.data);
  const loadMs = performance.now() - t0;
  const table = isTableSource(source);
  const rows = table ? source.table.rows : source.count, name = table ? source.table.name : source.name;
  let config: TrainConfig;
  try {
    config = configFor(options, source);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  config = { ...config, threads: config.threads ?? defaultThreads(cores()) };
  // Read before training too, so that a bad test file does not cost a whole run.
  const test = options.test === undefined ? null : await readCsv(options.test);
  if (test && !isTableSource(test) && !test.y) {
    console.error(`error: --test: "${test.name}" has no label column; a test set needs labels to be scored`);
    return 1;
  }
  if (table && !json) {
    console.log(`${name}: ${rows.toLocaleString('en-US')} rows of ${source.table.columns.length} columns read in ${(loadMs / 1000).toFixed(2)} s`);
    console.log(profileText(source.profile, resolveTable(source.profile, config)));
  }
  let run: TrainingRun;
  try {
    run = new TrainingRun(source, config, undefined, { spawn: spawnNodeThread });
  } catch (e) {
    // Settings that only the data can refuse (a batch larger than the training rows, a column it lacks) are still a bad
    // command line; a table whose own default target cannot train is bad data.
    const tableFlags = (['target', 'task', 'ignore', 'include', 'missing'] as const).some((k) => options.flags[k] !== undefined);
    if (e instanceof SettingsError || e instanceof TableSettingsError) {
      console.error(`error: ${e.message}`);
      return e instanceof TableSettingsError && !tableFlags ? 1 : 2;
    }
    throw e;
  }
  await run.ready;
  const arch = run.model.architecture();
  const { kernel, threads } = run.engine;
  const schema = run.dataset.schema, task = schema.target.task;
  if (!json) {
    if (!table) console.log(`${name}: ${rows.toLocaleString('en-US')} rows read in ${(loadMs / 1000).toFixed(2)} s`);
    for (const note of run.notes) console.log(`note: ${note}`);
    console.log(`${run.split.train.length.toLocaleString('en-US')} train, ${run.split.val.length.toLocaleString('en-US')} held out (${config.split}); ${task}` +
      (task === 'classification' ? ` of ${classNames(schema).length} classes` : ` of ${schema.target.column}`));
    console.log(`model ${arch} ${config.activation}, ${run.model.paramCount().toLocaleString('en-US')} parameters; ` +
      `${config.optimizer} lr ${config.lr}, batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}; ` +
      `${kernel} kernels on ${threads} thread${threads === 1 ? '' : 's'}`);
  }
  let last: EpochMetrics | null = null;
  let trainMs = 0, epochs = 0;
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    last = run.finishEpoch();
    trainMs += last.epochMs;
    epochs++;
    console.log(json ? JSON.stringify(last) : epochLine(last, config.epochs));
  }
  let tested = null;
  if (test) {
    try {
      tested = evaluateDataset(run.model, encodeFor(test, schema, 'test').dataset);
    } catch (e) {
      console.error(`error: --test: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  const samples = run.split.train.length * epochs;
  const val = run.lastVal;
  const summary = {
    summary: true, arch, kernel, threads, task, ...(task === 'classification' ? { classes: classNames(schema) } : { target: schema.target.column }),
    epochs, ...(run.keptEpoch !== null ? { keptEpoch: run.keptEpoch } : {}),
    trainLoss: last!.trainLoss, trainAcc: last!.trainAcc, valLoss: val ? val.meanLoss : last!.valLoss, valAcc: val && 'accuracy' in val ? val.accuracy : last!.valAcc,
    ...(val instanceof RegressionEvaluation ? { valRmse: val.rmse, valMae: val.mae, valR2: val.r2 } : {}),
    trainSeconds: trainMs / 1000, samplesPerSec: samples / (trainMs / 1000),
    ...(tested instanceof RegressionEvaluation ? { testLoss: tested.meanLoss, testRmse: tested.rmse, testMae: tested.mae, testR2: tested.r2, testRows: tested.count } : {}),
    ...(tested && !(tested instanceof RegressionEvaluation) ? { testLoss: tested.meanLoss, testAcc: tested.accuracy, testRows: tested.count } : {}),
    ...(save === undefined ? {} : { saved: save }),
  };
  if (tested && !json) {
    const testName = isTableSource(test!) ? test!.table.name : test!.name;
    console.log(tested instanceof RegressionEvaluation
      ? `test set ${testName}: R² ${num4(tested.r2)}, RMSE ${sig(tested.rmse)}, MAE ${sig(tested.mae)} on ${tested.count.toLocaleString('en-US')} rows`
      : `test set ${testName}: accuracy ${pct(tested.accuracy)} (loss ${num4(tested.meanLoss)}) on ${tested.count.toLocaleString('en-US')} rows`);
  }
  if (save !== undefined) {
    const { trainLoss, trainAcc } = last!;
    const bytes = encodeModel(run.model, {
      settings: config, metrics: { epoch: run.keptEpoch ?? run.epoch, trainLoss, trainAcc, valLoss: summary.valLoss, valAcc: summary.valAcc },
      created: new Date().toISOString(), dataset: name, schema,
    });
    writeFileSync(save, bytes);
    if (!json) console.log(`saved ${arch} to ${save} (${bytes.length.toLocaleString('en-US')} bytes)`);
  }
  const kept = run.keptEpoch !== null ? `, keeping epoch ${run.keptEpoch}` : '';
  const score = val instanceof RegressionEvaluation ? `held-out R² ${num4(val.r2)} (RMSE ${sig(val.rmse)})` : `held-out accuracy ${pct(summary.valAcc)} (loss ${num4(summary.valLoss)})`;
  console.log(json ? JSON.stringify(summary) :
    `done: ${arch} after ${epochs} epochs${kept}, ${score}, ` +
    `${summary.trainSeconds.toFixed(1)} s of training at ${Math.round(summary.samplesPerSec).toLocaleString('en-US')} samples/s`);
  run.dispose();
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(`error: ${e instanceof CsvError || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
