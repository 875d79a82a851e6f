/** Why this row? through the worker session: a held-out row or a typed one, explained for the current table model. */
import { describe, expect, it } from 'vitest';
import { fileRow } from '../../../src/data/dataset';
import { integratedGradientsAt } from '../../../src/engine/attribution';
import { fromArray } from '../../../src/engine/matrix';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TABLE_PRESET } from '../../../src/train/presets';
import type { RowExplanation, WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { mnistCsv } from '../csv-fixtures';
import { syntheticCsv } from '../table-fixtures';

function setup() {
  const events: WorkerEvent[] = [];
  const queue: (() => void)[] = [];
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), (fn) => queue.push(fn));
  const drain = () => { while (queue.length) queue.shift()!(); };
  const load = (text: string, name: string) => session.handle({ type: 'loadFile', file: new Blob([text]), name });
  let requestId = 0;
  /** Asks about a row; the session answers at once. */
  const ask = (row: { fileRow: number } | { cells: Record<string, string> }) => {
    session.handle({ type: 'explainRow', requestId: ++requestId, row });
    const e = events.at(-1)!;
    if (e.type !== 'rowExplanation' || e.requestId !== requestId) throw new Error(JSON.stringify(e));
    return e;
  };
  const explained = (row: { fileRow: number } | { cells: Record<string, string> }): RowExplanation => {
    const e = ask(row);
    if (!e.explanation) throw new Error(e.message);
    return e.explanation;
  };
  return { session, events, drain, load, ask, explained };
}

const CSV = syntheticCsv(400, 7);
/** The file's cells of a file row, by column name. */
const cellsOf = (row: number): Record<string, string> => {
  const [header, ...lines] = CSV.trim().split('\n');
  const names = header.split(','), cells = lines[row].split(',');
  return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
};

/** Trains a small classifier of `kind` from x1, x2 and colour (3 categories, one-hot). */
async function trained() {
  const t = setup();
  await t.load(CSV, 'train.csv');
  t.session.handle({ type: 'start', runId: 1, config: { ...TABLE_PRESET, target: 'kind', ignore: ['value'], hidden: [16], epochs: 8, patience: 0 } });
  t.drain();
  return t;
}

describe('why this row: the worker explains one table row', () => {
  it('a held-out row: each feature under its own name with its cell as written, one-hot inputs summed under the column, and a sum that holds', async () => {
    const { session, explained } = await trained();
    const run = session.training.run!;
    const fileRows = Array.from(run.split.val.subarray(0, 5), (i) => fileRow(run.dataset, i));
    for (const row of fileRows) {
      const ex = explained({ fileRow: row });
      expect(ex).toMatchObject({ runId: 1, epoch: 8, fileRow: row, task: 'classification', target: 'kind', truth: cellsOf(row).kind, value: NaN });
      expect(ex.features.map((f) => f.column)).toEqual(['x1', 'x2', 'colour']);
      const cells = cellsOf(row);
      // A numeric cell as the reader writes it shortest ("0.120" reads 0.12); a missing one ('?') as ''.
      expect(ex.features[0].cell).toBe(String(Number(cells.x1)));
      expect(ex.features[2].cell).toBe(cells.colour);
      if (cells.x2 === '?') expect(ex.features[1]).toMatchObject({ cell: '', filled: ex.features[1].baseline });
      else expect(ex.features[1].filled).toBeNull();
      expect(ex.probs).toHaveLength(3);
      expect(ex.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      expect(ex.predicted).toBe(ex.probs.indexOf(Math.max(...ex.probs)));
      // Completeness, to 1% of the score.
      expect(ex.gapShare).toBeLessThanOrEqual(0.01);
      expect(Math.abs(ex.sum - (ex.score - ex.baselineScore))).toBeLessThanOrEqual(0.01 * Math.abs(ex.score));
      expect(ex.features.reduce((s, f) => s + f.integratedGradients, 0)).toBeCloseTo(ex.sum, 6);
      // colour's three one-hot inputs, summed: IG of the same row from the same baseline, by the engine.
      const i = run.split.val[fileRows.indexOf(row)];
      const x = Float32Array.from((run.dataset.x as Float32Array).subarray(i * 5, (i + 1) * 5));
      const probs = run.model.predictProba(fromArray(1, 5, x)).data;
      ex.probs.forEach((p, k) => expect(p).toBeCloseTo(probs[k], 5)); // the model's own
      const schema = run.dataset.schema, x1 = schema.features[0], x2 = schema.features[1];
      if (x1.kind !== 'numeric' || x2.kind !== 'numeric') throw new Error('numeric features expected');
      const red = schema.features[2].kind === 'categorical' ? schema.features[2].categories.indexOf(schema.features[2].fill) : -1;
      const baseline = Float32Array.from([(x1.fill - x1.mean) / x1.std, (x2.fill - x2.mean) / x2.std, 0, 0, 0]);
      baseline[2 + red] = 1;
      const ig = integratedGradientsAt(run.model, x, baseline, ex.predicted, ex.steps);
      expect(ex.features[2].integratedGradients).toBeCloseTo(ig[2] + ig[3] + ig[4], 5);
      expect(ex.features[0].integratedGradients).toBeCloseTo(ig[0], 5);
      expect(ex.features[2].baseline).toBe(schema.features[2].kind === 'categorical' ? schema.features[2].fill : '');
    }
  });

  it('a typed row is encoded as the file\'s rows are: typing a row\'s own cells explains it exactly as the row', async () => {
    const { session, explained } = await trained();
    const run = session.training.run!;
    const row = fileRow(run.dataset, run.split.val[3]);
    const fromFile = explained({ fileRow: row });
    const { x1, x2, colour } = cellsOf(row);
    const typed = explained({ cells: { x1: ` ${x1} `, x2, colour } });
    expect(typed.fileRow).toBeNull();
    expect(typed.truth).toBeNull();
    expect(typed.features.map((f) => f.integratedGradients)).toEqual(fromFile.features.map((f) => f.integratedGradients));
    expect(typed.features.map((f) => f.gradientTimesInput)).toEqual(fromFile.features.map((f) => f.gradientTimesInput));
    expect(typed.features[0].cell).toBe(x1);
    // Left out or empty: missing, so filled with the training median (and the medians row explains nothing away).
    const medians = explained({ cells: {} });
    expect(medians.features.every((f) => f.filled === f.baseline)).toBe(true);
    expect(medians.score).toBe(medians.baselineScore);
    expect(medians.features.every((f) => f.integratedGradients === 0)).toBe(true);
  });

  it('a typed row with a bad cell is refused with a sentence naming the column; the model and the last answer stay', async () => {
    const { session, ask } = await trained();
    const model = session.training.run!.model;
    const bad = ask({ cells: { x1: 'abc', x2: '0.5', colour: 'red' } });
    expect(bad.explanation).toBeNull();
    expect(bad.message).toBe('"abc" in x1 is not a number: the model reads a number there (the training rows\' median is ' + bad.message!.match(/median is ([^;]+);/)![1] + '; leave it empty to use it).');
    const unseen = ask({ cells: { x1: '1', x2: '0.5', colour: 'purple' } });
    expect(unseen.message).toBe('colour has no category "purple" in the training rows: it knows blue, green, red.');
    // A number with a decimal comma is no number in a comma-separated file.
    expect(ask({ cells: { x1: '1,5' } }).message).toMatch(/^"1,5" in x1 is not a number/);
    expect(session.training.run!.model).toBe(model);
    expect(ask({ cells: { x1: '1', x2: 'NA', colour: 'blue' } }).explanation).not.toBeNull();
  });

  it('a regression is explained in the target\'s units: the predicted value, and contributions that sum to its change from the medians', async () => {
    const { session, load, drain, explained } = setup();
    await load(CSV, 'train.csv');
    session.handle({ type: 'start', runId: 2, config: { ...TABLE_PRESET, target: 'value', ignore: ['kind'], hidden: [16], epochs: 60, patience: 0 } });
    drain();
    const run = session.training.run!;
    const i = run.split.val[0], row = fileRow(run.dataset, i);
    const ex = explained({ fileRow: row });
    const target = run.dataset.schema.target;
    if (target.task !== 'regression') throw new Error('regression expected');
    const x = (run.dataset.x as Float32Array).subarray(i * 5, (i + 1) * 5);
    const z = run.model.forward(fromArray(1, 5, Float32Array.from(x))).data[0];
    expect(ex).toMatchObject({ task: 'regression', target: 'value', predicted: -1, probs: [], truth: cellsOf(row).value });
    expect(ex.value).toBeCloseTo(z * target.std + target.mean, 4);
    expect(ex.score).toBe(ex.value);
    expect(Math.abs(ex.sum - (ex.score - ex.baselineScore))).toBeLessThanOrEqual(0.01 * Math.abs(ex.score));
    // value = 3·x1 − 2·x2 + colour: a row's x1 far above the median pushes the value up, one far below pushes it down.
    const median = Number(ex.features[0].baseline);
    const far = Array.from(run.split.val, (k) => fileRow(run.dataset, k)).filter((r) => Math.abs(Number(cellsOf(r).x1) - median) > 1).slice(0, 10);
    expect(far.length).toBeGreaterThan(5);
    for (const r of far) expect(Math.sign(explained({ fileRow: r }).features[0].integratedGradients)).toBe(Math.sign(Number(cellsOf(r).x1) - median));
  });

  it('says why it cannot: no model, a row the file lacks, a model of images', async () => {
    const t = setup();
    expect(t.ask({ fileRow: 0 }).message).toBe('Train a model or load a model file first.');
    const { ask } = await trained();
    expect(ask({ fileRow: 400 }).message).toBe('"train.csv" has no row 401: it has 400 rows.');
    const digits = setup();
    await digits.load(mnistCsv(100), 'digits.csv');
    digits.session.handle({ type: 'start', runId: 1, config: { ...NOTEBOOK_PRESET, hidden: [8], epochs: 1 } });
    digits.drain();
    expect(digits.ask({ fileRow: 0 }).message).toMatch(/^Why this row\? explains the rows of a table; the model reads images/);
  });

  it('a model loaded from a file explains the loaded table\'s rows as its run did', async () => {
    const a = await trained();
    const run = a.session.training.run!;
    const row = fileRow(run.dataset, run.split.val[1]);
    const fromRun = a.explained({ fileRow: row });
    a.session.handle({ type: 'saveModel', purpose: 'download' });
    const saved = a.events.at(-1)!;
    if (saved.type !== 'modelSaved' || !saved.bytes) throw new Error(JSON.stringify(saved));
    const b = setup();
    await b.load(CSV, 'train.csv');
    b.session.handle({ type: 'loadModel', bytes: saved.bytes, name: 'm.safetensors', runId: 0, split: { valShare: run.config.valShare, mode: run.config.split, seed: run.config.seed, table: { target: 'kind', ignore: ['value'] } } });
    const fromFile = b.explained({ fileRow: row });
    expect(fromFile.epoch).toBe(0);
    expect(fromFile.features.map((f) => f.integratedGradients)).toEqual(fromRun.features.map((f) => f.integratedGradients));
    expect(fromFile.probs).toEqual(fromRun.probs);
  });
});
