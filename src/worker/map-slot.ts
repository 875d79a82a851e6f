import { outputSize } from '../data/schema';
import { splitIndices } from '../data/split';
import { Rng } from '../engine/rng';
import type { EpochMetrics, TrainingRun } from '../train/run';
import type { MapRequest } from '../train/decision-grid';
import { type RunSource, isTableSource } from '../train/run-data';
import { isValidSplit } from '../train/settings';
import { type MapInput, MapMaker, type MapRows } from './decision-map';
import type { ForwardThreads } from '../engine/wasm/forward';
import { encodeFor } from './encode';
import type { FileModel } from './model-slot';
import type { SplitSpec } from './protocol';
import type { Post } from './session';

/** The decision map's share of training time at most, while a run trains (the 5%). */
export const MAP_BUDGET = 0.05;

/** Where the current model is: a run, or a file with the training data loaded beside it. */
export type MapModel = { run: TrainingRun; runId: number } | { file: FileModel; train: RunSource | null; split: SplitSpec | null };

/**
 * The decision map the page asked for, drawn for the current model: at once when asked, and after
 * epochs while a run trains, as often as MAP_BUDGET allows: a map is drawn after an epoch when the
 * run's maps so far, this one and one for the end would take at most MAP_BUDGET of its training time
 * so far (epochs of 35 ms and maps of 8 ms: about every tenth epoch); and always after the epoch where training halts
 * (the run's end, a step), so the page shows the model it stopped with. Only the map's bytes go to
 * the page, transferred.
 */
export class MapSlot {
  private request: MapRequest | null = null;
  private readonly maker: MapMaker;
  /** The run being accounted: its training time and its maps' time so far, and the last map's cost. */
  private runId = -1;
  private trainMs = 0;
  private spentMs = 0;
  private lastMs = 0;
  /** Training time since the last map: maps are spread evenly, not spent in a burst once the budget allows. */
  private sinceMs = 0;

  constructor(private readonly post: Post, private readonly now: () => number, threading?: ForwardThreads) {
    this.maker = new MapMaker(threading);
  }

  /** The page's plane (null: the map is not shown); draws it now for the current model, if any. */
  set(request: MapRequest | null, model: MapModel | null): void {
    this.request = request;
    if (request) this.draw(model);
  }

  /** Ends the maps' helper threads, if any. */
  dispose(): void {
    this.maker.dispose();
  }

  /** After a run's epoch: draws the map when due. */
  afterEpoch(run: TrainingRun, runId: number, metrics: EpochMetrics, halting: boolean): void {
    this.account(runId);
    this.trainMs += metrics.epochMs;
    this.sinceMs += metrics.epochMs;
    if (!this.request) return;
    // One more map now and one kept in hand for the epoch where training halts, each after its share of training.
    const affordable = this.spentMs + 2 * this.lastMs <= MAP_BUDGET * this.trainMs && this.lastMs <= MAP_BUDGET * this.sinceMs;
    if (halting || affordable) this.draw({ run, runId });
  }

  /** Starts the accounts afresh for a new run. */
  private account(runId: number): void {
    if (runId === this.runId) return;
    this.runId = runId;
    this.trainMs = 0;
    this.spentMs = 0;
  }

  /** Draws the map for `model` (posting null with the reason when there is none). */
  draw(model: MapModel | null): void {
    if (!this.request) return;
    const input = model && mapInput(model, this.request);
    const runId = model ? ('run' in model ? model.runId : model.file.loaded.runId) : 0;
    if (!input) {
      this.post({ type: 'decisionMap', runId, map: null, message: 'Train a model, or load a model file, to see its decision map.' });
      return;
    }
    const map = this.maker.draw(input, this.now);
    if ('message' in map) {
      this.post({ type: 'decisionMap', runId, map: null, message: map.message });
      return;
    }
    this.lastMs = map.ms;
    this.sinceMs = 0;
    if (model && 'run' in model) {
      this.account(model.runId);
      this.spentMs += map.ms;
    }
    this.post({ type: 'decisionMap', runId, map }, [map.image.buffer, ...map.neurons.map((n) => n.values.buffer), ...Object.values(map.points).map((a) => a.buffer)]);
  }
}

/** What the map is drawn from, for a run's model or a file's (its rows: the loaded table as the model reads it, split as the page splits it). */
function mapInput(m: MapModel, request: MapRequest): MapInput {
  if ('run' in m) {
    const { run } = m;
    return {
      model: run.model, schema: run.dataset.schema, epoch: run.epoch, health: run.health, request,
      rows: run.dataset.x instanceof Float32Array ? { dataset: run.dataset, train: run.split.train, val: run.split.val } : null,
    };
  }
  const { file, train, split } = m, schema = file.decoded.schema;
  return { model: file.model, schema, epoch: 0, health: null, request, rows: fileRows(schema, train, split) };
}

/** A loaded table as a file's model reads it, split by the page's settings; null when the model cannot read it. */
function fileRows(schema: MapInput['schema'], train: RunSource | null, split: SplitSpec | null): MapRows | null {
  if (!train || !isTableSource(train) || !split || !isValidSplit(split)) return null;
  let dataset;
  try {
    dataset = encodeFor(train, schema, 'test').dataset;
  } catch {
    return null;
  }
  const strata = dataset.y instanceof Int32Array ? { labels: dataset.y, classes: outputSize(schema) } : null;
  const { train: t, val } = splitIndices(dataset.count, strata, split.valShare, split.mode, new Rng(split.seed));
  return { dataset, train: t, val };
}
