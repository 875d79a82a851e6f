import { describe, expect, it } from 'vitest';
import { ReLU } from '../../../src/engine/activations';
import { Linear } from '../../../src/engine/linear';
import { fromArray } from '../../../src/engine/matrix';
import { Sequential } from '../../../src/engine/sequential';
import { HIST_BINS, deadShare, deadUnits, histogram, saturatedShare } from '../../../src/train/health';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { PROBE_ROWS } from '../../../src/train/probe';
import { mnistSubset } from '../mnist';

describe('layer statistics', () => {
  it('a layer whose units are all negative is 100% dead', () => {
    // Pre-activations all below 0: ReLU outputs are all 0 on every row.
    const model = new Sequential([new Linear(4, 6), new ReLU(), new Linear(6, 3)]);
    const first = model.layers[0] as Linear;
    first.b.fill(-5);
    const x = fromArray(3, 4, [0.1, 0.2, 0.3, 0.4, 1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5]);
    const y = model.layers[1].forward(first.forward(x));
    expect(deadShare(y)).toBe(1);
    // One unit alive on one row is enough not to be dead.
    first.b[2] = 5;
    const y2 = model.layers[1].forward(first.forward(x));
    expect(deadShare(y2)).toBeCloseTo(5 / 6, 12);
    expect(deadUnits(y2)).toEqual([0, 1, 3, 4, 5]); // the decision map marks these
  });

  it('saturated sigmoid units and the histogram of outputs', () => {
    const Y = fromArray(4, 3, [0.999, 0.5, 0.001, 0.995, 0.4, 0.002, 0.999, 0.6, 0.5, 1, 0.3, 0.001]);
    expect(saturatedShare(Y, 0, 1)).toBeCloseTo(1 / 3, 12); // column 0 always near 1; column 2 on 3 of 4 rows only
    const h = histogram(Y.data, 12);
    expect(h.counts).toHaveLength(HIST_BINS);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect([h.lo, h.hi]).toEqual([Y.data[2], 1]);
  });

  it('the update ratio of plain SGD equals lr·‖dW‖ / ‖W‖ of the epoch\'s last step', () => {
    const lr = 0.05;
    const run = new TrainingRun(mnistSubset(500), { ...NOTEBOOK_PRESET, hidden: [16], epochs: 1, lr }, undefined, { kernels: 'js' });
    run.trainBatches(Infinity);
    // After the last step: W = W_before − lr·dW, with dW the last batch's gradient.
    const linears = run.model.layers.filter((l): l is Linear => l instanceof Linear);
    const expected = linears.map((l) => {
      let g = 0, w = 0;
      for (let i = 0; i < l.W.data.length; i++) {
        const before = l.W.data[i] + lr * l.dW.data[i];
        g += l.dW.data[i] ** 2;
        w += before ** 2;
      }
      return (lr * Math.sqrt(g)) / Math.sqrt(w);
    });
    run.finishEpoch();
    const got = run.health!.layers.map((l) => l.updateRatio);
    got.forEach((r, i) => expect(r).toBeCloseTo(expected[i], 6));
    expect(got[0]).toBeGreaterThan(1e-5);
  });

  it('measures every layer after each epoch on the probe batch, on the WebAssembly trainer too', () => {
    const run = new TrainingRun(mnistSubset(1000), { ...NOTEBOOK_PRESET, hidden: [32, 16], epochs: 1 });
    expect(run.engine.kernel).not.toBe('js');
    run.trainBatches(Infinity);
    const m = run.finishEpoch();
    const h = run.health!;
    expect(h.epoch).toBe(1);
    expect(h.layers.map((l) => l.label)).toEqual(['Linear(784 → 32) + ReLU', 'Linear(32 → 16) + ReLU', 'Linear(16 → 10), logits']);
    expect(h.layers[0].histogram.counts.reduce((a, b) => a + b, 0)).toBe(PROBE_ROWS * 32);
    expect(h.layers[2].histogram.counts.reduce((a, b) => a + b, 0)).toBe(PROBE_ROWS * 10);
    for (const l of h.layers) {
      expect(l.gradNorm).toBeGreaterThan(0);
      expect(l.weightNorm).toBeGreaterThan(0);
      expect(l.updateRatio).toBeGreaterThan(1e-5);
      expect(l.updateRatio).toBeLessThan(1);
    }
    expect(h.layers[0].dead).toBeLessThan(0.5);
    expect(h.layers[2].dead).toBeNull();
    expect(m.healthMs).toBeGreaterThanOrEqual(0);
  });
});
