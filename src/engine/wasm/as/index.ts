/**
 * The WebAssembly kernels of the engine, built from this folder by scripts/build-wasm.ts in four
 * flavours: SIMD or relaxed SIMD (fused multiply-add), each with or without threads (shared memory).
 * The trainer (../trainer.ts) drives the fused step; the single kernels are exported too, for the
 * parity tests against the TypeScript kernels.
 */
export { matmul, matmulTransA, matmulTransB } from './dense';
export { csrGradUpdate, csrMatmul } from './sparse';
export { actBackward, sumRows, softmaxCrossEntropy, squaredError } from './elementwise';
export { countNonZero, gatherCsr, gatherDense, gatherRows, transposeCsr } from './gather';
export { update } from './optim';
export { evalAbsSum, evalCorrect, evaluate, gradient, heapBase, helperLoop, quit, runAugment, runSlice, trainBatches } from './step';
