import { formatPercent } from '../format';

const NONE = { trueClass: null, predicted: null };

/**
 * Counts of held-out samples by true class (rows) and predicted class (columns), named by the classes'
 * names, with each class's accuracy. `classes` says which classes the m × m counts cover (all of them,
 * or those with the most mistakes when there are many); `totals` gives each class's rows and rows right
 * when known (else the shown counts' row sums). With `onSelect`, off-diagonal cells are buttons: they
 * show those mistakes in the gallery. `label` names the table (the held-out rows' by default).
 */
export function ConfusionMatrix({ confusion, classes, names, totals, selected = NONE, onSelect, label = 'Confusion matrix', caption = 'Confusion matrix (held-out rows)' }: {
  confusion: number[]; classes: number[]; names: (k: number) => string; totals?: { rows: number[]; right: number[] };
  selected?: { trueClass: number | null; predicted: number | null }; onSelect?: (t: number, p: number) => void; label?: string; caption?: string;
}) {
  const m = classes.length;
  const max = Math.max(1, ...confusion.filter((_, i) => i % (m + 1) !== 0));
  const partial = totals && totals.rows.length > m ? ` (the ${m} classes with the most mistakes of ${totals.rows.length})` : '';
  return (
    <table className="confusion" aria-label={label}>
      <caption>{caption}: true class down, predicted class across{partial}</caption>
      <thead>
        <tr>
          {/* On a phone the long headers give way to short ones (the long stay for screen readers). */}
          <th scope="col"><span className="confusion__long">true \ predicted</span><span className="confusion__short" aria-hidden="true">t \ p</span></th>
          {classes.map((p) => <th key={p} scope="col">{names(p)}</th>)}
          <th scope="col"><span className="confusion__long">accuracy</span><span className="confusion__short" aria-hidden="true">acc.</span></th>
        </tr>
      </thead>
      <tbody>
        {classes.map((t, ti) => {
          const row = confusion.slice(ti * m, (ti + 1) * m);
          const total = totals ? totals.rows[t] : row.reduce((a, b) => a + b, 0);
          const right = totals ? totals.right[t] : row[ti];
          return (
            <tr key={t}>
              <th scope="row">{names(t)}</th>
              {row.map((n, pi) => {
                const p = classes[pi];
                const isSelected = selected.trueClass === t && selected.predicted === p;
                if (p === t) return <td key={p} className="diag">{n}</td>;
                return (
                  <td key={p} style={n ? { background: `rgb(234 88 12 / ${0.08 + 0.6 * (n / max)})` } : undefined} className={isSelected ? 'selected' : undefined}>
                    {n && !onSelect ? n : n ? <button type="button" className="cell" aria-pressed={isSelected} aria-label={`true ${names(t)}, predicted ${names(p)}: ${n} samples`} onClick={() => onSelect?.(t, p)}>{n}</button> : <span className="zero">0</span>}
                  </td>
                );
              })}
              <td className="class-acc">{total ? formatPercent(right / total, 1) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
