/// <reference lib="webworker" />
/**
 * The plain usage a typical app writes: `Papa.parse(file, { complete })`, no other options, in a
 * dedicated module worker, for the digit CSV and for the generated table alike. (In a worker Papa reads the File with FileReader when the worker has one,
 * as Chromium's do, and with FileReaderSync otherwise; 10 MB chunks either way.) The result, arrays of
 * strings, stays referenced (in `kept`) until the page terminates the worker.
 */
import Papa from 'papaparse';
import type { ParseRequest, WorkerReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerReply) => scope.postMessage(m);

// Kept alive on purpose until the worker is terminated.
let kept: Papa.ParseResult<string[]> | null = null;

scope.onmessage = (e: MessageEvent<ParseRequest>) => {
  const file = e.data.file;
  const t0 = performance.now();
  try {
    Papa.parse<string[]>(file, {
      complete(result) {
        const seconds = (performance.now() - t0) / 1000;
        kept = result;
        post({ type: 'parsed' });
        if (e.data.table) {
          post({ type: 'done', seconds, ...tableChecks(result.data), papaDataLength: kept.data.length, papaErrors: kept.errors.length, reader: readerName() });
          return;
        }
        // Checks after timing: rows of 785 cells after the header, and the same sums as ours.
        let rows = 0;
        let labelSum = 0;
        let pixelSum = 0;
        const data = result.data;
        for (let r = 1; r < data.length; r++) {
          const row = data[r];
          if (row.length !== 785) continue;
          rows++;
          labelSum += Number(row[0]);
          for (let c = 1; c < 785; c++) pixelSum += Number(row[c]);
        }
        post({
          type: 'done',
          seconds,
          rows,
          labelSum,
          pixelSum,
          papaDataLength: kept.data.length,
          papaErrors: kept.errors.length,
          reader: readerName(),
        });
      },
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

const readerName = () => (typeof FileReader !== 'undefined' ? 'FileReader (async)' : 'FileReaderSync');

/** The table's checks: rows as wide as the header after it, their missing cells (empty or NA), the columns. */
function tableChecks(data: string[][]) {
  const columns = data[0]?.length ?? 0;
  let rows = 0, missingCells = 0;
  for (let r = 1; r < data.length; r++) {
    const row = data[r];
    if (row.length !== columns) continue;
    rows++;
    for (const c of row) if (c === '' || c === 'NA') missingCells++;
  }
  return { rows, columns, missingCells, labelSum: 0, pixelSum: 0 };
}

post({ type: 'ready', fileReader: typeof FileReader !== 'undefined', fileReaderSync: typeof FileReaderSync !== 'undefined' });
