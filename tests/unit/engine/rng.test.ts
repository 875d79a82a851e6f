import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';

// Oracle values printed by NumPy 2.4: np.random.seed(s); np.random.random_sample(3) / np.random.randn(5).
describe('seeded generator = NumPy legacy RandomState', () => {
  it('random() matches np.random.random_sample for seed 42', () => {
    const r = new Rng(42);
    expect([r.random(), r.random(), r.random()]).toEqual([0.3745401188473625, 0.9507143064099162, 0.7319939418114051]);
  });

  it('normal() matches np.random.randn for seeds 42 and 5489', () => {
    const r = new Rng(42);
    expect(Array.from({ length: 5 }, () => r.normal())).toEqual([0.4967141530112327, -0.13826430117118466, 0.6476885381006925, 1.5230298564080254, -0.23415337472333597]);
    const s = new Rng(5489);
    expect(Array.from({ length: 3 }, () => s.normal())).toEqual([-0.7732891502316195, 0.2543161358565558, 0.3686158844909267]);
  });

  it('shuffles to a permutation, the same for the same seed', () => {
    const a = new Rng(3).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(new Rng(3).shuffle(Int32Array.from({ length: 50 }, (_, i) => i))).toEqual(a);
    expect(new Rng(4).shuffle(Int32Array.from({ length: 50 }, (_, i) => i))).not.toEqual(a);
  });

  it('refuses a seed that is not a 32-bit whole number', () => {
    expect(() => new Rng(1.5)).toThrow('seed must be a whole number');
    expect(() => new Rng(-1)).toThrow('seed must be a whole number');
  });
});
