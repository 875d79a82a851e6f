/**
 * Tiny bars: a sample's softmax probabilities of `classes` (all of a model's, in order, or its most
 * probable ones), the true class in green, the prediction in orange.
 */
export function ProbabilityBars({ probs, classes, names, trueClass, predicted }: {
  probs: Float32Array; classes: ArrayLike<number>; names: (k: number) => string; trueClass: number; predicted: number;
}) {
  return (
    <div className="mini-bars" role="img" aria-label={`Probabilities: ${Array.from(probs, (p, j) => `${names(classes[j])} ${(p * 100).toFixed(1)}%`).join(', ')}`}>
      {Array.from(probs, (p, j) => {
        const k = classes[j];
        return <span key={j} className={k === trueClass ? 'true' : k === predicted ? 'pred' : undefined} style={{ height: `${Math.max(4, p * 100)}%` }} title={`${names(k)}: ${(p * 100).toFixed(1)}%`} />;
      })}
    </div>
  );
}
