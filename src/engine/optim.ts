import type { Param } from './layer';

/** The optimisers the engine runs; the settings module gives them their labels. */
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface OptimizerOptions {
  /** Learning rate η; may be changed between steps (between epochs in the UI). */
  lr: number;
  /** L2 weight decay λ: adds λ·W to the gradient of every weight matrix (not biases). */
  weightDecay?: number;
  /** Momentum μ for 'momentum' (default 0.9). */
  momentum?: number;
  /** Adam's β1, β2, ε (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/**
 * Updates parameters from their gradients (PyTorch `torch.optim`). Gradients are read, never changed.
 *   SGD        w ← w − η (g + λw)
 *   Momentum   v ← μ v + (g + λw);   w ← w − η v                       (PyTorch's form)
 *   Adam       m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;
 *              w ← w − η m̂ / (√v̂ + ε),  m̂ = m / (1−β1ᵗ), v̂ = v / (1−β2ᵗ)   (Kingma & Ba 2015)
 * with g + λw in place of g for weights when weight decay λ > 0.
 */
export class Optimizer {
  lr: number;
  readonly weightDecay: number;
  private readonly state: Float32Array[][];
  private t = 0;

  constructor(readonly name: OptimizerName, private readonly params: Param[], options: OptimizerOptions) {
    if (!(options.lr > 0) || !Number.isFinite(options.lr)) throw new Error(`Optimizer: learning rate must be a positive number, got ${options.lr}`);
    this.lr = options.lr;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.weightDecay >= 0)) throw new Error(`Optimizer: weight decay must be >= 0, got ${this.weightDecay}`);
    this.momentum = options.momentum ?? 0.9;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    const slots = name === 'sgd' ? 0 : name === 'momentum' ? 1 : 2;
    this.state = params.map((p) => Array.from({ length: slots }, () => new Float32Array(p.value.length)));
  }

  private readonly momentum: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  /** Updates applied so far (Adam's t). */
  get steps(): number {
    return this.t;
  }

  /** Applies one update to every parameter. */
  step(): void {
    this.t++;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      const decay = p.shape.length === 2 ? this.weightDecay : 0;
      switch (this.name) {
        case 'sgd': this.sgd(p, decay); break;
        case 'momentum': this.momentumStep(p, decay, this.state[k][0]); break;
        case 'adam': this.adam(p, decay, this.state[k][0], this.state[k][1]); break;
      }
    }
  }

  private sgd(p: Param, decay: number): void {
    const w = p.value, g = p.grad, lr = this.lr, n = w.length;
    if (decay === 0) for (let i = 0; i < n; i++) w[i] -= lr * g[i];
    else for (let i = 0; i < n; i++) w[i] -= lr * (g[i] + decay * w[i]);
  }

  private momentumStep(p: Param, decay: number, v: Float32Array): void {
    const w = p.value, g = p.grad, lr = this.lr, mu = this.momentum, n = w.length;
    for (let i = 0; i < n; i++) {
      const vi = mu * v[i] + g[i] + decay * w[i];
      v[i] = vi;
      w[i] -= lr * vi;
    }
  }

  private adam(p: Param, decay: number, m: Float32Array, v: Float32Array): void {
    const w = p.value, g = p.grad, n = w.length, b1 = this.beta1, b2 = this.beta2, eps = this.eps;
    // Fold the bias corrections into the step size: η·√(1−β2ᵗ)/(1−β1ᵗ), the paper's efficient form.
    const stepSize = (this.lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    const epsHat = eps * Math.sqrt(1 - b2 ** this.t);
    for (let i = 0; i < n; i++) {
      const gi = g[i] + decay * w[i];
      const mi = b1 * m[i] + (1 - b1) * gi;
      const vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] -= (stepSize * mi) / (Math.sqrt(vi) + epsHat);
    }
  }
}
