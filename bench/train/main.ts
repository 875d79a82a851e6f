/** The page: one module worker per request, as the product trains in one; answers window.bench(request). */
import type { SpeedRequest, SpeedResult } from './protocol';

declare global {
  interface Window { bench(request: SpeedRequest): Promise<SpeedResult>; isolated: boolean }
}

window.isolated = crossOriginIsolated;
window.bench = (request) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<SpeedResult | { error: string }>) => {
    worker.terminate();
    if ('error' in e.data) reject(new Error(e.data.error));
    else resolve(e.data);
  };
  worker.onerror = (e) => reject(new Error(e.message));
  worker.postMessage(request);
});
