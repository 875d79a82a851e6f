/** Helper threads for tests of the forward passes (maps, predictions): Node worker_threads, counted. */
import { spawnNodeThread } from '../../cli/threads';
import type { SpawnHelper } from '../../src/engine/wasm/trainer';

/** Forward passes' threading on Node helper threads; `started()` settles once every helper asked for runs (and the forward pass knows it); `spawned()` counts them. */
export function countedThreads(threads: number) {
  const starting: Promise<void>[] = [];
  const spawn: SpawnHelper = (init) => {
    const helper = spawnNodeThread(init);
    starting.push(helper.started);
    return helper;
  };
  const started = async () => {
    await Promise.all(starting);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { threading: { spawn, threads: () => threads }, started, spawned: () => starting.length };
}
