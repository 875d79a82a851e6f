import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src/data/csv';
import { CHUNK_BYTES, LoadCancelled, readDatasetBlob, readSourceBlob } from '../../../src/data/read-blob';
import { digitLayout } from '../../../src/data/digits';
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

describe('the digit layout or any table, told from the first lines', () => {
  const pixels = (n: number, v = '0') => Array.from({ length: n }, () => v);
  it('Kaggle\'s header, or 785 / 784 whole numbers 0-255 (a label 0-9 first), is the digit layout; anything else a table', () => {
    expect(digitLayout(['label', ...pixels(784).map((_, i) => `pixel${i}`)].join(','))).toBe(true);
    expect(digitLayout(`\uFEFF${pixels(784).map((_, i) => `pixel${i}`).join(',')}\r\n`)).toBe(true);
    expect(digitLayout(['7', ...pixels(784, '255')].join(','))).toBe(true);
    expect(digitLayout(pixels(784, '12').join(','))).toBe(true);
    // Another header over digit rows: judged by the first data line.
    expect(digitLayout(`${['y', ...pixels(784).map((_, i) => `p${i}`)].join(',')}\n${['3', ...pixels(784)].join(',')}`)).toBe(true);
    expect(digitLayout(['12', ...pixels(784)].join(','))).toBe(false); // 12 is no digit label
    expect(digitLayout(['a', ...pixels(784, '0.5')].join(','))).toBe(false);
    expect(digitLayout('sepal_length,sepal_width,species\n5.1,3.5,setosa')).toBe(false);
    expect(digitLayout(['label', ...pixels(63).map((_, i) => `pixel${i}`)].join(','))).toBe(false); // 64 columns: a table
  });

  it('reads a table through the same Blob path, with its profile', async () => {
    const source = await readSourceBlob(new Blob(['a;b;species\n1,5;2;x\n3;4;y\n']), 't.csv');
    if (!('table' in source)) throw new Error('not a table');
    expect(source.table.delimiter).toBe(';');
    expect(source.profile.map((c) => c.name)).toEqual(['a', 'b', 'species']);
    const digits = await readSourceBlob(new Blob([mnistCsv(3)]), 'd.csv');
    expect('table' in digits).toBe(false);
  });
});
