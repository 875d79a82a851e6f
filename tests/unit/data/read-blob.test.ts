import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src/data/csv';
import { CHUNK_BYTES, LoadCancelled, readDatasetBlob } from '../../../src/data/read-blob';
import { mnistSubset } from '../mnist';
import { mnistCsv } from '../csv-fixtures';

describe('reading a CSV Blob in chunks', () => {
  const text = mnistCsv(1200); // about 2.2 MB: three chunks
  const blob = new Blob([text]);

  it('gives the same bytes as the source, reporting progress up to 100%', async () => {
    expect(blob.size).toBeGreaterThan(2 * CHUNK_BYTES);
    const shares: number[] = [];
    const ds = await readDatasetBlob(blob, 'mnist.csv', { onProgress: (s) => shares.push(s) });
    const source = mnistSubset(1200);
    expect(ds.count).toBe(1200);
    expect(Buffer.from(ds.x).equals(Buffer.from(source.x))).toBe(true);
    expect(Buffer.from(ds.y!).equals(Buffer.from(source.y!))).toBe(true);
    expect(shares.length).toBe(3);
    expect(shares.at(-1)).toBe(1);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
  });

  it('holds about one byte per pixel', async () => {
    const ds = await readDatasetBlob(blob, 'mnist.csv');
    expect(ds.x.buffer.byteLength / (ds.count * 784)).toBeLessThan(1.06);
  });

  it('stops at once when cancelled, with LoadCancelled', async () => {
    let chunks = 0;
    const read = readDatasetBlob(blob, 'mnist.csv', { onProgress: () => chunks++, isCancelled: () => chunks >= 1 });
    await expect(read).rejects.toBeInstanceOf(LoadCancelled);
    expect(chunks).toBe(1);
  });

  it('splits multi-byte characters across chunk edges correctly (and still refuses them as cells)', async () => {
    const cells = Array.from({ length: 784 }, () => '0');
    const bad = ['1', ...cells].join(',') + '\n' + ['é', ...cells].join(',') + '\n';
    const padded = new Blob(['label,' + Array.from({ length: 784 }, (_, i) => `pixel${i}`).join(',') + '\n', bad]);
    const e = await readDatasetBlob(padded, 'x.csv').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(CsvError);
    expect((e as CsvError).problems[0]).toEqual({ line: 3, column: 1, message: 'label column holds "é", which is not a number' });
  });
});
