/** Small helpers the benchmarks share: a median, and a table of figures against their targets. */

export const median = (xs: number[]): number => {
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
  const w = [Math.max(6, ...rows.map((r) => r.figure.length)), Math.max(8, ...rows.map((r) => r.measured.length)), Math.max(6, ...rows.map((r) => r.target.length))];
  const line = (a: string, b: string, c: string, d: string) => console.log(`${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c.padEnd(w[2])}  ${d}`);
  line('figure', 'measured', 'target', '');
  console.log('-'.repeat(w[0] + w[1] + w[2] + 14));
  for (const r of rows) line(r.figure, r.measured, r.target, r.met === undefined ? '' : r.met ? 'met' : 'NOT met');
}
