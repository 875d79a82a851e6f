/// <reference lib="webworker" />
/** Trains the product's TrainingRun on the requested data and reports training samples/s (timed.ts). */
import { fromRawRows } from '../raw-rows';
import { digitDataset } from '../../src/data/digits';
import { TrainingRun } from '../../src/train/run';
import { spawnWebWorker } from '../../src/worker/threads';
import type { SpeedRequest } from './protocol';
import { timeTraining } from './timed';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<SpeedRequest>) => {
  try {
    const { data, config, kernels, warmup, batches } = e.data;
    const response = await fetch(data);
    if (!response.ok) throw new Error(`${data}: HTTP ${response.status}`);
    const { pixels, labels } = fromRawRows(new Uint8Array(await response.arrayBuffer()));
    const run = new TrainingRun(digitDataset(data, pixels, Int32Array.from(labels)), { ...config, epochs: 1000 }, undefined, { kernels, spawn: spawnWebWorker });
    await run.ready;
    const result = timeTraining(run, warmup, batches);
    run.dispose();
    self.postMessage(result);
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
