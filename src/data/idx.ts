/**
 * Reader for the IDX files MNIST is distributed in (LeCun et al.): a big-endian header of magic
 * number and dimension sizes, then unsigned bytes. 0x00000803 is a rank-3 image file [n, 28, 28],
 * 0x00000801 a rank-1 label file [n].
 */
export interface IdxImages { count: number; rows: number; cols: number; pixels: Uint8Array }

export function readIdxImages(bytes: Uint8Array): IdxImages {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || view.getUint32(0) !== 0x803) throw new Error('Not an IDX image file (magic 0x00000803 expected)');
  const count = view.getUint32(4), rows = view.getUint32(8), cols = view.getUint32(12);
  if (bytes.byteLength < 16 + count * rows * cols) throw new Error(`IDX image file is truncated: ${count} images of ${rows}x${cols} announced`);
  return { count, rows, cols, pixels: bytes.subarray(16, 16 + count * rows * cols) };
}

export function readIdxLabels(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0) !== 0x801) throw new Error('Not an IDX label file (magic 0x00000801 expected)');
  const count = view.getUint32(4);
  if (bytes.byteLength < 8 + count) throw new Error(`IDX label file is truncated: ${count} labels announced`);
  return bytes.subarray(8, 8 + count);
}
