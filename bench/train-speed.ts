/**
 * Training speed of the notebook recipe (784-128-10, ReLU, softmax, SGD lr 0.1, batch 32) on the first
 * 42,000 real MNIST digits, side by side in one run with TensorFlow.js (pure-JS `cpu` and `wasm`
 * backends) and a naive triple-loop JS MLP on the same model and batch size.
 *
 *   npm run bench            (about a minute)
 *
 * Each contender trains sequential minibatches after a warm-up; the number is training samples per
 * second (forward, backward, update and batch building from bytes, as in the product). Ours and
 * TF.js wasm are measured in several rounds, alternating, and the median is reported.
 */
import { PIXELS } from '../src/data/dataset';
import { setSimdEnabled } from '../src/engine/wasm/arena';
import { NOTEBOOK_PRESET } from '../src/train/config';
import { TrainingRun } from '../src/train/run';
import { loadMnist } from '../scripts/mnist-source';
import { benchNaive } from './peers/naive';
import { type PeerResult, benchTfjs } from './peers/tfjs';

const N = 42_000;
const BATCH = NOTEBOOK_PRESET.batchSize;
const ROUNDS = 3;

function benchOurs(ds: { pixels: Uint8Array; labels: Uint8Array }, batches: number): PeerResult {
  const run = new TrainingRun({ name: 'mnist', count: N, pixels: ds.pixels, labels: ds.labels }, { ...NOTEBOOK_PRESET, epochs: 1000 });
  run.trainBatches(100); // warm-up: let V8 optimise the kernels
  const t0 = performance.now();
  let done = 0;
  while (done < batches) {
    if (run.epochComplete) run.finishEpoch();
    done += run.trainBatches(batches - done);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { name: 'ours (this engine)', samples: done * BATCH, seconds, samplesPerSec: (done * BATCH) / seconds, finalLoss: run.running.loss };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(8);

async function main(): Promise<void> {
  const train = loadMnist('train');
  const ds = { pixels: train.pixels.slice(0, N * PIXELS), labels: train.labels.slice(0, N) };
  const common = { ...ds, n: N, hidden: [128], lr: 0.1, batch: BATCH };
  console.log(`Training speed, notebook recipe 784-128-10 ReLU, SGD lr 0.1, batch ${BATCH}, first ${N.toLocaleString('en-US')} MNIST digits`);
  console.log(`Node ${process.version}, ${(await import('node:os')).cpus().length} cores; median of ${ROUNDS} rounds where noted\n`);

  const ours: number[] = [];
  const wasm: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(benchOurs(ds, 1050).samplesPerSec); // one epoch of 33,600 samples
    wasm.push((await benchTfjs('wasm', { ...common, batches: 400, warmupBatches: 30 })).samplesPerSec);
  }
  setSimdEnabled(false); // the same engine on its JS kernels only, as on a machine without WebAssembly SIMD
  const oursJs = benchOurs(ds, 400);
  setSimdEnabled(true);
  const cpu = await benchTfjs('cpu', { ...common, batches: 120, warmupBatches: 10 });
  const naive = benchNaive({ ...ds, n: N, hidden: 128, lr: 0.1, batch: BATCH, batches: 60 });

  const rows: [string, number, string][] = [
    ['ours (this engine)', median(ours), `median of ${ours.map(Math.round).join(', ')}`],
    ['ours, JS kernels only', oursJs.samplesPerSec, 'one round, WebAssembly SIMD off'],
    ['TensorFlow.js wasm (SIMD)', median(wasm), `median of ${wasm.map(Math.round).join(', ')}`],
    ['TensorFlow.js cpu (pure JS)', cpu.samplesPerSec, 'one round'],
    ['naive JS triple loops', naive.samplesPerSec, 'one round'],
  ];
  console.log('contender                        samples/s   vs ours   note');
  for (const [name, sps, note] of rows) {
    console.log(`${name.padEnd(30)} ${fmt(sps)}   ${(median(ours) / sps).toFixed(2).padStart(6)}x   ${note}`);
  }
  const speed = median(ours), ratio = speed / median(wasm);
  console.log(`\ntarget >= 15,000 samples/s: ${speed >= 15_000 ? 'met' : 'NOT met'} (${fmt(speed).trim()})`);
  console.log(`target >= 3x TensorFlow.js wasm: ${ratio >= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
