import { formatPercent } from '../format';

/** The ten softmax probabilities as bars with percentages; the most likely class stands out. */
export function ClassProbabilities({ probs }: { probs: number[] }) {
  const top = probs.indexOf(Math.max(...probs));
  return (
    <ol className="probabilities" aria-label="Class probabilities">
      {probs.map((p, digit) => (
        <li key={digit} className={digit === top ? 'top' : undefined} aria-current={digit === top ? 'true' : undefined}>
          <span className="probabilities__label">{digit}: {formatPercent(p, 1)}</span>
          <span className="probabilities__bar" style={{ width: `${Math.max(0.5, p * 100)}%` }} />
        </li>
      ))}
    </ol>
  );
}
