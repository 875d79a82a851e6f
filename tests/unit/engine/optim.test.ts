import { describe, expect, it } from 'vitest';
import type { Param } from '../../../src/engine/layer';
import { Optimizer } from '../../../src/engine/optim';

const param = (w: number[], g: number[], shape = [1, w.length]): Param => ({ name: 'W', shape, value: Float32Array.from(w), grad: Float32Array.from(g) });

describe('optimizers, one step against the formulas', () => {
  it('SGD: w − η g, with L2 decay on weights only', () => {
    const w = param([1, -2], [0.5, 0.25]);
    const b = param([1], [0.5], [1]);
    new Optimizer('sgd', [w, b], { lr: 0.1, weightDecay: 0.01 }).step();
    expect(w.value[0]).toBeCloseTo(1 - 0.1 * (0.5 + 0.01 * 1), 6);
    expect(w.value[1]).toBeCloseTo(-2 - 0.1 * (0.25 + 0.01 * -2), 6);
    expect(b.value[0]).toBeCloseTo(1 - 0.1 * 0.5, 6);
  });

  it('Momentum: v = μv + g, w −= ηv over two steps', () => {
    const w = param([1], [0.5]);
    const opt = new Optimizer('momentum', [w], { lr: 0.1, momentum: 0.9 });
    opt.step();
    opt.step();
    // v1 = 0.5, w1 = 1 − 0.05; v2 = 0.45 + 0.5 = 0.95, w2 = w1 − 0.095
    expect(w.value[0]).toBeCloseTo(1 - 0.05 - 0.095, 6);
  });

  it('Adam: the first step moves each weight by about η against its gradient sign', () => {
    const w = param([1, 1], [0.5, -3]);
    new Optimizer('adam', [w], { lr: 0.01 }).step();
    expect(w.value[0]).toBeCloseTo(1 - 0.01, 5);
    expect(w.value[1]).toBeCloseTo(1 + 0.01, 5);
  });

  it('Adam: two steps match the bias-corrected formula', () => {
    const w = param([0], [1]);
    const opt = new Optimizer('adam', [w], { lr: 0.1 });
    opt.step();
    w.grad[0] = -2;
    opt.step();
    const m = 0.9 * 0.1 * 1 + 0.1 * -2, v = 0.999 * 0.001 * 1 + 0.001 * 4;
    const expected = -0.1 - (0.1 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    expect(w.value[0]).toBeCloseTo(expected, 5);
  });

  it('refuses a learning rate that is not a positive number', () => {
    expect(() => new Optimizer('sgd', [], { lr: 0 })).toThrow('learning rate must be a positive number');
    expect(() => new Optimizer('sgd', [], { lr: NaN })).toThrow('learning rate');
  });
});
