/// <reference lib="webworker" />
/**
 * Our table reader as the app loads any CSV: readSourceBlob on the File (read in 1 MiB slices,
 * decoded, parsed into compact columns, then profiled), inside a dedicated module worker. The table
 * stays referenced (in `kept`) until the page terminates the worker, so the heap measured after the
 * parse is the heap that holds it.
 */
import { profileTable } from '../../src/data/profile';
import { CHUNK_BYTES, type LoadedTable, readSourceBlob } from '../../src/data/read-blob';
import { tableBytes } from '../../src/data/table';
import type { ParseRequest, WorkerReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerReply) => scope.postMessage(m);

// Kept alive on purpose until the worker is terminated.
let kept: LoadedTable | null = null;

scope.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const file = e.data.file;
  try {
    const t0 = performance.now();
    const read = await readSourceBlob(file, file.name);
    const seconds = (performance.now() - t0) / 1000;
    if (!('table' in read)) throw new Error(`${file.name} was read as the digit layout, not as a table`);
    kept = read;
    post({ type: 'parsed' });
    const { table, profile } = kept;
    let missingCells = 0;
    for (const col of table.columns) for (let i = 0; i < table.rows; i++) if (Number.isNaN(col.values[i])) missingCells++;
    const kinds = new Map<string, number>();
    for (const c of profile) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    // Where the time goes, measured after the timed read: the profile again, and the file read and decoded as readSourceBlob does, without parsing.
    const p0 = performance.now();
    profileTable(table);
    const profileSeconds = (performance.now() - p0) / 1000;
    post({
      type: 'done', seconds, rows: table.rows, labelSum: 0, pixelSum: 0, columns: table.columns.length, missingCells, tableBytes: tableBytes(table),
      kinds: [...kinds].map(([k, n]) => `${n} ${k}`).join(', '), profileSeconds, readDecodeSeconds: await readAndDecode(file),
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

/** Seconds to read the File in CHUNK_BYTES slices (the next requested before the current is decoded) and decode it, as readSourceBlob does. */
async function readAndDecode(file: File): Promise<number> {
  const t0 = performance.now();
  const decoder = new TextDecoder('utf-8');
  const read = (offset: number) => file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
  let next: Promise<ArrayBuffer> | null = file.size > 0 ? read(0) : null;
  let chars = 0;
  for (let offset = 0; next; offset += CHUNK_BYTES) {
    const bytes = await next;
    next = offset + CHUNK_BYTES < file.size ? read(offset + CHUNK_BYTES) : null;
    chars += decoder.decode(bytes, { stream: true }).length;
  }
  chars += decoder.decode().length;
  if (chars === 0 && file.size > 0) throw new Error('nothing decoded');
  return (performance.now() - t0) / 1000;
}

post({ type: 'ready', fileReader: typeof FileReader !== 'undefined', fileReaderSync: typeof FileReaderSync !== 'undefined' });
