import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DigitCsvParser } from '../src/data/csv';
import type { Dataset } from '../src/data/dataset';

/**
 * Reads a Kaggle-format CSV from disk with the app's own parser, fed in 1 MiB chunks through a
 * streaming UTF-8 decoder, as the browser worker feeds it from File.stream().
 */
export async function readDigitCsv(path: string): Promise<Dataset> {
  const size = statSync(path).size;
  const parser = new DigitCsvParser(basename(path), size);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    parser.push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  parser.push(decoder.decode());
  return parser.finish();
}
