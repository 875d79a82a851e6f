/**
 * Colours of the decision map's page side, DOM-free. The worker paints the map itself (its class and
 * value colours come with it); the page paints the neuron maps from their bytes and colours points.
 */

/** Positive activations blue, negative orange, 0 white (TensorFlow Playground's pair, kept apart for colour-blind eyes). */
const POSITIVE: [number, number, number] = [33, 102, 172];
const NEGATIVE: [number, number, number] = [230, 97, 1];

/** A neuron map's bytes (128 + 127·a/max|a|, `cells` of them from `offset`) as RGBA: white at 0, deeper with |a|. */
export function neuronRgba(values: Uint8Array, offset: number, cells: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const t = (values[offset + i] - 128) / 127, c = t >= 0 ? POSITIVE : NEGATIVE, m = Math.min(1, Math.abs(t));
    out[i * 4] = 255 + (c[0] - 255) * m;
    out[i * 4 + 1] = 255 + (c[1] - 255) * m;
    out[i * 4 + 2] = 255 + (c[2] - 255) * m;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The colour of value v on a scale of stops from lo to hi (hex), linearly between neighbours. */
export function scaleColor(colors: string[], lo: number, hi: number, v: number): string {
  const t = Math.max(0, Math.min(1, (v - lo) / (hi - lo || 1))) * (colors.length - 1);
  const i = Math.min(colors.length - 2, Math.floor(t)), f = t - i;
  const a = hex(colors[i]), b = hex(colors[i + 1]);
  return `rgb(${a.map((x, k) => Math.round(x + (b[k] - x) * f)).join(', ')})`;
}

const hex = (h: string) => [1, 3, 5].map((o) => parseInt(h.slice(o, o + 2), 16));
