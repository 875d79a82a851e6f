/**
 * Names common files that are not safetensors by their first bytes, so that a picture or a JSON file
 * renamed to `.safetensors` is refused with what it is rather than with "absurd header length".
 * Only asked when the first 8 bytes cannot be a safetensors header length, so a real model file is
 * never misnamed.
 */

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const MAGIC: readonly [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'This is a PNG image, not a safetensors model file.'],
  [[0xff, 0xd8, 0xff], 'This is a JPEG image, not a safetensors model file.'],
  [ascii('GIF8'), 'This is a GIF image, not a safetensors model file.'],
  [ascii('BM'), 'This is a BMP image, not a safetensors model file.'],
  [[0x50, 0x4b, 0x03, 0x04], "This is a ZIP archive (PyTorch's .pt and .pth files are ZIP archives), not a safetensors model file."],
  [[0x1f, 0x8b], 'This is a gzip-compressed file, not a safetensors model file.'],
  [ascii('\x93NUMPY'), "This is a NumPy .npy file, not a safetensors model file; save the weights with safetensors' save_file."],
];

/** True for bytes of printable ASCII text, tabs and line breaks. */
function isText(bytes: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (!(b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) return false;
  }
  return n > 0;
}

/** A sentence saying what kind of file this is, or null when it is none that is recognised. */
export function sniffNonSafetensors(bytes: Uint8Array): string | null {
  for (const [magic, sentence] of MAGIC) if (startsWith(bytes, magic)) return sentence;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'This is a WebP image, not a safetensors model file.';
  const head = Math.min(bytes.length, 512);
  if (!isText(bytes, head)) return null;
  const text = String.fromCharCode(...bytes.subarray(0, head)).trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    return 'This is JSON text, not a safetensors model file: a safetensors file starts with an 8-byte header length before its JSON header.';
  }
  const shown = text.slice(0, 24).replace(/\s+/g, ' ');
  return `This is a text file (it begins "${shown}${text.length > 24 ? '…' : ''}"), not a safetensors model file.`;
}
