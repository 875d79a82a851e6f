/// <reference lib="webworker" />
/**
 * The Web Worker entry: forwards each command to the session and posts its events back. All logic
 * lives in session.ts so that it is testable without a Worker.
 */
import type { Command, WorkerEvent } from './protocol';
import { messageChannelSchedule } from './scheduler';
import { Session } from './session';
import { spawnWebWorker } from './threads';

declare const self: DedicatedWorkerGlobalScope;

const session = new Session(
  (event: WorkerEvent, transfer?: Transferable[]) => self.postMessage(event, transfer ?? []),
  async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the sample could not be fetched (HTTP ${response.status}); run npm install to build the sample files`);
    return response.blob();
  },
  messageChannelSchedule(),
  () => performance.now(),
  { spawn: spawnWebWorker },
);

session.hello();

self.onmessage = (e: MessageEvent<Command>) => {
  Promise.resolve(session.handle(e.data)).catch((err: unknown) => {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WorkerEvent);
  });
};
