import { describe, expect, it } from 'vitest';
import { addRowVector, argmaxRows, matmul, matmulTransA, matmulTransB, sumRows } from '../../../src/engine/kernels';
import { fromArray, zeros } from '../../../src/engine/matrix';
import { csrMatmul, emptyCsr, toCsr, transposeCsr } from '../../../src/engine/sparse';
import { maxRelError, naiveMatmul, randomMatrix } from '../helpers';

// Odd shapes on purpose: every remainder path of the 4x4 and 8-wide blocking runs.
const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [7, 13, 5], [9, 17, 6], [16, 33, 12], [5, 784, 11]];

describe('matmul kernels agree with the naive triple loop', () => {
  for (const [m, k, n] of shapes) {
    for (const zeroShare of [0, 0.8]) {
      it(`[${m}, ${k}] x [${k}, ${n}], ${zeroShare * 100}% zeros`, () => {
        const a = randomMatrix(m, k, m * 7 + k, zeroShare);
        const b = randomMatrix(k, n, n * 13 + k);
        expect(maxRelError(matmul(a, b, zeros(m, n)).data, naiveMatmul(a, b))).toBeLessThan(1e-5);

        const aT = randomMatrix(k, m, m + 3, zeroShare); // aT is [k, m]: out = aTᵀ · b is [m, n]
        expect(maxRelError(matmulTransA(aT, b, zeros(m, n)).data, naiveMatmul(aT, b, true))).toBeLessThan(1e-5);

        const bT = randomMatrix(n, k, n + 5); // out = a · bTᵀ is [m, n]
        expect(maxRelError(matmulTransB(a, bT, zeros(m, n)).data, naiveMatmul(a, bT, false, true))).toBeLessThan(1e-5);

        const csr = emptyCsr();
        toCsr(a, csr);
        expect(maxRelError(csrMatmul(csr, b, zeros(m, n)).data, naiveMatmul(a, b))).toBeLessThan(1e-5);
        // Xᵀ · B through the transposed CSR, as Linear's sparse backward does.
        const c = randomMatrix(m, n, 99);
        const csrT = transposeCsr(csr, emptyCsr());
        expect(maxRelError(csrMatmul(csrT, c, zeros(k, n)).data, naiveMatmul(a, c, true))).toBeLessThan(1e-5);
      });
    }
  }

  it('rejects mismatched shapes with a message naming them', () => {
    expect(() => matmul(zeros(2, 3), zeros(4, 5), zeros(2, 5))).toThrow('a [2, 3] · b [4, 5]');
    expect(() => matmul(zeros(2, 3), zeros(3, 5), zeros(2, 4))).toThrow('expected shape [2, 5], got [2, 4]');
    expect(() => matmulTransA(zeros(3, 2), zeros(4, 5), zeros(2, 5))).toThrow('rows differ');
    expect(() => matmulTransB(zeros(2, 3), zeros(5, 4), zeros(2, 5))).toThrow('columns differ');
  });

  it('reuses a larger buffer for fewer rows without reading past them', () => {
    const a = randomMatrix(8, 6, 1);
    a.rows = 5; // a last, smaller batch in a buffer sized for 8 rows
    const b = randomMatrix(6, 4, 2);
    const out = zeros(8, 4);
    out.rows = 5;
    expect(maxRelError(matmul(a, b, out).data, naiveMatmul(a, b), 20)).toBeLessThan(1e-5);
  });
});

describe('CSR packing', () => {
  it('keeps exactly the non-zeros, row by row, and reports the density', () => {
    const a = fromArray(2, 4, [0, 1.5, 0, 2, 0, 0, 0, 0]);
    const csr = emptyCsr();
    expect(toCsr(a, csr)).toBe(2 / 8);
    expect(Array.from(csr.rowPtr.subarray(0, 3))).toEqual([0, 2, 2]);
    expect(Array.from(csr.colIdx.subarray(0, 2))).toEqual([1, 3]);
    const t = transposeCsr(csr, emptyCsr());
    expect([t.rows, t.cols, t.nnz]).toEqual([4, 2, 2]);
    expect(Array.from(t.rowPtr.subarray(0, 5))).toEqual([0, 0, 1, 1, 2]);
  });
});

describe('broadcast, reductions, argmax', () => {
  it('adds a bias row to every row, sums over rows, and finds row maxima', () => {
    const m = fromArray(2, 3, [1, 2, 3, 4, 5, 6]);
    addRowVector(m, Float32Array.from([10, 20, 30]));
    expect(Array.from(m.data)).toEqual([11, 22, 33, 14, 25, 36]);
    expect(Array.from(sumRows(m, new Float32Array(3)))).toEqual([25, 47, 69]);
    expect(Array.from(argmaxRows(fromArray(3, 3, [0, 5, 1, 9, 2, 9, -1, -3, -2])))).toEqual([1, 0, 0]);
  });
});
