/**
 * The decision map's cost while a table model trains, measured in the worker's own code (Session, in
 * Node): the "notebook-sized table model", 42,000 rows of bench/big-table.ts's 40 numeric features and
 * 5 classes, a hidden layer of 128 ReLU units, the notebook's SGD 0.1 and batch 32, with the map shown.
 * Each map's time (its `ms`) against the epochs' training time (epochMs): the share when a map is drawn
 * after every epoch, and the share the session actually spent under its budget (map-slot.ts). On
 * `threads` threads (Node worker_threads, as the page's Web Workers): the run trains on them and the
 * maps are drawn on them, between epochs.
 */
import '../../cli/v8-flags';
import { spawnNodeThread } from '../../cli/threads';
import { Rng } from '../../src/engine/rng';
import { WasmForward } from '../../src/engine/wasm/forward';
import { GRID_SIDE } from '../../src/train/decision-grid';
import { TABLE_PRESET } from '../../src/train/presets';
import type { WorkerEvent } from '../../src/worker/protocol';
import { Session } from '../../src/worker/session';
import { bigTableCsv, makeBigTable } from '../big-table';
import { median } from '../stats';

export const MAP_ROWS = 42_000;
/** The notebook recipe's epochs. */
const EPOCHS = 50;

export interface MapCost {
  /** Median time of one map (10,000 grid points, the neuron maps, the points), ms. */
  mapMs: number;
  /** Median training time of an epoch, ms. */
  epochMs: number;
  /** mapMs / epochMs: the share were a map drawn after every epoch. */
  everyEpochShare: number;
  /** The maps' total time over the epochs' total training time, as the session drew them. */
  spentShare: number;
  maps: number;
  epochs: number;
  /** The epochs after which a map was drawn, and each map's time (ms). */
  drawnAfter: number[];
  each: number[];
  /** Threads the run trained on and the maps drawn again were drawn on. */
  threads: number;
  mapThreads: number;
  /** Median time of the map drawn again 7 times for the trained model (warm), ms. */
  warmMs: number;
}

export async function mapCost(threads = 1): Promise<MapCost> {
  const table = makeBigTable(MAP_ROWS);
  const csv = bigTableCsv(table, 0, MAP_ROWS);
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn), undefined, { spawn: spawnNodeThread });
  await session.handle({ type: 'loadFile', file: new Blob([csv]), name: 'table-42k.csv' });
  session.handle({ type: 'setMap', request: { x: null, y: null, held: {} } });
  session.handle({
    type: 'start', runId: 1,
    config: { ...TABLE_PRESET, hidden: [128], optimizer: 'sgd', lr: 0.1, batchSize: 32, epochs: EPOCHS, patience: 0, threads },
  });
  // One slice a turn of the event loop, as the worker's scheduler runs them: helper threads start (the
  // run's before its first slice, the map's after its first map) only when the loop turns.
  const finished = () => events.some((e) => (e.type === 'runState' && e.state !== 'running' && e.state !== 'paused') || e.type === 'startFailed' || e.type === 'error');
  while (!finished()) {
    queue.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The map drawn again for the trained model (the page asks this when the plane or a held value moves): warm, on the run's threads.
  const during = events.slice();
  for (let i = 0; i < 7; i++) session.handle({ type: 'setMap', request: { x: null, y: null, held: {} } });
  const again = events.slice(during.length).flatMap((e) => (e.type === 'decisionMap' && e.map ? [e.map] : []));
  session.dispose();
  const epochMs = during.flatMap((e) => (e.type === 'epochEnd' ? [e.metrics.epochMs] : []));
  const maps = during.flatMap((e) => (e.type === 'decisionMap' && e.runId === 1 && e.map ? [e.map] : []));
  const mapMs = maps.map((m) => m.ms);
  if (epochMs.length !== EPOCHS || mapMs.length === 0) {
    const why = events.filter((e) => e.type === 'startFailed' || e.type === 'loadFailed' || e.type === 'error');
    throw new Error(`map cost: ${epochMs.length} epochs, ${mapMs.length} maps ${JSON.stringify(why)}`);
  }
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  return {
    mapMs: median(mapMs), epochMs: median(epochMs), everyEpochShare: median(mapMs) / median(epochMs),
    spentShare: sum(mapMs) / sum(epochMs), maps: mapMs.length, epochs: epochMs.length, drawnAfter: maps.map((m) => m.epoch), each: mapMs,
    threads, mapThreads: again.at(-1)!.threads, warmMs: median(again.map((m) => m.ms)),
  };
}

/**
 * The map's forward pass alone on `threads` threads: the median of 40 passes over a grid's worth of
 * points (GRID_SIDE² and 500 sampled rows) through a 40-128-5 ReLU model with random weights, ms.
 */
export async function mapForwardMs(threads: number): Promise<{ ms: number; threads: number }> {
  const widths = [40, 128, 5], n = GRID_SIDE * GRID_SIDE + 500, rng = new Rng(1);
  const forward = WasmForward.create(widths, 'relu', false, n, threads, spawnNodeThread);
  if (!forward) throw new Error('map forward: no WebAssembly SIMD here');
  const ran = await forward.ready;
  forward.setWeights(widths.slice(1).map((out, l) => ({ W: Float32Array.from({ length: widths[l] * out }, () => rng.normal() * 0.2), b: new Float32Array(out) })));
  for (let i = 0; i < forward.inputs.length; i++) forward.inputs[i] = rng.normal();
  const ms: number[] = [];
  for (let r = 0; r < 40; r++) {
    const t0 = performance.now();
    forward.run(n, () => {});
    ms.push(performance.now() - t0);
  }
  forward.dispose();
  return { ms: median(ms), threads: ran };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await mapCost(Number(process.argv[2] ?? 1));
  console.log(JSON.stringify(c));
  process.exit(0);
}
