/** Messages between the benchmark page (main.ts) and its workers (ours.worker.ts, ours-table.worker.ts, papa.worker.ts). */

/** ours: the digit reader; ours-table: the table reader as the app loads any CSV; papa: plain Papa.parse (either file). */
export type Contender = 'ours' | 'ours-table' | 'papa';

/** Which of the page's two files: the digit CSV, or the generated table. */
export type Which = 'digits' | 'table';

/** Page → worker: parse this file. */
export interface ParseRequest {
  type: 'parse';
  file: File;
  /** The file is the generated table (papa then checks rows, cells and missing cells instead of pixels). */
  table: boolean;
}

/** Worker → page, once its module has loaded (so worker start-up is never timed). */
export interface WorkerReady {
  type: 'ready';
  /** How a File can be read in this worker: Papa.parse(File) uses FileReader when it exists, else FileReaderSync. */
  fileReader: boolean;
  fileReaderSync: boolean;
}

/** Worker → page, the moment the parse has finished (before the checks below are computed). */
export interface ParseFinished {
  type: 'parsed';
}

export interface ParseDone {
  type: 'done';
  /** From receiving the File to holding the parsed result, measured in the worker. */
  seconds: number;
  /** Data rows (header excluded). */
  rows: number;
  /** Sum of all labels and of all pixels, to check that both contenders read the same numbers (computed after timing); 0 for the table. */
  labelSum: number;
  pixelSum: number;
  /** The table: columns, and cells that are missing (empty or NA), to check both contenders (computed after timing). */
  columns?: number;
  missingCells?: number;
  /** ours-table only: tableBytes() of the table read (its columns' buffers + 2 bytes a dictionary character). */
  tableBytes?: number;
  /** ours-table only: how the app's reader took the file (a table, not the digit layout) and its profile's kinds. */
  kinds?: string;
  /** ours-table only, measured after the timed read: profileTable alone, and reading + decoding the File alone (no parse). */
  profileSeconds?: number;
  readDecodeSeconds?: number;
  /** Ours only: bytes of the ArrayBuffers behind the returned Dataset (pixels + labels), and its pixel count. */
  datasetBytes?: number;
  pixelBytes?: number;
  labelBytes?: number;
  pixels?: number;
  /** Papa only: result.data.length (header and any trailing empty row included) and result.errors.length. */
  papaDataLength?: number;
  papaErrors?: number;
  /** Which reader Papa.parse(File) picked here. */
  reader?: string;
}

export interface ParseFailed {
  type: 'error';
  message: string;
}

export type WorkerReply = WorkerReady | ParseFinished | ParseDone | ParseFailed;
