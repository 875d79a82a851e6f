import type { ColumnProfile } from '../src/data/profile';
import type { ResolvedTable } from '../src/train/table-settings';

const count = (n: number) => n.toLocaleString('en-US');

/** The profile a table run used, as lines of text: each column's kind, distinct values, missing share, role and why. */
export function profileText(profile: ColumnProfile[], resolved: ResolvedTable): string {
  const rows = profile.map((c, i) => {
    const { role, why } = resolved.roles[i];
    return [c.name, c.kind, count(c.distinct), c.missing ? `${(100 * c.missingShare).toFixed(1)}%` : '-', role + (why ? ` (${why})` : '')];
  });
  const header = ['column', 'kind', 'distinct', 'missing', 'role'];
  const w = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((s, k) => (k === 4 ? s : s.padEnd(w[k]))).join('  ');
  const lines = [line(header), ...rows.map(line)];
  if (resolved.targetHint) lines.push(`note: ${resolved.targetHint} (--target 1)`);
  if (resolved.guess.close && !resolved.errors.task) lines.push(`note: ${resolved.guess.close}`);
  return lines.join('\n');
}
