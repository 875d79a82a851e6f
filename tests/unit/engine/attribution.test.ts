import { describe, expect, it } from 'vitest';
import { gradientTimesInput, integratedGradients, integratedGradientsAt } from '../../../src/engine/attribution';
import { Linear } from '../../../src/engine/linear';
import { fromArray } from '../../../src/engine/matrix';
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import type { Sequential } from '../../../src/engine/sequential';

/** A row of n standard-normal-ish values (sums of uniforms), seeded. */
function randomRow(n: number, rng: Rng, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => scale * (rng.random() + rng.random() + rng.random() - 1.5) * 2);
}

/** z_c of one row by the model's own forward pass. */
const logit = (model: Sequential, v: Float32Array, c: number) => model.forward(fromArray(1, v.length, v)).data[c];

describe('why this row: attributions of a score to the inputs', () => {
  const shapes: { hidden: number[]; outputs: number }[] = [{ hidden: [], outputs: 3 }, { hidden: [8], outputs: 3 }, { hidden: [10, 6], outputs: 4 }, { hidden: [7], outputs: 1 }];
  for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
    for (const { hidden, outputs } of shapes) {
      it(`integrated gradients sum to z(x) − z(x') within 1% of |z(x)|: ${activation}, hidden [${hidden}], ${outputs} output${outputs > 1 ? 's' : ''}`, () => {
        for (let seed = 1; seed <= 6; seed++) {
          const model = buildMlp({ inputSize: 9, hidden, outputSize: outputs, activation }, new Rng(seed * 31 + hidden.length));
          const rng = new Rng(seed);
          const x = randomRow(9, rng, 1.5), baseline = randomRow(9, rng, 0.3);
          for (let c = 0; c < outputs; c++) {
            const ig = integratedGradients(model, x, baseline, c);
            expect(ig.score).toBeCloseTo(logit(model, x, c), 5);
            expect(ig.baselineScore).toBeCloseTo(logit(model, baseline, c), 5);
            let sum = 0;
            for (const a of ig.attributions) sum += a;
            expect(sum).toBeCloseTo(ig.sum, 10);
            expect(ig.gap).toBeCloseTo(Math.abs(sum - (ig.score - ig.baselineScore)), 10);
            // Within 1% of the score unless m hit its cap; the cap was never needed on these models.
            expect(ig.steps).toBeLessThan(4096);
            expect(ig.gap).toBeLessThanOrEqual(0.01 * Math.abs(ig.score));
          }
        }
      });
    }
  }

  it('more steps shrink the gap, and a tolerance that cannot be met stops at the cap and says so', () => {
    const model = buildMlp({ inputSize: 6, hidden: [12], outputSize: 2, activation: 'relu' }, new Rng(5));
    const rng = new Rng(9);
    const x = randomRow(6, rng, 2), baseline = new Float32Array(6);
    const change = logit(model, x, 1) - logit(model, baseline, 1);
    const gapAt = (m: number) => Math.abs(integratedGradientsAt(model, x, baseline, 1, m).reduce((s, a) => s + a, 0) - change);
    expect(gapAt(256)).toBeLessThanOrEqual(gapAt(4) + 1e-6);
    const capped = integratedGradients(model, x, baseline, 1, { tolerance: 0, minSteps: 8, maxSteps: 32 });
    expect(capped.steps).toBe(32);
    expect(capped.gap).toBeCloseTo(gapAt(32), 6);
  });

  it('a linear model\'s IG is exactly w_i (x_i − x\'_i), in 64 steps', () => {
    const model = buildMlp({ inputSize: 5, hidden: [], outputSize: 3, activation: 'relu' }, new Rng(2));
    const W = (model.layers[0] as Linear).W.data;
    const rng = new Rng(3);
    const x = randomRow(5, rng), baseline = randomRow(5, rng);
    for (let c = 0; c < 3; c++) {
      const ig = integratedGradients(model, x, baseline, c);
      expect(ig.steps).toBe(64);
      for (let i = 0; i < 5; i++) expect(ig.attributions[i]).toBe((x[i] - baseline[i]) * W[i * 3 + c]);
    }
  });

  for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
    it(`gradient × input is the finite-difference derivative times the input: ${activation}`, () => {
      const model = buildMlp({ inputSize: 7, hidden: [9, 5], outputSize: 3, activation, dropout: [0.5, 0.5] }, new Rng(11));
      const rng = new Rng(12);
      const x = randomRow(7, rng);
      const gx = gradientTimesInput(model, x);
      const predicted = [0, 1, 2].reduce((best, c) => (logit(model, x, c) > logit(model, x, best) ? c : best), 0);
      expect(gx.cls).toBe(predicted); // no class asked: the predicted one
      for (const c of [0, 2]) {
        const g = gradientTimesInput(model, x, c);
        expect(g.score).toBeCloseTo(logit(model, x, c), 5);
        for (let i = 0; i < 7; i++) {
          const eps = 1e-2, up = Float32Array.from(x), down = Float32Array.from(x);
          up[i] += eps; down[i] -= eps;
          const derivative = (logit(model, up, c) - logit(model, down, c)) / (2 * eps);
          expect(g.attributions[i]).toBeCloseTo(derivative * x[i], 2);
        }
      }
    });
  }

  it('refuses a baseline of another width', () => {
    const model = buildMlp({ inputSize: 4, hidden: [], outputSize: 2, activation: 'relu' }, new Rng(1));
    expect(() => integratedGradients(model, new Float32Array(4), new Float32Array(3), 0)).toThrow(/baseline of 3 inputs for a row of 4/);
  });
});
