/** Display formats shared by the panels. */

/** 42000 → "42,000". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** 33894672 → "33.9 MB" (decimal units, as file managers show file sizes). */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** 0.2 → "20%"; one decimal when it is not whole. */
export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}
