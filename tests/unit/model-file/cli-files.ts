/** The CLIs run as a person runs them (tsx), and digit CSVs to feed them. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { kaggleHeader, kaggleRow } from '../../../scripts/kaggle-csv';
import type { Dataset } from '../../../src/data/dataset';

const run = promisify(execFile);

export interface Result { code: number; stdout: string; stderr: string }

/** Runs `cli/<script>.ts` with tsx; a non-zero exit is a result, not a throw. */
export async function cli(script: 'train' | 'predict', args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', [`cli/${script}.ts`, ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Writes a dataset as a Kaggle CSV, with its labels (train layout) or without (test layout). */
export function writeCsv(path: string, ds: Dataset, labeled: boolean): string {
  const rows = Array.from({ length: ds.count }, (_, i) => kaggleRow(ds.x as Uint8Array, i, labeled ? ds.y![i] : null));
  writeFileSync(path, `${[kaggleHeader(labeled), ...rows].join('\n')}\n`);
  return path;
}
