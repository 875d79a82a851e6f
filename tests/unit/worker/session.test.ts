import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../../../src/worker/protocol';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { Session } from '../../../src/worker/session';
import { mnistCsv } from '../csv-fixtures';

function setup(files: Record<string, string> = {}) {
  const events: WorkerEvent[] = [];
  const session = new Session((e) => events.push(e), async (url) => {
    if (!(url in files)) throw new Error('HTTP 404');
    return new Blob([files[url]]);
  }, () => {});
  return { session, events, last: () => events.at(-1)! };
}

describe('worker session: loading datasets', () => {
  it('loads a labeled file as training data and reports a summary, never the rows', async () => {
    const { session, events, last } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(300)]), name: 'train.csv' });
    expect(events[0]).toMatchObject({ type: 'loadStarted', name: 'train.csv' });
    expect(events.some((e) => e.type === 'loadProgress')).toBe(true);
    const loaded = last();
    expect(loaded.type).toBe('datasetLoaded');
    if (loaded.type !== 'datasetLoaded') return;
    const s = loaded.summary;
    expect(s).toMatchObject({ name: 'train.csv', role: 'train', rows: 300, labeled: true });
    expect(s.classCounts!.reduce((a, b) => a + b, 0)).toBe(300);
    expect(s.samples).toHaveLength(16);
    expect(s.samples[0].label).toBe(5); // MNIST's first digit is a 5
    expect(s.bytes).toBeGreaterThanOrEqual(300 * 785);
    expect(session.train!.count).toBe(300);
  });

  it('keeps an unlabeled file as the prediction set, leaving the training data in place', async () => {
    const { session, last } = setup({ '/data/test.csv': mnistCsv(50, false) });
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'train.csv' });
    await session.handle({ type: 'loadUrl', url: '/data/test.csv', name: 'test.csv' });
    expect(last()).toMatchObject({ type: 'datasetLoaded', summary: { role: 'predict', rows: 50, labeled: false, classCounts: null } });
    expect(session.train!.count).toBe(100);
    expect(session.predict!.count).toBe(50);
  });

  it('a bad file fails with the parser\'s sentence and loses nothing loaded before', async () => {
    const { session, last } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'good.csv' });
    const before = session.train;
    await session.handle({ type: 'loadFile', file: new Blob(['label,pixel0\n1,x\n']), name: 'bad.csv' });
    expect(last()).toEqual({ type: 'loadFailed', loadId: 2, name: 'bad.csv', message: expect.stringMatching(/^Could not load "bad.csv": line 1: 2 columns/) });
    expect(session.train).toBe(before);
  });

  it('a sample that cannot be fetched fails with a sentence', async () => {
    const { session, last } = setup();
    await session.handle({ type: 'loadUrl', url: '/data/missing.csv', name: 'missing.csv' });
    expect(last()).toMatchObject({ type: 'loadFailed', message: 'Could not load "missing.csv": HTTP 404' });
  });

  it('cancel stops the load in progress and keeps the previous dataset', async () => {
    const { session, events } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'first.csv' });
    const first = session.train;
    const big = new Blob([mnistCsv(1500)]); // several chunks
    const loading = session.handle({ type: 'loadFile', file: big, name: 'big.csv' });
    session.handle({ type: 'cancelLoad' });
    await loading;
    expect(events.at(-1)).toEqual({ type: 'loadCancelled', loadId: 2, name: 'big.csv' });
    expect(session.train).toBe(first);
  });

  it('a new load supersedes one in progress', async () => {
    const { session, events } = setup();
    const a = session.handle({ type: 'loadFile', file: new Blob([mnistCsv(1500)]), name: 'a.csv' });
    const b = session.handle({ type: 'loadFile', file: new Blob([mnistCsv(200)]), name: 'b.csv' });
    await Promise.all([a, b]);
    expect(events.filter((e) => e.type === 'loadCancelled')).toEqual([{ type: 'loadCancelled', loadId: 1, name: 'a.csv' }]);
    expect(session.train!.name).toBe('b.csv');
  });

  it('previews the split: sequential counts, or stratified per class from the seed', async () => {
    const { session, last } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(1000)]), name: 't.csv' });
    session.handle({ type: 'previewSplit', valShare: 0.2, mode: 'sequential', seed: 42 });
    expect(last()).toMatchObject({ type: 'split', split: { train: 800, val: 200 } });
    session.handle({ type: 'previewSplit', valShare: 0.25, mode: 'shuffled', seed: 42 });
    const e = last();
    if (e.type !== 'split' || !e.split) throw new Error('no split');
    expect(e.split.train + e.split.val).toBe(1000);
    expect(Math.abs(e.split.val - 250)).toBeLessThanOrEqual(5);
  });
});

describe('worker session: describing the engine and the model', () => {
  it('says what the engine can run, and describes the model a config builds, as the run would', async () => {
    const { session, events, last } = setup();
    session.hello();
    expect(last()).toEqual({ type: 'engineInfo', simd: expect.any(Boolean) });
    const config = { ...NOTEBOOK_PRESET, hidden: [256, 64] };
    session.handle({ type: 'describe', requestId: 3, config });
    const described = last();
    expect(described).toMatchObject({ type: 'modelDescribed', requestId: 3, model: { architecture: '784-256-64-10', inputSize: 784, outputSize: 10, params: 784 * 256 + 256 + 256 * 64 + 64 + 64 * 10 + 10 } });
    // The same description as the worker gives of the model it builds for a run.
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config });
    const started = events.find((e) => e.type === 'runStarted');
    expect(started && started.type === 'runStarted' && started.model).toEqual(described.type === 'modelDescribed' && described.model);
    session.handle({ type: 'stop' });
    session.handle({ type: 'describe', requestId: 4, config: { ...config, hidden: [0] } });
    expect(last()).toEqual({ type: 'modelDescribed', requestId: 4, model: null, message: 'Hidden layer 1 has 0 units; each layer needs at least 1.' });
  });
});
