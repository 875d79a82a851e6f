/**
 * Small helpers the benchmarks share: the one median, the table printers, and the machine-busy check
 * (other work on a shared 2-core machine slows every figure; the benches print how busy it was).
 */
import { cpus } from 'node:os';

/** The middle value; for an even count, the mean of the two middle ones. */
export const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface TargetRow {
  figure: string;
  measured: string;
  target: string;
  /** undefined: a figure shown for information, with no target. */
  met?: boolean;
}

/** Prints rows as a table: figure, measured, target, met / NOT met. */
export function printTargets(rows: TargetRow[]): void {
  printTable(
    ['figure', 'measured', 'target', ''],
    rows.map((r) => [r.figure, r.measured, r.target, r.met === undefined ? '' : r.met ? 'met' : 'NOT met']),
    ['l', 'r', 'l', 'l'],
  );
}

/** Prints a table with a header line and a rule; `align` per column, 'l' (default) or 'r'. */
export function printTable(header: string[], rows: string[][], align: ('l' | 'r')[] = []): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => console.log(w.map((wi, i) => (align[i] === 'r' ? (cells[i] ?? '').padStart(wi) : (cells[i] ?? '').padEnd(wi))).join('  ').trimEnd());
  line(header);
  console.log('-'.repeat(w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1)));
  for (const r of rows) line(r);
}

export interface CpuTimes { busy: number; all: number }

/** All cores' busy and total time so far (ms, from os.cpus()); see busyBetween. */
export function cpuTimes(): CpuTimes {
  return cpus().reduce((acc, c) => {
    const t = c.times;
    acc.busy += t.user + t.nice + t.sys + t.irq;
    acc.all += t.user + t.nice + t.sys + t.irq + t.idle;
    return acc;
  }, { busy: 0, all: 0 });
}

/** Share of all cores' time spent busy between two cpuTimes() readings. */
export function busyBetween(a: CpuTimes, b: CpuTimes): number {
  return (b.busy - a.busy) / Math.max(1, b.all - a.all);
}

/** Share of all cores' time spent busy over the next `ms`. */
export async function machineBusy(ms: number): Promise<number> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  return busyBetween(a, cpuTimes());
}

/** "62% (1.2 of 2 cores)" */
export const busyText = (share: number): string => `${(share * 100).toFixed(0)}% (${(share * cpus().length).toFixed(1)} of ${cpus().length} cores)`;
