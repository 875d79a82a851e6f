/**
 * The WebAssembly kernels against the TypeScript kernels and naive loops, on odd shapes (column tails
 * of 1-3, row tails, blocks of columns inside a wider matrix), dense and sparse.
 */
import { describe, expect, it } from 'vitest';
import { SoftmaxCrossEntropy, SquaredError } from '../../../src/engine/loss';
import { fromArray } from '../../../src/engine/matrix';
import { Optimizer } from '../../../src/engine/optim';
import { Rng } from '../../../src/engine/rng';
import { normalizePixels } from '../../../src/data/normalize';
import * as L from '../../../src/engine/wasm/layout';
import { maxRelError, naiveMatmul, randomMatrix } from '../helpers';
import { wasmKit } from './wasm-kit';

/** Float32 sums over k terms, against float64: the error grows with k. */
const TOL = 5e-5;
const SHAPES = [[1, 3, 4], [5, 13, 17], [7, 29, 20], [32, 784, 128], [3, 50, 36], [6, 10, 3], [9, 128, 10]];

/** Bytes like MNIST's: about `zeroShare` zeros, the rest 1-255. */
function bytes(n: number, seed: number, zeroShare: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => (rng.random() < zeroShare ? 0 : 1 + Math.floor(rng.random() * 255)));
}

describe('WebAssembly dense products agree with the naive triple loop', () => {
  const { k, f32, readF32 } = wasmKit();
  for (const [m, kk, n] of SHAPES) {
    it(`A [${m}, ${kk}] · B [${kk}, ${n}], Aᵀ · B and A · Bᵀ`, () => {
      const a = randomMatrix(m, kk, m + kk, 0.3), b = randomMatrix(kk, n, kk + n);
      const C = f32(m * n);
      k.matmul(f32(a.data), kk, f32(b.data), n, C, n, m, kk, n, 0, L.ACT_NONE);
      expect(maxRelError(readF32(C, m * n), naiveMatmul(a, b))).toBeLessThan(TOL);

      const at = randomMatrix(kk, m, 3), dz = randomMatrix(kk, n, 4);
      k.matmulTransA(f32(at.data), m, f32(dz.data), n, C, n, m, kk, n);
      expect(maxRelError(readF32(C, m * n), naiveMatmul(at, dz, true))).toBeLessThan(TOL);

      const bt = randomMatrix(n, kk, 5);
      k.matmulTransB(f32(a.data), kk, f32(bt.data), kk, C, n, m, kk, n);
      expect(maxRelError(readF32(C, m * n), naiveMatmul(a, bt, false, true))).toBeLessThan(TOL);
    });
  }

  it('works on a block of columns inside a wider matrix, with bias and ReLU fused, leaving the rest alone', () => {
    const m = 6, kk = 11, n = 23, j0 = 8, cols = 13; // columns [8, 21) of 23
    const a = randomMatrix(m, kk, 1), b = randomMatrix(kk, n, 2), bias = randomMatrix(1, n, 3).data;
    const C = f32(Array(m * n).fill(7));
    k.matmul(f32(a.data), kk, f32(b.data) + 4 * j0, n, C + 4 * j0, n, m, kk, cols, f32(bias) + 4 * j0, L.ACT_RELU);
    const want = naiveMatmul(a, b), got = readF32(C, m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      const inside = j >= j0 && j < j0 + cols;
      expect(got[i * n + j]).toBeCloseTo(inside ? Math.max(0, want[i * n + j] + bias[j]) : 7, 4);
    }
  });

  it('sigmoid and tanh epilogues are within 1e-6 of Math.exp and Math.tanh, and NaN stays NaN', () => {
    // With k = 0 the product is the bias alone: C = act(bias), over 8-column blocks and the tails.
    const z = Float32Array.from({ length: 151 }, (_, i) => (i - 75) / 4); // −18.75 .. 18.75
    z[5] = NaN;
    const C = f32(z.length);
    for (const [act, f] of [[L.ACT_SIGMOID, (x: number) => 1 / (1 + Math.exp(-x))], [L.ACT_TANH, Math.tanh]] as const) {
      k.matmul(f32(1), 0, f32(1), z.length, C, z.length, 1, 0, z.length, f32(z), act);
      const got = readF32(C, z.length);
      for (let i = 0; i < z.length; i++) {
        if (i === 5) expect(got[i]).toBeNaN();
        else expect(Math.abs(got[i] - f(z[i]))).toBeLessThan(1e-6);
      }
    }
  });
});

describe('WebAssembly batch gathering and sparse products', () => {
  const { k, f32, i32, u8, readF32, readI32 } = wasmKit();

  it('normalises every byte exactly as the one pixel normalisation does', () => {
    const all = Uint8Array.from({ length: 256 * 8 }, (_, i) => i % 256); // 8 rows of 256
    const X = f32(all.length);
    k.gatherDense(u8(all), i32([0, 1, 2, 3, 4, 5, 6, 7]), 0, 8, 256, X);
    const want = new Float32Array(all.length);
    normalizePixels(all, 0, want, 0, all.length);
    expect(readF32(X, all.length)).toEqual(want);
  });

  for (const [rows, w, n, zeroShare] of [[32, 784, 128, 0.81], [5, 30, 7, 0.5], [3, 17, 21, 0.9], [4, 784, 10, 0]]) {
    it(`gathers rows in order as CSR and multiplies only the non-zeros: X [${rows}, ${w}] · W [${w}, ${n}] and Xᵀ · dZ`, () => {
      const count = rows * 2;
      const pixels = bytes(count * w, w + n, zeroShare);
      const order = Array.from({ length: rows }, (_, r) => (r * 7 + 3) % count); // rows out of order
      const ptrs = { p: u8(pixels), o: i32(order) };
      const nnz = k.countNonZero(ptrs.p, ptrs.o, 0, rows, w);
      const x = new Float32Array(rows * w);
      order.forEach((row, r) => normalizePixels(pixels, row * w, x, r * w, w));
      expect(nnz).toBe(x.filter((v) => v !== 0).length);

      const rowPtr = i32(rows + 1), colIdx = i32(rows * w), values = f32(rows * w);
      expect(k.gatherCsr(ptrs.p, ptrs.o, 0, rows, w, rowPtr, colIdx, values)).toBe(nnz);
      const W = randomMatrix(w, n, 9), C = f32(rows * n);
      k.csrMatmul(rowPtr, colIdx, values, rows, f32(W.data), n, C, n, n, 0, L.ACT_NONE);
      const X = fromArray(rows, w, x);
      expect(maxRelError(readF32(C, rows * n), naiveMatmul(X, W))).toBeLessThan(TOL);

      const tPtr = i32(w + 1), tIdx = i32(rows * w), tVal = f32(rows * w);
      k.transposeCsr(rowPtr, colIdx, values, rows, w, tPtr, tIdx, tVal);
      expect(readI32(tPtr, w + 1)[w]).toBe(nnz);
      const dZ = randomMatrix(rows, n, 10), dW = f32(w * n);
      k.csrMatmul(tPtr, tIdx, tVal, w, f32(dZ.data), n, dW, n, n, 0, L.ACT_NONE);
      expect(maxRelError(readF32(dW, w * n), naiveMatmul(X, dZ, true))).toBeLessThan(TOL);

      const Xd = f32(rows * w);
      k.gatherDense(ptrs.p, ptrs.o, 0, rows, w, Xd);
      expect(readF32(Xd, rows * w)).toEqual(x);
    });
  }
});

describe('WebAssembly loss, gradients of the activations and optimiser updates', () => {
  const { k, f32, i32, readF32 } = wasmKit();

  it('the squared error gives the TypeScript loss, Σ |z − y| and dL/doutputs, bit for bit', () => {
    const rows = 9;
    const z = randomMatrix(rows, 1, 4);
    const y = Float32Array.from({ length: rows }, (_, i) => Math.sin(i) * 2);
    const se = new SquaredError(1), losses = new Float32Array(rows);
    const mean = se.forward(z, y, losses);
    const dL = se.backward().data.slice(0, rows);
    // The rows in another order through `order`: the targets are read as a run's are.
    const order = Array.from({ length: rows }, (_, i) => (i * 4) % rows);
    const Z = f32(Array.from(order, (i) => z.data[i])), out = f32(rows);
    const targets = f32(y);
    const sum = k.squaredError(Z, rows, 1, targets, i32(order), 0, 1, out, rows);
    expect(sum / rows).toBeCloseTo(mean, 6);
    expect(readF32(out, rows)).toEqual(Float32Array.from(order, (i) => losses[i]));
    expect(readF32(Z, rows)).toEqual(Float32Array.from(order, (i) => dL[i]));
  });

  it('gathers rows of float features by their order, as they are', () => {
    const w = 7, n = 5;
    const features = Float32Array.from({ length: n * w }, (_, i) => i * 0.5 - 3);
    const X = f32(3 * w);
    k.gatherRows(f32(features), i32([4, 0, 2]), 0, 3, w, X);
    expect(readF32(X, 3 * w)).toEqual(Float32Array.from([4, 0, 2].flatMap((r) => Array.from(features.subarray(r * w, (r + 1) * w)))));
  });

  it('softmax cross-entropy gives the TypeScript loss, accuracy and dL/dlogits', () => {
    const rows = 7, C = 10;
    const logits = randomMatrix(rows, C, 3);
    logits.data[4] = 40; // a confident row
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 3) % C);
    const ce = new SoftmaxCrossEntropy(C);
    const mean = ce.forward(logits, labels);
    const dL = ce.backward().data.slice(0, rows * C);
    const Z = f32(logits.data.subarray(0, rows * C)), losses = f32(rows);
    const sum = k.softmaxCrossEntropy(Z, rows, C, i32(labels), i32(Array.from({ length: rows }, (_, i) => i)), 0, 1, losses, rows);
    expect(sum / rows).toBeCloseTo(mean, 6);
    expect(k.evalCorrect()).toBe(ce.correct);
    expect(maxRelError(readF32(Z, rows * C), dL)).toBeLessThan(1e-6);
  });

  it('dZ = dA ⊙ f′(A) for ReLU, sigmoid and tanh; column sums for the bias gradient', () => {
    const rows = 5, cols = 11;
    const A = randomMatrix(rows, cols, 1).data.map((v) => (v < 0 ? 0 : 1 / (1 + Math.exp(-v))));
    const dA = randomMatrix(rows, cols, 2).data;
    for (const [act, d] of [[L.ACT_RELU, (y: number) => (y > 0 ? 1 : 0)], [L.ACT_SIGMOID, (y: number) => y * (1 - y)], [L.ACT_TANH, (y: number) => 1 - y * y]] as const) {
      const D = f32(dA);
      k.actBackward(act, D, f32(A), cols, rows, cols);
      expect(maxRelError(readF32(D, rows * cols), Array.from(dA, (g, i) => g * d(A[i])))).toBeLessThan(1e-6);
    }
    const out = f32(cols);
    k.sumRows(f32(dA), cols, rows, cols, out);
    expect(maxRelError(readF32(out, cols), Array.from({ length: cols }, (_, j) => dA.filter((_, i) => i % cols === j).reduce((a, b) => a + b, 0)))).toBeLessThan(1e-6);
  });

  for (const opt of ['sgd', 'momentum', 'adam'] as const) {
    it(`${opt} with L2 decay: three steps agree with the TypeScript optimiser`, () => {
      const n = 23, lr = opt === 'adam' ? 0.01 : 0.1, wd = 0.01;
      const w = randomMatrix(1, n, 1).data, g0 = randomMatrix(1, n, 2).data;
      const param = { name: 'W', shape: [1, n], value: w.slice(), grad: g0.slice() };
      const ts = new Optimizer(opt, [param], { lr, weightDecay: wd });
      const W = f32(w), G = f32(g0), M = f32(n), V = f32(n);
      for (let t = 1; t <= 3; t++) {
        ts.step();
        const bc2 = Math.sqrt(1 - 0.999 ** t);
        k.update({ sgd: L.OPT_SGD, momentum: L.OPT_MOMENTUM, adam: L.OPT_ADAM }[opt], W, G, M, V, n, 1, n, lr, wd, 0.9, 0.9, 0.999, (lr * bc2) / (1 - 0.9 ** t), 1e-8 * bc2);
      }
      expect(maxRelError(readF32(W, n), param.value)).toBeLessThan(1e-5);
    });
  }

  for (const opt of ['sgd', 'adam'] as const) {
    it(`the sparse first layer's gradient and ${opt} update in one pass equal the product, then the update`, () => {
      const rows = 6, w = 40, n = 13, lr = 0.05, wd = 0.01, t = 1;
      const kind = opt === 'sgd' ? L.OPT_SGD : L.OPT_ADAM;
      const bc2 = Math.sqrt(1 - 0.999 ** t), alpha = (lr * bc2) / (1 - 0.9 ** t), epsHat = 1e-8 * bc2;
      const x = randomMatrix(rows, w, 1, 0.7).data.map(Math.abs), dZ = randomMatrix(rows, n, 2).data, W0 = randomMatrix(w, n, 3).data;
      // The reference: dW = Xᵀ · dZ, then one update.
      const G = f32(w * n), Wr = f32(W0), Mr = f32(w * n), Vr = f32(w * n);
      k.matmulTransA(f32(x), w, f32(dZ), n, G, n, w, rows, n);
      k.update(kind, Wr, G, Mr, Vr, n, w, n, lr, wd, 0.9, 0.9, 0.999, alpha, epsHat);
      const want = readF32(Wr, w * n);
      // Sparse: Xᵀ as CSR, the gradient in registers only.
      const xt = Array.from({ length: w * rows }, (_, i) => x[(i % rows) * w + Math.floor(i / rows)]); // [w, rows]
      const ptr = [0], idx: number[] = [], val: number[] = [];
      for (let p = 0; p < w; p++) { for (let r = 0; r < rows; r++) if (xt[p * rows + r] !== 0) { idx.push(r); val.push(xt[p * rows + r]); } ptr.push(idx.length); }
      const Ws = f32(W0), Ms = f32(w * n), Vs = f32(w * n);
      k.csrGradUpdate(i32(ptr), i32(idx), f32(val), w, f32(dZ), n, n, Ws, 0, Ms, Vs, n, kind, lr, wd, 0.9, 0.9, 0.999, alpha, epsHat);
      expect(maxRelError(readF32(Ws, w * n), want)).toBeLessThan(1e-6);
    });
  }
});
