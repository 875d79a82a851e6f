import { describe, expect, it } from 'vitest';
import { IMAGE_SIDE, PIXELS } from '../../../src/data/digits';
import { type InkImage, preprocessDrawing } from '../../../src/data/preprocess';

const PAD = 280;
const blank = (size = PAD): InkImage => ({ width: size, height: size, ink: new Float32Array(size * size) });
function fillRect(img: InkImage, x0: number, y0: number, w: number, h: number): InkImage {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) img.ink[y * img.width + x] = 1;
  return img;
}
const rows = (out: Uint8Array) => Array.from({ length: IMAGE_SIDE }, (_, y) => out.subarray(y * IMAGE_SIDE, (y + 1) * IMAGE_SIDE));
const inkedRows = (out: Uint8Array) => rows(out).filter((r) => r.some((v) => v > 0)).length;
const inkedCols = (out: Uint8Array) => Array.from({ length: IMAGE_SIDE }, (_, x) => rows(out).some((r) => r[x] > 0)).filter(Boolean).length;

describe('drawing → 28x28 MNIST-style input', () => {
  it('an empty pad gives no input', () => {
    expect(preprocessDrawing(blank())).toBeNull();
  });

  it('the same drawing at two positions gives the same input', () => {
    const a = preprocessDrawing(fillRect(fillRect(blank(), 40, 30, 20, 120), 60, 30, 60, 20))!;
    const b = preprocessDrawing(fillRect(fillRect(blank(), 150, 120, 20, 120), 170, 120, 60, 20))!;
    expect(a).toEqual(b);
  });

  it('a single dot lands at the centre', () => {
    const out = preprocessDrawing(fillRect(blank(), 17, 203, 12, 12))!;
    const inked = Array.from(out).map((v, i) => [v, i] as const).filter(([v]) => v > 0).map(([, i]) => [Math.floor(i / IMAGE_SIDE), i % IMAGE_SIDE]);
    const cy = inked.reduce((s, [y]) => s + y, 0) / inked.length;
    const cx = inked.reduce((s, [, x]) => s + x, 0) / inked.length;
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
  });

  it('a tall thin stroke becomes 20 pixels tall, kept thin, area-averaged to grey', () => {
    const out = preprocessDrawing(fillRect(blank(), 130, 20, 16, 240))!;
    expect(inkedRows(out)).toBe(20);
    expect(inkedCols(out)).toBeLessThanOrEqual(3);
    expect(out.length).toBe(PIXELS);
    expect(Math.max(...out)).toBe(255);
  });

  it('a wide stroke becomes 20 pixels wide', () => {
    expect(inkedCols(preprocessDrawing(fillRect(blank(), 10, 100, 250, 18))!)).toBe(20);
  });
});
