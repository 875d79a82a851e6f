import type { ActivationName } from '../engine/activations';
import { Linear } from '../engine/linear';
import { type Matrix, zeros } from '../engine/matrix';
import type { Sequential } from '../engine/sequential';
import type { WasmTrainer } from '../engine/wasm/trainer';
import { gatherBatch } from '../data/batch';
import { PIXELS, type Dataset } from '../data/dataset';
import { type EpochHealth, layerHealth, norm, updateRatio } from './health';

/** Rows of the fixed probe batch: enough for a unit's "never fires" to mean something, few enough to cost nothing much. */
export const PROBE_ROWS = 128;

/**
 * The run's look inside its network after each epoch (health.ts has the figures):
 * - every layer's outputs on a fixed probe batch (the first PROBE_ROWS held-out rows, or training rows
 *   when nothing is held out): on the WebAssembly trainer, one evaluation pass of its kernels, whose
 *   activation buffers then hold the hidden layers' outputs (the logits are those times the last W);
 *   on the TypeScript kernels, a forward of the model's layers;
 * - the gradient norm ‖dW‖ and the update ratio ‖ΔW‖ / ‖W‖ of the epoch's last real optimiser step:
 *   the run copies every W before that step (snapshot), has the trainer keep its gradients for it, and
 *   measures after it (measureStep), whatever the optimiser. A probe-batch backward on the TypeScript
 *   layers cost 2.3% of the notebook's training time (bench:app), which is why the step's own
 *   gradients are used.
 * All buffers are allocated here, once.
 */
export class HealthProbe {
  private readonly x: Matrix;
  private readonly rows: Int32Array;
  private readonly linears: Linear[];
  private readonly before: Float32Array[];
  private ratios: number[] = [];
  private gradNorms: number[] = [];

  constructor(
    private readonly model: Sequential, dataset: Dataset, rows: Int32Array, private readonly activation: ActivationName,
    private readonly trainer: WasmTrainer | null,
  ) {
    const n = Math.min(PROBE_ROWS, rows.length);
    this.rows = rows.slice(0, n);
    this.linears = model.layers.filter((l): l is Linear => l instanceof Linear);
    // The TypeScript forward's batch (softmax regression has no activations for the trainer to keep).
    const forward = !trainer || this.linears.length === 1;
    this.x = zeros(forward ? n : 0, PIXELS);
    if (forward) gatherBatch(dataset, this.rows, 0, n, this.x, null);
    this.before = this.linears.map((l) => new Float32Array(l.W.data.length));
  }

  /** Copies every W, before the step whose update is to be measured, and asks the trainer to keep that step's gradients. */
  snapshot(): void {
    this.linears.forEach((l, i) => this.before[i].set(l.W.data));
    if (this.trainer) this.trainer.keepGradients = true;
  }

  /** ‖dW‖ and ‖W − W_before‖ / ‖W_before‖ per layer, after that step. */
  measureStep(): void {
    if (this.trainer) this.trainer.keepGradients = false;
    this.gradNorms = this.linears.map((l) => norm(l.dW.data));
    this.ratios = this.linears.map((l, i) => updateRatio(l.W.data, this.before[i]));
  }

  /** Every layer's health now: its outputs on the probe batch, and the last measured step's figures. */
  measure(epoch: number): EpochHealth | null {
    const n = this.rows.length;
    if (n === 0) return null;
    const outputs: Matrix[] = [];
    const trainer = this.trainer;
    if (trainer && this.linears.length > 1) {
      trainer.evaluate(this.rows, () => {}); // n ≤ PROBE_ROWS ≤ the trainer's chunk: one pass
      this.linears.slice(1).forEach((l, h) => outputs.push({ rows: n, cols: l.inFeatures, data: trainer.activations[h] }));
      outputs.push(this.linears[this.linears.length - 1].forward(outputs[outputs.length - 1]));
    } else {
      // Layer-owned buffers, valid while the stats below are taken.
      let h = this.x;
      for (const layer of this.model.layers) {
        h = layer.forward(h);
        if (layer.kind === 'relu' || layer.kind === 'sigmoid' || layer.kind === 'tanh') outputs.push(h);
      }
      outputs.push(h);
    }
    return { epoch, layers: layerHealth(this.model, this.activation, outputs, this.ratios, this.gradNorms) };
  }
}
