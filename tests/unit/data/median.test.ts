/** The median by quickselect against the median of a sorted copy, on arbitrary arrays, ties and runs included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, select } from '../../../src/data/median';

const sortedMedian = (values: number[]) => {
  const s = Float64Array.from(values).sort(), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

describe('median by quickselect', () => {
  it('equals the sorted middle on any array (ties, sorted and reversed runs, negatives, infinities)', () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }));
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.constantFrom('as is', 'sorted', 'reversed'), (values, order) => {
      const xs = order === 'as is' ? values : [...values].sort((a, b) => (order === 'sorted' ? a - b : b - a));
      // Equal as numbers: a sort orders -0 before +0, the selection does not tell them apart.
      expect(median(Float64Array.from(xs)) === sortedMedian(xs)).toBe(true);
    }), { numRuns: 500 });
  });

  it('select leaves the k-th smallest at k, none larger before it and none smaller after', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, seed) => {
      const xs = Float64Array.from(values), k = seed % xs.length;
      const got = select(xs, k);
      expect(got).toBe(Float64Array.from(values).sort()[k]);
      expect(xs[k]).toBe(got);
      for (let i = 0; i < k; i++) expect(xs[i]).toBeLessThanOrEqual(got);
      for (let i = k + 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(got);
    }), { numRuns: 500 });
  });

  it('an empty array has no median', () => {
    expect(median(new Float64Array(0))).toBeNaN();
  });
});
