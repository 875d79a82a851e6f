import { describe, expect, it } from 'vitest';
import { initLinear } from '../../../src/engine/init';
import { Linear } from '../../../src/engine/linear';
import { Rng } from '../../../src/engine/rng';
import { SPARSE_CAPACITY, SparseInputKernel } from '../../../src/engine/sparse-input';
import { assemble, sleb, uleb } from '../../../src/engine/wasm/assembler';
import { csrMatmulFunction } from '../../../src/engine/wasm/csr-matmul';
import { maxRelError, naiveMatmul, randomMatrix } from '../helpers';

describe('WebAssembly SIMD first-layer kernel', () => {
  it('assembles a valid module (this Node has WebAssembly SIMD, as Chromium does)', () => {
    expect(WebAssembly.validate(assemble([csrMatmulFunction()]))).toBe(true);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });

  // Output widths cover a 16-column block, the 4-column tail, and both.
  for (const [m, k, n] of [[1, 3, 4], [5, 13, 16], [7, 29, 20], [32, 784, 128], [3, 50, 36]]) {
    it(`X · W and Xᵀ · dZ agree with the naive loop for X [${m}, ${k}], W [${k}, ${n}]`, () => {
      const kernel = SparseInputKernel.create(k, n)!;
      expect(kernel).not.toBeNull();
      const W = randomMatrix(k, n, k + n);
      kernel.W.data.set(W.data);
      const x = randomMatrix(m, k, m * k, 0.8);
      const z = kernel.forward(x, 1)!;
      expect(maxRelError(z.data, naiveMatmul(x, W), m * n)).toBeLessThan(1e-5);
      const dZ = randomMatrix(m, n, 5);
      kernel.backward(dZ);
      expect(maxRelError(kernel.dW.data, naiveMatmul(x, dZ, true), k * n)).toBeLessThan(1e-5);
    });
  }

  it('declines what it cannot serve, so the layer uses the JS kernels', () => {
    expect(SparseInputKernel.create(10, 6)).toBeNull(); // 6 outputs: not a multiple of 4
    const kernel = SparseInputKernel.create(10, 8)!;
    expect(kernel.forward(randomMatrix(SPARSE_CAPACITY + 1, 10, 1, 0.9), 1)).toBeNull(); // too many rows
    expect(kernel.forward(randomMatrix(4, 10, 1, 0), 0.35)).toBeNull(); // too dense
  });

  it('a sparse-input Linear gives the same outputs and gradients on every path, within float rounding', () => {
    const fast = new Linear(784, 128, { sparseInput: true });
    const js = new Linear(784, 128);
    initLinear(fast, 'he', new Rng(1));
    initLinear(js, 'he', new Rng(1));
    expect(fast.W.data).toEqual(js.W.data);
    for (const [rows, zeroShare] of [[32, 0.8], [600, 0.8], [8, 0]]) { // SIMD, JS CSR (over capacity), JS dense
      const x = randomMatrix(rows, 784, rows, zeroShare);
      expect(maxRelError(fast.forward(x).data, js.forward(x).data, rows * 128)).toBeLessThan(1e-5);
      const dZ = randomMatrix(rows, 128, 3);
      fast.backward(dZ, false);
      js.backward(dZ, false);
      expect(maxRelError(fast.dW.data, js.dW.data)).toBeLessThan(1e-5);
      expect(maxRelError(fast.db, js.db)).toBeLessThan(1e-6);
    }
  });
});
