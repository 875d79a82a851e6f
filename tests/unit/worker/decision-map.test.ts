/**
 * The decision map: its grid's predictions are the model's forward pass on the same points (on the
 * WebAssembly kernels and on the TypeScript layers), the features not on the plane are held at their
 * training medians (most common categories), its neuron maps are the hidden units' activations, and a
 * session draws it for a run and after epochs within its budget.
 */
import { describe, expect, it } from 'vitest';
import '../../../cli/v8-flags';
import { readSourceBlob } from '../../../src/data/read-blob';
import { Linear } from '../../../src/engine/linear';
import { softmax } from '../../../src/engine/loss';
import { fromArray, zeros } from '../../../src/engine/matrix';
import { GRID_SIDE, axisFeatures, gridInputs, gridValue, heldDefaults, inputOffsets, resolvePlane } from '../../../src/train/decision-grid';
import { TABLE_PRESET } from '../../../src/train/presets';
import { TrainingRun } from '../../../src/train/run';
import type { TableSource } from '../../../src/train/run-data';
import { MapMaker, classColor } from '../../../src/worker/decision-map';
import type { DecisionMap, WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { syntheticCsv } from '../table-fixtures';
import { countedThreads } from '../threads';

const NO_PLANE = { x: null, y: null, held: {} };

async function trainedRun(epochs: number, extra = {}) {
  const source = await readSourceBlob(new Blob([syntheticCsv(400)]), 'train.csv') as TableSource;
  const run = new TrainingRun(source, { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs, patience: 0, hidden: [16, 8], ...extra });
  await run.ready;
  while (!run.done) {
    run.trainBatches(Infinity);
    run.finishEpoch();
  }
  return { run, source };
}

/** The median of the numbers (missing ones left out), as numpy.median. */
function median(values: number[]): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

describe('the decision grid', () => {
  it('holds every other feature at its training median, or its most common category', async () => {
    const { run, source } = await trainedRun(1);
    const schema = run.dataset.schema, train = Array.from(run.split.train, (i) => run.dataset.fileRows ? run.dataset.fileRows[i] : i);
    const x2 = source.table.columns.find((c) => c.name === 'x2')!;
    const held = heldDefaults(schema), i2 = schema.features.findIndex((f) => f.column === 'x2');
    expect(held[i2]).toBeCloseTo(median(train.map((r) => x2.values[r])), 5);
    const colour = source.table.columns.find((c) => c.name === 'colour')!;
    const counts = new Map<string, number>();
    for (const r of train) {
      const name = colour.dictionary![colour.values[r]];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const common = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    expect(held[schema.features.findIndex((f) => f.column === 'colour')]).toBe(common);

    // On the grid, the held inputs are those values standardised / one-hot, at every point; x and y sweep their ranges.
    const plane = resolvePlane(schema, { x: schema.features.findIndex((f) => f.column === 'x1'), y: null, held: {} }, [0, 1])!;
    expect(plane.y).not.toBe(plane.x);
    const side = 5, w = schema.inputSize, out = new Float32Array(side * side * w), offsets = inputOffsets(schema);
    const xr = { lo: -2, hi: 2 }, yr = { lo: 10, hi: 20 };
    gridInputs(schema, plane, xr, yr, side, out);
    const spec = schema.features[i2];
    if (spec.kind !== 'numeric') throw new Error('x2 is numeric');
    for (let p = 0; p < side * side; p++) {
      if (plane.x !== i2 && plane.y !== i2) expect(out[p * w + offsets[i2]]).toBeCloseTo((held[i2] as number - spec.mean) / spec.std, 5);
      const c = schema.features.findIndex((f) => f.column === 'colour'), cs = schema.features[c];
      if (cs.kind === 'categorical') expect(Array.from(out.subarray(p * w + offsets[c], p * w + offsets[c] + cs.categories.length))).toEqual(cs.categories.map((n) => (n === common ? 1 : 0)));
    }
    // Top-left is (x lo, y hi); bottom-right (x hi, y lo).
    const fx = schema.features[plane.x];
    if (fx.kind !== 'numeric') throw new Error('x is numeric');
    expect(out[offsets[plane.x]]).toBeCloseTo((gridValue(xr, 0, side) - fx.mean) / fx.std, 5);
    expect(out[(side * side - 1) * w + offsets[plane.x]]).toBeCloseTo((xr.hi - fx.mean) / fx.std, 5);
    expect(axisFeatures(schema).every((i) => schema.features[i].kind === 'numeric')).toBe(true);
  });

  for (const engine of ['wasm', 'ts'] as const) {
    it(`draws each point as the model's forward pass predicts it, with its confidence as opacity (${engine} forward)`, async () => {
      const { run } = await trainedRun(3);
      const schema = run.dataset.schema, maker = new MapMaker();
      // The forward pass the map ran on (null: the TypeScript layers, as where WebAssembly SIMD is unavailable).
      const forwards = (maker as unknown as { forwards: { for: (...a: unknown[]) => unknown } }).forwards;
      const made = forwards.for.bind(forwards);
      let used: unknown;
      forwards.for = (...a) => (used = engine === 'ts' ? null : made(...a));
      const map = maker.draw({ model: run.model, schema, epoch: run.epoch, health: run.health, rows: { dataset: run.dataset, train: run.split.train, val: run.split.val }, request: NO_PLANE }) as DecisionMap;
      expect(map.side).toBe(GRID_SIDE);
      expect(used !== null).toBe(engine === 'wasm');
      const cells = map.side * map.side, w = schema.inputSize;
      const inputs = new Float32Array(cells * w);
      gridInputs(schema, map.plane, map.ranges[map.plane.x]!, map.ranges[map.plane.y]!, map.side, inputs);
      const logits = run.model.forward(fromArray(cells, w, inputs));
      const probs = softmax(logits, zeros(cells, logits.cols)).data, k = logits.cols;
      const counts = new Array<number>(k).fill(0);
      for (let i = 0; i < cells; i++) {
        const p = probs.subarray(i * k, (i + 1) * k);
        let best = 0;
        for (let c = 1; c < k; c++) if (p[c] > p[best]) best = c;
        counts[best]++;
        const hex = classColor(best);
        expect(Array.from(map.image.subarray(i * 4, i * 4 + 3))).toEqual([1, 3, 5].map((o) => parseInt(hex.slice(o, o + 2), 16)));
        expect(Math.abs(map.image[i * 4 + 3] - Math.round(255 * (0.12 + 0.88 * (p[best] - 1 / k) / (1 - 1 / k))))).toBeLessThanOrEqual(1);
      }
      expect(map.classes.map((c) => c.share)).toEqual(counts.map((n) => n / cells));
      // Neuron maps: unit u of the first hidden layer at every other grid point, 128 + 127·a / max|a|, from the same pass.
      const first = run.model.layers[0] as Linear, a1 = run.model.layers[1].forward(first.forward(fromArray(cells, w, inputs)));
      const ns = map.neurons[0].side, u = 3;
      expect(ns).toBe(map.side / 2);
      const col = Array.from({ length: ns * ns }, (_, p) => a1.data[((Math.floor(p / ns) * 2) * map.side + (p % ns) * 2) * a1.cols + u]);
      const m = Math.max(...col.map(Math.abs));
      const values = map.neurons[0].values.subarray(u * ns * ns, (u + 1) * ns * ns);
      for (let p = 0; p < ns * ns; p += 13) expect(Math.abs(values[p] - (128 + Math.round((127 * col[p]) / m)))).toBeLessThanOrEqual(1);
      expect(map.neurons.map((n) => [n.layer, n.units, n.width])).toEqual([[1, 16, 16], [2, 8, 8]]);
      // Training and held-out rows on top, wrong ones marked as the model's own predictions say.
      expect(map.points.heldOut.reduce((s, v) => s + v, 0)).toBe(Math.min(250, run.split.val.length));
    });
  }

  it('draws on the current run\'s threads, bit for bit the one-thread map (one thread while the helpers start)', async () => {
    const { run } = await trainedRun(3, { hidden: [24, 16] });
    const input = { model: run.model, schema: run.dataset.schema, epoch: run.epoch, health: run.health, rows: { dataset: run.dataset, train: run.split.train, val: run.split.val }, request: NO_PLANE };
    const one = new MapMaker().draw(input) as DecisionMap;
    expect(one.threads).toBe(1);
    const same = (map: DecisionMap) => {
      expect(Buffer.from(map.image)).toEqual(Buffer.from(one.image));
      map.neurons.forEach((n, h) => expect(Buffer.from(n.values)).toEqual(Buffer.from(one.neurons[h].values)));
      expect(Buffer.from(map.points.wrong)).toEqual(Buffer.from(one.points.wrong));
    };
    for (const threads of [2, 3]) {
      const { threading, started } = countedThreads(threads);
      const maker = new MapMaker(threading);
      const first = maker.draw(input) as DecisionMap;
      expect(first.threads).toBe(1);
      same(first);
      await started();
      const map = maker.draw(input) as DecisionMap;
      expect(map.threads).toBe(threads);
      same(map);
      maker.dispose();
    }
  });

  it('a session draws the map when asked and after epochs; an image model and a one-number table get a reason', async () => {
    const events: WorkerEvent[] = [];
    const queue: (() => void)[] = [];
    const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
    const maps = () => events.filter((e): e is Extract<WorkerEvent, { type: 'decisionMap' }> => e.type === 'decisionMap');
    session.handle({ type: 'setMap', request: NO_PLANE });
    expect(maps()[0]).toMatchObject({ map: null, message: expect.stringMatching(/^Train a model/) });
    await session.handle({ type: 'loadFile', file: new Blob([syntheticCsv(300)]), name: 't.csv' });
    session.handle({ type: 'start', runId: 1, config: { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs: 4, patience: 0 } });
    for (let i = 0; i < 200 && queue.length; i++) queue.shift()!();
    const drawn = maps().filter((e) => e.map);
    // At least the first epoch's and the last's: the budget may skip the ones between.
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(drawn.at(-1)!.map!.epoch).toBe(4);
    expect(drawn[0].map!.epoch).toBe(1);
    // Another plane: drawn at once, with the features asked for.
    const axes = drawn[0].map!.axes;
    session.handle({ type: 'setMap', request: { x: axes[1], y: axes[0], held: {} } });
    expect(maps().at(-1)!.map!.plane).toMatchObject({ x: axes[1], y: axes[0] });
    session.handle({ type: 'setMap', request: null });
    const before = maps().length;
    session.handle({ type: 'start', runId: 2, config: { ...TABLE_PRESET, target: 'kind', ignore: ['value'], epochs: 1, patience: 0 } });
    for (let i = 0; i < 200 && queue.length; i++) queue.shift()!();
    expect(maps().length).toBe(before); // not shown: not drawn

    // Fewer than two numeric features.
    const one = ['a,kind', ...Array.from({ length: 60 }, (_, i) => `${i % 9},${i % 2 ? 'p' : 'q'}`)].join('\n');
    await session.handle({ type: 'loadFile', file: new Blob([one]), name: 'one.csv' });
    session.handle({ type: 'start', runId: 3, config: { ...TABLE_PRESET, epochs: 1, patience: 0, batchSize: 20 } });
    for (let i = 0; i < 200 && queue.length; i++) queue.shift()!();
    session.handle({ type: 'setMap', request: NO_PLANE });
    expect(maps().at(-1)).toMatchObject({ runId: 3, map: null, message: expect.stringMatching(/needs two numeric features/) });
  });
});
