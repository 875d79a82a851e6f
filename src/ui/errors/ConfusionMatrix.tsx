import { formatPercent } from '../format';

const NONE = { trueClass: null, predicted: null };

/**
 * Counts of held-out samples by true class (rows) and predicted class (columns), with each class's
 * accuracy. With `onSelect`, off-diagonal cells are buttons: they show those mistakes in the gallery.
 * `label` names the table (the held-out rows' by default; the test set's is another).
 */
export function ConfusionMatrix({ confusion, selected = NONE, onSelect, label = 'Confusion matrix', caption = 'Confusion matrix (held-out rows)' }: {
  confusion: number[]; selected?: { trueClass: number | null; predicted: number | null }; onSelect?: (t: number, p: number) => void; label?: string; caption?: string;
}) {
  const classes = Array.from({ length: 10 }, (_, i) => i);
  const max = Math.max(1, ...confusion.filter((_, i) => i % 11 !== 0));
  return (
    <table className="confusion" aria-label={label}>
      <caption>{caption}: true class down, predicted class across</caption>
      <thead>
        <tr>
          {/* On a phone the long headers give way to short ones (the long stay for screen readers). */}
          <th scope="col"><span className="confusion__long">true \ predicted</span><span className="confusion__short" aria-hidden="true">t \ p</span></th>
          {classes.map((p) => <th key={p} scope="col">{p}</th>)}
          <th scope="col"><span className="confusion__long">accuracy</span><span className="confusion__short" aria-hidden="true">acc.</span></th>
        </tr>
      </thead>
      <tbody>
        {classes.map((t) => {
          const row = confusion.slice(t * 10, t * 10 + 10);
          const total = row.reduce((a, b) => a + b, 0);
          return (
            <tr key={t}>
              <th scope="row">{t}</th>
              {row.map((n, p) => {
                const isSelected = selected.trueClass === t && selected.predicted === p;
                if (p === t) return <td key={p} className="diag">{n}</td>;
                return (
                  <td key={p} style={n ? { background: `rgb(234 88 12 / ${0.08 + 0.6 * (n / max)})` } : undefined} className={isSelected ? 'selected' : undefined}>
                    {n && !onSelect ? n : n ? <button type="button" className="cell" aria-pressed={isSelected} aria-label={`true ${t}, predicted ${p}: ${n} samples`} onClick={() => onSelect?.(t, p)}>{n}</button> : <span className="zero">0</span>}
                  </td>
                );
              })}
              <td className="class-acc">{total ? formatPercent(row[t] / total, 1) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
