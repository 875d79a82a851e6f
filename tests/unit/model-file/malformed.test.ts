import { describe, expect, it } from 'vitest';
import { ModelFileError, decodeModel } from '../../../src/model-file/safetensors';
import { assemble, headerOf, split, validFile, withHeader, withValue } from './files';

/** The sentence decodeModel refuses the bytes with (the test fails if it loads or throws anything else). */
function refusal(bytes: Uint8Array): string {
  try {
    decodeModel(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as Error).message;
  }
  throw new Error('the file loaded');
}

const valid = validFile(); // 784-8-10: W1 [0, 25088], b1 [25088, 25120], W2 [25120, 25440], b2 [25440, 25480]
const { header: validHeader, data: validData } = split(valid);
const E = 25_088; // where W1 ends and b1 starts
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
/** The valid header with one more entry placed first, written as JSON text so the key stays a plain key. */
const extraEntry = (key: string) => assemble(validHeader.replace('{', `{"${key}":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},`), validData);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Each malformed file, and the one sentence it is refused with. */
const CASES: [string, () => Uint8Array, string][] = [
  // Not a safetensors file at all.
  ['a file shorter than the header length', () => new Uint8Array([1, 0, 0]),
    'The file is 3 bytes long; a safetensors file starts with an 8-byte header length, so this is not a model file.'],
  ['a PNG image renamed', () => new Uint8Array([...PNG, ...new Uint8Array(100)]),
    'This is a PNG image, not a safetensors model file.'],
  ['a JPEG image renamed', () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    'This is a JPEG image, not a safetensors model file.'],
  ['a JSON file renamed', () => new TextEncoder().encode('{"W1": [[0.1, 0.2]], "b1": [0]}\n'),
    'This is JSON text, not a safetensors model file: a safetensors file starts with an 8-byte header length before its JSON header.'],
  ['a PyTorch .pt file (a ZIP archive)', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0]),
    "This is a ZIP archive (PyTorch's .pt and .pth files are ZIP archives), not a safetensors model file."],
  ['a CSV renamed', () => new TextEncoder().encode('label,pixel0,pixel1,pixel2\n1,0,0,0\n'),
    'This is a text file (it begins "label,pixel0,pixel1,pixe…"), not a safetensors model file.'],
  // The header length.
  ['a header length that runs past the file', () => assemble(validHeader, validData, BigInt(validHeader.length + validData.length + 1)),
    `The header length is ${(validHeader.length + validData.length + 1).toLocaleString('en-US')} bytes, but only ${(validHeader.length + validData.length).toLocaleString('en-US')} bytes follow it: the file is cut short or is not a safetensors model file.`],
  ['an absurdly large header length', () => assemble(validHeader, validData, 1n << 40n),
    'The header length is 1,099,511,627,776 bytes, absurdly large (at most 100,000,000 is accepted): this is not a safetensors model file.'],
  // The header.
  ['a header that is not UTF-8', () => assemble(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
    'The header is not UTF-8 text, so this is not a safetensors model file.'],
  ['a header that is not JSON', () => assemble('{"W1": {"dtype": "F32",'),
    /^The header is not valid JSON \(.+\)\.$/.source],
  ['a header that is a JSON array', () => assemble('[{"dtype": "F32"}]'),
    'The header is JSON but not an object (it is an array); a safetensors header maps tensor names to their dtype, shape and data offsets.'],
  ['a header that is JSON null', () => assemble('null    '),
    'The header is JSON but not an object (it is null); a safetensors header maps tensor names to their dtype, shape and data offsets.'],
  // Metadata.
  ['__metadata__ that is not an object', () => withHeader((h) => { (h as Record<string, unknown>).__metadata__ = ['relu']; }),
    'The header\'s "__metadata__" is an array, not an object of strings.'],
  ['a metadata value that is not a string', () => withHeader((h) => { h.__metadata__.classes = 10; }),
    'Metadata "classes" is a number (10); safetensors metadata values must be strings.'],
  ['a metadata value that is an object', () => withHeader((h) => { h.__metadata__.settings = { lr: 0.1 }; }),
    'Metadata "settings" is an object; safetensors metadata values must be strings.'],
  // Tensor names.
  ['an unknown tensor "__proto__"', () => extraEntry('__proto__'),
    'The file has an unknown tensor "__proto__"; a model file holds only W1, b1, W2, b2, … (each layer\'s weights and bias).'],
  ['an unknown tensor "constructor"', () => extraEntry('constructor'),
    'The file has an unknown tensor "constructor"; a model file holds only W1, b1, W2, b2, … (each layer\'s weights and bias).'],
  ['an unknown tensor named as PyTorch does', () => extraEntry('fc1.weight'),
    'The file has an unknown tensor "fc1.weight"; a model file holds only W1, b1, W2, b2, … (each layer\'s weights and bias).'],
  ['a missing bias', () => withHeader((h) => { delete h.b2; }),
    'Tensor "b2" is missing: the weights W2 need their bias b2.'],
  ['a missing weight matrix', () => withHeader((h) => { delete h.W2; }),
    'Tensor "W2" is missing, but the file has tensors up to layer 2.'],
  ['no tensors at all', () => assemble({ __metadata__: { format: 'mlp-playground' } }),
    'The file holds no tensors; a model needs at least W1 and b1.'],
  ['more layers than the playground runs', () => withHeader((h) => { h.W10 = h.W2; h.b10 = h.b2; }),
    'The file has tensors up to layer 10 ("W10" or "b10"); the playground runs at most 9 layers (8 hidden).'],
  // Entries: dtype, shape, offsets.
  ['a dtype other than F32 (F64)', () => withHeader((h) => { h.W1.dtype = 'F64'; }),
    'Tensor "W1" has dtype F64; model files hold F32 (float32) tensors only, so convert it with .astype(np.float32) before saving.'],
  ['a dtype other than F32 (F16)', () => withHeader((h) => { h.b2.dtype = 'F16'; }),
    'Tensor "b2" has dtype F16; model files hold F32 (float32) tensors only, so convert it with .astype(np.float32) before saving.'],
  ['no dtype', () => withHeader((h) => { delete h.b1.dtype; }),
    'Tensor "b1" has no dtype.'],
  ['an entry that is not an object', () => withHeader((h) => { (h as Record<string, unknown>).b1 = [0, 32]; }),
    'Tensor "b1" is described by an array, not an object with dtype, shape and data_offsets.'],
  ['a shape that is not a list of whole numbers', () => withHeader((h) => { h.W2.shape = [8, -10]; }),
    'Tensor "W2" has shape [8,-10], not a list of whole numbers.'],
  ['data_offsets that are not a pair', () => withHeader((h) => { h.W2.data_offsets = [25120]; }),
    'Tensor "W2" has data_offsets [25120], not a pair of whole numbers [begin, end].'],
  ['data_offsets out of order', () => withHeader((h) => { h.b1.data_offsets = [E + 32, E]; }),
    'Tensor "b1" has data_offsets [25120, 25088] out of order: its end comes before its start.'],
  ['a shape whose size does not match its bytes', () => withHeader((h) => { h.W2.shape = [8, 9]; }),
    'Tensor "W2" has shape [8, 9], which needs 288 bytes as F32, but its data_offsets [25120, 25440] hold 320.'],
  ['overlapping tensors', () => withHeader((h) => { h.b1.data_offsets = [E - 4, E + 28]; }),
    'Tensors "W1" and "b1" overlap: "b1" starts at byte 25,084 of the data, before "W1" ends at byte 25,088.'],
  ['a gap between tensors', () => withHeader((h) => { h.b1.data_offsets = [E + 4, E + 36]; }),
    'There is a gap of 4 bytes between tensors "W1" (ends at byte 25,088) and "b1" (starts at byte 25,092).'],
  ['data before the first tensor', () => {
    const h = headerOf(valid);
    for (const t of ['W1', 'b1', 'W2', 'b2']) h[t].data_offsets = (h[t].data_offsets as number[]).map((o) => o + 8);
    return assemble(h, concat(new Uint8Array(8), validData));
  }, 'Tensor "W1" starts at byte 8 of the data, not 0: the 8 bytes before it belong to no tensor.'],
  ['tensors that run past the end of the file', () => assemble(validHeader, validData.subarray(0, validData.length - 4)),
    'Tensor "b2" ends at byte 25,480 of the data, but the file holds only 25,476 bytes after the header: it runs past the end of the file.'],
  ['bytes after the last tensor', () => assemble(validHeader, concat(validData, new Uint8Array(4))),
    '4 bytes follow the last tensor, "b2", which ends at byte 25,480 of the data: the offsets do not cover the data exactly.'],
  // Shapes that do not make the dataset's model.
  ['a first layer that does not take 784 inputs', () => {
    const h = headerOf(valid);
    h.W1.shape = [392, 16];
    return assemble(h, validData);
  }, 'Tensor "W1" has shape [392, 16], but the first layer must take the dataset\'s 784 inputs ([784, out]).'],
  ['layers that do not chain', () => {
    // W2 as [10, 8] (same bytes) after W1's 8 outputs.
    const h = headerOf(valid);
    h.W2.shape = [10, 8];
    return assemble(h, validData);
  }, 'Tensor "W2" has shape [10, 8], but W1 gives 8 outputs, so the layers do not chain (W2 must be [8, out]).'],
  ['a last layer that does not give 10 classes', () => {
    // A one-layer file, W1 [784, 8] and b1 [8].
    const h = headerOf(valid);
    delete h.W2; delete h.b2;
    return assemble(h, validData.subarray(0, E + 32));
  }, 'Tensor "W1" has shape [784, 8], but the last layer must give the 10 classes ([in, 10]).'],
  ['a weight matrix of one dimension', () => withHeader((h) => { h.W2.shape = [80]; }),
    'Tensor "W2" has shape [80]; a weight matrix has two dimensions, [in, out].'],
  ['a bias of the wrong shape', () => withHeader((h) => { h.b1.shape = [2, 4]; }),
    'Tensor "b1" has shape [2, 4], but W1 gives 8 outputs, so it must be [8] (or [1, 8]).'],
  ['a hidden layer wider than the playground allows', () => {
    const W1 = new Uint8Array(784 * 4097 * 4), b1 = new Uint8Array(4097 * 4), W2 = new Uint8Array(4097 * 10 * 4), b2 = new Uint8Array(40);
    let at = 0;
    const entry = (shape: number[], bytes: Uint8Array) => ({ dtype: 'F32', shape, data_offsets: [at, (at += bytes.length)] });
    return assemble({ W1: entry([784, 4097], W1), b1: entry([4097], b1), W2: entry([4097, 10], W2), b2: entry([10], b2) }, concat(W1, b1, W2, b2));
  }, 'Tensor "W1" has shape [784, 4097]: hidden layer 1 has 4,097 units; the most is 4,096.'],
  // Values.
  ['a NaN weight', () => withValue('W1', 784 * 8 - 1, NaN),
    'Tensor "W1" holds NaN at [783, 7]; a model\'s weights must be finite numbers.'],
  ['an infinite weight', () => withValue('W2', 13, Infinity),
    'Tensor "W2" holds Infinity at [1, 3]; a model\'s weights must be finite numbers.'],
  ['an infinite bias', () => withValue('b2', 9, -Infinity),
    'Tensor "b2" holds -Infinity at [9]; a model\'s weights must be finite numbers.'],
  // Metadata that would change predictions.
  ['an activation the engine does not have', () => withHeader((h) => { h.__metadata__.activation = 'gelu'; }),
    'Metadata "activation" is "gelu"; it must be one of relu, sigmoid, tanh.'],
  ['another input normalisation', () => withHeader((h) => { h.__metadata__.normalization = '(x/255-0.1307)/0.3081'; }),
    'Metadata "normalization" is "(x/255-0.1307)/0.3081"; this playground feeds pixels as x/255 only.'],
  ['a newer format version', () => withHeader((h) => { h.__metadata__.format_version = '2'; }),
    'Metadata "format_version" is "2"; this playground reads mlp-playground files of version 1 only.'],
  ['an architecture that the tensors contradict', () => withHeader((h) => { h.__metadata__.architecture = '784-16-10'; }),
    'Metadata "architecture" says 784-16-10, but the tensors chain 784-8-10.'],
];

describe('decodeModel refuses malformed files, each with its own sentence', () => {
  it('loads the valid file the cases are made from', () => {
    expect(decodeModel(valid).architecture).toBe('784-8-10');
  });

  it.each(CASES)('%s', (_, make, sentence) => {
    const message = refusal(make());
    if (sentence.startsWith('^')) expect(message).toMatch(new RegExp(sentence));
    else expect(message).toBe(sentence);
  });

  it('gives every case a different sentence, each one sentence ending in a full stop', () => {
    const messages = CASES.map(([, make]) => refusal(make()));
    expect(new Set(messages).size).toBe(CASES.length);
    for (const m of messages) expect(m).toMatch(/^[A-Z0-9"'].*[.]$/);
  });

  it('a "__proto__" tensor does not touch any prototype', () => {
    refusal(extraEntry('__proto__'));
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('"__proto__" and "constructor" metadata keys are kept as plain keys', () => {
    const bytes = assemble(validHeader.replace('"__metadata__":{', '"__metadata__":{"__proto__":"x","constructor":"y",'), validData);
    const decoded = decodeModel(bytes);
    expect(Object.hasOwn(decoded.metadata, '__proto__')).toBe(true);
    expect(decoded.metadata.constructor).toBe('y');
    expect(Object.getPrototypeOf(decoded.metadata)).toBe(Object.prototype);
  });

  it('reads a file whose data starts at an unaligned offset (header not padded)', () => {
    const bytes = assemble(`${validHeader} `, validData); // one more byte: data at an odd offset
    expect((8 + split(bytes).header.length + 1) % 4).not.toBe(0);
    const a = decodeModel(valid), b = decodeModel(bytes);
    expect(b.layers.map((l) => Array.from(l.W))).toEqual(a.layers.map((l) => Array.from(l.W)));
  });

  it('reads tensors whose entries are listed in another order than their data', () => {
    const h = headerOf(valid);
    const reordered = { b2: h.b2, W2: h.W2, __metadata__: h.__metadata__, b1: h.b1, W1: h.W1 };
    expect(decodeModel(assemble(reordered, validData)).layers[1].b).toEqual(decodeModel(valid).layers[1].b);
  });
});
