/// <reference lib="webworker" />
/**
 * Trains the product's TrainingRun on the requested data and reports training samples/s (timed.ts):
 * digit rows from raw bytes, or a table CSV read as the app's worker reads a dropped file.
 */
import { fromRawRows } from '../raw-rows';
import { digitDataset } from '../../src/data/digits';
import { readSourceBlob } from '../../src/data/read-blob';
import type { RunSource } from '../../src/train/run-data';
import { TrainingRun } from '../../src/train/run';
import { spawnWebWorker } from '../../src/worker/threads';
import type { SpeedRequest } from './protocol';
import { timeTraining } from './timed';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<SpeedRequest>) => {
  try {
    const { data, table, config, kernels, warmup, batches } = e.data;
    const response = await fetch(data);
    if (!response.ok) throw new Error(`${data}: HTTP ${response.status}`);
    let source: RunSource;
    if (table) {
      source = await readSourceBlob(await response.blob(), data);
      if (!('table' in source)) throw new Error(`${data} was read as the digit layout, not as a table`);
    } else {
      const { pixels, labels } = fromRawRows(new Uint8Array(await response.arrayBuffer()));
      source = digitDataset(data, pixels, Int32Array.from(labels));
    }
    const run = new TrainingRun(source, { ...config, epochs: 1000 }, undefined, { kernels, spawn: spawnWebWorker });
    await run.ready;
    const result = timeTraining(run, warmup, batches);
    run.dispose();
    self.postMessage(result);
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
