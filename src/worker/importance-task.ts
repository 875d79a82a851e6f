import type { Dataset } from '../data/dataset';
import type { Sequential } from '../engine/sequential';
import { PermutationImportance } from '../train/importance';
import type { WorkerEvent } from './protocol';
import type { Schedule } from './scheduler';
import { PROGRESS_MS, SLICE_MS } from './training';

/** A model and the held-out rows to measure its feature importance on. */
export interface ImportanceJob {
  runId: number;
  model: Sequential;
  dataset: Dataset;
  heldOut: Int32Array;
  seed: number;
  /** Epochs the model had trained (0 for a model from a file). */
  epoch: number;
}

/**
 * Permutation feature importance in the worker (src/train/importance.ts), computed in slices of about
 * SLICE_MS scheduled as tasks of their own, so that Pause, predictions and drawing are answered
 * meanwhile. Progress goes out every PROGRESS_MS; the result at the end. A newer job, or `cancel`
 * (a new run, a reset, another model), ends the one under way: its slices find themselves stale.
 */
export class ImportanceTask {
  private id = 0;

  constructor(
    private readonly post: (e: WorkerEvent, transfer?: Transferable[]) => void,
    private readonly schedule: Schedule,
    private readonly now: () => number,
  ) {}

  /** Ends the computation under way, if any. */
  cancel(): void {
    this.id++;
  }

  /** Tells the UI why there is nothing to compute, ending any computation under way. */
  refuse(runId: number, message: string): void {
    this.cancel();
    this.post({ type: 'importance', runId, progress: 0, importance: null, message });
  }

  /** Starts measuring `job`, replacing any computation under way. */
  start(job: ImportanceJob): void {
    const id = ++this.id;
    let computation: PermutationImportance;
    try {
      // Copies the model's weights: a run may go on training meanwhile.
      computation = new PermutationImportance(job.model, job.dataset, job.heldOut, job.seed);
    } catch (e) {
      this.refuse(job.runId, `Feature importance cannot be measured: ${e instanceof Error ? e.message : String(e)}.`);
      return;
    }
    this.post({ type: 'importance', runId: job.runId, progress: 0, importance: null });
    let reported = this.now();
    const slice = () => {
      if (id !== this.id) return;
      const t0 = this.now();
      const done = computation.advance(() => this.now() - t0 >= SLICE_MS);
      if (!done) {
        if (this.now() - reported >= PROGRESS_MS) {
          reported = this.now();
          this.post({ type: 'importance', runId: job.runId, progress: computation.progress, importance: null });
        }
        this.schedule(slice);
        return;
      }
      const importance = computation.result(job.epoch);
      if (!Number.isFinite(importance.base)) {
        this.post({ type: 'importance', runId: job.runId, progress: 0, importance: null, message: 'Feature importance cannot be measured: the held-out targets do not vary, so R² is undefined.' });
        return;
      }
      this.post({ type: 'importance', runId: job.runId, progress: 1, importance }, importance.map ? [importance.map.buffer] : []);
    };
    this.schedule(slice);
  }
}
