import { beforeAll, describe, expect, it } from 'vitest';
import { galleryOrder } from '../../../src/store/gallery';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import type { ClassificationAnalysis, WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { type DigitSet, mnistSubset } from '../mnist';

let data: DigitSet;
let events: WorkerEvent[];
let session: Session;
let analysis: ClassificationAnalysis;

beforeAll(async () => {
  data = mnistSubset(3000);
  events = [];
  const queue: (() => void)[] = [];
  session = new Session((e) => events.push(e), async () => new Blob([]), (fn) => queue.push(fn));
  session.train = data;
  session.handle({ type: 'start', runId: 1, config: { ...NOTEBOOK_PRESET, hidden: [64], epochs: 2 } });
  while (queue.length) queue.shift()!();
  const last = events.filter((e): e is Extract<WorkerEvent, { type: 'analysis' }> => e.type === 'analysis').at(-1)!.analysis;
  if (last.task !== 'classification') throw new Error('digits are classes');
  analysis = last;
});

describe('errors after an epoch', () => {
  it('one analysis per epoch, before its epochEnd, with a confusion matrix of the held-out rows', () => {
    const kinds = events.filter((e) => e.type === 'analysis' || e.type === 'epochEnd').map((e) => e.type);
    expect(kinds).toEqual(['analysis', 'epochEnd', 'analysis', 'epochEnd']);
    expect(analysis.epoch).toBe(2);
    expect(analysis.confusion.reduce((a, b) => a + b, 0)).toBe(600);
    const wrong = 600 - analysis.confusion.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0);
    expect(analysis.errors.total).toBe(wrong);
    expect(analysis.errors.rows.length).toBe(wrong);
  });

  it('misclassified samples carry their true row, label, prediction, image and probabilities', () => {
    const e = analysis.errors;
    for (let i = 0; i < e.rows.length; i++) {
      const row = e.rows[i];
      expect(row).toBeGreaterThanOrEqual(2400); // held-out: the last 20%
      expect(e.trueLabels[i]).toBe(data.y![row]);
      expect(e.predicted[i]).not.toBe(e.trueLabels[i]);
      const p = e.probs.subarray(i * 10, i * 10 + 10);
      expect(p.indexOf(Math.max(...p))).toBe(e.predicted[i]);
      expect(e.losses[i]).toBeCloseTo(-Math.log(p[e.trueLabels[i]]), 4);
      expect(Buffer.from(e.images!.subarray(i * 784, (i + 1) * 784)).equals(Buffer.from(data.x.subarray(row * 784, (row + 1) * 784)))).toBe(true);
    }
  });

  it('ranking: both orders are sorted, and every near miss (lowest loss) has cross-entropy above ln 2', () => {
    const e = analysis.errors;
    const lowest = galleryOrder(e, { order: 'lowest', trueClass: null, predicted: null });
    const highest = galleryOrder(e, { order: 'highest', trueClass: null, predicted: null });
    const losses = (ix: number[]) => ix.map((i) => e.losses[i]);
    expect(losses(lowest)).toEqual([...losses(lowest)].sort((a, b) => a - b));
    expect(losses(highest)).toEqual([...losses(highest)].sort((a, b) => b - a));
    // Misclassified means another class beat the true one, so p(true) < 1/2 and −log p(true) > ln 2.
    for (const i of lowest) expect(e.losses[i]).toBeGreaterThan(Math.LN2);
    const cell = galleryOrder(e, { order: 'highest', trueClass: e.trueLabels[0], predicted: e.predicted[0] });
    expect(cell.length).toBe(analysis.confusion[e.trueLabels[0] * 10 + e.predicted[0]]);
  });

  it('the first layer\'s weights of up to 64 units, as images', () => {
    expect(analysis.weights.units).toBe(64);
    const W1 = (session.training.run!.model.layers[0] as unknown as { W: { data: Float32Array } }).W.data;
    expect(analysis.weights.values[5 * 784 + 300]).toBe(W1[300 * 64 + 5]); // unit 5, pixel 300
  });

  it('predicts a drawn image with the current model, and says when there is none', () => {
    session.handle({ type: 'predict', requestId: 7, pixels: data.x.slice(0, 784) });
    const p = events.at(-1) as Extract<WorkerEvent, { type: 'prediction' }>;
    expect(p.requestId).toBe(7);
    expect(p.probs!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.probs!.indexOf(Math.max(...p.probs!))).toBe(5); // MNIST's first digit, a 5
    expect(p.predicted).toBe(5);
    session.handle({ type: 'reset' });
    session.handle({ type: 'predict', requestId: 8, pixels: data.x.slice(0, 784) });
    expect(events.at(-1)).toEqual({ type: 'prediction', requestId: 8, probs: null, predicted: -1 });
  });
});

describe('gallery filters', () => {
  it('by true class, by predicted class, or both', () => {
    const e = analysis.errors;
    const t = e.trueLabels[0], p = e.predicted[0];
    const byTrue = galleryOrder(e, { order: 'highest', trueClass: t, predicted: null });
    const byPred = galleryOrder(e, { order: 'highest', trueClass: null, predicted: p });
    expect(byTrue.length).toBeGreaterThan(0);
    expect(byTrue.every((i) => e.trueLabels[i] === t)).toBe(true);
    expect(byPred.every((i) => e.predicted[i] === p)).toBe(true);
    expect(byTrue.length).toBe(analysis.confusion.slice(t * 10, t * 10 + 10).reduce((a, b) => a + b, 0) - analysis.confusion[t * 11]);
  });
});
