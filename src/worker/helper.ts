/// <reference lib="webworker" />
/**
 * A helper thread of the WebAssembly trainer: it instantiates the kernels on the trainer's shared
 * memory and runs helperLoop, training its share of every step until the trainer tells it to quit.
 * Started by threads.ts from the training worker.
 */
import type { HelperInit } from '../engine/wasm/trainer';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<HelperInit>) => {
  const { module, memory, ctx, tid } = e.data;
  const { helperLoop } = new WebAssembly.Instance(module, { env: { memory } }).exports as { helperLoop(ctx: number, tid: number): void };
  self.postMessage('started');
  helperLoop(ctx, tid); // blocks (memory.atomic.wait) between slices; returns on quit
  self.close();
};
