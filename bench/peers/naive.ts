/**
 * Peer benchmark: the textbook MLP step with plain triple loops over Float32Array (no blocking, no
 * zero skipping), the way a first from-scratch JS port of the NumPy notebook looks. 784-H-10, ReLU,
 * softmax cross-entropy, SGD. It shows what the engine's kernels buy.
 */
import type { PeerResult } from './tfjs';

export function benchNaive(opts: { pixels: Uint8Array; labels: Uint8Array; n: number; hidden: number; lr: number; batch: number; batches: number }): PeerResult {
  const { pixels, labels, n, hidden: H, lr, batch: B } = opts;
  const D = 784, C = 10;
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const W1 = Float32Array.from({ length: D * H }, () => rand() * 0.1), b1 = new Float32Array(H);
  const W2 = Float32Array.from({ length: H * C }, () => rand() * 0.3), b2 = new Float32Array(C);
  const x = new Float32Array(B * D), z1 = new Float32Array(B * H), a1 = new Float32Array(B * H), p = new Float32Array(B * C);
  const dz2 = new Float32Array(B * C), dz1 = new Float32Array(B * H), dW1 = new Float32Array(D * H), dW2 = new Float32Array(H * C);
  let loss = 0;
  const t0 = performance.now();
  for (let s = 0; s < opts.batches; s++) {
    const start = (s * B) % (n - B);
    for (let i = 0; i < B * D; i++) x[i] = pixels[start * D + i] / 255;
    for (let i = 0; i < B; i++) for (let j = 0; j < H; j++) {
      let acc = b1[j];
      for (let k = 0; k < D; k++) acc += x[i * D + k] * W1[k * H + j];
      z1[i * H + j] = acc;
      a1[i * H + j] = acc > 0 ? acc : 0;
    }
    loss = 0;
    for (let i = 0; i < B; i++) {
      let max = -Infinity;
      for (let j = 0; j < C; j++) {
        let acc = b2[j];
        for (let k = 0; k < H; k++) acc += a1[i * H + k] * W2[k * C + j];
        p[i * C + j] = acc;
        if (acc > max) max = acc;
      }
      let sum = 0;
      for (let j = 0; j < C; j++) { p[i * C + j] = Math.exp(p[i * C + j] - max); sum += p[i * C + j]; }
      for (let j = 0; j < C; j++) { p[i * C + j] /= sum; dz2[i * C + j] = (p[i * C + j] - (j === labels[start + i] ? 1 : 0)) / B; }
      loss -= Math.log(p[i * C + labels[start + i]]) / B;
    }
    for (let k = 0; k < H; k++) for (let j = 0; j < C; j++) {
      let acc = 0;
      for (let i = 0; i < B; i++) acc += a1[i * H + k] * dz2[i * C + j];
      dW2[k * C + j] = acc;
    }
    for (let i = 0; i < B; i++) for (let k = 0; k < H; k++) {
      let acc = 0;
      for (let j = 0; j < C; j++) acc += dz2[i * C + j] * W2[k * C + j];
      dz1[i * H + k] = z1[i * H + k] > 0 ? acc : 0;
    }
    for (let k = 0; k < D; k++) for (let j = 0; j < H; j++) {
      let acc = 0;
      for (let i = 0; i < B; i++) acc += x[i * D + k] * dz1[i * H + j];
      dW1[k * H + j] = acc;
    }
    for (let i = 0; i < D * H; i++) W1[i] -= lr * dW1[i];
    for (let i = 0; i < H * C; i++) W2[i] -= lr * dW2[i];
    for (let j = 0; j < H; j++) { let acc = 0; for (let i = 0; i < B; i++) acc += dz1[i * H + j]; b1[j] -= lr * acc; }
    for (let j = 0; j < C; j++) { let acc = 0; for (let i = 0; i < B; i++) acc += dz2[i * C + j]; b2[j] -= lr * acc; }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { name: 'naive JS (triple loops)', samples: opts.batches * B, seconds, samplesPerSec: (opts.batches * B) / seconds, finalLoss: loss };
}
