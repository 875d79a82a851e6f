/**
 * The sparse first-layer product in WebAssembly SIMD: out = A · B with A in CSR, as csrMatmul in
 * ../sparse.ts, four float32 lanes at a time. For each row i and each block of 16 output columns,
 * four f32x4 accumulators run over row i's non-zeros t:
 *     acc[0..3] += splat(values[t]) * B[colIdx[t], j .. j+16)
 * then a 4-column tail. Requires B's column count n to be a multiple of 4.
 * All arguments are byte offsets into the memory, except m (rows) and n (columns of B).
 */
import { Code, type FunctionDef, empty, i32, op, simd, v128 } from './assembler';

// Parameters, then locals, by index.
const ROW_PTR = 0, COL_IDX = 1, VALUES = 2, M = 3, B = 4, N = 5, OUT = 6;
const I = 7, J = 8, T = 9, T1 = 10, ROW_BYTES = 11, OUT_ROW = 12, Q = 13, STOP16 = 14;
const V = 15, ACC = 16; // ACC .. ACC+3

export function csrMatmulFunction(): FunctionDef {
  const c = new Code();
  // ROW_BYTES = n * 4; STOP16 = ROW_BYTES − 64 (last start of a full 16-column block, may be < 0)
  c.get(N).const(2).emit(op.i32Shl).set(ROW_BYTES);
  c.get(ROW_BYTES).const(64).emit(op.i32Sub).set(STOP16);
  c.const(0).set(I);
  c.emit(op.block, empty, op.loop, empty); // rows
  c.get(I).get(M).emit(op.i32GeU, op.brIf, 1);
  //   T = rowPtr[i]; T1 = rowPtr[i + 1]; OUT_ROW = out + i * ROW_BYTES
  c.get(ROW_PTR).get(I).const(2).emit(op.i32Shl, op.i32Add).set(Q);
  c.get(Q).mem(op.i32Load, 2, 0).set(T);
  c.get(Q).mem(op.i32Load, 2, 4).set(T1);
  c.get(OUT).get(I).get(ROW_BYTES).emit(op.i32Mul, op.i32Add).set(OUT_ROW);
  c.const(0).set(J);
  blockLoop(c, 4, () => c.get(J).get(STOP16).emit(0x4a /* i32.gt_s */), 64); // 16-column blocks while J <= STOP16
  blockLoop(c, 1, () => c.get(J).get(ROW_BYTES).emit(op.i32GeU), 16); // 4-column tail while J < ROW_BYTES
  c.get(I).const(1).emit(op.i32Add).set(I);
  c.emit(op.br, 0, op.end, op.end);
  return { name: 'csr_matmul', params: [i32, i32, i32, i32, i32, i32, i32], locals: [...Array(8).fill(i32), v128, v128, v128, v128, v128], body: c };
}

/**
 * Emits: loop { if exitCondition break; accs = 0; for t in row: accs += v * B[..]; store accs; J += step }
 * with `lanes` f32x4 accumulators covering `step` bytes of columns.
 */
function blockLoop(c: Code, lanes: number, exitCondition: () => void, step: number): void {
  c.emit(op.block, empty, op.loop, empty);
  exitCondition();
  c.emit(op.brIf, 1);
  for (let a = 0; a < lanes; a++) c.v128Zero().set(ACC + a);
  // t loop over the row's non-zeros; T is reused per block, so start from rowPtr[i] again.
  c.get(ROW_PTR).get(I).const(2).emit(op.i32Shl, op.i32Add).mem(op.i32Load, 2, 0).set(T);
  c.emit(op.block, empty, op.loop, empty);
  c.get(T).get(T1).emit(op.i32GeU, op.brIf, 1);
  //   V = splat(values[t]); Q = B + colIdx[t] * ROW_BYTES + J
  c.get(VALUES).get(T).const(2).emit(op.i32Shl, op.i32Add).mem(op.f32Load, 2, 0).simd(simd.f32x4Splat).set(V);
  c.get(B).get(COL_IDX).get(T).const(2).emit(op.i32Shl, op.i32Add).mem(op.i32Load, 2, 0).get(ROW_BYTES).emit(op.i32Mul, op.i32Add).get(J).emit(op.i32Add).set(Q);
  for (let a = 0; a < lanes; a++) {
    c.get(ACC + a).get(V).get(Q).v128Load(16 * a).simd(simd.f32x4Mul).simd(simd.f32x4Add).set(ACC + a);
  }
  c.get(T).const(1).emit(op.i32Add).set(T);
  c.emit(op.br, 0, op.end, op.end);
  for (let a = 0; a < lanes; a++) c.get(OUT_ROW).get(J).emit(op.i32Add).get(ACC + a).v128Store(16 * a);
  c.get(J).const(step).emit(op.i32Add).set(J);
  c.emit(op.br, 0, op.end, op.end);
}
