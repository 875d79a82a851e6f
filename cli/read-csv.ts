import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { Dataset } from '../src/data/dataset';
import { readDatasetBlob } from '../src/data/read-blob';

/** Reads a Kaggle-format CSV from disk through exactly the path the browser worker uses for a File. */
export async function readDigitCsv(path: string): Promise<Dataset> {
  return readDatasetBlob(await openAsBlob(path), basename(path));
}
