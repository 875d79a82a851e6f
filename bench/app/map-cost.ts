/**
 * The decision map's cost while a table model trains, measured in the worker's own code (Session, in
 * Node): the "notebook-sized table model", 42,000 rows of bench/big-table.ts's 40 numeric features and
 * 5 classes, a hidden layer of 128 ReLU units, the notebook's SGD 0.1 and batch 32, with the map shown.
 * Each map's time (its `ms`) against the epochs' training time (epochMs): the share when a map is drawn
 * after every epoch, and the share the session actually spent under its budget (map-slot.ts).
 */
import '../../cli/v8-flags';
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
}

export async function mapCost(): Promise<MapCost> {
  const table = makeBigTable(MAP_ROWS);
  const csv = bigTableCsv(table, 0, MAP_ROWS);
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
  await session.handle({ type: 'loadFile', file: new Blob([csv]), name: 'table-42k.csv' });
  session.handle({ type: 'setMap', request: { x: null, y: null, held: {} } });
  session.handle({
    type: 'start', runId: 1,
    config: { ...TABLE_PRESET, hidden: [128], optimizer: 'sgd', lr: 0.1, batchSize: 32, epochs: EPOCHS, patience: 0, threads: 1 },
  });
  while (queue.length) queue.shift()!();
  const epochMs = events.flatMap((e) => (e.type === 'epochEnd' ? [e.metrics.epochMs] : []));
  const maps = events.flatMap((e) => (e.type === 'decisionMap' && e.runId === 1 && e.map ? [e.map] : []));
  const mapMs = maps.map((m) => m.ms);
  if (epochMs.length !== EPOCHS || mapMs.length === 0) {
    const why = events.filter((e) => e.type === 'startFailed' || e.type === 'loadFailed' || e.type === 'error');
    throw new Error(`map cost: ${epochMs.length} epochs, ${mapMs.length} maps ${JSON.stringify(why)}`);
  }
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  return {
    mapMs: median(mapMs), epochMs: median(epochMs), everyEpochShare: median(mapMs) / median(epochMs),
    spentShare: sum(mapMs) / sum(epochMs), maps: mapMs.length, epochs: epochMs.length, drawnAfter: maps.map((m) => m.epoch), each: mapMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await mapCost();
  console.log(JSON.stringify(c));
  process.exit(0);
}
