/**
 * Peer benchmark: the notebook MLP in NumPy (bench/peers/numpy_mlp.py), run by Debian's /usr/bin/python3
 * on OpenBLAS with one thread (OPENBLAS_NUM_THREADS=1). ensureNumpyOpenblas() installs python3-numpy and
 * libopenblas0-pthread when missing (scripts/ensure-numpy-openblas.sh) and says which BLAS NumPy loaded:
 * without OpenBLAS Debian's NumPy runs the reference BLAS, about 10x slower, an unfair peer.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(HERE, 'numpy_mlp.py');
const ENSURE = join(HERE, '..', '..', 'scripts', 'ensure-numpy-openblas.sh');
export const PYTHON = '/usr/bin/python3';

/** Makes sure NumPy runs on OpenBLAS; returns e.g. "NumPy 1.24.2 on .../libopenblasp-r0.3.21.so". Throws if not. */
export function ensureNumpyOpenblas(): string {
  return execFileSync('bash', [ENSURE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export interface NumpyOptions {
  epochs?: number;
  /** Timed runs of `epochs` each, training on; samplesPerSec is the median run's. */
  rounds?: number;
  hidden?: number[];
  activation?: 'relu' | 'sigmoid';
  optimizer?: 'sgd' | 'adam';
  lr?: number;
  batch?: number;
}

export interface NumpyResult {
  samplesPerSec: number;
  /** samples/s of each round. */
  rounds: number[];
  valAcc: number;
  samples: number;
  seconds: number;
  dtype: string;
  blas: string[];
}

/**
 * Trains the MLP in NumPy on a Kaggle-format train CSV or its raw bytes (.u8: 785 bytes a row, label
 * first; see bench/raw-rows.ts), one BLAS thread; only the training loop is timed.
 */
export function benchNumpy(data: string, dtype: 'float32' | 'float64', o: NumpyOptions = {}): NumpyResult {
  const args = [SCRIPT, data, dtype, '--epochs', String(o.epochs ?? 1), '--rounds', String(o.rounds ?? 1), '--hidden', (o.hidden ?? [128]).join(','),
    '--activation', o.activation ?? 'relu', '--optimizer', o.optimizer ?? 'sgd', '--lr', String(o.lr ?? 0.1), '--batch', String(o.batch ?? 32)];
  const out = execFileSync(PYTHON, args, {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split('\n').pop() ?? '') as NumpyResult;
  if (!(r.samplesPerSec > 0)) throw new Error(`numpy peer: bad output ${out}`);
  return r;
}

