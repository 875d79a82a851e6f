/**
 * The large table the training-speed bench makes itself (bench/train-speed.ts): ROWS rows of 40
 * numeric features and 5 classes, from a fixed seed, so every run trains on the same numbers.
 *
 * The classes come from a random teacher network with noise: latent z ~ N(0, I₄₀), teacher logits
 * t = W₂ tanh(W₁ z + b₁) + b₂ (40-32-5), and the label drawn from softmax(t / T) (argmax of t / T plus
 * Gumbel noise). The drawn labels cap any model's accuracy (the best possible is E[max softmax]); an
 * MLP of 100 ReLU units learns the tanh teacher well but not exactly. The features the file holds are
 * the latents on awkward scales, x_j = offset_j + scale_j · z_j (scales 0.03 to 100), written with 5
 * significant digits (the .npy holds each cell read into float32), so standardising them matters as it does in real tables.
 *
 * Written as CSV (a header x0..x39,label; what ours reads) and as .npy (the same float32 values and
 * the labels; what the Python peers load in a blink), split 80/20 by row (the rows are drawn i.i.d.).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/engine/rng';

export const FEATURES = 40;
export const CLASSES = 5;
const TEACHER_HIDDEN = 32;
/** Temperature of the label draw: higher is noisier. */
const TEMPERATURE = 0.35;
const SEED = 20260214;

export interface BigTable {
  rows: number;
  /** rows × FEATURES, row-major: the values exactly as the CSV's cells read into float32. */
  x: Float32Array;
  y: Uint8Array;
  /** The CSV lines of the rows, without a header (the features as written, the label last). */
  lines: string[];
  /** The teacher's own accuracy against the drawn labels, E[max softmax] estimated over the rows: a ceiling for any model. */
  bayesAcc: number;
}

/** Makes the table (rows drawn one by one from the seeded generator). */
export function makeBigTable(rows: number): BigTable {
  const rng = new Rng(SEED);
  const gauss = (sd: number) => rng.normal() * sd;
  const W1 = Float64Array.from({ length: TEACHER_HIDDEN * FEATURES }, () => gauss(1.2 / Math.sqrt(FEATURES)));
  const b1 = Float64Array.from({ length: TEACHER_HIDDEN }, () => gauss(0.5));
  const W2 = Float64Array.from({ length: CLASSES * TEACHER_HIDDEN }, () => gauss(2 / Math.sqrt(TEACHER_HIDDEN)));
  const b2 = Float64Array.from({ length: CLASSES }, () => gauss(0.3));
  const scale = Float64Array.from({ length: FEATURES }, () => 10 ** (rng.random() * 3.5 - 1.5));
  const offset = Float64Array.from({ length: FEATURES }, (_, j) => scale[j] * (rng.random() * 6 - 3));

  const x = new Float32Array(rows * FEATURES), y = new Uint8Array(rows), lines: string[] = new Array(rows);
  const cells: string[] = new Array(FEATURES + 1);
  const z = new Float64Array(FEATURES), h = new Float64Array(TEACHER_HIDDEN), t = new Float64Array(CLASSES);
  let bayes = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < FEATURES; j++) {
      // The latent the teacher sees is the one the file holds (after rounding to 5 digits), so no noise hides in the rounding.
      const text = String(Number((offset[j] + scale[j] * rng.normal()).toPrecision(5)));
      const v = Math.fround(Number(text));
      cells[j] = text;
      x[i * FEATURES + j] = v;
      z[j] = (v - offset[j]) / scale[j];
    }
    for (let k = 0; k < TEACHER_HIDDEN; k++) {
      let s = b1[k];
      for (let j = 0; j < FEATURES; j++) s += W1[k * FEATURES + j] * z[j];
      h[k] = Math.tanh(s);
    }
    let max = -Infinity, best = 0, bestNoisy = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let s = b2[c];
      for (let k = 0; k < TEACHER_HIDDEN; k++) s += W2[c * TEACHER_HIDDEN + k] * h[k];
      t[c] = s / TEMPERATURE;
      max = Math.max(max, t[c]);
    }
    let sum = 0;
    for (let c = 0; c < CLASSES; c++) sum += Math.exp(t[c] - max);
    bayes += 1 / sum; // softmax of the largest logit
    for (let c = 0; c < CLASSES; c++) {
      const noisy = t[c] - Math.log(-Math.log(1 - rng.random())); // + Gumbel(0, 1): argmax draws from softmax(t)
      if (noisy > bestNoisy) {
        bestNoisy = noisy;
        best = c;
      }
    }
    y[i] = best;
    cells[FEATURES] = String(best);
    lines[i] = cells.join(',');
  }
  return { rows, x, y, lines, bayesAcc: bayes / rows };
}

/** The CSV text of rows [from, to): a header x0..x39,label, then the rows. */
export function bigTableCsv(t: BigTable, from: number, to: number): string {
  const header = [...Array.from({ length: FEATURES }, (_, j) => `x${j}`), 'label'].join(',');
  return `${header}\n${t.lines.slice(from, to).join('\n')}\n`;
}

/** An .npy file (format 1.0, C order) of a typed array with the given shape. */
export function npy(data: Float32Array | Uint8Array, shape: number[]): Uint8Array {
  const descr = data instanceof Float32Array ? '<f4' : '|u1';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8], 0);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

export interface BigTableFiles {
  trainCsv: string;
  testCsv: string;
  /** Prefix of the .npy files: PREFIX-{train,test}-{x,y}.npy. */
  npyPrefix: string;
  trainRows: number;
  testRows: number;
  bayesAcc: number;
  csvBytes: number;
}

/** Makes the table and writes it to `dir`: the first 80% of rows train, the last 20% test. */
export function writeBigTable(dir: string, rows: number): BigTableFiles {
  const t = makeBigTable(rows);
  const trainRows = Math.round(rows * 0.8);
  const files = { trainCsv: join(dir, 'table-train.csv'), testCsv: join(dir, 'table-test.csv'), npyPrefix: join(dir, 'table') };
  const trainText = bigTableCsv(t, 0, trainRows), testText = bigTableCsv(t, trainRows, rows);
  writeFileSync(files.trainCsv, trainText);
  writeFileSync(files.testCsv, testText);
  const part = (from: number, to: number, name: string) => {
    writeFileSync(`${files.npyPrefix}-${name}-x.npy`, npy(t.x.subarray(from * FEATURES, to * FEATURES), [to - from, FEATURES]));
    writeFileSync(`${files.npyPrefix}-${name}-y.npy`, npy(t.y.subarray(from, to), [to - from]));
  };
  part(0, trainRows, 'train');
  part(trainRows, rows, 'test');
  return { ...files, trainRows, testRows: rows - trainRows, bayesAcc: t.bayesAcc, csvBytes: trainText.length + testText.length };
}
