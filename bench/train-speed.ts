/**
 * Training speed, one table (issue 10's baseline): samples/s for the notebook recipe (784-128-10, ReLU,
 * softmax, SGD lr 0.1, batch 32) on the first 42,000 MNIST digits and on a dense set the bench makes
 * itself (the same digits with inverted pixels, 255 - x), each against NumPy float32 on the same data:
 * ours as the engine runs today (WASM first layer), ours on its JS kernels only, TensorFlow.js wasm and
 * cpu, NumPy float32 and float64 on one OpenBLAS thread, and a naive triple-loop JS MLP; plus
 * 784-256-128-10 sigmoid Adam (lr 0.001) for ours and NumPy float32.
 *
 *   npm run bench            (about 3 minutes on the 2-core machine)
 *
 * Ours, NumPy and TF.js wasm run ROUNDS rounds, alternating, and the median is reported; the slow peers
 * run one shorter round. Samples/s counts training only (forward, backward, update, and for ours and
 * TF.js building each batch from bytes as the product does; NumPy scales all pixels once, before).
 * The CSVs for NumPy go to a temp dir, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PIXELS } from '../src/data/dataset';
import { setWasmEnabled as setSimdEnabled } from '../src/engine/wasm/modules';
import { NOTEBOOK_PRESET, type TrainConfig } from '../src/train/config';
import { TrainingRun } from '../src/train/run';
import { writeKaggleCsv } from '../scripts/kaggle-csv';
import { loadMnist } from '../scripts/mnist-source';
import { benchNaive } from './peers/naive';
import { benchNumpy, ensureNumpyOpenblas } from './peers/numpy';
import { benchTfjs } from './peers/tfjs';
import { busyBetween, busyText, cpuTimes, machineBusy, median, printTable } from './stats';

const N = 42_000;
const BATCH = NOTEBOOK_PRESET.batchSize;
const EPOCH_BATCHES = Math.ceil((N * 0.8) / BATCH); // 1050: one epoch of the first 80% (33,600 rows)
const ROUNDS = 3;
const SIGMOID_ADAM: TrainConfig = { ...NOTEBOOK_PRESET, hidden: [256, 128], activation: 'sigmoid', optimizer: 'adam', lr: 0.001 };

interface Data { name: string; pixels: Uint8Array; labels: Uint8Array; csv: string }

/** Trains `batches` minibatches after 100 warm-up ones; times training only (not the epoch-end evaluation). */
function benchOurs(ds: Data, batches: number, config: TrainConfig = NOTEBOOK_PRESET): { samplesPerSec: number; valAcc: number } {
  const run = new TrainingRun({ name: ds.name, count: N, pixels: ds.pixels, labels: ds.labels }, { ...config, epochs: 1000 });
  run.trainBatches(100); // warm-up: let V8 optimise the kernels
  let seconds = 0;
  let done = 0;
  let valAcc = NaN;
  while (done < batches) {
    if (run.epochComplete) {
      const m = run.finishEpoch();
      if (Number.isNaN(valAcc)) valAcc = m.valAcc;
    }
    const t0 = performance.now();
    done += run.trainBatches(batches - done);
    seconds += (performance.now() - t0) / 1000;
  }
  return { samplesPerSec: (done * BATCH) / seconds, valAcc };
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const list = (xs: number[]) => xs.map((x) => int(x)).join(', ');
const pct = (x: number) => (Number.isNaN(x) ? '' : `${(x * 100).toFixed(2)}%`);

async function main(): Promise<void> {
  const started = performance.now();
  const busyBefore = await machineBusy(1000);
  const c0 = cpuTimes();
  const blas = ensureNumpyOpenblas();

  const train = loadMnist('train');
  const mnistPixels = train.pixels.slice(0, N * PIXELS);
  const labels = train.labels.slice(0, N);
  const densePixels = mnistPixels.map((x) => 255 - x);
  const nonZero = (p: Uint8Array) => p.reduce((a, x) => a + (x !== 0 ? 1 : 0), 0) / p.length;
  const nzMnist = nonZero(mnistPixels), nzDense = nonZero(densePixels);
  if (nzDense < 0.5) throw new Error(`dense set has only ${pct(nzDense)} non-zero pixels`);

  const dir = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
  try {
    const sets: Data[] = [
      { name: 'MNIST', pixels: mnistPixels, labels, csv: join(dir, 'mnist.csv') },
      { name: 'dense', pixels: densePixels, labels, csv: join(dir, 'dense.csv') },
    ];
    for (const s of sets) await writeKaggleCsv(s.csv, [{ pixels: s.pixels, labels: s.labels, from: 0, to: N }], true);

    console.log(`Training speed, notebook recipe 784-128-10 ReLU, SGD lr 0.1, batch ${BATCH}; first ${int(N)} MNIST digits (80% train)`);
    console.log(`Data: MNIST (${pct(nzMnist)} of pixels non-zero) and dense = MNIST with inverted pixels 255 - x (${pct(nzDense)} non-zero, made in ${dir})`);
    console.log(`Node ${process.version}, ${cpus().length} cores, all contenders on one thread; ${blas}, OPENBLAS_NUM_THREADS=1`);
    console.log(`Machine CPU busy before starting: ${busyText(busyBefore)} over 1 s${busyBefore > 0.15 ? ' (other work on this machine slows every number below)' : ''}\n`);

    const rows: string[][] = [];
    const ratios: Record<string, { ours: number; oursJs: number; wasm: number; np32: number }> = {};
    for (const ds of sets) {
      process.stdout.write(`${ds.name}: `);
      const ours: number[] = [], wasm: number[] = [], np32: number[] = [], np64: number[] = [];
      let oursAcc = NaN, np32Acc = NaN, np64Acc = NaN;
      const common = { pixels: ds.pixels, labels: ds.labels, n: N, hidden: [128], lr: 0.1, batch: BATCH };
      for (let r = 0; r < ROUNDS; r++) {
        const o = benchOurs(ds, EPOCH_BATCHES);
        ours.push(o.samplesPerSec);
        oursAcc = o.valAcc;
        const a = benchNumpy(ds.csv, 'float32');
        np32.push(a.samplesPerSec);
        np32Acc = a.valAcc;
        const b = benchNumpy(ds.csv, 'float64');
        np64.push(b.samplesPerSec);
        np64Acc = b.valAcc;
        wasm.push((await benchTfjs('wasm', { ...common, batches: 400, warmupBatches: 30 })).samplesPerSec);
        process.stdout.write(`round ${r + 1} `);
      }
      setSimdEnabled(false); // the same engine on its JS kernels only, as without WebAssembly SIMD
      const oursJs = benchOurs(ds, 400).samplesPerSec;
      setSimdEnabled(true);
      const cpu = (await benchTfjs('cpu', { ...common, batches: 120, warmupBatches: 10 })).samplesPerSec;
      const naive = benchNaive({ pixels: ds.pixels, labels: ds.labels, n: N, hidden: 128, lr: 0.1, batch: BATCH, batches: 60 }).samplesPerSec;
      process.stdout.write('done\n');

      const ref = median(np32);
      const row = (name: string, sps: number, acc: number, note: string) =>
        rows.push([ds.name, name, int(sps), `${(sps / ref).toFixed(2)}x`, pct(acc), note]);
      row('ours (engine as today, WASM first layer)', median(ours), oursAcc, `median of ${ROUNDS}: ${list(ours)}; 1 epoch each`);
      row('ours, JS kernels only', oursJs, NaN, '1 round, 400 batches, WebAssembly SIMD off');
      row('TensorFlow.js wasm (SIMD)', median(wasm), NaN, `median of ${ROUNDS}: ${list(wasm)}; 400 batches each`);
      row('TensorFlow.js cpu (pure JS)', cpu, NaN, '1 round, 120 batches (slow peer)');
      row('NumPy float32, 1 thread', ref, np32Acc, `median of ${ROUNDS}: ${list(np32)}; 1 epoch each`);
      row('NumPy float64, 1 thread', median(np64), np64Acc, `median of ${ROUNDS}: ${list(np64)}; 1 epoch each`);
      row('naive JS triple loops', naive, NaN, '1 round, 60 batches (slow peer)');
      ratios[ds.name] = { ours: median(ours) / ref, oursJs: oursJs / ref, wasm: median(ours) / median(wasm), np32: ref };
    }

    process.stdout.write('784-256-128-10 sigmoid Adam (MNIST): ');
    const sOurs: number[] = [], sNp: number[] = [];
    let sOursAcc = NaN, sNpAcc = NaN;
    for (let r = 0; r < ROUNDS; r++) {
      const o = benchOurs(sets[0], EPOCH_BATCHES, SIGMOID_ADAM);
      sOurs.push(o.samplesPerSec);
      sOursAcc = o.valAcc;
      const a = benchNumpy(sets[0].csv, 'float32', { hidden: [256, 128], activation: 'sigmoid', optimizer: 'adam', lr: 0.001 });
      sNp.push(a.samplesPerSec);
      sNpAcc = a.valAcc;
      process.stdout.write(`round ${r + 1} `);
    }
    process.stdout.write('done\n\n');
    const sRatio = median(sOurs) / median(sNp);
    rows.push(['MNIST', 'ours, 784-256-128-10 sigmoid Adam lr 0.001', int(median(sOurs)), `${sRatio.toFixed(2)}x`, pct(sOursAcc), `median of ${ROUNDS}: ${list(sOurs)}; 1 epoch each`]);
    rows.push(['MNIST', 'NumPy float32, the same, 1 thread', int(median(sNp)), '1.00x', pct(sNpAcc), `median of ${ROUNDS}: ${list(sNp)}; 1 epoch each`]);

    printTable(['data', 'contender', 'samples/s', 'vs NumPy f32', 'val acc', 'runs'], rows, ['l', 'l', 'r', 'r', 'r', 'l']);
    console.log('(vs NumPy f32: samples/s over NumPy float32 on the same data and model; val acc: held-out 20% after epoch 1, where one was trained)\n');

    const target = (figure: string, x: number, min: number) => [figure, `${x.toFixed(2)}x`, `>= ${min}x`, x >= min ? 'met' : 'NOT met'];
    printTable(['issue 10 target (one thread)', 'measured', 'target', ''], [
      target('MNIST: ours / NumPy float32', ratios.MNIST.ours, 1.0),
      target('dense: ours / NumPy float32', ratios.dense.ours, 0.6),
      target('MNIST: ours / TensorFlow.js wasm', ratios.MNIST.wasm, 20),
      target('dense: ours / TensorFlow.js wasm', ratios.dense.wasm, 20),
      target('784-256-128-10 sigmoid Adam: ours / NumPy float32', sRatio, 0.5),
    ], ['l', 'r', 'l', 'l']);
    console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s in all; machine CPU busy ${busyText(busyBetween(c0, cpuTimes()))} during the run: `
      + 'one core is the bench, well above that means other work was running and slowed these numbers)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
