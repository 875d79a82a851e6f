/** Ten tiny bars: a sample's softmax probabilities, the true class in green, the prediction in orange. */
export function ProbabilityBars({ probs, trueClass, predicted }: { probs: Float32Array; trueClass: number; predicted: number }) {
  return (
    <div className="mini-bars" aria-hidden="true">
      {Array.from(probs, (p, d) => (
        <span key={d} className={d === trueClass ? 'true' : d === predicted ? 'pred' : undefined} style={{ height: `${Math.max(4, p * 100)}%` }} title={`${d}: ${(p * 100).toFixed(1)}%`} />
      ))}
    </div>
  );
}
