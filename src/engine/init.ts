import type { Linear } from './linear';
import type { Rng } from './rng';

export type InitName = 'he' | 'xavier';

/** The initialiser a layer gets: the one asked for, else He for ReLU and Xavier for sigmoid and tanh. */
export const initOf = (activation: string, init?: InitName): InitName => init ?? (activation === 'relu' ? 'he' : 'xavier');

/**
 * Fills a Linear layer's weights from N(0, σ²) and zeroes its bias:
 *   He (Kaiming) normal:       σ = √(2 / fan_in)              for ReLU (He et al. 2015)
 *   Xavier (Glorot) normal:    σ = √(2 / (fan_in + fan_out))  for sigmoid / tanh (Glorot & Bengio 2010)
 * Values are drawn in row-major order of W, so a seed fixes every weight.
 */
export function initLinear(layer: Linear, scheme: InitName, rng: Rng): void {
  const fanIn = layer.inFeatures, fanOut = layer.outFeatures;
  const sigma = scheme === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
  const W = layer.W.data;
  for (let i = 0; i < fanIn * fanOut; i++) W[i] = rng.normal() * sigma;
  layer.b.fill(0);
}
