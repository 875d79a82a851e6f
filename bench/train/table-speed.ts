/**
 * The large-table rows of `npm run bench` (bench/train-speed.ts): the table bench/big-table.ts makes
 * (40 numeric features, 5 classes), trained with the Table preset (40-100-5 ReLU, Adam 0.001, batch
 * 200, L2 1e-4: scikit-learn's MLP defaults), as the CLI configures it for the file.
 *
 * Speed: ours in Node and in a Chromium worker, 1 and 2 threads, each reading the training CSV as the
 * CLI and the app do and timing one epoch of training batches after WARMUP (timed.ts); PyTorch on the
 * CPU with 1 and 2 threads on the same rows, standardised, as float32 tensors (peers/torch_mlp.py).
 * ROUNDS rounds, contenders alternating; medians.
 *
 * Accuracy and fit time: scikit-learn's MLPClassifier() with its defaults after a StandardScaler, fitted
 * once on the training rows and scored on the test rows; then ours with the CLI's defaults, trained
 * until its test accuracy is within GOAL_POINTS of scikit-learn's (to-accuracy.ts).
 */
import { type CliOptions, configFor, parseCli } from '../../cli/args';
import { readCsv } from '../../cli/read-csv';
import { heldOutCount } from '../../src/data/split';
import { isTableSource } from '../../src/train/run-data';
import { type BigTableFiles, CLASSES, FEATURES } from '../big-table';
import { benchTorch, sklearnNpy } from '../peers/python';
import { median, type TargetRow } from '../stats';
import type { ChromiumBench } from './chromium';
import { benchNode } from './node';
import type { SpeedResult } from './protocol';
import { type ToAccuracy, trainToAccuracy } from './to-accuracy';

export const WARMUP = 100;
/** Ours must come within this many accuracy points of scikit-learn's test accuracy… */
const GOAL_POINTS = 0.5;
/** …in at most this share of scikit-learn's fit time. */
const TIME_SHARE = 0.1;
const SPEEDUP = 1.5;

export interface TableRow { name: string; runs: number[]; acc: number; note: string }

export interface TableBench {
  rows: TableRow[];
  /** samples/s of PyTorch on 1 thread (the reference of the rows). */
  reference: number;
  sklearn: ReturnType<typeof sklearnNpy>;
  ours: ToAccuracy;
  goal: number;
  targets: TargetRow[];
  config: string;
  epochBatches: number;
}

export async function benchBigTable(browser: ChromiumBench, big: BigTableFiles, rounds: number): Promise<TableBench> {
  const source = await readCsv(big.trainCsv);
  if (!isTableSource(source)) throw new Error(`${big.trainCsv} did not read as a table`);
  const config = configFor(parseCli(['--data', big.trainCsv]) as CliOptions, source);
  const epochBatches = Math.ceil((big.trainRows - heldOutCount(big.trainRows, config.valShare)) / config.batchSize);

  const got: Record<string, SpeedResult[]> = {};
  const add = (key: string, r: SpeedResult) => (got[key] ??= []).push(r);
  const torch: Record<number, number[]> = { 1: [], 2: [] };
  let torchAcc2 = NaN, torchAcc1 = NaN, torchVersion = '';
  process.stdout.write('large table: ');
  for (let r = 0; r < rounds; r++) {
    for (const threads of [1, 2]) {
      add(`node ${threads}`, await benchNode(source, { ...config, threads }, 'auto', WARMUP, epochBatches));
      add(`chromium ${threads}`, await browser.run({ data: '/table-train.csv', table: true, config: { ...config, threads }, kernels: 'auto', warmup: WARMUP, batches: epochBatches }));
      // A process per thread count: a two-thread OpenMP team left spinning would slow a one-thread run after it.
      const t = benchTorch(big.npyPrefix, [threads], WARMUP, epochBatches);
      torch[threads].push(t.runs[0].samplesPerSec);
      if (threads === 1) torchAcc1 = t.testAcc;
      else torchAcc2 = t.testAcc;
      torchVersion = t.torch;
    }
    process.stdout.write(`round ${r + 1} `);
  }
  process.stdout.write('speed done; scikit-learn fit ');
  const sklearn = sklearnNpy(big.npyPrefix, 0);
  const goal = sklearn.testAcc - GOAL_POINTS / 100;
  process.stdout.write(`${sklearn.fitSeconds.toFixed(1)} s; ours to ${(goal * 100).toFixed(2)}% `);
  const ours = await trainToAccuracy(big.trainCsv, big.testCsv, goal);
  process.stdout.write(`${ours.seconds.toFixed(1)} s\n`);

  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const note = (rs: SpeedResult[]) => `${rs[0].engine.kernel}, ${rs[0].engine.threads} thread${rs[0].engine.threads === 1 ? '' : 's'}; memory ${mb(rs[0].memoryBytes)}`;
  const rows: TableRow[] = [];
  for (const [k, name] of [['node 1', 'ours, WASM, 1 thread, Node'], ['chromium 1', 'ours, WASM, 1 thread, Chromium'],
    ['node 2', 'ours, WASM, 2 threads, Node'], ['chromium 2', 'ours, WASM, 2 threads, Chromium']] as const) {
    const rs = got[k];
    rows.push({ name, runs: rs.map((x) => x.samplesPerSec), acc: rs.at(-1)!.valAcc, note: note(rs) });
  }
  rows.push({ name: 'PyTorch CPU float32, 1 thread', runs: torch[1], acc: torchAcc1, note: `torch ${torchVersion}; the reference` });
  rows.push({ name: 'PyTorch CPU float32, 2 threads', runs: torch[2], acc: torchAcc2, note: 'torch.set_num_threads(2); acc: on the test rows, after the timed batches' });
  const reference = median(torch[1]);
  const vs = (name: string) => median(rows.find((r) => r.name === name)!.runs) / reference;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const share = ours.seconds / sklearn.fitSeconds;
  const targets: TargetRow[] = [
    { figure: 'large table, 1 thread / PyTorch 1 thread, Node', measured: x(vs('ours, WASM, 1 thread, Node')), target: `>= ${SPEEDUP}x`, met: vs('ours, WASM, 1 thread, Node') >= SPEEDUP },
    { figure: 'large table, 1 thread / PyTorch 1 thread, Chromium', measured: x(vs('ours, WASM, 1 thread, Chromium')), target: `>= ${SPEEDUP}x`, met: vs('ours, WASM, 1 thread, Chromium') >= SPEEDUP },
    {
      figure: `large table, ours' test accuracy within ${GOAL_POINTS} pt of scikit-learn's`,
      measured: `${(ours.testAcc * 100).toFixed(2)}% vs ${(sklearn.testAcc * 100).toFixed(2)}%`, target: `>= ${(goal * 100).toFixed(2)}%`, met: ours.reached,
    },
    {
      figure: '… in at most a tenth of scikit-learn\'s fit time',
      measured: `${ours.seconds.toFixed(2)} s / ${sklearn.fitSeconds.toFixed(1)} s = ${share.toFixed(3)}`, target: `<= ${TIME_SHARE}`, met: ours.reached && share <= TIME_SHARE,
    },
  ];
  const c = config;
  return {
    rows, reference, sklearn, ours, goal, targets, epochBatches,
    config: `${FEATURES}-${c.hidden.join('-')}-${CLASSES} ${c.activation}, ${c.optimizer} ${c.lr}, batch ${c.batchSize}, L2 ${c.weightDecay}`,
  };
}
