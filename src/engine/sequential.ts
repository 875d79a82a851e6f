import { softmax } from './loss';
import { type Matrix, resizeRows, zeros } from './matrix';
import { Dropout } from './dropout';
import type { Layer, Param } from './layer';
import { type KernelPath, Linear } from './linear';

/** One row of a model summary: a layer, its output shape per sample and its parameter count. */
export interface LayerSummary {
  kind: Layer['kind'];
  /** e.g. "Linear(784 → 128)" or "ReLU". */
  label: string;
  outputSize: number;
  params: number;
}

/** A model's widths as the notebook writes them: "784-128-10". */
export function architectureOf(widths: readonly number[]): string {
  return widths.join('-');
}

/** Summary row of a Linear layer: `Linear(784 → 128)`, W and b. */
export function linearSummary(inFeatures: number, outFeatures: number): LayerSummary {
  return { kind: 'linear', label: `Linear(${inFeatures} → ${outFeatures})`, outputSize: outFeatures, params: inFeatures * outFeatures + outFeatures };
}

/** Summary row of a dropout of rate p after a hidden layer of the given width. */
export function dropoutSummary(p: number, width: number): LayerSummary {
  return { kind: 'dropout', label: `Dropout(p = ${p})`, outputSize: width, params: 0 };
}

/** Summary row of an activation of the given width. */
export function activationSummary(kind: Exclude<Layer['kind'], 'linear' | 'dropout'>, width: number): LayerSummary {
  const label = kind === 'relu' ? 'ReLU' : kind === 'sigmoid' ? 'Sigmoid' : 'Tanh';
  return { kind, label, outputSize: width, params: 0 };
}

/**
 * A stack of layers applied in order (PyTorch `nn.Sequential`):
 *   logits = layers[n−1]( … layers[1]( layers[0](X) ) )    X: [batch, inputSize], logits: [batch, outputSize]
 * Backward walks the list in reverse; the first layer is told not to compute dL/dX.
 */
export class Sequential {
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly probs: Matrix;

  constructor(readonly layers: Layer[]) {
    const linears = layers.filter((l): l is Linear => l instanceof Linear);
    if (linears.length === 0) throw new Error('Sequential: a model needs at least one Linear layer');
    for (let i = 1; i < linears.length; i++) {
      if (linears[i].inFeatures !== linears[i - 1].outFeatures) {
        throw new Error(`Sequential: Linear #${i + 1} takes ${linears[i].inFeatures} features but the previous Linear gives ${linears[i - 1].outFeatures}`);
      }
    }
    this.inputSize = linears[0].inFeatures;
    this.outputSize = linears[linears.length - 1].outFeatures;
    this.probs = zeros(0, this.outputSize);
  }

  /** Logits for a batch. The result is a layer-owned buffer, valid until the next forward. */
  forward(x: Matrix): Matrix {
    if (x.cols !== this.inputSize) throw new Error(`Sequential.forward: input has ${x.cols} features, the model takes ${this.inputSize}`);
    let h = x;
    for (let i = 0; i < this.layers.length; i++) h = this.layers[i].forward(h);
    return h;
  }

  /** Back-propagates dL/dlogits through every layer, filling each parameter's gradient. */
  backward(dLogits: Matrix): void {
    let g: Matrix | null = dLogits;
    for (let i = this.layers.length - 1; i >= 0 && g; i--) g = this.layers[i].backward(g, i > 0);
  }

  /**
   * Training mode on or off (PyTorch's `model.train()` / `model.eval()`): only dropout differs. Off
   * is the default, so every prediction and evaluation sees the whole network.
   */
  train(on: boolean): void {
    for (const l of this.layers) if (l instanceof Dropout) l.training = on;
  }

  /** The dropout layers, in order (their masks are keyed by the optimiser step). */
  dropouts(): Dropout[] {
    return this.layers.filter((l): l is Dropout => l instanceof Dropout);
  }

  /** Softmax probabilities `[batch, outputSize]` for a batch (a model-owned buffer). */
  predictProba(x: Matrix): Matrix {
    const logits = this.forward(x);
    return softmax(logits, resizeRows(this.probs, logits.rows));
  }

  params(): Param[] {
    return this.layers.flatMap((l) => l.params());
  }

  /** Total number of trainable values. */
  paramCount(): number {
    return this.params().reduce((n, p) => n + p.value.length, 0);
  }

  /** "784-128-10": the input width, then each Linear layer's output width. */
  architecture(): string {
    return architectureOf([this.inputSize, ...this.layers.filter((l): l is Linear => l instanceof Linear).map((l) => l.outFeatures)]);
  }

  /** The kernels each Linear layer's last forward ran on, in layer order. */
  kernelPaths(): KernelPath[] {
    return this.layers.filter((l): l is Linear => l instanceof Linear).map((l) => l.kernelPath);
  }

  /** Layer shapes and parameter counts, for the UI's model summary and the CLI. */
  summary(): LayerSummary[] {
    let width = this.inputSize;
    return this.layers.map((l) => {
      if (l instanceof Linear) {
        width = l.outFeatures;
        return linearSummary(l.inFeatures, l.outFeatures);
      }
      if (l instanceof Dropout) return dropoutSummary(l.p, width);
      return activationSummary(l.kind as Exclude<Layer['kind'], 'linear' | 'dropout'>, width);
    });
  }

  /** Copies every parameter value into one flat array (a checkpoint). */
  getWeights(): Float32Array {
    const params = this.params();
    const out = new Float32Array(params.reduce((n, p) => n + p.value.length, 0));
    let o = 0;
    for (const p of params) { out.set(p.value, o); o += p.value.length; }
    return out;
  }

  /** Restores a checkpoint made by `getWeights` of a model of the same shape. */
  setWeights(flat: Float32Array): void {
    const params = this.params();
    const total = params.reduce((n, p) => n + p.value.length, 0);
    if (flat.length !== total) throw new Error(`setWeights: got ${flat.length} values, the model has ${total} parameters`);
    let o = 0;
    for (const p of params) { p.value.set(flat.subarray(o, o + p.value.length)); o += p.value.length; }
  }
}
