/** The worker's insight into a model: a regression's residuals, and permutation feature importance after a run and on demand. */
import { describe, expect, it } from 'vitest';
import { residualOrder } from '../../../src/store/residual-order';
import { reduceImportance, initialImportance } from '../../../src/store/importance-slice';
import { TABLE_PRESET } from '../../../src/train/presets';
import type { SplitSpec, WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { syntheticCsv } from '../table-fixtures';

/** A session on a hand-run task queue; `tick` ms pass at each reading of the clock (0: the real clock). */
function setup(tick = 0) {
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  let t = 0;
  const now = tick ? () => (t += tick) : () => performance.now();
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn), now);
  const drain = () => { while (queue.length) queue.shift()!(); };
  const find = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return { session, events, queue, drain, find };
}

const regression = { ...TABLE_PRESET, target: 'value', epochs: 40, patience: 0, valShare: 0.2 };
const split: SplitSpec = { valShare: 0.2, mode: 'shuffled', seed: 42, table: { target: 'value' } };

describe('a regression\'s residuals', () => {
  it('the held-out rows by absolute error in the target\'s units, their cells as written, and a sample for the scatter', async () => {
    const { session, drain, find } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([syntheticCsv(600, 5)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config: regression });
    drain();
    const analyses = find('analysis');
    expect(analyses).toHaveLength(40);
    const a = analyses.at(-1)!.analysis;
    if (a.task !== 'regression') throw new Error(a.task);
    expect(a.epoch).toBe(40);
    const r = a.residuals;
    expect(r.total).toBe(120);
    expect(r.rows).toHaveLength(120);
    expect(r.sample.trueValues).toHaveLength(120);
    for (let i = 0; i < r.rows.length; i++) {
      const cells = r.cells![i];
      expect(cells[0]).toBe(`r${r.rows[i] + 1}`); // the ID column, as written
      expect(r.trueValues[i]).toBe(Math.fround(Number(cells[5]))); // the file's own value
      expect(r.errors[i]).toBeCloseTo(Math.abs(r.predicted[i] - r.trueValues[i]), 5);
      if (i > 0) expect(r.errors[i]).toBeLessThanOrEqual(r.errors[i - 1]);
    }
    // value = 3·x1 − 2·x2 + colour + noise: R² above 0.9 means errors far below the spread of ±12.
    expect(r.errors[0]).toBeLessThan(5);
    const metrics = find('epochEnd').at(-1)!.metrics;
    const mae = r.errors.reduce((s, e) => s + e, 0) / r.total;
    expect(mae).toBeCloseTo(metrics.valMae!, 3);
    // Both orders, as the gallery's switch gives them.
    const highest = residualOrder(r, 'highest'), lowest = residualOrder(r, 'lowest');
    expect(highest[0]).toBe(0);
    expect(r.errors[lowest[0]]).toBe(Math.min(...r.errors));
  });

  it('a regression model from a file is analysed on the held-out rows of the loaded table, with its R²', async () => {
    const { session, drain, find, events } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([syntheticCsv(600, 5)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config: { ...regression, epochs: 20 } });
    drain();
    session.handle({ type: 'saveModel', purpose: 'download' });
    const saved = find('modelSaved').at(-1)!;
    session.handle({ type: 'reset' });
    events.length = 0;
    session.handle({ type: 'loadModel', bytes: saved.bytes!, name: 'cars.safetensors', runId: 0, split });
    const a = find('analysis').at(-1)!;
    expect(a.runId).toBe(0);
    if (a.analysis.task !== 'regression') throw new Error(a.analysis.task);
    expect(a.analysis.heldOut!.rows).toBe(a.analysis.residuals.total);
    expect(a.analysis.heldOut!.r2).toBeGreaterThan(0.8);
    expect(a.analysis.residuals.cells![0]).toHaveLength(6);
    // And its feature importance, on demand, on the same held-out rows with the page's seed.
    session.handle({ type: 'computeImportance', split });
    drain();
    const done = find('importance').at(-1)!;
    expect(done.runId).toBe(0);
    expect(done.importance).toMatchObject({ metric: 'r2', seed: 42, rows: a.analysis.residuals.total, epoch: 0 });
    expect(done.importance!.features[0].name).toBe('x1'); // |3·x1| outweighs |2·x2| and the colour
  });
});

describe('feature importance in the worker', () => {
  it('is measured when a run ends, in slices that leave room for other messages, named as in the file', async () => {
    const { session, queue, find } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([syntheticCsv(600, 1)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config: { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs: 15, patience: 0 } });
    while (queue.length && !find('importance').length) queue.shift()!();
    expect(find('runState').at(-1)!.state).toBe('done');
    // A prediction asked for meanwhile is answered before the importance is done.
    session.handle({ type: 'predict', requestId: 3, pixels: new Uint8Array(4) });
    expect(find('prediction')).toHaveLength(1);
    while (queue.length) queue.shift()!();
    const events = find('importance');
    expect(events[0]).toMatchObject({ runId: 1, progress: 0, importance: null });
    const last = events.at(-1)!;
    const valRows = find('runStarted')[0].valRows;
    expect(last.importance).toMatchObject({ metric: 'accuracy', seed: 42, rows: valRows, heldOut: valRows, map: null, epoch: 15 });
    expect(last.importance!.features.map((f) => f.name).sort()).toEqual(['colour', 'x1', 'x2']);
    // kind follows x1 + 0.5·x2 + (colour blue): x1 matters most.
    expect(last.importance!.features[0].name).toBe('x1');
    // The store takes the current run's events only.
    const state = events.reduce((s, e) => reduceImportance(s, e, 1), initialImportance);
    expect(state).toMatchObject({ computing: false, progress: 1, message: null });
    expect(state.result).toBe(last.importance);
    expect(events.reduce((s, e) => reduceImportance(s, e, 2), initialImportance)).toBe(initialImportance);
  });

  it('on demand for the current run; a new run cancels a computation under way; with nothing held out, a sentence', async () => {
    // Each reading of the clock takes half a slice's time: two steps of the computation a slice.
    const { session, queue, drain, find } = setup(10);
    await session.handle({ type: 'loadFile', file: new Blob([syntheticCsv(400, 2)]), name: 'train.csv' });
    const config = { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs: 3, patience: 0 };
    session.handle({ type: 'start', runId: 1, config });
    drain();
    const before = find('importance').length;
    session.handle({ type: 'computeImportance', split });
    expect(find('importance').length).toBe(before + 1); // "computing", at once
    queue.shift()!(); // one slice: 2 of its 4 steps (the base pass, then a step a column)
    expect(find('importance').at(-1)!.importance).toBeNull();
    session.handle({ type: 'start', runId: 2, config: { ...config, valShare: 0, epochs: 1 } });
    drain();
    const after = find('importance').slice(before);
    expect(after.filter((e) => e.runId === 1 && e.importance)).toHaveLength(0);
    // Run 2 holds out nothing: its end says why there is no importance.
    expect(after.at(-1)).toMatchObject({ runId: 2, importance: null, message: expect.stringContaining('holds out none') });
  });

  it('without a model: a sentence', () => {
    const { session, find } = setup();
    session.handle({ type: 'computeImportance', split });
    expect(find('importance')).toEqual([{ type: 'importance', runId: 0, progress: 0, importance: null, message: 'Train a model or load a model file first.' }]);
  });
});
