/**
 * The Python peers of the table benchmarks, run by Debian's /usr/bin/python3: PyTorch on the CPU
 * (torch_mlp.py, training speed) and scikit-learn's MLP (sklearn_mlp.py, accuracy and fit time).
 * ensurePythonPeers() installs python3-torch and python3-sklearn when missing
 * (scripts/ensure-python-peers.sh) and says which versions run.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './numpy';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENSURE = join(HERE, '..', '..', 'scripts', 'ensure-python-peers.sh');

/** Makes sure PyTorch and scikit-learn import; returns e.g. "PyTorch 1.13.0a0, scikit-learn 1.2.1, NumPy 1.24.2". Throws if not. */
export function ensurePythonPeers(): string {
  return execFileSync('bash', [ENSURE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function python(script: string, args: string[], env: Record<string, string> = {}): string[] {
  const out = execFileSync(PYTHON, [join(HERE, script), ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20,
  });
  return out.trim().split('\n').filter((l) => l.startsWith('{'));
}

export interface TorchRun { threads: number; samplesPerSec: number; seconds: number; samples: number }
export interface TorchResult { torch: string; runs: TorchRun[]; testAcc: number }

/**
 * PyTorch trains the Table preset's MLP on the .npy files at `prefix` (bench/big-table.ts), timing
 * `batches` batches after `warmup` for each thread count in `threads`, in that order, in one process.
 */
export function benchTorch(prefix: string, threads: number[], warmup: number, batches: number): TorchResult {
  const r = JSON.parse(python('torch_mlp.py', [prefix, '--threads', threads.join(','), '--warmup', String(warmup), '--batches', String(batches)]).pop() ?? '') as TorchResult;
  if (r.runs.length !== threads.length || !r.runs.every((x) => x.samplesPerSec > 0)) throw new Error(`torch peer: bad output ${JSON.stringify(r)}`);
  return r;
}

export interface SklearnNpyResult { fitSeconds: number; testAcc: number; epochs: number; sklearn: string; blas: string[] }

/** scikit-learn's StandardScaler + MLPClassifier() fitted on the .npy training rows at `prefix`, scored on its test rows. */
export function sklearnNpy(prefix: string, seed: number): SklearnNpyResult {
  return JSON.parse(python('sklearn_mlp.py', ['npy', prefix, '--seed', String(seed)]).pop() ?? '') as SklearnNpyResult;
}

/** One of sklearn_mlp.py's csv jobs: two files and what a user tells pandas about them. */
export interface SklearnJob {
  train: string;
  test: string;
  delimiter: string;
  header: boolean;
  /** 0-based column numbers. */
  target: number;
  drop: number[];
  missing: string[];
  task: 'classification' | 'regression';
  seed: number;
}

export interface SklearnJobResult {
  fitSeconds: number;
  /** Test accuracy, or R² for a regression. */
  score: number;
  epochs: number;
  rows: number;
  testRows: number;
  numeric: number;
  categorical: number;
  /** A regression's R² with the target standardised too (TransformedTargetRegressor), for reference. */
  scoreScaledTarget?: number;
}

/** Runs the jobs in one Python process (its start-up and imports paid once); `jobsFile` is where the list is written. */
export function sklearnJobs(jobs: SklearnJob[], jobsFile: string): SklearnJobResult[] {
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const out = python('sklearn_mlp.py', ['csv', jobsFile]).map((l) => JSON.parse(l) as SklearnJobResult);
  if (out.length !== jobs.length) throw new Error(`sklearn peer: ${out.length} results for ${jobs.length} jobs`);
  return out;
}
