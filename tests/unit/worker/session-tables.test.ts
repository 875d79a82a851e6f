/** The worker with tables: loading, the role of a second table, a run, a test set and predictions, each through the session. */
import { describe, expect, it } from 'vitest';
import { TABLE_PRESET } from '../../../src/train/presets';
import type { WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { syntheticCsv } from '../table-fixtures';

function setup() {
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
  const drain = () => { while (queue.length) queue.shift()!(); };
  const load = (text: string, name: string, role?: 'test') => session.handle({ type: 'loadFile', file: new Blob([text]), name, ...(role ? { role } : {}) });
  const find = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return { session, events, drain, load, find, last: () => events.at(-1)! };
}

/** The synthetic table without one of its columns. */
const without = (csv: string, column: string) => {
  const lines = csv.trim().split('\n'), k = lines[0].split(',').indexOf(column);
  return `${lines.map((l) => l.split(',').filter((_, i) => i !== k).join(',')).join('\n')}\n`;
};

describe('the worker session with tables', () => {
  it('profiles a table on load and summarises it: columns, first rows, the format', async () => {
    const { load, last } = setup();
    await load(syntheticCsv(200), 'train.csv');
    const e = last();
    if (e.type !== 'datasetLoaded') throw new Error(JSON.stringify(e));
    expect(e.summary).toMatchObject({ layout: 'table', role: 'train', rows: 200, format: { delimiter: ',', header: true }, classCounts: null });
    expect(e.summary.columns!.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'id'], ['x1', 'numeric'], ['x2', 'numeric'], ['colour', 'categorical'], ['kind', 'categorical'], ['value', 'numeric'],
    ]);
    expect(e.summary.preview![0][0]).toBe('r1');
  });

  it('a table without the target but with the features is the file to predict; an unrelated one is new training data', async () => {
    const { load, session, find } = setup();
    const csv = syntheticCsv(200);
    await load(csv, 'train.csv');
    // The default target is the last column that can be one: value.
    await load(without(csv, 'value'), 'to-predict.csv');
    expect(find('datasetLoaded').at(-1)!.summary).toMatchObject({ name: 'to-predict.csv', role: 'predict' });
    await load('a,b,c\n1,2,x\n3,4,y\n', 'other.csv');
    expect(find('datasetLoaded').at(-1)!.summary).toMatchObject({ name: 'other.csv', role: 'train' });
    expect(session.predict).not.toBeNull();
  });

  it('trains on a table, scores a test set through the same preprocessing, and predicts a file to the ID and the class names', async () => {
    const { load, session, drain, find, last } = setup();
    const csv = syntheticCsv(600, 1);
    await load(csv, 'train.csv');
    session.handle({ type: 'start', runId: 1, config: { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs: 20, patience: 0 } });
    drain();
    const started = find('runStarted')[0];
    expect(started.schema.target).toEqual({ column: 'kind', task: 'classification', classes: ['high', 'low', 'mid'] });
    expect(started.model.architecture).toBe('5-100-3'); // x1, x2, colour one-hot (3)
    expect(started.schema.idColumn).toBe('id');
    expect(find('runState').at(-1)).toMatchObject({ state: 'done' });
    // Analysis: class names come with the schema, the misclassified rows with their cells as written.
    const analysis = find('analysis').at(-1)!.analysis;
    if (analysis.task !== 'classification') throw new Error(JSON.stringify(analysis));
    expect(analysis.errors.cells![0]).toHaveLength(6);

    // A test set with the same columns is scored with the run's own preprocessing.
    await load(syntheticCsv(200, 2), 'test.csv', 'test');
    session.handle({ type: 'evaluateTest' });
    const tested = last();
    if (tested.type !== 'testResult' || !tested.result) throw new Error(JSON.stringify(tested));
    expect(tested.result.rows).toBe(200);
    expect(tested.result.accuracy).toBeGreaterThan(0.8);
    // A test set lacking a feature column is refused, naming it; the loaded one stays.
    await load(without(syntheticCsv(50, 3), 'x2'), 'bad-test.csv', 'test');
    expect(last()).toMatchObject({ type: 'loadFailed', message: 'Could not load "bad-test.csv": "bad-test.csv" has no column "x2", a feature of the model' });
    expect((session.test as { table: { name: string } }).table.name).toBe('test.csv');

    // Predictions: the ID column and the class names, under the target's name.
    await load(without(syntheticCsv(30, 4), 'kind'), 'new.csv');
    expect(find('datasetLoaded').at(-1)!.summary.role).toBe('predict');
    session.handle({ type: 'predictSubmission' });
    drain();
    const sub = last();
    if (sub.type !== 'submission' || sub.csv === null) throw new Error(JSON.stringify(sub));
    expect(sub.name).toBe('new-predictions.csv');
    const lines = sub.csv.trim().split('\n');
    expect(lines[0]).toBe('id,kind');
    expect(lines).toHaveLength(31);
    for (const line of lines.slice(1)) expect(line).toMatch(/^r\d+,(high|low|mid)$/);
  });

  it('a regression on a table reports RMSE, MAE and R², and predicts values in the target\'s units', async () => {
    const { load, session, drain, find, last } = setup();
    await load(syntheticCsv(600, 5), 'train.csv');
    session.handle({ type: 'start', runId: 1, config: { ...TABLE_PRESET, target: 'value', epochs: 60, patience: 0 } });
    drain();
    const m = find('epochEnd').at(-1)!.metrics;
    expect(m.valR2!).toBeGreaterThan(0.9);
    expect(m.valRmse!).toBeGreaterThan(0);
    expect(m.valAcc).toBeNaN();
    await load(without(syntheticCsv(10, 6), 'value'), 'new.csv');
    session.handle({ type: 'predictSubmission' });
    drain();
    const sub = last();
    if (sub.type !== 'submission' || sub.csv === null) throw new Error(JSON.stringify(sub));
    const values = sub.csv.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    // value = 3·x1 − 2·x2 + colour + noise, x in ±2: within about ±12.
    for (const v of values) expect(Math.abs(v)).toBeLessThan(15);
  });
});
