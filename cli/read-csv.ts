import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { Dataset } from '../src/data/dataset';
import { type LoadedTable, readDatasetBlob, readSourceBlob } from '../src/data/read-blob';

/** Reads a Kaggle-format CSV from disk through exactly the path the browser worker uses for a File. */
export async function readDigitCsv(path: string): Promise<Dataset> {
  return readDatasetBlob(await openAsBlob(path), basename(path));
}

/** Reads any CSV from disk as the browser worker does: the digit layout as a dataset, any other table as its columns and profile. */
export async function readCsv(path: string): Promise<Dataset | LoadedTable> {
  return readSourceBlob(await openAsBlob(path), basename(path));
}
