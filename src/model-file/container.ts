/**
 * The safetensors container, for F32 tensors only (https://github.com/huggingface/safetensors):
 *
 *   bytes [0, 8)        N, the header length: an unsigned 64-bit little-endian integer
 *   bytes [8, 8 + N)    the header: a UTF-8 JSON object
 *                         { "__metadata__": { string: string, … },            (optional)
 *                           "<name>": { "dtype": "F32", "shape": [d0, d1, …], "data_offsets": [begin, end] }, … }
 *   bytes [8 + N, end)  the data: each tensor's values, row-major (C order), little-endian,
 *                       at [begin, end) counted from the start of the data, back to back
 *
 * The reader is strict: every check refuses with one sentence (a ModelFileError) naming the tensor
 * or the part of the file and the problem. It reads in two steps, so that a caller can refuse
 * unknown tensor names before looking at their entries: `readHeader`, then `readTensors`.
 */
import { ModelFileError } from './error';
import { sniffNonSafetensors } from './sniff';

/** One F32 tensor: its shape and its values, row-major. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** The reference implementation refuses headers over 100 MB; a model's header is a few hundred bytes. */
export const MAX_HEADER_BYTES = 100_000_000;

/** The header, parsed and checked as JSON, with the tensor entries not yet checked. */
export interface Header {
  /** Tensor names and their raw entries, in header order. Names are JSON keys: any string, even "__proto__". */
  entries: [string, unknown][];
  /** `__metadata__`, every value a string; null when the file has none. */
  metadata: Map<string, string> | null;
  /** Byte offset of the data section in the file: 8 + N. */
  dataStart: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** What a JSON value is, for messages: "a number", "an array", "null", … */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string ("${v.length > 20 ? `${v.slice(0, 20)}…` : v}")`;
  return `a ${typeof v} (${String(v)})`;
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads and checks the header length, the header JSON and its metadata. */
export function readHeader(bytes: Uint8Array): Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // N as a double: exact below 2^53, and anything that large is refused anyway.
  const n = bytes.length >= 8 ? view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32 : NaN;
  if (bytes.length < 8 || n > MAX_HEADER_BYTES || n > bytes.length - 8) {
    const kind = sniffNonSafetensors(bytes);
    if (kind) throw new ModelFileError(kind);
  }
  if (bytes.length < 8) {
    throw new ModelFileError(`The file is ${fmt(bytes.length)} bytes long; a safetensors file starts with an 8-byte header length, so this is not a model file.`);
  }
  if (n > MAX_HEADER_BYTES) {
    throw new ModelFileError(`The header length is ${fmt(n)} bytes, absurdly large (at most ${fmt(MAX_HEADER_BYTES)} is accepted): this is not a safetensors model file.`);
  }
  if (n > bytes.length - 8) {
    throw new ModelFileError(`The header length is ${fmt(n)} bytes, but only ${fmt(bytes.length - 8)} bytes follow it: the file is cut short or is not a safetensors model file.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new ModelFileError('The header is not UTF-8 text, so this is not a safetensors model file.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`The header is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ModelFileError(`The header is JSON but not an object (it is ${jsonKind(json)}); a safetensors header maps tensor names to their dtype, shape and data offsets.`);
  }
  // JSON.parse makes every key an own data property, "__proto__" included, so Object.entries sees them all.
  const entries = Object.entries(json);
  let metadata: Map<string, string> | null = null;
  const tensors: [string, unknown][] = [];
  for (const [key, value] of entries) {
    if (key !== '__metadata__') {
      tensors.push([key, value]);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ModelFileError(`The header's "__metadata__" is ${jsonKind(value)}, not an object of strings.`);
    }
    metadata = new Map();
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw new ModelFileError(`Metadata "${k}" is ${jsonKind(v)}; safetensors metadata values must be strings.`);
      metadata.set(k, v);
    }
  }
  return { entries: tensors, metadata, dataStart: 8 + n };
}

interface Span { name: string; shape: number[]; begin: number; end: number }

/** Checks one entry's dtype, shape and offsets, and that the shape's size matches its bytes. */
function checkEntry(name: string, entry: unknown): Span {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ModelFileError(`Tensor "${name}" is described by ${jsonKind(entry)}, not an object with dtype, shape and data_offsets.`);
  }
  const e = entry as Record<string, unknown>;
  const dtype = Object.hasOwn(e, 'dtype') ? e.dtype : undefined;
  if (typeof dtype !== 'string') throw new ModelFileError(`Tensor "${name}" has no dtype.`);
  if (dtype !== 'F32') {
    throw new ModelFileError(`Tensor "${name}" has dtype ${dtype}; model files hold F32 (float32) tensors only, so convert it with .astype(np.float32) before saving.`);
  }
  const shape = Object.hasOwn(e, 'shape') ? e.shape : undefined;
  if (!Array.isArray(shape) || !shape.every(isWhole)) {
    throw new ModelFileError(`Tensor "${name}" has shape ${JSON.stringify(shape) ?? 'undefined'}, not a list of whole numbers.`);
  }
  const offsets = Object.hasOwn(e, 'data_offsets') ? e.data_offsets : undefined;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isWhole)) {
    throw new ModelFileError(`Tensor "${name}" has data_offsets ${JSON.stringify(offsets) ?? 'undefined'}, not a pair of whole numbers [begin, end].`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw new ModelFileError(`Tensor "${name}" has data_offsets [${begin}, ${end}] out of order: its end comes before its start.`);
  const bytes = shape.reduce((a: number, d: number) => a * d, 4);
  if (bytes !== end - begin) {
    throw new ModelFileError(`Tensor "${name}" has shape ${shapeText(shape)}, which needs ${fmt(bytes)} bytes as F32, but its data_offsets [${begin}, ${end}] hold ${fmt(end - begin)}.`);
  }
  return { name, shape, begin, end };
}

/**
 * Checks every entry and that the tensors tile the data exactly (no overlap, no gap, nothing before,
 * after or past the end), then copies each tensor's values out. Returns them in header order.
 */
export function readTensors(bytes: Uint8Array, header: Header): Map<string, Tensor> {
  const spans = header.entries.map(([name, entry]) => checkEntry(name, entry));
  const dataLength = bytes.length - header.dataStart;
  const sorted = [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let previous: Span | null = null;
  for (const s of sorted) {
    if (s.begin < at) {
      throw new ModelFileError(`Tensors "${previous!.name}" and "${s.name}" overlap: "${s.name}" starts at byte ${fmt(s.begin)} of the data, before "${previous!.name}" ends at byte ${fmt(at)}.`);
    }
    if (s.begin > at) {
      throw new ModelFileError(previous
        ? `There is a gap of ${fmt(s.begin - at)} bytes between tensors "${previous.name}" (ends at byte ${fmt(at)}) and "${s.name}" (starts at byte ${fmt(s.begin)}).`
        : `Tensor "${s.name}" starts at byte ${fmt(s.begin)} of the data, not 0: the ${fmt(s.begin)} bytes before it belong to no tensor.`);
    }
    at = s.end;
    previous = s;
  }
  if (at > dataLength) {
    throw new ModelFileError(`Tensor "${previous!.name}" ends at byte ${fmt(at)} of the data, but the file holds only ${fmt(dataLength)} bytes after the header: it runs past the end of the file.`);
  }
  if (at < dataLength) {
    throw new ModelFileError(previous
      ? `${fmt(dataLength - at)} bytes follow the last tensor, "${previous.name}", which ends at byte ${fmt(at)} of the data: the offsets do not cover the data exactly.`
      : `The file has ${fmt(dataLength)} bytes of data but no tensors.`);
  }
  const tensors = new Map<string, Tensor>();
  for (const s of spans) {
    // A copy, because the data section may start at any byte and a Float32Array view needs 4-byte
    // alignment; the copy is read in the host's byte order, little-endian on every platform we run on.
    const copy = bytes.slice(header.dataStart + s.begin, header.dataStart + s.end);
    tensors.set(s.name, { shape: s.shape, data: new Float32Array(copy.buffer, 0, (s.end - s.begin) / 4) });
  }
  return tensors;
}

/**
 * Writes tensors (in the given order, back to back) and string metadata as a safetensors file. The
 * header is padded with spaces to a multiple of 8 bytes, as the reference implementation does, so
 * the data starts 8-byte aligned.
 */
export function writeSafetensors(tensors: readonly [string, Tensor][], metadata: ReadonlyMap<string, string> | null): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = Object.fromEntries(metadata);
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = t.shape.reduce((a, d) => a * d, 1);
    if (size !== t.data.length) throw new Error(`writeSafetensors: tensor "${name}" has shape ${shapeText(t.shape)} but ${t.data.length} values`);
    // defineProperty: a name such as "__proto__" stays a plain key.
    Object.defineProperty(header, name, { value: { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * size] }, enumerable: true, configurable: true, writable: true });
    offset += 4 * size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const n = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + n + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n);
  let at = 8 + n;
  for (const [, t] of tensors) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i], true);
  }
  return out;
}
