import { type Matrix, assertShape, resizeRows, zeros } from './matrix';
import type { Layer, Param } from './layer';

/**
 * Element-wise activations. Each keeps its output Y for the backward pass, because every derivative
 * here is cheapest written in terms of Y:
 *   ReLU     Y = max(0, X)          dX = dY ⊙ [Y > 0]
 *   Sigmoid  Y = 1 / (1 + e^-X)     dX = dY ⊙ Y ⊙ (1 − Y)
 *   Tanh     Y = tanh(X)            dX = dY ⊙ (1 − Y²)
 */
abstract class Activation implements Layer {
  abstract readonly kind: 'relu' | 'sigmoid' | 'tanh';
  private readonly y: Matrix = zeros(0, 0);
  private readonly dX: Matrix = zeros(0, 0);

  protected abstract apply(x: Float32Array, y: Float32Array, n: number): void;
  protected abstract derive(y: Float32Array, dY: Float32Array, dX: Float32Array, n: number): void;

  forward(x: Matrix): Matrix {
    const y = this.y;
    y.cols = x.cols;
    resizeRows(y, x.rows);
    this.apply(x.data, y.data, x.rows * x.cols);
    return y;
  }

  backward(dY: Matrix, needInputGrad: boolean): Matrix | null {
    if (!needInputGrad) return null;
    const y = this.y;
    assertShape(`${this.kind} backward dY`, dY, y.rows, y.cols);
    const dX = this.dX;
    dX.cols = y.cols;
    resizeRows(dX, y.rows);
    this.derive(y.data, dY.data, dX.data, y.rows * y.cols);
    return dX;
  }

  params(): Param[] {
    return [];
  }
}

export class ReLU extends Activation {
  readonly kind = 'relu' as const;
  protected apply(x: Float32Array, y: Float32Array, n: number): void {
    // `x < 0 ? 0 : x` rather than `x > 0 ? x : 0` so that NaN propagates (as np.maximum does) and a
    // diverged run is seen as diverged instead of silently zeroed.
    for (let i = 0; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
  }
  protected derive(y: Float32Array, dY: Float32Array, dX: Float32Array, n: number): void {
    for (let i = 0; i < n; i++) dX[i] = y[i] > 0 ? dY[i] : 0;
  }
}

export class Sigmoid extends Activation {
  readonly kind = 'sigmoid' as const;
  protected apply(x: Float32Array, y: Float32Array, n: number): void {
    for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
  }
  protected derive(y: Float32Array, dY: Float32Array, dX: Float32Array, n: number): void {
    for (let i = 0; i < n; i++) dX[i] = dY[i] * y[i] * (1 - y[i]);
  }
}

export class Tanh extends Activation {
  readonly kind = 'tanh' as const;
  protected apply(x: Float32Array, y: Float32Array, n: number): void {
    for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
  }
  protected derive(y: Float32Array, dY: Float32Array, dX: Float32Array, n: number): void {
    for (let i = 0; i < n; i++) dX[i] = dY[i] * (1 - y[i] * y[i]);
  }
}

/** The hidden activations the engine builds; the settings module gives them their labels. */
export const ACTIVATION_NAMES = ['relu', 'sigmoid', 'tanh'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** The activation layer for a name, as used in model specs and the UI. */
export function activation(name: ActivationName): Layer {
  switch (name) {
    case 'relu': return new ReLU();
    case 'sigmoid': return new Sigmoid();
    case 'tanh': return new Tanh();
  }
}
