/**
 * Helper threads of the WebAssembly trainer in Node: one worker_thread each (helper-thread.mjs), for
 * the CLI, the benchmarks and the tests.
 */
import './v8-flags';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SpawnHelper } from '../src/engine/wasm/trainer';

export const spawnNodeThread: SpawnHelper = (init) => {
  const worker = new Worker(new URL('./helper-thread.mjs', import.meta.url), { workerData: init });
  worker.unref(); // a helper waiting for work must not keep the process alive
  const started = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return { started, terminate: () => void worker.terminate() };
};

/** The machine's core count, for the settings' default thread count. */
export const cores = (): number => cpus().length;
