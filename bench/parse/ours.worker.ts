/// <reference lib="webworker" />
/**
 * Our parser as the product runs it: readDatasetBlob on the File, inside a dedicated module worker.
 * The Dataset stays referenced (in `kept`) until the page terminates the worker, so the heap measured
 * after the parse is the heap that holds the dataset.
 */
import { readDatasetBlob } from '../../src/data/read-blob';
import type { Dataset } from '../../src/data/dataset';
import type { ParseRequest, WorkerReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerReply) => scope.postMessage(m);

// Kept alive on purpose until the worker is terminated.
let kept: Dataset | null = null;

scope.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const file = e.data.file;
  try {
    const t0 = performance.now();
    const ds = await readDatasetBlob(file, file.name);
    const seconds = (performance.now() - t0) / 1000;
    kept = ds;
    post({ type: 'parsed' });
    let labelSum = 0;
    let pixelSum = 0;
    if (ds.y) for (let i = 0; i < ds.count; i++) labelSum += ds.y[i];
    for (let i = 0; i < ds.x.length; i++) pixelSum += ds.x[i];
    const pixelBytes = ds.x.buffer.byteLength;
    const labelBytes = ds.y ? ds.y.buffer.byteLength : 0;
    post({
      type: 'done',
      seconds,
      rows: kept.count,
      labelSum,
      pixelSum,
      datasetBytes: pixelBytes + labelBytes,
      pixelBytes,
      labelBytes,
      pixels: ds.count * 784,
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

post({ type: 'ready', fileReader: typeof FileReader !== 'undefined', fileReaderSync: typeof FileReaderSync !== 'undefined' });
