import { type EpochMetrics, NonFiniteLossError, type RunEngine, TrainingRun } from '../train/run';
import type { RunSource } from '../train/run-data';
import type { TrainConfig } from '../train/config';
import { hintsFor } from '../train/hints';
import type { RunProgress, RunState, WorkerEvent } from './protocol';
import { describeModel } from './describe';
import type { Schedule } from './scheduler';

/** Longest stretch of training before yielding to messages: pause and predict are answered within it. */
export const SLICE_MS = 20;
/** How often progress (running loss, speed, ETA) is reported inside an epoch. */
export const PROGRESS_MS = 250;

/**
 * The training state machine of the worker:
 *
 *   start → running ⇄ paused → stopped        (stop, or a new start)
 *             │  step: running to the epoch's end, then paused
 *             ├→ done     (all epochs)
 *             └→ failed   (non-finite loss: weights rolled back to the last good epoch)
 *
 * It trains in slices of about SLICE_MS and schedules the next slice as a new task, so the worker
 * handles every message (pause, a new learning rate, a prediction) between slices. Every event
 * carries the run's id, so the UI can drop events of a run it has replaced.
 */
export class TrainingController {
  run: TrainingRun | null = null;
  runId = 0;
  state: RunState = 'stopped';
  private stepping = false;
  private pendingLr: number | null = null;
  private activeMs = 0;
  private batchesDone = 0;
  private report = { at: 0, lossSum: 0, correct: 0, samples: 0, activeMs: 0 };
  /** The kernels and threads last reported, as JSON. */
  private kernels = '';
  /** Measured training time per batch, to size each call of trainBatches to the slice. */
  private msPerBatch = NaN;
  /** The current run's epochs so far, for its hints. */
  private epochs: EpochMetrics[] = [];

  constructor(
    private readonly post: (e: WorkerEvent) => void,
    private readonly schedule: Schedule,
    private readonly now: () => number = () => performance.now(),
    /**
     * Called after each epoch, for the analyses of later panels (errors, weights, the decision map);
     * `halting`: training stops after this epoch (the run is done, or a step pauses it).
     */
    private readonly onEpoch: (run: TrainingRun, runId: number, metrics: EpochMetrics, halting: boolean) => void = () => {},
    /** How runs may train: the platform's helper threads. */
    private readonly engine: RunEngine = {},
  ) {}

  start(runId: number, config: TrainConfig, source: RunSource | null): void {
    if (this.run && (this.state === 'running' || this.state === 'paused')) this.setState('stopped');
    if (!source) {
      this.post({ type: 'startFailed', runId, message: 'Load a labeled training file first (or a sample).' });
      return;
    }
    let run: TrainingRun;
    try {
      run = new TrainingRun(source, config, this.now, this.engine);
    } catch (e) {
      this.post({ type: 'startFailed', runId, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.run?.dispose();
    this.run = run;
    this.runId = runId;
    this.stepping = false;
    this.inProgress = null;
    this.pendingLr = null;
    this.activeMs = 0;
    this.batchesDone = 0;
    this.resetReport();
    this.kernels = '';
    this.msPerBatch = NaN;
    this.epochs = [];
    this.post({
      type: 'runStarted', runId, config, model: describeModel(run.model, run.dataset.schema),
      trainRows: run.split.train.length, valRows: run.split.val.length, batchesPerEpoch: run.batchesPerEpoch,
      schema: run.dataset.schema, notes: run.notes,
    });
    this.setState('running');
    // With helper threads, the first batch waits until they run (the thread count is then fixed).
    if (run.engine.threads > 1) void run.ready.then(() => { if (this.run === run && this.state === 'running') this.schedule(this.loop(run)); });
    else this.schedule(this.loop(run));
  }

  /**
   * One model in every view: while training does not run, the model is the last finished epoch's.
   * Pause in the middle of an epoch sets the epoch in progress's weights aside (resume and step put
   * them back, so the run goes on bit for bit); Stop there drops them. Said in the state's message.
   */
  pause(): void {
    if (this.state !== 'running') return;
    this.stepping = false;
    this.inProgress = this.run?.holdLastEpoch() ?? null;
    this.setState('paused', this.inProgress ? `paused in epoch ${this.run!.epoch + 1}: the model is epoch ${this.run!.epoch}'s until training goes on` : undefined);
    this.postProgress();
  }

  resume(): void {
    if (this.state !== 'paused' || !this.run) return;
    this.goOn(this.run);
  }

  step(): void {
    if (!this.run || (this.state !== 'paused' && this.state !== 'running')) return;
    this.stepping = true;
    if (this.state === 'paused') this.goOn(this.run);
  }

  stop(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    // Paused mid-epoch, the model already is the last epoch's; running mid-epoch, it becomes so now.
    const dropped = this.inProgress ?? this.run?.holdLastEpoch() ?? null;
    this.inProgress = null;
    const e = this.run?.epoch ?? 0;
    this.setState('stopped', dropped ? `stopped in epoch ${e + 1}: the model is epoch ${e}'s (the rest of epoch ${e + 1} was not kept)` : undefined);
  }

  /** The epoch in progress's weights, set aside by a pause in its middle. */
  private inProgress: Float32Array | null = null;

  /** Training goes on from a pause: the paused epoch's weights back in the model first. */
  private goOn(run: TrainingRun): void {
    if (this.inProgress) run.resumeEpoch(this.inProgress);
    this.inProgress = null;
    this.setState('running');
    this.schedule(this.loop(run));
  }

  /** Ends the run's helper threads once it can train no more (its model stays the current one). */
  private release(): void {
    if (this.state !== 'running' && this.state !== 'paused') this.run?.dispose();
  }

  reset(): void {
    this.stop();
    this.run = null;
  }

  setLr(lr: number): void {
    if (Number.isFinite(lr) && lr > 0) this.pendingLr = lr;
  }

  private setState(state: RunState, message?: string): void {
    this.state = state;
    this.release();
    const kept = this.run?.keptEpoch ?? null;
    this.post({ type: 'runState', runId: this.runId, state, ...(message ? { message } : {}), ...(state === 'done' && kept !== null ? { keptEpoch: kept } : {}) });
  }

  /** One slice of training for `run`, rescheduling itself while the run is current and running. */
  private loop(run: TrainingRun): () => void {
    const tick = () => {
      if (this.run !== run || this.state !== 'running') return;
      const t0 = this.now();
      try {
        while (this.now() - t0 < SLICE_MS) {
          if (run.epochComplete) {
            // The window up to the epoch's end, taken before finishEpoch resets the epoch's sums.
            this.activeMs += this.now() - t0;
            const window = this.progress();
            this.reportKernels(run);
            const t1 = this.now();
            const metrics = run.finishEpoch();
            this.activeMs += this.now() - t1;
            this.endEpoch(run, metrics, window);
            if (this.state !== 'running') return;
            this.schedule(tick);
            return;
          }
          this.batchesDone += this.trainFor(run, SLICE_MS - (this.now() - t0));
        }
      } catch (e) {
        this.activeMs += this.now() - t0;
        if (e instanceof NonFiniteLossError) {
          this.setState('failed', e.message);
          return;
        }
        throw e;
      }
      this.activeMs += this.now() - t0;
      this.reportKernels(run);
      if (this.now() - this.report.at >= PROGRESS_MS) this.postProgress();
      this.schedule(tick);
    };
    return tick;
  }

  /**
   * Trains about `ms` worth of batches in one call (at least one, at most to the epoch's end): the
   * WebAssembly trainer runs a call's batches without returning, and with threads each call wakes the
   * helpers once. The batch time is measured as training goes.
   */
  private trainFor(run: TrainingRun, ms: number): number {
    const left = run.batchesPerEpoch - run.batch;
    const n = Number.isFinite(this.msPerBatch) ? Math.max(1, Math.min(left, Math.floor(ms / this.msPerBatch))) : 1;
    const t0 = this.now();
    const done = run.trainBatches(n);
    const per = (this.now() - t0) / Math.max(1, done);
    this.msPerBatch = Number.isFinite(this.msPerBatch) ? 0.7 * this.msPerBatch + 0.3 * per : per;
    return done;
  }

  /** Tells the UI which kernels and threads the training batches ran on, when that is new. */
  private reportKernels(run: TrainingRun): void {
    const paths = run.kernels, engine = run.engine;
    const key = JSON.stringify([paths, engine]);
    if (key === this.kernels) return;
    this.kernels = key;
    this.post({ type: 'kernels', runId: this.runId, paths, engine });
  }

  private endEpoch(run: TrainingRun, metrics: EpochMetrics, window: RunProgress): void {
    this.onEpoch(run, this.runId, metrics, run.done || this.stepping);
    if (this.pendingLr !== null) {
      run.lr = this.pendingLr;
      this.pendingLr = null;
    }
    const progress: RunProgress = { ...this.progress(), recentLoss: window.recentLoss, recentAcc: window.recentAcc, samplesPerSec: window.samplesPerSec };
    this.epochs.push(metrics);
    const hints = hintsFor(run.config, this.epochs, run.health);
    this.post({ type: 'epochEnd', runId: this.runId, metrics, progress, health: run.health, hints });
    this.resetReport();
    if (run.done) this.setState('done', run.keptEpoch === null ? undefined : keptMessage(run));
    else if (this.stepping) {
      this.stepping = false;
      this.setState('paused');
    }
  }

  /** The run's epoch-so-far sums: loss and correct rows over the samples seen this epoch. */
  private static sums(run: TrainingRun): { lossSum: number; correct: number; samples: number } {
    const { samples, loss, acc } = run.running;
    return samples ? { lossSum: loss * samples, correct: acc * samples, samples } : { lossSum: 0, correct: 0, samples: 0 };
  }

  private progress(): RunProgress {
    const run = this.run!;
    const r = this.report;
    const now = TrainingController.sums(run);
    const samples = now.samples - r.samples;
    const windowMs = this.activeMs - r.activeMs;
    const total = run.config.epochs * run.batchesPerEpoch;
    const left = total - (run.epoch * run.batchesPerEpoch + run.batch);
    const msPerBatch = this.batchesDone ? this.activeMs / this.batchesDone : NaN;
    return {
      epoch: run.epoch,
      batch: run.batch,
      batchesPerEpoch: run.batchesPerEpoch,
      recentLoss: samples > 0 ? (now.lossSum - r.lossSum) / samples : NaN,
      recentAcc: samples > 0 ? (now.correct - r.correct) / samples : NaN,
      samplesPerSec: windowMs > 0 && samples > 0 ? (samples / windowMs) * 1000 : NaN,
      elapsedMs: this.activeMs,
      etaMs: left * msPerBatch,
    };
  }

  private postProgress(): void {
    if (!this.run) return;
    this.post({ type: 'progress', runId: this.runId, progress: this.progress() });
    this.resetReport();
  }

  /** Starts a new progress window at the run's current position. */
  private resetReport(): void {
    const sums = this.run ? TrainingController.sums(this.run) : { lossSum: 0, correct: 0, samples: 0 };
    this.report = { at: this.now(), ...sums, activeMs: this.activeMs };
  }
}

/** What early stopping did, for the run's end: the epochs without improvement, and the epoch kept. */
function keptMessage(run: TrainingRun): string {
  const kept = run.keptEpoch!, stoppedEarly = run.epoch < run.config.epochs;
  const why = stoppedEarly
    ? `Early stopping after epoch ${run.epoch}: the held-out loss has not improved for ${run.epoch - kept} epochs (patience ${run.config.patience}).`
    : `Training ended after epoch ${run.epoch}.`;
  return `${why} The model is epoch ${kept}'s, the one of the lowest held-out loss.`;
}
