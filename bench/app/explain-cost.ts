/**
 * The explanations' cost, in the worker's own code (Node): Why this row's integrated gradients (the
 * m points of a step count, ∂z_c/∂x at each) for a notebook-sized table model, 40-128-5 ReLU, and Why
 * this digit's one forward and backward pass for Best in a minute's 784-512-10, each on the TypeScript
 * layers (saliency.ts, the oracle) and on the WebAssembly kernels (Predictor.classGradients) on one
 * thread and on `threads`. Random weights and inputs: the cost does not depend on them. Median of 15
 * runs after 2 warm-up runs, ms.
 */
import '../../cli/v8-flags';
import { spawnNodeThread } from '../../cli/threads';
import { integratedGradientsAt } from '../../src/engine/attribution';
import { buildMlp } from '../../src/engine/mlp';
import { Rng } from '../../src/engine/rng';
import { classGradients } from '../../src/engine/saliency';
import { Predictor } from '../../src/engine/wasm/predict';
import { median } from '../stats';

/** The step count of the integrated gradients timed (the page starts at 64 and doubles up to 4,096 while the sum's gap exceeds 1%). */
export const IG_STEPS = 1024;

export interface ExplainCost {
  /** Integrated gradients of one row: TypeScript, WebAssembly 1 thread, WebAssembly on `threads`. */
  ig: [number, number, number];
  /** Why this digit: TypeScript, WebAssembly 1 thread. */
  digit: [number, number];
  /** Threads the last column ran on (as the kernels counted them). */
  threads: number;
}

function time(f: () => void): number {
  f();
  f();
  const ms: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function explainCost(threads: number): Promise<ExplainCost> {
  const rng = new Rng(1);
  const table = buildMlp({ inputSize: 40, hidden: [128], outputSize: 5, activation: 'relu' }, new Rng(2));
  const row = Float32Array.from({ length: 40 }, () => rng.normal()), baseline = new Float32Array(40);
  const digitModel = buildMlp({ inputSize: 784, hidden: [512], outputSize: 10, activation: 'relu' }, new Rng(3));
  const image = Float32Array.from({ length: 784 }, () => Math.max(0, rng.normal()));
  const one = new Predictor(), many = new Predictor({ threading: { spawn: spawnNodeThread, threads: () => threads } });
  // The helpers start on first use; wait until they run (their count is reported as the kernels see it).
  many.classGradients(table, row, 1, null);
  for (const t0 = performance.now(); many.threads < threads && performance.now() - t0 < 10_000;) await new Promise((resolve) => setTimeout(resolve, 20));
  const ig: ExplainCost['ig'] = [
    time(() => integratedGradientsAt(table, row, baseline, 1, IG_STEPS)),
    time(() => integratedGradientsAt(table, row, baseline, 1, IG_STEPS, one.classGradients)),
    time(() => integratedGradientsAt(table, row, baseline, 1, IG_STEPS, many.classGradients)),
  ];
  const ran = many.threads;
  const digit: ExplainCost['digit'] = [time(() => classGradients(digitModel, image, 1, null)), time(() => one.classGradients(digitModel, image, 1, null))];
  one.dispose();
  many.dispose();
  return { ig, digit, threads: ran };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await explainCost(Number(process.argv[2] ?? 2))));
  process.exit(0);
}
