/**
 * `np.argmax` of one row: the index (from `offset`) of the largest of v[offset .. offset + n), the
 * first one on ties. The engine's one argmax: the loss's accuracy count, every evaluation, every
 * prediction and the saliency's class all pick the class this way.
 */
export function argmax(v: ArrayLike<number>, offset = 0, n = v.length - offset): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (v[offset + j] > v[offset + best]) best = j;
  return best;
}
