import { formatPercent } from '../format';

/** Classes listed at most: with more, the most probable ones. */
const MAX_LISTED = 10;

/** The softmax probabilities as bars with percentages, named by class; the predicted class stands out. */
export function ClassProbabilities({ probs, predicted, names }: { probs: number[]; predicted: number; names: (k: number) => string }) {
  const order = probs.map((_, k) => k);
  const shown = probs.length > MAX_LISTED ? order.sort((a, b) => probs[b] - probs[a]).slice(0, MAX_LISTED) : order;
  return (
    <ol className="probabilities" aria-label="Class probabilities">
      {shown.map((k) => (
        <li key={k} className={k === predicted ? 'top' : undefined} aria-current={k === predicted ? 'true' : undefined}>
          <span className="probabilities__label">{names(k)}: {formatPercent(probs[k], 1)}</span>
          <span className="probabilities__bar" style={{ width: `${Math.max(0.5, probs[k] * 100)}%` }} />
        </li>
      ))}
    </ol>
  );
}
