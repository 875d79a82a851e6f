import { describe, expect, it } from 'vitest';
import {
  AUGMENT_LIMITS, Augmenter, NO_AUGMENT, type AugmentSpec, drawNoise, elasticField, gaussianKernel, isAugmenting,
  shiftImage, warpImage,
} from '../../../src/data/augment';
import { IMAGE_SIDE as S, PIXELS } from '../../../src/data/digits';
import { Rng } from '../../../src/engine/rng';
import { mnistSubset } from '../mnist';
import { settingError } from '../../../src/train/settings';

/** The first `count` MNIST digits as plain bytes (the loader gives a Node Buffer, which toEqual tells apart). */
const digits = (count: number): Uint8Array => new Uint8Array(mnistSubset(count).x);

const spec = (part: Partial<AugmentSpec>): AugmentSpec => ({ ...NO_AUGMENT, ...part });
const identity = { dx: 0, dy: 0, angleRad: 0, scaleFactor: 1 };

/** A digit-like "0": an anti-aliased ring of radius 5, stroke half-width 1.5, centred at (cx, cy). */
function ring(cx: number, cy: number): Uint8Array {
  const img = new Uint8Array(PIXELS);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const d = Math.abs(Math.hypot(x - cx, y - cy) - 5);
    img[y * S + x] = Math.round(255 * Math.max(0, Math.min(1, 2 - d)));
  }
  return img;
}

/** An isotropic Gaussian blob of std `sd` centred at (cx, cy), peak 255. */
function blob(cx: number, cy: number, sd: number): Uint8Array {
  const img = new Uint8Array(PIXELS);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    img[y * S + x] = Math.round(255 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sd * sd)));
  }
  return img;
}

/** Total intensity, centre of mass (Σ w·x / Σ w, Σ w·y / Σ w) and second moment Σ w·|p − m|² / Σ w. */
function moments(img: Uint8Array, off = 0): { mass: number; mx: number; my: number; m2: number } {
  let mass = 0, sx = 0, sy = 0;
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const w = img[off + y * S + x];
    mass += w;
    sx += w * x;
    sy += w * y;
  }
  const mx = sx / mass, my = sy / mass;
  let m2 = 0;
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) m2 += img[off + y * S + x] * ((x - mx) ** 2 + (y - my) ** 2);
  return { mass, mx, my, m2: m2 / mass };
}

const uniformNoise = (rng: Rng): Float32Array => drawNoise(rng, new Float32Array(PIXELS));

/** Pearson correlation of a(x, y) with a(x + ox, y + oy) over all pairs inside the image. */
function neighbourCorrelation(a: Float32Array, ox: number, oy: number): number {
  const u: number[] = [], v: number[] = [];
  for (let y = 0; y + oy < S; y++) for (let x = 0; x + ox < S; x++) {
    u.push(a[y * S + x]);
    v.push(a[(y + oy) * S + x + ox]);
  }
  const mean = (w: number[]) => w.reduce((s, t) => s + t, 0) / w.length;
  const mu = mean(u), mv = mean(v);
  let cuv = 0, cuu = 0, cvv = 0;
  for (let i = 0; i < u.length; i++) {
    cuv += (u[i] - mu) * (v[i] - mv);
    cuu += (u[i] - mu) ** 2;
    cvv += (v[i] - mv) ** 2;
  }
  return cuv / Math.sqrt(cuu * cvv);
}

describe('shift', () => {
  it('shiftImage moves every byte by (dx, dy), so the centre of mass moves by exactly (dx, dy)', () => {
    const src = ring(13, 14);
    const before = moments(src);
    const out = new Uint8Array(PIXELS);
    for (const [dx, dy] of [[3, 0], [0, -3], [-2, 4], [4, 4], [-4, -3]]) {
      shiftImage(src, 0, out, 0, dx, dy);
      for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
        const inside = x - dx >= 0 && x - dx < S && y - dy >= 0 && y - dy < S;
        expect(out[y * S + x]).toBe(inside ? src[(y - dy) * S + x - dx] : 0);
      }
      const after = moments(out);
      expect(after.mass).toBe(before.mass);
      expect(after.mx - before.mx).toBeCloseTo(dx, 10);
      expect(after.my - before.my).toBeCloseTo(dy, 10);
    }
  });

  it('shiftImage drops what leaves the image and zero-fills what enters, at any offsets', () => {
    const src = new Uint8Array(3 * PIXELS).fill(200);
    const out = new Uint8Array(2 * PIXELS).fill(7);
    shiftImage(src, PIXELS, out, PIXELS, 30, 0);
    expect(out.subarray(PIXELS).every((v) => v === 0)).toBe(true);
    expect(out.subarray(0, PIXELS).every((v) => v === 7)).toBe(true);
    shiftImage(src, PIXELS, out, 0, -2, 1);
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) expect(out[y * S + x]).toBe(y >= 1 && x < S - 2 ? 200 : 0);
  });

  it('an Augmenter with a shift moves the centre of mass by whole pixels in −k..k, both ways', () => {
    const k = 3;
    const blobs = [ring(13.5, 13.5), ring(12, 15), ring(15, 12)];
    const pixels = new Uint8Array(blobs.length * PIXELS);
    blobs.forEach((b, i) => pixels.set(b, i * PIXELS));
    const centres = blobs.map((b) => moments(b));
    const n = 300;
    const order = Int32Array.from({ length: n }, (_, i) => i % blobs.length);
    const out = new Uint8Array(n * PIXELS);
    new Augmenter(spec({ shift: k }), 11).augmentRows(pixels, order, 0, n, out);
    const seenX = new Set<number>(), seenY = new Set<number>();
    for (let r = 0; r < n; r++) {
      const before = centres[order[r]], after = moments(out, r * PIXELS);
      const ddx = after.mx - before.mx, ddy = after.my - before.my;
      expect(Math.abs(ddx - Math.round(ddx))).toBeLessThan(1e-9);
      expect(Math.abs(ddy - Math.round(ddy))).toBeLessThan(1e-9);
      seenX.add(Math.round(ddx));
      seenY.add(Math.round(ddy));
    }
    // All 2k + 1 offsets turn up on each axis in 300 draws, and nothing outside them.
    const all = [-3, -2, -1, 0, 1, 2, 3];
    expect([...seenX].sort((a, b) => a - b)).toEqual(all);
    expect([...seenY].sort((a, b) => a - b)).toEqual(all);
  });

  it('draws dx then dy as rng.int(2k + 1) − k and takes the exact shiftImage path', () => {
    const pixels = digits(20);
    const order = Int32Array.from({ length: 20 }, (_, i) => 19 - i);
    const out = new Uint8Array(20 * PIXELS);
    new Augmenter(spec({ shift: 2 }), 5).augmentRows(pixels, order, 0, 20, out);
    const rng = new Rng(5);
    const expected = new Uint8Array(PIXELS);
    for (let r = 0; r < 20; r++) {
      const dx = rng.int(5) - 2, dy = rng.int(5) - 2;
      shiftImage(pixels, order[r] * PIXELS, expected, 0, dx, dy);
      expect(out.subarray(r * PIXELS, (r + 1) * PIXELS)).toEqual(expected);
    }
  });
});

describe('identities', () => {
  const pixels = digits(10);

  it('warpImage with angle 0, scale 1 and no shift returns the input exactly', () => {
    const out = new Uint8Array(PIXELS);
    for (let i = 0; i < 10; i++) {
      warpImage(pixels, i * PIXELS, out, 0, identity);
      expect(out).toEqual(pixels.subarray(i * PIXELS, (i + 1) * PIXELS));
    }
  });

  it('warpImage with a whole-pixel translation only equals shiftImage byte for byte', () => {
    const viaWarp = new Uint8Array(PIXELS), viaShift = new Uint8Array(PIXELS);
    for (const [dx, dy] of [[1, 0], [0, 1], [-3, 2], [5, -5], [-8, -8], [27, 0], [0, -28]]) {
      for (let i = 0; i < 3; i++) {
        warpImage(pixels, i * PIXELS, viaWarp, 0, { ...identity, dx, dy });
        shiftImage(pixels, i * PIXELS, viaShift, 0, dx, dy);
        expect(viaWarp).toEqual(viaShift);
      }
    }
  });

  it('NO_AUGMENT is not augmenting, and an Augmenter with it copies bytes exactly', () => {
    expect(isAugmenting(NO_AUGMENT)).toBe(false);
    expect(isAugmenting(spec({ elasticSigma: 8 }))).toBe(false);
    for (const part of [{ shift: 1 }, { rotation: 5 }, { scale: 10 }, { elasticAlpha: 8 }]) expect(isAugmenting(spec(part))).toBe(true);
    const order = [3, 1, 4, 1, 5, 9, 2, 6];
    const out = new Uint8Array(order.length * PIXELS);
    new Augmenter(NO_AUGMENT, 1).augmentRows(pixels, order, 0, order.length, out);
    order.forEach((i, r) => expect(out.subarray(r * PIXELS, (r + 1) * PIXELS)).toEqual(pixels.subarray(i * PIXELS, (i + 1) * PIXELS)));
  });

  it('an elastic field with α = 0 is all zeros and warping with it is the identity', () => {
    const noise = uniformNoise(new Rng(3));
    const fx = elasticField(noise, gaussianKernel(4), 0, new Float32Array(PIXELS).fill(9), new Float32Array(PIXELS));
    const fy = elasticField(noise, gaussianKernel(4), 0, new Float32Array(PIXELS).fill(9), new Float32Array(PIXELS));
    expect(fx).toEqual(new Float32Array(PIXELS));
    const out = new Uint8Array(PIXELS);
    warpImage(pixels, 0, out, 0, { ...identity, fieldX: fx, fieldY: fy });
    expect(out).toEqual(pixels.subarray(0, PIXELS));
  });
});

describe('rotation and scale', () => {
  // Convention: x right, y down, c = (13.5, 13.5); θ > 0 turns the digit clockwise on screen. At 90°
  // the source pixel (x, y) lands at (27 − y, x): right of the centre goes below it.
  it('rotating by 90° sends pixel (x, y) to (27 − y, x), and −90° sends it back', () => {
    const dot = new Uint8Array(PIXELS);
    dot[5 * S + 20] = 255;
    const out = new Uint8Array(PIXELS);
    warpImage(dot, 0, out, 0, { ...identity, angleRad: Math.PI / 2 });
    expect(out[20 * S + 22]).toBe(255);
    expect(out.reduce((s, v) => s + v, 0)).toBe(255);

    const rng = new Rng(9);
    const src = Uint8Array.from({ length: PIXELS }, () => rng.int(256));
    warpImage(src, 0, out, 0, { ...identity, angleRad: Math.PI / 2 });
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) expect(out[x * S + (27 - y)]).toBe(src[y * S + x]);
    const back = new Uint8Array(PIXELS);
    warpImage(out, 0, back, 0, { ...identity, angleRad: -Math.PI / 2 });
    expect(back).toEqual(src);
  });

  it('scaling up by 20% spreads a centred blob: its second moment grows by about 1.2²', () => {
    const src = blob(13.5, 13.5, 3);
    const out = new Uint8Array(PIXELS);
    warpImage(src, 0, out, 0, { ...identity, scaleFactor: 1.2 });
    const before = moments(src), after = moments(out);
    expect(after.m2 / before.m2).toBeGreaterThan(1.44 * 0.97);
    expect(after.m2 / before.m2).toBeLessThan(1.44 * 1.03);
    // Mass scales with area, and the centre stays put.
    expect(after.mass / before.mass).toBeCloseTo(1.44, 1);
    expect(after.mx).toBeCloseTo(13.5, 2);
    expect(after.my).toBeCloseTo(13.5, 2);
  });

  it('draws angle then scale after the shift, and warps with them', () => {
    const pixels = digits(8);
    const order = [0, 1, 2, 3, 4, 5, 6, 7];
    const out = new Uint8Array(8 * PIXELS);
    new Augmenter(spec({ shift: 1, rotation: 15, scale: 10 }), 21).augmentRows(pixels, order, 0, 8, out);
    const rng = new Rng(21);
    const expected = new Uint8Array(PIXELS);
    for (let r = 0; r < 8; r++) {
      const dx = rng.int(3) - 1, dy = rng.int(3) - 1;
      const angleRad = ((2 * rng.random() - 1) * 15 * Math.PI) / 180;
      const scaleFactor = 1 + ((2 * rng.random() - 1) * 10) / 100;
      warpImage(pixels, r * PIXELS, expected, 0, { dx, dy, angleRad, scaleFactor });
      expect(out.subarray(r * PIXELS, (r + 1) * PIXELS)).toEqual(expected);
    }
  });
});

describe('elastic distortion', () => {
  it('the Gaussian kernel has radius ceil(3σ) and sums to 1', () => {
    for (const sigma of [0.5, 1, 4, 6.3]) {
      const g = gaussianKernel(sigma);
      expect(g.length).toBe(2 * Math.ceil(3 * sigma) + 1);
      expect(g.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      expect(g[(g.length - 1) / 2]).toBe(Math.max(...g));
    }
  });

  it('the field is smooth: neighbouring displacements are strongly correlated, the raw noise is not', () => {
    const rng = new Rng(17), kernel = gaussianKernel(4), tmp = new Float32Array(PIXELS);
    for (let t = 0; t < 4; t++) {
      const noise = uniformNoise(rng);
      const field = elasticField(noise, kernel, 34, new Float32Array(PIXELS), tmp);
      expect(Math.abs(neighbourCorrelation(noise, 1, 0))).toBeLessThan(0.2);
      expect(neighbourCorrelation(field, 1, 0)).toBeGreaterThan(0.9);
      expect(neighbourCorrelation(field, 0, 1)).toBeGreaterThan(0.9);
      const rms = Math.sqrt(field.reduce((s, v) => s + v * v, 0) / PIXELS);
      expect(rms).toBeGreaterThan(0.2);
      expect(rms).toBeLessThan(5);
    }
  });

  it('drawNoise is uniform in [−1, 1)', () => {
    const noise = drawNoise(new Rng(4), new Float32Array(20000));
    let sum = 0, sq = 0;
    for (const v of noise) {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThan(1);
      sum += v;
      sq += v * v;
    }
    expect(sum / noise.length).toBeCloseTo(0, 1);
    expect(sq / noise.length).toBeCloseTo(1 / 3, 1);
  });

  it('draws the x noise then the y noise after the affine draws, and warps with their fields', () => {
    const pixels = digits(4);
    const out = new Uint8Array(4 * PIXELS);
    new Augmenter(spec({ rotation: 5, elasticAlpha: 10, elasticSigma: 3 }), 8).augmentRows(pixels, [0, 1, 2, 3], 0, 4, out);
    const rng = new Rng(8), kernel = gaussianKernel(3), tmp = new Float32Array(PIXELS);
    const fieldX = new Float32Array(PIXELS), fieldY = new Float32Array(PIXELS), expected = new Uint8Array(PIXELS);
    for (let r = 0; r < 4; r++) {
      const angleRad = ((2 * rng.random() - 1) * 5 * Math.PI) / 180;
      elasticField(uniformNoise(rng), kernel, 10, fieldX, tmp);
      elasticField(uniformNoise(rng), kernel, 10, fieldY, tmp);
      warpImage(pixels, r * PIXELS, expected, 0, { dx: 0, dy: 0, angleRad, scaleFactor: 1, fieldX, fieldY });
      expect(out.subarray(r * PIXELS, (r + 1) * PIXELS)).toEqual(expected);
    }
  });

  it('α > 0 changes the image but keeps its total intensity within a loose bound', () => {
    const pixels = digits(50);
    const order = Int32Array.from({ length: 50 }, (_, i) => i);
    const out = new Uint8Array(50 * PIXELS);
    new Augmenter(spec({ elasticAlpha: 34, elasticSigma: 4 }), 2).augmentRows(pixels, order, 0, 50, out);
    // A smooth field stretches some strokes and squeezes others (mass follows the warp's Jacobian), so
    // one image may gain or lose a fair share; over the batch the gains and losses cancel.
    let changed = 0, ratioSum = 0;
    for (let r = 0; r < 50; r++) {
      const a = out.subarray(r * PIXELS, (r + 1) * PIXELS), b = pixels.subarray(r * PIXELS, (r + 1) * PIXELS);
      let diff = 0;
      for (let i = 0; i < PIXELS; i++) diff += Math.abs(a[i] - b[i]);
      if (diff > 0.1 * moments(b).mass) changed++;
      const ratio = moments(a).mass / moments(b).mass;
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(1.6);
      ratioSum += ratio;
    }
    expect(changed).toBe(50);
    expect(ratioSum / 50).toBeGreaterThan(0.9);
    expect(ratioSum / 50).toBeLessThan(1.1);
  });
});

describe('Augmenter', () => {
  const pixels = digits(40);
  const full = spec({ shift: 2, rotation: 10, scale: 10, elasticAlpha: 20, elasticSigma: 4 });
  const order = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 40);
  const run = (seed: number) => {
    const out = new Uint8Array(32 * PIXELS);
    new Augmenter(full, seed).augmentRows(pixels, order, 4, 36, out);
    return out;
  };

  it('the same seed gives the same batch, a different seed a different one', () => {
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
  });

  it('writes from outOffset and nothing else, and refuses an output that is too small', () => {
    const out = new Uint8Array(5 * PIXELS).fill(77);
    new Augmenter(full, 1).augmentRows(pixels, order, 0, 3, out, 2 * PIXELS);
    expect(out.subarray(0, 2 * PIXELS).every((v) => v === 77)).toBe(true);
    expect(out.subarray(2 * PIXELS).some((v) => v !== 77)).toBe(true);
    expect(() => new Augmenter(full, 1).augmentRows(pixels, order, 0, 4, out, 2 * PIXELS)).toThrow('Augmenter: output holds');
  });

  it('refuses bad specs with a message that names the field', () => {
    const L = AUGMENT_LIMITS;
    const bad: [Partial<AugmentSpec>, string][] = [
      [{ shift: 1.5 }, 'shift'], [{ shift: -1 }, 'shift'], [{ shift: L.maxShift + 1 }, 'shift'],
      [{ rotation: -1 }, 'rotation'], [{ rotation: L.maxRotation + 1 }, 'rotation'], [{ rotation: NaN }, 'rotation'],
      [{ scale: -0.5 }, 'scale'], [{ scale: L.maxScale + 1 }, 'scale'],
      [{ elasticAlpha: -1 }, 'elasticAlpha'], [{ elasticAlpha: L.maxElasticAlpha + 1 }, 'elasticAlpha'],
      [{ elasticAlpha: 10, elasticSigma: 0 }, 'elasticSigma'], [{ elasticAlpha: 10, elasticSigma: L.minElasticSigma - 0.1 }, 'elasticSigma'],
      [{ elasticAlpha: 10, elasticSigma: L.maxElasticSigma + 1 }, 'elasticSigma'],
    ];
    for (const [part, field] of bad) expect(() => new Augmenter(spec(part), 1), JSON.stringify(part)).toThrow(`Augmentation ${field} must`);
    // The settings rules read the same limits: what the Augmenter refuses, the form refuses too.
    expect(settingError('elasticSigma', L.minElasticSigma - 0.1)).toBe(`Elastic σ must be at least ${L.minElasticSigma}.`);
    expect(settingError('elasticSigma', L.minElasticSigma)).toBeNull();
    // σ is ignored without α, and the limits themselves are allowed.
    expect(() => new Augmenter(spec({ elasticSigma: 0 }), 1)).not.toThrow();
    const edge = { shift: L.maxShift, rotation: L.maxRotation, scale: L.maxScale, elasticAlpha: L.maxElasticAlpha, elasticSigma: L.maxElasticSigma };
    expect(() => new Augmenter(edge, 1)).not.toThrow();
  });
});
