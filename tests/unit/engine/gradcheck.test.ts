import { describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Tanh } from '../../../src/engine/activations';
import { Dropout } from '../../../src/engine/dropout';
import { initLinear } from '../../../src/engine/init';
import type { Layer } from '../../../src/engine/layer';
import { Linear } from '../../../src/engine/linear';
import { SoftmaxCrossEntropy, SquaredError } from '../../../src/engine/loss';
import { type Matrix, fromArray } from '../../../src/engine/matrix';
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import { randomMatrix } from '../helpers';

/**
 * Central differences: dL/dθ ≈ (L(θ + ε) − L(θ − ε)) / 2ε, compared with the analytic gradient as
 * |analytic − numeric| ≤ atol + rtol · |numeric|. Values are float32, so ε cannot be tiny.
 */
function numericGrad(values: Float32Array, i: number, eps: number, loss: () => number): number {
  const saved = values[i];
  values[i] = saved + eps;
  const up = loss();
  values[i] = saved - eps;
  const down = loss();
  values[i] = saved;
  return (up - down) / (2 * eps);
}

function expectClose(analytic: number, numeric: number, what: string, atol = 2e-3, rtol = 2e-2): void {
  const ok = Math.abs(analytic - numeric) <= atol + rtol * Math.abs(numeric);
  expect(ok, `${what}: analytic ${analytic} vs numeric ${numeric}`).toBe(true);
}

/** The scalar L = Σ layer(x) ⊙ R for a fixed random R, so that dL/dout = R; returns R and L as a function. */
function dotLoss(layer: Layer, x: Matrix): { R: Matrix; loss: () => number } {
  const out0 = layer.forward(x);
  const R = randomMatrix(out0.rows, out0.cols, 77);
  const loss = () => {
    const out = layer.forward(x);
    let s = 0;
    for (let i = 0; i < out.rows * out.cols; i++) s += out.data[i] * R.data[i];
    return s;
  };
  return { R, loss };
}

/** Checks dX and every parameter gradient of a layer against central differences of `dotLoss`. */
function checkLayer(layer: Layer, x: Matrix, eps: number): void {
  const { R, loss } = dotLoss(layer, x);
  loss();
  const dX = layer.backward(R, true)!;
  const dXCopy = dX.data.slice(0, x.rows * x.cols);
  const grads = layer.params().map((p) => ({ name: p.name, value: p.value, grad: p.grad.slice() }));
  for (let i = 0; i < x.rows * x.cols; i++) expectClose(dXCopy[i], numericGrad(x.data, i, eps, loss), `${layer.kind} dX[${i}]`);
  for (const p of grads) {
    for (let i = 0; i < p.value.length; i++) expectClose(p.grad[i], numericGrad(p.value, i, eps, loss), `${layer.kind} d${p.name}[${i}]`);
  }
}

/** Every parameter's gradient of a 6-input, 4-class model with its loss, on a fixed batch, against central differences. */
function checkModel(model: ReturnType<typeof buildMlp>, kinked: boolean, what: string): void {
  const ce = new SoftmaxCrossEntropy(4);
  const x = randomMatrix(5, 6, 10);
  const y = [0, 3, 1, 2, 3];
  const loss = () => ce.forward(model.forward(x), y);
  loss();
  model.backward(ce.backward());
  // A smaller step for ReLU, so that ±ε does not push a pre-activation across the kink at 0.
  const eps = kinked ? 1e-3 : 1e-2;
  for (const p of model.params()) {
    const grad = p.grad.slice();
    for (let i = 0; i < p.value.length; i++) expectClose(grad[i], numericGrad(p.value, i, eps, loss), `${what} ${p.name}${p.shape.join('x')}[${i}]`);
  }
}

describe('finite-difference gradient checks', () => {
  it('Linear: dX, dW, db', () => {
    const layer = new Linear(5, 3);
    initLinear(layer, 'xavier', new Rng(1));
    layer.b.set([0.1, -0.2, 0.3]);
    checkLayer(layer, randomMatrix(4, 5, 2), 1e-2);
  });

  it('Linear on a mostly-zero input (the sparse path): dX, dW, db', () => {
    const layer = new Linear(20, 6);
    initLinear(layer, 'he', new Rng(3));
    checkLayer(layer, randomMatrix(5, 20, 4, 0.85), 1e-2);
  });

  it('ReLU away from its kink', () => {
    const x = randomMatrix(3, 6, 5);
    for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 0.1) x.data[i] = 0.5; // keep ±ε on one side
    checkLayer(new ReLU(), x, 1e-2);
  });

  it('Sigmoid and Tanh', () => {
    checkLayer(new Sigmoid(), randomMatrix(3, 6, 6), 1e-2);
    checkLayer(new Tanh(), randomMatrix(3, 6, 7), 1e-2);
  });

  it('softmax cross-entropy: dL/dlogits = (p − y) / batch', () => {
    const ce = new SoftmaxCrossEntropy(4);
    const logits = randomMatrix(3, 4, 8);
    const labels = [2, 0, 3];
    ce.forward(logits, labels);
    const d = ce.backward().data.slice(0, 12);
    for (let i = 0; i < 12; i++) expectClose(d[i], numericGrad(logits.data, i, 1e-2, () => ce.forward(logits, labels)), `dlogits[${i}]`);
  });

  for (const act of ['relu', 'tanh', 'sigmoid'] as const) {
    it(`a 2-hidden-layer ${act} model with its loss, through every parameter`, () => {
      checkModel(buildMlp({ inputSize: 6, hidden: [7, 5], outputSize: 4, activation: act }, new Rng(9)), act === 'relu', act);
    });
  }
});

describe('dropout', () => {
  it('dX through a fixed mask (the step and seed fix it)', () => {
    const layer = new Dropout(0.4, 0, 3);
    layer.training = true;
    layer.step = 5;
    const x = randomMatrix(6, 9, 21);
    const { R, loss } = dotLoss(layer, x);
    layer.forward(x);
    const dX = layer.backward(R, true)!.data.slice();
    for (let i = 0; i < 54; i++) expectClose(dX[i], numericGrad(x.data, i, 1e-2, loss), `dropout dX[${i}]`);
  });

  for (const act of ['relu', 'tanh'] as const) {
    it(`a 2-hidden-layer ${act} model with dropout on both layers, through every parameter`, () => {
      const model = buildMlp({ inputSize: 6, hidden: [9, 7], outputSize: 4, activation: act, dropout: [0.3, 0.5], dropoutSeed: 11 }, new Rng(9));
      expect(model.dropouts().map((d) => d.p)).toEqual([0.3, 0.5]);
      model.train(true);
      for (const d of model.dropouts()) d.step = 2;
      checkModel(model, act === 'relu', `${act} dropout`);
    });
  }

  it('drops about p of the units, keeps E[Y] = X, and is the identity when not training', () => {
    const layer = new Dropout(0.25, 1, 42);
    const x = { rows: 200, cols: 100, data: new Float32Array(20000).fill(1) };
    expect(layer.forward(x)).toBe(x); // evaluation: the input itself
    layer.training = true;
    layer.step = 1;
    const y = layer.forward(x).data;
    let dropped = 0, sum = 0;
    for (let i = 0; i < 20000; i++) { if (y[i] === 0) dropped++; sum += y[i]; }
    expect(dropped / 20000).toBeGreaterThan(0.23);
    expect(dropped / 20000).toBeLessThan(0.27);
    expect(sum / 20000).toBeGreaterThan(0.97);
    expect(sum / 20000).toBeLessThan(1.03);
    const first = y.slice();
    layer.step = 2; // another step, another mask
    expect(Array.from(layer.forward(x).data).filter((v, i) => v !== first[i]).length).toBeGreaterThan(1000);
  });
});

describe('softmax cross-entropy numerics', () => {
  it('stays finite for huge logits and matches −log p', () => {
    const ce = new SoftmaxCrossEntropy(3);
    const per = new Float32Array(2);
    const mean = ce.forward(fromArray(2, 3, [1000, 0, -1000, 1, 2, 3]), [1, 2], per);
    expect(per[0]).toBeCloseTo(1000, 3);
    expect(per[1]).toBeCloseTo(-Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), 5);
    expect(mean).toBeCloseTo((per[0] + per[1]) / 2, 3);
    const p = ce.probs.data;
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
  });

  it('rejects a label outside the classes', () => {
    expect(() => new SoftmaxCrossEntropy(3).forward(fromArray(1, 3, [0, 0, 0]), [3])).toThrow('label 3 at row 0');
  });
});

describe('the squared error of a regression', () => {
  it('dL/doutputs = (z − y) / batch, against central differences', () => {
    const se = new SquaredError(1);
    const z = randomMatrix(5, 1, 11);
    const y = Float32Array.from([0.5, -1, 2, 0, 0.25]);
    se.forward(z, y);
    const d = se.backward().data.slice(0, 5);
    for (let i = 0; i < 5; i++) expectClose(d[i], numericGrad(z.data, i, 1e-2, () => se.forward(z, y)), `dz[${i}]`);
    // ½ mean of the squared errors, and Σ |z − y| beside it.
    const mean = se.forward(z, y);
    const errors = Array.from(y, (t, i) => z.data[i] - t);
    expect(mean).toBeCloseTo(errors.reduce((a, e) => a + 0.5 * e * e, 0) / 5, 6);
    expect(se.absErrorSum).toBeCloseTo(errors.reduce((a, e) => a + Math.abs(e), 0), 5);
  });

  it('a 2-hidden-layer tanh regression with its loss, through every parameter', () => {
    const model = buildMlp({ inputSize: 6, hidden: [7, 5], outputSize: 1, activation: 'tanh' }, new Rng(12));
    const se = new SquaredError(1);
    const x = randomMatrix(5, 6, 13);
    const y = Float32Array.from([1, -0.5, 0.2, 2, -1]);
    const loss = () => se.forward(model.forward(x), y);
    loss();
    model.backward(se.backward());
    for (const p of model.params()) {
      const grad = p.grad.slice();
      for (let i = 0; i < p.value.length; i++) expectClose(grad[i], numericGrad(p.value, i, 1e-2, loss), `${p.name}${p.shape.join('x')}[${i}]`);
    }
  });
});
