/**
 * The one place that creates the Worker. `send` posts a command; every event goes to `onEvent`.
 */
import type { Command, WorkerEvent } from './protocol';

export interface WorkerClient {
  send(cmd: Command): void;
  terminate(): void;
}

export function createWorkerClient(onEvent: (event: WorkerEvent) => void): WorkerClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'mlp-engine' });
  worker.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data);
  worker.onerror = (e) => onEvent({ type: 'error', message: `The training worker failed: ${e.message}` });
  return {
    send: (cmd) => worker.postMessage(cmd),
    terminate: () => worker.terminate(),
  };
}
