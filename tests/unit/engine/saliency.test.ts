import { describe, expect, it } from 'vitest';
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import { classGradient } from '../../../src/engine/saliency';
import { fromArray } from '../../../src/engine/matrix';

describe('why this digit: the gradient of a class score with respect to the input', () => {
  for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
    it(`matches finite differences of the logit, through a ${activation} network`, () => {
      const model = buildMlp({ inputSize: 12, hidden: [9, 7], outputSize: 4, activation, dropout: [0.5, 0.5] }, new Rng(3));
      const rng = new Rng(4);
      const x = Float32Array.from({ length: 12 }, () => rng.random());
      const logit = (v: Float32Array, c: number) => model.forward(fromArray(1, 12, v)).data[c];
      for (const c of [0, 3]) {
        const g = classGradient(model, x, c);
        expect(g.logits[c]).toBeCloseTo(logit(x, c), 5);
        for (let i = 0; i < 12; i++) {
          const eps = 1e-2, up = Float32Array.from(x), down = Float32Array.from(x);
          up[i] += eps; down[i] -= eps;
          expect(g.gradient[i]).toBeCloseTo((logit(up, c) - logit(down, c)) / (2 * eps), 2);
        }
        expect(g.hidden.map((h) => h.length)).toEqual([9, 7]);
      }
    });
  }

  it('for softmax regression it is the class\'s column of W, and the model\'s gradients are left alone', () => {
    const model = buildMlp({ inputSize: 5, hidden: [], outputSize: 3, activation: 'relu' }, new Rng(1));
    const W = (model.layers[0] as unknown as { W: { data: Float32Array }; dW: { data: Float32Array } });
    W.dW.data.fill(7);
    const g = classGradient(model, new Float32Array(5).fill(0.3), 2);
    expect(Array.from(g.gradient)).toEqual(Array.from({ length: 5 }, (_, i) => W.W.data[i * 3 + 2]));
    expect(W.dW.data.every((v) => v === 7)).toBe(true);
  });
});
