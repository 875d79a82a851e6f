import type { Matrix } from './matrix';

/** A trainable tensor and its gradient, both flat; `shape` is `[rows, cols]` or `[length]`. */
export interface Param {
  name: string;
  shape: number[];
  value: Float32Array;
  grad: Float32Array;
}

/**
 * One step of a sequential network, with forward and backward side by side (as in convnetjs).
 *
 * `forward` returns a buffer owned by the layer, valid until its next call; it may keep a reference to
 * its input for `backward`. `backward(dOut)` writes the parameter gradients (overwriting, not
 * accumulating: one backward per step) and returns dL/dInput, or null when `needInputGrad` is false
 * (the first layer: nobody needs dL/dX of the pixels, and skipping it saves a 784-wide matmul).
 */
export interface Layer {
  readonly kind: 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'dropout';
  forward(x: Matrix): Matrix;
  backward(dOut: Matrix, needInputGrad: boolean): Matrix | null;
  params(): Param[];
}
