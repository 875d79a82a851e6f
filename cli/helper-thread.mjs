// A helper thread of the WebAssembly trainer in Node (worker_threads): the same job as
// src/worker/helper.ts in the page. Plain JavaScript, so it needs no TypeScript loader.
/* global WebAssembly */
import { parentPort, workerData } from 'node:worker_threads';

const { module, memory, ctx, tid } = workerData;
const exports = /** @type {{ helperLoop(ctx: number, tid: number): void }} */ (/** @type {unknown} */ (new WebAssembly.Instance(module, { env: { memory } }).exports));
parentPort?.postMessage('started');
exports.helperLoop(ctx, tid); // blocks between slices; returns when the trainer quits
