/// <reference lib="webworker" />
/** Trains the product's TrainingRun on the requested data and reports training samples/s (timed.ts). */
import { PIXELS } from '../../src/data/dataset';
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
    const rows = new Uint8Array(await response.arrayBuffer());
    const n = rows.length / (PIXELS + 1);
    const pixels = new Uint8Array(n * PIXELS), labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = rows[i * (PIXELS + 1)];
      pixels.set(rows.subarray(i * (PIXELS + 1) + 1, (i + 1) * (PIXELS + 1)), i * PIXELS);
    }
    const run = new TrainingRun({ name: data, count: n, pixels, labels }, { ...config, epochs: 1000 }, undefined, { kernels, spawn: spawnWebWorker });
    await run.ready;
    const result = timeTraining(run, warmup, batches);
    run.dispose();
    self.postMessage(result);
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
