import { describe, expect, it } from 'vitest';
import { SoftmaxCrossEntropy } from '../../../src/engine/loss';
import { fromArray } from '../../../src/engine/matrix';
import { buildMlp } from '../../../src/engine/mlp';
import { Optimizer } from '../../../src/engine/optim';
import { Rng } from '../../../src/engine/rng';
import { trainStep } from '../../../src/engine/step';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { settingsErrors } from '../../../src/train/settings';
import { type EpochMetrics, NonFiniteLossError, TrainingRun } from '../../../src/train/run';
import { mnistSubset } from '../mnist';

const small: TrainConfig = { ...NOTEBOOK_PRESET, epochs: 2, hidden: [32] };

function runAll(run: TrainingRun): EpochMetrics[] {
  const out: EpochMetrics[] = [];
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    out.push(run.finishEpoch());
  }
  return out;
}

/** The metrics that depend only on the seed and the data (not the wall clock). */
const deterministic = (m: EpochMetrics[]) => m.map(({ epoch, trainLoss, trainAcc, valLoss, valAcc }) => ({ epoch, trainLoss, trainAcc, valLoss, valAcc }));

describe('training run', () => {
  it('a tiny model overfits one small batch to 100% accuracy', () => {
    const rng = new Rng(1);
    const model = buildMlp({ inputSize: 784, hidden: [32], outputSize: 10, activation: 'relu' }, rng);
    const opt = new Optimizer('adam', model.params(), { lr: 0.01 });
    const ce = new SoftmaxCrossEntropy(10);
    const ds = mnistSubset(16);
    const x = fromArray(16, 784, Float32Array.from(ds.x, (v) => v / 255));
    let last = Infinity;
    for (let i = 0; i < 200; i++) last = trainStep(model, ce, opt, x, ds.y!);
    expect(last).toBeLessThan(0.01);
    expect(ce.forward(model.forward(x), ds.y!)).toBeLessThan(0.01);
    expect(ce.correct).toBe(16);
    const pred = Array.from({ length: 16 }, (_, i) => {
      const p = ce.probs.data.subarray(i * 10, i * 10 + 10);
      return p.indexOf(Math.max(...p));
    });
    expect(pred).toEqual(Array.from(ds.y!));
  });

  it('learns real digits: held-out accuracy far above chance after 2 epochs on 2,000 rows', () => {
    const metrics = runAll(new TrainingRun(mnistSubset(2000), small));
    expect(metrics).toHaveLength(2);
    expect(metrics[1].trainLoss).toBeLessThan(metrics[0].trainLoss);
    expect(metrics[1].valAcc).toBeGreaterThan(0.8);
  });

  it('the same seed and settings give identical metrics, bit for bit; another seed does not', () => {
    const ds = mnistSubset(1000);
    for (const cfg of [small, { ...small, optimizer: 'adam' as const, lr: 0.001, split: 'shuffled' as const, shuffle: true, hidden: [16, 8] }]) {
      const a = deterministic(runAll(new TrainingRun(ds, cfg)));
      const b = deterministic(runAll(new TrainingRun(ds, cfg)));
      expect(a).toEqual(b);
      const c = deterministic(runAll(new TrainingRun(ds, { ...cfg, seed: cfg.seed + 1 })));
      expect(c).not.toEqual(a);
    }
  });

  it('holds out the last 20% in sequential mode, as the notebook does', () => {
    const run = new TrainingRun(mnistSubset(1000), small);
    expect(run.split.train.length).toBe(800);
    expect(Array.from(run.split.val.subarray(0, 2))).toEqual([800, 801]);
    expect(run.batchesPerEpoch).toBe(25);
  });

  it('pauses between slices mid-epoch and resumes to the same result as an unbroken run', () => {
    const ds = mnistSubset(640);
    const whole = new TrainingRun(ds, { ...small, epochs: 1 });
    whole.trainBatches(Number.POSITIVE_INFINITY);
    const sliced = new TrainingRun(ds, { ...small, epochs: 1 });
    while (!sliced.epochComplete) sliced.trainBatches(3);
    expect(deterministic([sliced.finishEpoch()])).toEqual(deterministic([whole.finishEpoch()]));
  });

  it('stops with a clear error when the loss becomes NaN and rolls back to the last good epoch', () => {
    const run = new TrainingRun(mnistSubset(640), { ...small, epochs: 3 });
    run.trainBatches(Number.POSITIVE_INFINITY);
    run.finishEpoch();
    const good = run.model.getWeights();
    run.trainBatches(5);
    // A weight overflowing mid-epoch, as a too-large learning rate eventually causes.
    const [, , , lastBias] = run.model.params();
    lastBias.value[3] = Number.NaN;
    let error: unknown = null;
    try {
      run.trainBatches(Number.POSITIVE_INFINITY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect((error as Error).message).toBe('The loss became NaN at epoch 2, batch 6: training diverged. ' +
      'Try a lower learning rate (or Adam with a small one). The weights from the end of the last good epoch are kept.');
    expect(run.model.getWeights()).toEqual(good);
  });

  it('ReLU passes NaN on, so divergence inside a hidden layer is seen, not zeroed', () => {
    const run = new TrainingRun(mnistSubset(640), { ...small, epochs: 1 });
    run.model.params()[1].value.fill(Number.NaN); // first hidden bias
    expect(() => run.trainBatches(1)).toThrow(NonFiniteLossError);
  });

  it('refuses a labeled run on an unlabeled dataset and absurd settings, naming the setting', () => {
    const ds = mnistSubset(100);
    expect(() => new TrainingRun({ ...ds, y: null }, small)).toThrow('has no labels');
    expect(() => new TrainingRun(ds, { ...small, batchSize: 500 })).toThrow('Batch size 500 is larger than the 80 training rows.');
    expect(settingsErrors({ ...small, lr: -1, epochs: 0, valShare: 1 })).toEqual({
      lr: 'Learning rate must be above 0.',
      epochs: 'Epochs must be at least 1.',
      valShare: 'Validation split must be at least 0% and below 100%.',
    });
    expect(() => new TrainingRun(ds, { ...small, valShare: 1 })).toThrow('Validation split must be at least 0% and below 100%.');
    expect(() => new TrainingRun(ds, { ...small, hidden: [0] })).toThrow('Hidden layer 1 has 0 units; each layer needs at least 1.');
    expect(() => new TrainingRun(ds, { ...small, hidden: [100_000] })).toThrow('Hidden layer 1 has 100,000 units; the most is 4,096.');
  });
});
