import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../../../src/worker/protocol';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { Session } from '../../../src/worker/session';
import { wasmFlavour } from '../../../src/engine/wasm/modules';
import { mnistCsv } from '../csv-fixtures';
import type { DigitSet } from '../mnist';

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
    expect(s.samples[0].label).toBe('5'); // MNIST's first digit is a 5
    expect(s.bytes).toBeGreaterThanOrEqual(300 * 785);
    expect((session.train as DigitSet).count).toBe(300);
  });

  it('keeps an unlabeled file as the prediction set, leaving the training data in place', async () => {
    const { session, last } = setup({ '/data/test.csv': mnistCsv(50, false) });
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'train.csv' });
    await session.handle({ type: 'loadUrl', url: '/data/test.csv', name: 'test.csv' });
    expect(last()).toMatchObject({ type: 'datasetLoaded', summary: { role: 'predict', rows: 50, labeled: false, classCounts: null } });
    expect((session.train as DigitSet).count).toBe(100);
    expect((session.predict as DigitSet).count).toBe(50);
  });

  it('a bad file fails with the parser\'s sentence and loses nothing loaded before', async () => {
    const { session, last } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'good.csv' });
    const before = session.train;
    await session.handle({ type: 'loadFile', file: new Blob(['a,b,c\n1,2,3\n4,5\n']), name: 'bad.csv' });
    expect(last()).toEqual({ type: 'loadFailed', loadId: 2, name: 'bad.csv', message: 'Could not load "bad.csv": line 3: 2 cells, but the header has 3 columns.' });
    expect(session.train).toBe(before);
    // A table whose target has one class only cannot train: refused, naming the column.
    await session.handle({ type: 'loadFile', file: new Blob(['label,pixel0\n1,x\n1,y\n']), name: 'one.csv' });
    expect(last()).toMatchObject({ type: 'loadFailed', name: 'one.csv', message: expect.stringMatching(/^Could not load "one.csv": The target column "label" has one class only/) });
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
    expect((session.train as DigitSet).name).toBe('b.csv');
  });

  it('previews the split: sequential counts, or stratified per class from the seed', async () => {
    const { session, last } = setup();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(1000)]), name: 't.csv' });
    session.handle({ type: 'previewSplit', split: { valShare: 0.2, mode: 'sequential', seed: 42, table: {} } });
    expect(last()).toMatchObject({ type: 'split', split: { train: 800, val: 200 } });
    session.handle({ type: 'previewSplit', split: { valShare: 0.25, mode: 'shuffled', seed: 42, table: {} } });
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
    expect(last()).toEqual({ type: 'engineInfo', engine: { wasm: wasmFlavour(), threads: false } }); // no helper threads in this session
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

describe('worker session: model files and submissions', () => {
  const split = { valShare: 0.2, mode: 'sequential' as const, seed: 42, table: {} };
  const config = { ...NOTEBOOK_PRESET, hidden: [32], epochs: 1 };
  const drain = (queue: (() => void)[]) => { while (queue.length) queue.shift()!(); };

  async function trained() {
    const events: WorkerEvent[] = [];
    const queue: (() => void)[] = [];
    const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(300)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config });
    drain(queue);
    return { session, events, queue, last: () => events.at(-1)! };
  }
  const probsOf = (s: Session, pixels: Uint8Array, events: WorkerEvent[]) => {
    s.handle({ type: 'predict', requestId: 9, pixels });
    const p = events.at(-1)!;
    return p.type === 'prediction' ? p.probs : undefined;
  };

  it('saves the current model, and loading that file back predicts the same, bit for bit, and analyses it on the held-out rows', async () => {
    const a = await trained();
    a.session.handle({ type: 'saveModel', purpose: 'download' });
    const saved = a.last();
    if (saved.type !== 'modelSaved' || !saved.bytes) throw new Error('no model saved');
    expect(saved).toMatchObject({ purpose: 'download', runId: 1, name: 'mlp-784-32-10-run1' });
    const digit = (a.session.train as DigitSet).x.slice(0, 784);
    const before = probsOf(a.session, digit, a.events);

    const b = await trained(); // another session, as after a reload
    b.session.handle({ type: 'reset' });
    b.session.handle({ type: 'loadModel', bytes: saved.bytes, name: 'm.safetensors', runId: 5, split });
    const loaded = b.events.find((e) => e.type === 'modelLoaded');
    expect(loaded).toMatchObject({ loaded: { runId: 5, name: 'm.safetensors', model: { architecture: '784-32-10' }, notes: [], settings: config } });
    const analysis = b.last();
    expect(analysis).toMatchObject({ type: 'analysis', runId: 5, analysis: { epoch: 0, heldOut: { rows: 60 } } });
    expect(probsOf(b.session, digit, b.events)).toEqual(before);
  });

  it('a bad model file is refused with the loader\'s sentence, and the current model stays', async () => {
    const a = await trained();
    const digit = (a.session.train as DigitSet).x.slice(0, 784);
    const before = probsOf(a.session, digit, a.events);
    a.session.handle({ type: 'loadModel', bytes: new TextEncoder().encode('{"W1": 1}'), name: 'notes.safetensors', runId: 0, split });
    const failed = a.last();
    expect(failed.type).toBe('modelLoadFailed');
    expect(failed.type === 'modelLoadFailed' && failed.message).toMatch(/^The model file "notes\.safetensors" was not loaded: .+ The current model is kept\.$/);
    expect(a.session.training.run).not.toBeNull();
    expect(probsOf(a.session, digit, a.events)).toEqual(before);
  });

  it('predicts every row of the unlabeled file in slices, with progress, as a Kaggle submission', async () => {
    const a = await trained();
    await a.session.handle({ type: 'loadFile', file: new Blob([mnistCsv(5000, false)]), name: 'test.csv' });
    a.session.handle({ type: 'predictSubmission' });
    drain(a.queue);
    const progress = a.events.filter((e) => e.type === 'submissionProgress').map((e) => e.type === 'submissionProgress' && e.share);
    expect(progress).toEqual([2048 / 5000, 4096 / 5000, 1]);
    const done = a.last();
    if (done.type !== 'submission' || !done.csv) throw new Error('no submission');
    const lines = done.csv.trim().split('\n');
    expect(lines[0]).toBe('ImageId,Label');
    expect(lines).toHaveLength(5001);
    expect(lines[1]).toMatch(/^1,\d$/);
    expect(lines[5000]).toMatch(/^5000,\d$/);
  });

  it('says why there is nothing to save or to submit', () => {
    const { session, last } = setup();
    session.handle({ type: 'saveModel', purpose: 'download' });
    expect(last()).toMatchObject({ type: 'modelSaved', bytes: null, message: 'There is no model to save yet: train one or load a model file.' });
    session.handle({ type: 'predictSubmission' });
    expect(last()).toMatchObject({ type: 'submission', csv: null, message: 'Train a model or load a model file first.' });
  });
});

describe('worker session: the test set and the augmentation preview', () => {
  const config = { ...NOTEBOOK_PRESET, hidden: [32], epochs: 2 };
  const drain = (queue: (() => void)[]) => { while (queue.length) queue.shift()!(); };
  function make() {
    const events: WorkerEvent[] = [];
    const queue: (() => void)[] = [];
    const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
    return { session, events, queue, of: <T extends WorkerEvent['type']>(t: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === t) };
  }

  it('loads a labeled file as the test set beside the training data, and scores the model on it when the run ends', async () => {
    const { session, events, queue, of } = make();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(300)]), name: 'train.csv' });
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(120)]), name: 'test.csv', role: 'test' });
    expect(events.at(-1)).toMatchObject({ type: 'datasetLoaded', summary: { role: 'test', rows: 120, labeled: true } });
    expect((session.train as DigitSet).count).toBe(300);
    session.handle({ type: 'start', runId: 1, config });
    drain(queue);
    const [result] = of('testResult');
    expect(result).toMatchObject({ runId: 1, result: { name: 'test.csv', rows: 120, epoch: 2 } });
    const r = result.result!;
    expect(r.confusion.reduce((a, b) => a + b, 0)).toBe(120);
    expect(r.accuracy).toBeCloseTo(r.confusion.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0) / 120, 12);
    // Apart from validation: another set of rows, another number.
    const valAcc = of('epochEnd').at(-1)!.metrics.valAcc;
    expect(r.accuracy).not.toBe(valAcc);
    // On demand, the same model gives the same result.
    session.handle({ type: 'evaluateTest' });
    expect(of('testResult').at(-1)!.result).toEqual(r);
  });

  it('refuses an unlabeled test set with a sentence, and says what is missing to evaluate', async () => {
    const { session, events, of } = make();
    session.handle({ type: 'evaluateTest' });
    expect(of('testResult')[0]).toMatchObject({ result: null, message: expect.stringMatching(/^Load a labeled test set first/) });
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(50, false)]), name: 'kaggle-test.csv', role: 'test' });
    expect(events.at(-1)).toMatchObject({ type: 'loadFailed', message: expect.stringMatching(/has no label column, and a test set needs labels/) });
    expect(session.test).toBeNull();
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(50)]), name: 't.csv', role: 'test' });
    session.handle({ type: 'evaluateTest' });
    expect(of('testResult').at(-1)).toMatchObject({ result: null, message: 'Train a model or load a model file first.' });
  });

  it('previews the augmentation of the first training images: the originals with none, changed ones with some, the same for a seed', async () => {
    const { session, of } = make();
    session.handle({ type: 'previewAugment', requestId: 1, config: NOTEBOOK_PRESET, count: 12 });
    expect(of('augmentPreview')[0]).toMatchObject({ originals: [], message: expect.stringMatching(/^Load labeled training data/) });
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(300)]), name: 'train.csv' });
    session.handle({ type: 'previewAugment', requestId: 2, config: NOTEBOOK_PRESET, count: 12 });
    const none = of('augmentPreview')[1];
    expect(none.augmented).toHaveLength(12);
    expect(none.augmented).toEqual(none.originals);
    const some = { ...NOTEBOOK_PRESET, shift: 3, rotation: 20 };
    session.handle({ type: 'previewAugment', requestId: 3, config: some, count: 12 });
    session.handle({ type: 'previewAugment', requestId: 4, config: some, count: 12 });
    const [a, b] = of('augmentPreview').slice(2);
    expect(a.augmented.filter((img, i) => Buffer.compare(img, a.originals[i]) !== 0).length).toBeGreaterThan(9);
    expect(b.augmented).toEqual(a.augmented);
    session.handle({ type: 'previewAugment', requestId: 5, config: { ...some, rotation: 400 }, count: 12 });
    expect(of('augmentPreview')[4]).toMatchObject({ augmented: [], message: 'Rotation can be at most 90.' });
  });
});

describe('worker session: why this digit', () => {
  it('explains an image with the current model: the pixel gradient of its prediction and the units that fired most', async () => {
    const events: WorkerEvent[] = [];
    const queue: (() => void)[] = [];
    const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
    const pixels = new Uint8Array(784).map((_, i) => (i % 28 > 10 && i % 28 < 16 ? 200 : 0));
    session.handle({ type: 'explain', requestId: 1, pixels, label: null });
    expect(events.at(-1)).toEqual({ type: 'explanation', requestId: 1, explanation: null }); // no model yet
    await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(300)]), name: 'train.csv' });
    session.handle({ type: 'start', runId: 1, config: { ...NOTEBOOK_PRESET, hidden: [32], epochs: 1 } });
    while (queue.length) queue.shift()!();
    session.handle({ type: 'explain', requestId: 2, pixels, label: 1 });
    const e = events.at(-1)!;
    if (e.type !== 'explanation' || !e.explanation) throw new Error('no explanation');
    const ex = e.explanation;
    expect(ex.label).toBe(1);
    expect(ex.probs).toHaveLength(10);
    expect(ex.predicted).toBe(ex.probs.indexOf(Math.max(...ex.probs)));
    expect(ex.gradient).toHaveLength(784);
    expect(ex.gradient.some((g) => g > 0) && ex.gradient.some((g) => g < 0)).toBe(true);
    expect(ex.units).toHaveLength(8);
    for (let i = 1; i < 8; i++) expect(ex.units[i].activation).toBeLessThanOrEqual(ex.units[i - 1].activation);
    expect(ex.units[0].weights).toHaveLength(784);
  });
});
