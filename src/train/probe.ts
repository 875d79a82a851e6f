import type { ActivationName } from '../engine/activations';
import { Linear } from '../engine/linear';
import { type EpochHealth, layerHealth, norm, updateRatio } from './health';
import type { Backend } from './backend';

/** Rows of the fixed probe batch: enough for a unit's "never fires" to mean something, few enough to cost nothing much. */
export const PROBE_ROWS = 128;

/**
 * The run's look inside its network after each epoch (health.ts has the figures):
 * - every layer's outputs on a fixed probe batch (the first PROBE_ROWS held-out rows, or training rows
 *   when nothing is held out), as the backend computes them (the WebAssembly trainer: one evaluation
 *   pass of its kernels, whose activation buffers then hold the hidden layers' outputs);
 * - the gradient norm ‖dW‖ and the update ratio ‖ΔW‖ / ‖W‖ of the epoch's last real optimiser step:
 *   the run copies every W before that step (snapshot), has the backend keep its gradients, and
 *   measures after it (measureStep), whatever the optimiser. A probe-batch backward on the TypeScript
 *   layers cost 2.3% of the notebook's training time (bench:app), which is why the step's own
 *   gradients are used.
 * All buffers are allocated here, once.
 */
export class HealthProbe {
  private readonly rows: Int32Array;
  private readonly linears: Linear[];
  private readonly before: Float32Array[];
  private ratios: number[] = [];
  private gradNorms: number[] = [];

  constructor(private readonly backend: Backend, rows: Int32Array, private readonly activation: ActivationName) {
    this.rows = rows.slice(0, Math.min(PROBE_ROWS, rows.length));
    this.linears = backend.model.layers.filter((l): l is Linear => l instanceof Linear);
    this.before = this.linears.map((l) => new Float32Array(l.W.data.length));
  }

  /** Copies every W, before the step whose update is to be measured, and asks the backend to keep that step's gradients. */
  snapshot(): void {
    this.linears.forEach((l, i) => this.before[i].set(l.W.data));
    this.backend.keepGradients = true;
  }

  /** ‖dW‖ and ‖W − W_before‖ / ‖W_before‖ per layer, after that step. */
  measureStep(): void {
    this.backend.keepGradients = false;
    this.gradNorms = this.linears.map((l) => norm(l.dW.data));
    this.ratios = this.linears.map((l, i) => updateRatio(l.W.data, this.before[i]));
  }

  /** Every layer's health now: its outputs on the probe batch, and the last measured step's figures. */
  measure(epoch: number): EpochHealth | null {
    if (this.rows.length === 0) return null;
    const outputs = this.backend.layerOutputs(this.rows);
    return { epoch, layers: layerHealth(this.backend.model, this.activation, outputs, this.ratios, this.gradNorms) };
  }
}
