import { describe, expect, it } from 'vitest';
import { classCounts } from '../../../src/data/dataset';
import { splitIndices } from '../../../src/data/split';
import { Rng } from '../../../src/engine/rng';
import { mnistSubset } from '../mnist';

describe('train / validation split', () => {
  it('sequential: first rows train, last rows held out', () => {
    const s = splitIndices(10, null, 0.2, 'sequential', new Rng(1));
    expect(Array.from(s.train)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(s.val)).toEqual([8, 9]);
  });

  it('shuffled: stratified by class, disjoint, complete, and fixed by the seed', () => {
    const ds = mnistSubset(3000);
    const strata = { labels: ds.y, classes: 10 };
    const s = splitIndices(ds.count, strata, 0.2, 'shuffled', new Rng(7));
    const all = [...s.train, ...s.val].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    const whole = classCounts(ds.y, 10);
    const held = classCounts(ds.y, 10, s.val);
    for (let c = 0; c < 10; c++) expect(Math.abs(held[c] - whole[c] * 0.2)).toBeLessThanOrEqual(0.5);
    expect(splitIndices(ds.count, strata, 0.2, 'shuffled', new Rng(7))).toEqual(s);
    expect(splitIndices(ds.count, strata, 0.2, 'shuffled', new Rng(8)).val).not.toEqual(s.val);
  });

  it('shuffled without classes (a regression): random, disjoint, complete, fixed by the seed', () => {
    const s = splitIndices(100, null, 0.2, 'shuffled', new Rng(3));
    expect(s.val.length).toBe(20);
    expect([...s.train, ...s.val].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(s.val)).not.toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    expect(splitIndices(100, null, 0.2, 'shuffled', new Rng(3))).toEqual(s);
  });

  it('refuses a share outside [0, 1)', () => {
    expect(() => splitIndices(10, null, 1, 'sequential', new Rng(1))).toThrow('Validation split must be at least 0 and below 1');
  });
});
