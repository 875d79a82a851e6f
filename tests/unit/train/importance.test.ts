import { beforeAll, describe, expect, it } from 'vitest';
import { readSourceBlob } from '../../../src/data/read-blob';
import { gatherBatch } from '../../../src/data/batch';
import { zeros } from '../../../src/engine/matrix';
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import type { Sequential } from '../../../src/engine/sequential';
import type { Dataset } from '../../../src/data/dataset';
import { MAX_IMAGE_ROWS, PermutationImportance, featureColumns } from '../../../src/train/importance';
import { TABLE_PRESET } from '../../../src/train/presets';
import { TrainingRun } from '../../../src/train/run';
import type { TrainConfig } from '../../../src/train/config';
import { mnistSubset } from '../mnist';

/**
 * A table built for the test: `signal` decides the class (and most of the value), `noise` and the
 * category `hue` are drawn apart from everything; `tilt` adds a little.
 */
function tableCsv(rows: number, seed: number): string {
  const rng = new Rng(seed);
  const lines = ['noise,signal,hue,tilt,label,value'];
  for (let i = 0; i < rows; i++) {
    const signal = rng.random() * 4 - 2, noise = rng.random() * 4 - 2, tilt = rng.random() * 2 - 1, hue = ['red', 'green', 'blue'][rng.int(3)];
    const label = signal + 0.3 * tilt > 0 ? 'up' : 'down';
    const value = 3 * signal + tilt + 0.05 * rng.normal();
    lines.push([noise.toFixed(3), signal.toFixed(3), hue, tilt.toFixed(3), label, value.toFixed(3)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function trained(config: Partial<TrainConfig>): Promise<TrainingRun> {
  const source = await readSourceBlob(new Blob([tableCsv(800, 7)]), 'built.csv');
  const run = new TrainingRun(source, { ...TABLE_PRESET, epochs: 40, patience: 0, valShare: 0.25, ...config });
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    run.finishEpoch();
  }
  return run;
}

/**
 * The oracle: for every column, the same permutations (the k-th Fisher–Yates shuffle of 0 … n−1 from
 * Rng(seed)), the permuted rows' inputs built in full and run through the whole model; the drop of
 * accuracy or R² from the unshuffled rows. `only` limits which columns are scored (all are shuffled).
 */
function naiveDrops(model: Sequential, ds: Dataset, rows: Int32Array, seed: number, only?: Set<number>): Map<string, number> {
  const n = rows.length, d = ds.schema.inputSize, cols = featureColumns(ds.schema);
  const X = zeros(n, d), y = ds.y instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
  gatherBatch(ds, rows, 0, n, X, y);
  const score = (x: Float32Array) => {
    const out = model.forward({ rows: n, cols: d, data: x });
    if (y instanceof Int32Array) {
      let right = 0;
      for (let i = 0; i < n; i++) {
        const o = out.data.subarray(i * out.cols, (i + 1) * out.cols);
        if (o.indexOf(Math.max(...o)) === y[i]) right++;
      }
      return right / n;
    }
    const mean = y.reduce((a, b) => a + b, 0) / n;
    let sse = 0, sst = 0;
    for (let i = 0; i < n; i++) { sse += (out.data[i] - y[i]) ** 2; sst += (y[i] - mean) ** 2; }
    return 1 - sse / sst;
  };
  const base = score(X.data);
  const rng = new Rng(seed), drops = new Map<string, number>();
  cols.forEach((c, k) => {
    const perm = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
    if (only && !only.has(k)) return;
    const xp = X.data.slice();
    for (let i = 0; i < n; i++) for (let j = c.start; j < c.start + c.width; j++) xp[i * d + j] = X.data[perm[i] * d + j];
    drops.set(c.name, base - score(xp));
  });
  return drops;
}

describe('permutation importance of a classifier', () => {
  let run: TrainingRun;
  beforeAll(async () => {
    run = await trained({ target: 'label', ignore: ['value'], hidden: [16, 8] });
  });

  it('ranks the informative column above the noise, named as in the file', () => {
    const r = new PermutationImportance(run.model, run.dataset, run.split.val, 42).run();
    expect(r.metric).toBe('accuracy');
    expect(r.rows).toBe(200);
    expect(r.heldOut).toBe(200);
    expect(r.base).toBeGreaterThan(0.9);
    expect(r.features.map((f) => f.name).sort()).toEqual(['hue', 'noise', 'signal', 'tilt']);
    expect(r.features[0].name).toBe('signal');
    const drop = (name: string) => r.features.find((f) => f.name === name)!.drop;
    expect(drop('signal')).toBeGreaterThan(0.3);
    expect(Math.abs(drop('noise'))).toBeLessThan(0.05);
    expect(Math.abs(drop('hue'))).toBeLessThan(0.05);
    expect(drop('signal')).toBeGreaterThan(drop('tilt'));
    // Sorted by drop, largest first.
    for (let k = 1; k < r.features.length; k++) expect(r.features[k - 1].drop).toBeGreaterThanOrEqual(r.features[k].drop);
    expect(r.map).toBeNull();
  });

  it('the fast path (first layer once, rank-|J| updates of the changed rows) equals a full forward of the permuted rows', () => {
    const r = new PermutationImportance(run.model, run.dataset, run.split.val, 3).run();
    const naive = naiveDrops(run.model, run.dataset, run.split.val, 3);
    for (const f of r.features) expect(f.drop).toBeCloseTo(naive.get(f.name)!, 10);
  });

  it('the same seed gives the same result; slicing does not change it', () => {
    const whole = new PermutationImportance(run.model, run.dataset, run.split.val, 9).run();
    const sliced = new PermutationImportance(run.model, run.dataset, run.split.val, 9);
    let steps = 0;
    while (!sliced.advance(() => true)) {
      steps++;
      expect(sliced.progress).toBeGreaterThan(0);
      expect(sliced.progress).toBeLessThan(1);
    }
    expect(steps).toBeGreaterThanOrEqual(4); // the base pass, then a step a column
    expect(sliced.result(0)).toEqual(whole);
  });
});

describe('permutation importance of a regression', () => {
  it('drops of R², the informative column first, equal to the full forward', async () => {
    const run = await trained({ target: 'value', ignore: ['label'] });
    const r = new PermutationImportance(run.model, run.dataset, run.split.val, 5).run();
    expect(r.metric).toBe('r2');
    expect(r.base).toBeGreaterThan(0.9);
    expect(r.features[0].name).toBe('signal');
    expect(r.features[0].drop).toBeGreaterThan(1); // R² of a shuffled signal falls below 0
    const drop = (name: string) => r.features.find((f) => f.name === name)!.drop;
    expect(Math.abs(drop('noise'))).toBeLessThan(0.05);
    const naive = naiveDrops(run.model, run.dataset, run.split.val, 5);
    for (const f of r.features) expect(f.drop).toBeCloseTo(naive.get(f.name)!, 4);
  });
});

describe('permutation importance of digits', () => {
  it('pixels as columns, a side x side map, at most MAX_IMAGE_ROWS rows, equal to the full forward', () => {
    const ds = mnistSubset(2600);
    const model = buildMlp({ inputSize: 784, hidden: [24], outputSize: 10, activation: 'relu' }, new Rng(1));
    const heldOut = Int32Array.from({ length: 2600 }, (_, i) => i);
    const r = new PermutationImportance(model, ds, heldOut, 11).run();
    expect(r.rows).toBe(MAX_IMAGE_ROWS);
    expect(r.heldOut).toBe(2600);
    expect(r.features).toHaveLength(784);
    expect(r.side).toBe(28);
    expect(r.map).toHaveLength(784);
    // A corner pixel is 0 in every digit: shuffling it changes nothing.
    expect(r.map![0]).toBe(0);
    expect(r.features.find((f) => f.name === 'pixel0')!.drop).toBe(0);
    for (const f of r.features) {
      expect(f.name).toBe(`pixel${f.input}`);
      expect(r.map![f.input]).toBe(Math.fround(f.drop));
    }
    // The oracle on the rows used (evenly spaced), for a few central pixels.
    const used = Int32Array.from({ length: MAX_IMAGE_ROWS }, (_, i) => heldOut[Math.floor((i * 2600) / MAX_IMAGE_ROWS)]);
    const central = new Set([350, 378, 406, 434, 462, 600]);
    const naive = naiveDrops(model, ds, used, 11, central);
    for (const k of central) expect(r.features.find((f) => f.name === `pixel${k}`)!.drop).toBeCloseTo(naive.get(`pixel${k}`)!, 10);
    expect([...central].some((k) => r.map![k] !== 0)).toBe(true);
  });
});
