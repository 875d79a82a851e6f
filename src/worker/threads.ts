/**
 * How the training worker starts the WebAssembly trainer's helper threads: one nested Web Worker each
 * (helper.ts). Only a cross-origin isolated page has shared memory; elsewhere the trainer keeps to one
 * thread and never calls this.
 */
import type { SpawnHelper } from '../engine/wasm/trainer';

/** How long a helper may take to start before the run goes on with one thread. */
const START_TIMEOUT_MS = 10_000;

export const spawnWebWorker: SpawnHelper = (init) => {
  const worker = new Worker(new URL('./helper.ts', import.meta.url), { type: 'module', name: `trainer thread ${init.tid}` });
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a training thread did not start')), START_TIMEOUT_MS);
    worker.onmessage = () => { clearTimeout(timer); resolve(); };
    worker.onerror = (e) => { clearTimeout(timer); reject(new Error(e.message || 'a training thread failed')); };
  });
  worker.postMessage(init);
  return { started, terminate: () => worker.terminate() };
};
