import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import type { RunProgress, WorkerEvent } from '../../../src/worker/protocol';
import { wasmFlavour } from '../../../src/engine/wasm/modules';
import { TrainingController } from '../../../src/worker/training';
import { mnistSubset } from '../mnist';

let data: Dataset;
beforeAll(() => {
  data = mnistSubset(1000); // 800 train rows: 25 batches of 32 per epoch
});

const config: TrainConfig = { ...NOTEBOOK_PRESET, hidden: [32], epochs: 3 };

/** A controller with a task queue we run by hand and a clock that advances 1 ms per reading. */
function harness() {
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const controller = new TrainingController((e) => events.push(e), (fn) => queue.push(fn), () => clock++);
  return {
    controller, events, queue,
    /** Runs `n` scheduled tasks (slices). */
    tick(n = 1) { for (let i = 0; i < n && queue.length; i++) queue.shift()!(); },
    /** Runs tasks until none is scheduled. */
    drain() { let guard = 0; while (queue.length && guard++ < 10_000) queue.shift()!(); },
    ofType<T extends WorkerEvent['type']>(type: T) { return events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type); },
  };
}

const metricsOf = (h: ReturnType<typeof harness>) => h.ofType('epochEnd').map(({ metrics: { epoch, trainLoss, trainAcc, valLoss, valAcc } }) => ({ epoch, trainLoss, trainAcc, valLoss, valAcc }));

describe('training controller (the worker without a Worker)', () => {
  it('starts, reports the model, trains every epoch in slices, and ends done', () => {
    const h = harness();
    h.controller.start(1, config, data);
    expect(h.events[0]).toMatchObject({ type: 'runStarted', runId: 1, model: { architecture: '784-32-10', inputSize: 784, outputSize: 10, params: 784 * 32 + 32 + 32 * 10 + 10 }, trainRows: 800, valRows: 200, batchesPerEpoch: 25 });
    expect(h.events[1]).toEqual({ type: 'runState', runId: 1, state: 'running' });
    h.drain();
    const ends = h.ofType('epochEnd');
    expect(ends.map((e) => e.metrics.epoch)).toEqual([1, 2, 3]);
    expect(ends[2].metrics.valAcc).toBeGreaterThan(0.7);
    expect(ends.every((e) => Number.isFinite(e.progress.recentLoss) && e.progress.samplesPerSec > 0)).toBe(true);
    expect(h.events.at(-1)).toEqual({ type: 'runState', runId: 1, state: 'done' });
    expect(h.ofType('epochEnd').length + h.ofType('progress').length).toBeLessThan(100); // bounded reporting
  });

  it('pauses mid-epoch, trains nothing while paused, and resumes to the same result as an unbroken run', () => {
    const whole = harness();
    whole.controller.start(1, config, data);
    whole.drain();

    const h = harness();
    h.controller.start(1, config, data);
    const initial = h.controller.run!.model.getWeights();
    h.tick(1);
    h.controller.pause();
    const paused = h.events.at(-1) as { type: 'progress'; progress: RunProgress };
    // Paused mid-epoch, the model every view sees is the last finished epoch's (here: the start).
    expect(h.events.at(-2)).toEqual({ type: 'runState', runId: 1, state: 'paused', message: "paused in epoch 1: the model is epoch 0's until training goes on" });
    expect(h.controller.run!.model.getWeights()).toEqual(initial);
    expect(paused.type).toBe('progress');
    expect(paused.progress.epoch).toBe(0);
    expect(paused.progress.batch).toBeGreaterThan(0);
    expect(paused.progress.batch).toBeLessThan(25);
    const count = h.events.length;
    h.drain(); // the slice already scheduled must not train
    expect(h.events.length).toBe(count);
    expect(h.controller.run!.batch).toBe(paused.progress.batch);
    h.controller.resume();
    h.drain();
    expect(metricsOf(h)).toEqual(metricsOf(whole));
    expect(Buffer.from(h.controller.run!.model.getWeights().buffer).equals(Buffer.from(whole.controller.run!.model.getWeights().buffer))).toBe(true);
  });

  it('steps one epoch at a time', () => {
    const h = harness();
    h.controller.start(1, config, data);
    h.tick(1);
    h.controller.pause();
    h.controller.step();
    h.drain();
    expect(h.ofType('epochEnd').map((e) => e.metrics.epoch)).toEqual([1]);
    expect(h.controller.state).toBe('paused');
    h.controller.step();
    h.drain();
    expect(h.ofType('epochEnd').map((e) => e.metrics.epoch)).toEqual([1, 2]);
    expect(h.controller.run!.batch).toBe(0);
  });

  it('stops mid-epoch for good, keeping the last finished epoch\'s model, and says so', () => {
    const h = harness();
    h.controller.start(1, config, data);
    const initial = h.controller.run!.model.getWeights();
    h.tick(1);
    h.controller.stop();
    expect(h.events.at(-1)).toEqual({ type: 'runState', runId: 1, state: 'stopped', message: "stopped in epoch 1: the model is epoch 0's (the rest of epoch 1 was not kept)" });
    expect(h.controller.run!.model.getWeights()).toEqual(initial);
    h.controller.resume();
    h.drain();
    expect(h.ofType('epochEnd')).toHaveLength(0);
    expect(h.controller.run).not.toBeNull();
  });

  it('a new start stops the old run, whose scheduled slices then do nothing', () => {
    const h = harness();
    h.controller.start(1, config, data);
    h.tick(1);
    h.controller.start(2, { ...config, epochs: 1 }, data);
    expect(h.events.filter((e) => e.type === 'runState')).toEqual([
      { type: 'runState', runId: 1, state: 'running' },
      { type: 'runState', runId: 1, state: 'stopped' },
      { type: 'runState', runId: 2, state: 'running' },
    ]);
    const at = h.events.length;
    h.drain();
    expect(h.events.slice(at).every((e) => !('runId' in e) || e.runId === 2)).toBe(true);
    expect(h.ofType('epochEnd').map((e) => e.runId)).toEqual([2]);
  });

  it('applies a new learning rate from the next epoch without starting over', () => {
    const h = harness();
    h.controller.start(1, config, data);
    h.tick(1);
    h.controller.setLr(0.05);
    h.drain();
    expect(h.ofType('epochEnd').map((e) => e.metrics.lr)).toEqual([0.1, 0.05, 0.05]);
  });

  it('stops with an alert on a NaN loss and keeps the last good epoch\'s weights', () => {
    const h = harness();
    h.controller.start(1, config, data);
    while (h.ofType('epochEnd').length === 0) h.tick(1);
    const good = h.controller.run!.model.getWeights();
    h.controller.run!.model.params()[3].value[0] = Number.NaN; // the output bias overflowed
    h.drain();
    const failed = h.events.at(-1);
    expect(failed).toMatchObject({ type: 'runState', runId: 1, state: 'failed' });
    expect((failed as { message: string }).message).toMatch(/^The loss became NaN at epoch 2, batch \d+: training diverged\. Try a lower learning rate/);
    expect(h.controller.run!.model.getWeights()).toEqual(good);
  });

  it('the same seed gives the same metric sequence; another seed does not', () => {
    const a = harness(), b = harness(), c = harness();
    a.controller.start(1, config, data);
    b.controller.start(7, config, data);
    c.controller.start(1, { ...config, seed: 43 }, data);
    a.drain(); b.drain(); c.drain();
    expect(metricsOf(a)).toEqual(metricsOf(b));
    expect(metricsOf(c)).not.toEqual(metricsOf(a));
  });

  it('refuses to start without data or with impossible settings, saying why', () => {
    const h = harness();
    h.controller.start(1, config, null);
    expect(h.events.at(-1)).toEqual({ type: 'startFailed', runId: 1, message: 'Load a labeled training file first (or a sample).' });
    h.controller.start(2, { ...config, batchSize: 5000 }, data);
    expect(h.events.at(-1)).toEqual({ type: 'startFailed', runId: 2, message: 'Batch size 5,000 is larger than the 800 training rows.' });
    h.controller.start(3, config, { ...data, y: null });
    expect(h.events.at(-1)).toMatchObject({ type: 'startFailed', runId: 3, message: expect.stringContaining('has no labels') });
  });

  it('reports the kernels each layer actually trains on and the threads, sparse or dense by the data', () => {
    const report = (c: typeof config, ds = data) => {
      const h = harness();
      h.controller.start(1, { ...c, epochs: 1 }, ds);
      h.tick(1);
      const reports = h.ofType('kernels');
      expect(reports).toHaveLength(1);
      return { paths: reports[0].paths, engine: reports[0].engine };
    };
    const flavour = wasmFlavour();
    expect(flavour).not.toBeNull(); // Node 20 and Chromium run WebAssembly SIMD
    const kernel = flavour === 'relaxed-simd' ? 'wasm-relaxed-simd' : 'wasm-simd';
    expect(report(config)).toEqual({ paths: ['wasm-sparse', 'wasm-dense'], engine: { kernel, threads: 1, memoryBytes: expect.any(Number) } });
    // Any width and any batch size: the kernels have scalar tails.
    expect(report({ ...config, hidden: [30] }).paths).toEqual(['wasm-sparse', 'wasm-dense']);
    expect(report({ ...config, batchSize: 600 }).paths).toEqual(['wasm-sparse', 'wasm-dense']);
    // Dense images (the digits inverted, 81% non-zero) run the first layer on the dense kernels.
    const inverted = { ...data, x: data.x.map((x) => 255 - x) };
    expect(report(config, inverted).paths).toEqual(['wasm-dense', 'wasm-dense']);
    expect(report({ ...config, hidden: [16, 8] }, inverted).paths).toEqual(['wasm-dense', 'wasm-dense', 'wasm-dense']);
  });
});
