/**
 * A minimal WebAssembly binary writer: just enough to emit the engine's few SIMD kernels from
 * TypeScript at start-up, with no toolchain and no generated files in the repository.
 * Encoding as in the WebAssembly core spec §5 (binary format) and the fixed-width SIMD proposal.
 */

/** Value types. */
export const i32 = 0x7f;
export const v128 = 0x7b;

/** Opcodes used by the kernels (core spec §5.4; SIMD ops take the 0xfd prefix). */
export const op = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, f32Load: 0x2a, i32Const: 0x41,
  i32GeU: 0x4f, i32GtU: 0x4b, i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32Shl: 0x74,
} as const;
export const simd = { v128Load: 0x00, v128Store: 0x0b, v128Const: 0x0c, f32x4Splat: 0x13, f32x4Add: 0xe4, f32x4Mul: 0xe6 } as const;
/** Block type "no result". */
export const empty = 0x40;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const utf8 = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** An instruction stream with helpers named after the text format. */
export class Code {
  readonly bytes: number[] = [];
  emit(...b: number[]): this { this.bytes.push(...b); return this; }
  get(local: number): this { return this.emit(op.localGet, ...uleb(local)); }
  set(local: number): this { return this.emit(op.localSet, ...uleb(local)); }
  const(n: number): this { return this.emit(op.i32Const, ...sleb(n)); }
  /** memarg: alignment exponent and static byte offset. */
  mem(opcode: number, align: number, offset = 0): this { return this.emit(opcode, ...uleb(align), ...uleb(offset)); }
  simd(opcode: number, ...imm: number[]): this { return this.emit(0xfd, ...uleb(opcode), ...imm); }
  v128Load(offset: number): this { return this.simd(simd.v128Load, 0, ...uleb(offset)); }
  v128Store(offset: number): this { return this.simd(simd.v128Store, 0, ...uleb(offset)); }
  v128Zero(): this { return this.simd(simd.v128Const, ...new Array<number>(16).fill(0)); }
}

export interface FunctionDef {
  name: string;
  params: number[];
  /** Extra locals, by type, after the parameters. */
  locals: number[];
  body: Code;
}

/** A module importing one memory as env.memory and exporting the given functions. */
export function assemble(functions: FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0]);
  const imports = [[...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...uleb(1)]];
  const exports = functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]);
  const bodies = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body.bytes, op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
