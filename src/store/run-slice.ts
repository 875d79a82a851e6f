import type { Schema } from '../data/schema';
import type { TrainConfig } from '../train/config';
import type { EpochMetrics } from '../train/run';
import type { EngineReport, KernelPath, ModelDescription, RunProgress, RunState, WorkerEvent } from '../worker/protocol';
import type { EpochHealth } from '../train/health';
import type { Hint } from '../train/hints';

/**
 * Points of the in-epoch running loss kept per run; beyond this, every other point is dropped,
 * keeping the first (the run's highest loss, so the loss chart's y axis stays put) and the newest.
 */
export const MAX_RUNNING_POINTS = 80;
/** Epochs of layer health kept per run; beyond this, every other one is dropped (the first and newest stay). */
export const MAX_HEALTH_POINTS = 100;

export interface RunRecord {
  id: number;
  config: TrainConfig;
  /** 'starting' until the worker confirms. */
  state: RunState | 'starting';
  /** The model the worker built for this run (null until it confirms). */
  model: ModelDescription | null;
  /** The kernels each Linear layer trains on, as the worker reports them. */
  kernels: KernelPath[] | null;
  /** The kernels' flavour and the threads the run trains on, as the worker reports them. */
  engine: EngineReport | null;
  trainRows: number;
  valRows: number;
  batchesPerEpoch: number;
  epochs: EpochMetrics[];
  /** Every layer's health after each epoch (at most MAX_HEALTH_POINTS kept, the newest always). */
  health: EpochHealth[];
  /** What the worker says is going wrong after the latest epoch; empty for a healthy run. */
  hints: Hint[];
  /** Running training loss and accuracy inside epochs; x = epochs done + share of the current one. */
  running: { x: number; loss: number; acc: number }[];
  progress: RunProgress | null;
  /** Shown on the charts (earlier runs can be hidden). */
  visible: boolean;
  /** What the run's rows hold and its model predicts (its classes, or a regression's target), once the worker has prepared them. */
  schema: Schema | null;
  /** What was done to a table's rows (dropped rows, held-out classes the training rows lack). */
  notes: string[];
  /** How the run ended, when it says more than "done": early stopping and the epoch kept. */
  ended: string | null;
  /** Which epoch's model the views show while the run is paused or stopped in the middle of an epoch. */
  held?: string | null;
  /** The epoch whose weights early stopping kept (null without early stopping, or before the run ends). */
  keptEpoch: number | null;
}

export interface RunsState {
  runs: RunRecord[];
  currentId: number | null;
  /** A sentence about why training stopped or could not start; null when all is well. */
  alert: string | null;
}

export const initialRuns: RunsState = { runs: [], currentId: null, alert: null };

export function newRun(id: number, config: TrainConfig): RunRecord {
  return {
    id, config, state: 'starting', model: null, kernels: null, engine: null, trainRows: 0, valRows: 0, batchesPerEpoch: 0, epochs: [], health: [], hints: [],
    running: [], progress: null, visible: true, schema: null, notes: [], ended: null, keptEpoch: null,
  };
}

function withPoint(points: RunRecord['running'], p: RunProgress): RunRecord['running'] {
  if (!Number.isFinite(p.recentLoss)) return points;
  const next = [...points, { x: p.epoch + p.batch / p.batchesPerEpoch, loss: p.recentLoss, acc: p.recentAcc }];
  return next.length > MAX_RUNNING_POINTS ? next.filter((_, i) => i % 2 === 0) : next;
}

function withHealth(points: EpochHealth[], h: EpochHealth): EpochHealth[] {
  const next = [...points, h];
  return next.length > MAX_HEALTH_POINTS ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next;
}

/**
 * Training events → run history. Pure. Only the current run's events are applied: events of a run
 * that was replaced (stopped by a new start) arrive late and are dropped.
 */
export function reduceRuns(state: RunsState, event: WorkerEvent): RunsState {
  const current = 'runId' in event && event.runId === state.currentId;
  const update = (f: (r: RunRecord) => RunRecord): RunsState => (current ? { ...state, runs: state.runs.map((r) => (r.id === state.currentId ? f(r) : r)) } : state);
  switch (event.type) {
    case 'runStarted':
      return update((r) => ({
        ...r, model: event.model, trainRows: event.trainRows, valRows: event.valRows, batchesPerEpoch: event.batchesPerEpoch, schema: event.schema, notes: event.notes,
      }));
    case 'kernels':
      return update((r) => ({ ...r, kernels: event.paths, engine: event.engine }));
    case 'progress':
      return update((r) => ({ ...r, progress: event.progress, running: withPoint(r.running, event.progress) }));
    case 'epochEnd':
      return update((r) => ({
        ...r, progress: event.progress, epochs: [...r.epochs, event.metrics], hints: event.hints,
        health: event.health ? withHealth(r.health, event.health) : r.health,
        running: withPoint(r.running, { ...event.progress, epoch: event.metrics.epoch - 1, batch: event.progress.batchesPerEpoch }),
      }));
    case 'runState': {
      const next = update((r) => ({
        ...r, state: event.state, ...(event.state === 'done' && event.message ? { ended: event.message } : {}),
        held: (event.state === 'paused' || event.state === 'stopped') && event.message ? event.message : null, ...(event.keptEpoch ? { keptEpoch: event.keptEpoch } : {}),
      }));
      return current && event.state === 'failed' ? { ...next, alert: event.message ?? 'Training stopped.' } : next;
    }
    case 'startFailed':
      return current ? { runs: state.runs.filter((r) => r.id !== event.runId), currentId: null, alert: event.message } : state;
    // Events of no run, or of a run's model and data: the other slices and the store.
    case 'engineInfo': case 'modelDescribed': case 'loadStarted': case 'loadProgress': case 'datasetLoaded': case 'loadFailed':
    case 'loadCancelled': case 'split': case 'analysis': case 'importance': case 'prediction': case 'modelLoaded': case 'modelLoadFailed': case 'modelSaved':
    case 'submissionProgress': case 'submission': case 'explanation': case 'rowExplanation': case 'testResult': case 'augmentPreview': case 'decisionMap': case 'script': case 'error':
      return state;
  }
}
