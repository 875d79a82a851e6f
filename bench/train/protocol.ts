/** What the page asks its training worker, and what it answers (bench/train). */
import type { TrainConfig } from '../../src/train/config';
import type { EngineReport } from '../../src/train/run';

export interface SpeedRequest {
  /** A file next to the page: raw rows (785 bytes a row: label, then pixels), or with `table` a labeled CSV. */
  data: string;
  /** The file is a table: read as the app reads a dropped CSV (readSourceBlob), prepared by the run. */
  table?: boolean;
  config: TrainConfig;
  kernels: 'auto' | 'js';
  /** Batches trained untimed first, then timed. */
  warmup: number;
  batches: number;
}

export interface SpeedResult {
  samplesPerSec: number;
  engine: EngineReport;
  /** Held-out accuracy after the timed batches. */
  valAcc: number;
  /** Bytes of the trainer's one WebAssembly memory (0 on the TypeScript kernels). */
  memoryBytes: number;
}
