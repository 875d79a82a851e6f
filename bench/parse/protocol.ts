/** Messages between the benchmark page (main.ts) and its two workers (ours.worker.ts, papa.worker.ts). */

export type Contender = 'ours' | 'papa';

/** Page → worker: parse this file. */
export interface ParseRequest {
  type: 'parse';
  file: File;
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
  /** Sum of all labels and of all pixels, to check that both contenders read the same numbers (computed after timing). */
  labelSum: number;
  pixelSum: number;
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
