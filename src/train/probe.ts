import type { ActivationName } from '../engine/activations';
import { Linear } from '../engine/linear';
import { SoftmaxCrossEntropy } from '../engine/loss';
import { type Matrix, zeros } from '../engine/matrix';
import type { Sequential } from '../engine/sequential';
import { gatherBatch } from '../data/batch';
import { CLASSES, PIXELS, type Dataset } from '../data/dataset';
import { type EpochHealth, layerHealth, updateRatio } from './health';

/**
 * Rows of the fixed probe batch: enough for a unit's "never fires" to mean something, few enough to
 * cost little (the TypeScript layers take about 9 ms for 128 rows of the notebook's 784-128-10, 4-5 ms
 * for 64: about 1% of an epoch of 33,600 rows).
 */
export const PROBE_ROWS = 64;

/**
 * The run's look inside its network after each epoch (health.ts has the figures):
 * - on a fixed probe batch (the first PROBE_ROWS held-out rows, or training rows when nothing is held
 *   out), one forward for every layer's outputs and one backward for every ‖dW‖, on the model's
 *   TypeScript layers (the WebAssembly trainer's weights, seen through their views; the kernels'
 *   gradient buffers are rewritten by every step, so borrowing them here disturbs nothing);
 * - the update ratio ‖ΔW‖ / ‖W‖ of the epoch's last real optimiser step: the run copies every W
 *   before that step (snapshot) and compares after it (measureStep), whatever the optimiser.
 * All buffers are allocated here, once.
 */
export class HealthProbe {
  private readonly x: Matrix;
  private readonly y: Uint8Array;
  private readonly linears: Linear[];
  private readonly before: Float32Array[];
  private readonly lossFn = new SoftmaxCrossEntropy(CLASSES);
  private ratios: number[] = [];

  constructor(private readonly model: Sequential, dataset: Dataset, rows: Int32Array, private readonly activation: ActivationName) {
    const n = Math.min(PROBE_ROWS, rows.length);
    this.x = zeros(n, PIXELS);
    this.y = new Uint8Array(n);
    gatherBatch(dataset, rows, 0, n, this.x, this.y);
    this.linears = model.layers.filter((l): l is Linear => l instanceof Linear);
    this.before = this.linears.map((l) => new Float32Array(l.W.data.length));
  }

  /** Copies every W, before the step whose update is to be measured. */
  snapshot(): void {
    this.linears.forEach((l, i) => this.before[i].set(l.W.data));
  }

  /** ‖W − W_before‖ / ‖W_before‖ per layer, after that step. */
  measureStep(): void {
    this.ratios = this.linears.map((l, i) => updateRatio(l.W.data, this.before[i]));
  }

  /** Every layer's health now: outputs and ‖dW‖ on the probe batch, and the last measured step's ratios. */
  measure(epoch: number): EpochHealth | null {
    if (this.x.rows === 0) return null;
    // Each hidden layer's activation output, then the logits: layer-owned buffers that the backward
    // below does not write (it writes gradients and dX buffers), so they stay valid for the stats.
    const outputs: Matrix[] = [];
    let h = this.x;
    for (const layer of this.model.layers) {
      h = layer.forward(h);
      if (layer.kind === 'relu' || layer.kind === 'sigmoid' || layer.kind === 'tanh') outputs.push(h);
    }
    outputs.push(h);
    this.lossFn.forward(h, this.y);
    this.model.backward(this.lossFn.backward());
    return { epoch, layers: layerHealth(this.model, this.activation, outputs, this.ratios) };
  }
}
