/**
 * Hand-made safetensors files for the loader's tests: a valid small model, taken apart into its
 * header (as JSON text, so keys such as "__proto__" stay plain keys) and data, and put back together
 * with any header, any data and any header length.
 */
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import type { Sequential } from '../../../src/engine/sequential';
import { encodeModel } from '../../../src/model-file/safetensors';
import { DIGIT_SCHEMA } from '../../../src/data/digits';

/** A 784-8-10 ReLU model with seeded random weights. */
export function smallModel(hidden: number[] = [8], seed = 1): Sequential {
  return buildMlp({ inputSize: 784, hidden, outputSize: 10, activation: 'relu' }, new Rng(seed));
}

/** The bytes of `smallModel()` saved with fixed metadata. */
export function validFile(hidden: number[] = [8]): Uint8Array {
  return encodeModel(smallModel(hidden), { settings: null, metrics: null, created: '2025-01-01T00:00:00.000Z', schema: DIGIT_SCHEMA });
}

/** Header JSON text and data bytes of a safetensors file (the header without its space padding). */
export function split(bytes: Uint8Array): { header: string; data: Uint8Array } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { header: new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd(), data: bytes.slice(8 + n) };
}

/** The header parsed as JSON (for edits of ordinary keys). */
export function headerOf(bytes: Uint8Array): Record<string, Record<string, unknown>> {
  return JSON.parse(split(bytes).header) as Record<string, Record<string, unknown>>;
}

/**
 * A file from raw parts: an 8-byte little-endian header length (`length`, default the header's
 * byte length), the header (JSON text, an object to stringify, or raw bytes) and the data.
 */
export function assemble(header: string | object | Uint8Array, data: Uint8Array = new Uint8Array(0), length?: bigint): Uint8Array {
  const h = header instanceof Uint8Array ? header : new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

/** A valid file with its header edited as an object. */
export function withHeader(edit: (h: Record<string, Record<string, unknown>>) => void, file = validFile()): Uint8Array {
  const h = headerOf(file);
  edit(h);
  return assemble(h, split(file).data);
}

/** A valid file's data with float32 value `index` of tensor `name` replaced by `value`. */
export function withValue(name: string, index: number, value: number, file = validFile()): Uint8Array {
  const { data } = split(file);
  const [begin] = headerOf(file)[name].data_offsets as number[];
  new DataView(data.buffer).setFloat32(begin + 4 * index, value, true);
  return assemble(split(file).header, data);
}

/** Little-endian float32 bytes of the values. */
export function f32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return out;
}
