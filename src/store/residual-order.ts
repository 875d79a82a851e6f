import type { Residuals } from '../worker/protocol';

/**
 * Positions in a regression's kept held-out rows by absolute error: 'highest' the largest first,
 * 'lowest' the smallest first (ties by file row, so both orders are stable).
 */
export function residualOrder(r: Residuals, order: 'highest' | 'lowest'): number[] {
  const sign = order === 'highest' ? -1 : 1;
  return Array.from({ length: r.rows.length }, (_, i) => i).sort((a, b) => sign * (r.errors[a] - r.errors[b]) || r.rows[a] - r.rows[b]);
}
