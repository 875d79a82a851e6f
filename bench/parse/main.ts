/// <reference lib="dom" />
/**
 * The benchmark page. run.ts sets the CSVs on the file inputs (#file: the digits, #table: the generated
 * table), then drives one round at a time through
 * `window.parseBench`: start a fresh worker (and wait until its module has loaded), parse, stop.
 * Between those steps run.ts attaches to the worker over CDP to read its heap.
 */
import type { Contender, ParseDone, Which, WorkerReady, WorkerReply } from './protocol';

export interface RoundResult extends ParseDone {
  /** From posting the File to hearing that the parse finished, on the page's clock (includes the message hops). */
  pageSeconds: number;
}

export interface ParseBench {
  fileSize(which?: Which): number;
  start(contender: Contender): Promise<WorkerReady>;
  parse(which?: Which): Promise<RoundResult>;
  stop(): void;
}

declare global {
  interface Window {
    parseBench: ParseBench;
  }
}

const inputs: Record<Which, HTMLInputElement> = { digits: document.querySelector<HTMLInputElement>('#file')!, table: document.querySelector<HTMLInputElement>('#table')! };
const log = document.querySelector<HTMLPreElement>('#log')!;

let worker: Worker | null = null;

function file(which: Which): File {
  const f = inputs[which].files?.[0];
  if (!f) throw new Error('no file chosen');
  return f;
}

function nextReply(w: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    w.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
    w.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
  });
}

window.parseBench = {
  fileSize: (which = 'digits') => file(which).size,

  async start(contender) {
    worker?.terminate();
    const w =
      contender === 'ours'
        ? new Worker(new URL('./ours.worker.ts', import.meta.url), { type: 'module', name: 'bench-ours' })
        : contender === 'ours-table'
          ? new Worker(new URL('./ours-table.worker.ts', import.meta.url), { type: 'module', name: 'bench-ours-table' })
          : new Worker(new URL('./papa.worker.ts', import.meta.url), { type: 'module', name: 'bench-papa' });
    worker = w;
    const reply = await nextReply(w);
    if (reply.type !== 'ready') throw new Error(`unexpected first message ${reply.type}`);
    return reply;
  },

  async parse(which = 'digits') {
    if (!worker) throw new Error('no worker');
    const f = file(which);
    const parsed = nextReply(worker);
    const t0 = performance.now();
    worker.postMessage({ type: 'parse', file: f, table: which === 'table' });
    const first = await parsed;
    const pageSeconds = (performance.now() - t0) / 1000;
    if (first.type === 'error') throw new Error(first.message);
    if (first.type !== 'parsed') throw new Error(`unexpected reply ${first.type}`);
    const reply = await nextReply(worker);
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'done') throw new Error(`unexpected reply ${reply.type}`);
    log.textContent += `${reply.rows} rows in ${reply.seconds.toFixed(3)} s\n`;
    return { ...reply, pageSeconds };
  },

  stop() {
    worker?.terminate();
    worker = null;
  },
};
