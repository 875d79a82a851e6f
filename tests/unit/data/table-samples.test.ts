import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMAGE_SIDE, PIXELS } from '../../../src/data/digits';
import { csvCell, reduceTo8x8 } from '../../../scripts/make-table-samples';
import { mnistSubset } from '../mnist';

/** A blank 28x28 image with `value` at each (x, y) given. */
function image(points: [number, number][], value = 255): Uint8Array {
  const px = new Uint8Array(PIXELS);
  for (const [x, y] of points) px[y * IMAGE_SIDE + x] = value;
  return px;
}

/** All (x, y) with x0 <= x < x1 and y0 <= y < y1. */
function rect(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pts.push([x, y]);
  return pts;
}

describe('reduceTo8x8 (optdigits: pad 28x28 to 32x32, binarise at 128, count 4x4 blocks)', () => {
  it('a blank image gives 64 zeros', () => {
    const out = reduceTo8x8(new Uint8Array(PIXELS));
    expect(out.length).toBe(64);
    expect([...out].every((v) => v === 0)).toBe(true);
  });

  it('a full-ink 4x4 block of the padded image gives 16, and only there', () => {
    // Padded block (row 1, col 1) is padded pixels 4..7, i.e. original pixels 2..5 on both axes.
    const out = reduceTo8x8(image(rect(2, 2, 6, 6)));
    expect(out[1 * 8 + 1]).toBe(16);
    expect(out.reduce((a, b) => a + b, 0)).toBe(16);
  });

  it('counts a known small image block by block', () => {
    // (0,0) is padded (2,2): block 0. (1,1) padded (3,3): block 0. (2,0) padded (4,2): block 1.
    // (27,27) padded (29,29): block 63. (13,14) padded (15,16): row 4, col 3 = block 35.
    const out = reduceTo8x8(image([[0, 0], [1, 1], [2, 0], [27, 27], [13, 14]]));
    const want = new Array(64).fill(0);
    want[0] = 2; want[1] = 1; want[63] = 1; want[35] = 1;
    expect([...out]).toEqual(want);
  });

  it('binarises at >= 128: 127 is off, 128 is on', () => {
    expect(reduceTo8x8(image(rect(0, 0, 28, 28), 127)).every((v) => v === 0)).toBe(true);
    const on = reduceTo8x8(image(rect(0, 0, 28, 28), 128));
    // With 2 blank pixels each side, full ink gives 16 inside, 8 on the edges and 4 in the corners.
    for (let by = 0; by < 8; by++) for (let bx = 0; bx < 8; bx++) {
      const edges = Number(by === 0 || by === 7) + Number(bx === 0 || bx === 7);
      expect(on[by * 8 + bx]).toBe(16 >> edges);
    }
  });

  it('reads the image at an offset, and every value of real MNIST digits is within 0..16', () => {
    const digits = mnistSubset(200);
    const total = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    for (let i = 0; i < digits.count; i++) {
      const one = digits.x.slice(i * PIXELS, (i + 1) * PIXELS);
      const out = reduceTo8x8(digits.x, i * PIXELS);
      expect(out).toEqual(reduceTo8x8(one));
      expect(out.every((v) => v >= 0 && v <= 16)).toBe(true);
      expect(total(out)).toBe(one.filter((v) => v >= 128).length); // padding only adds blank pixels
    }
  });

  it('refuses an offset with no whole image', () => {
    expect(() => reduceTo8x8(new Uint8Array(PIXELS), 1)).toThrow(RangeError);
  });
});

describe('csvCell (RFC 4180)', () => {
  it('leaves plain cells alone, empties nulls and quotes commas, quotes and line ends', () => {
    expect(csvCell('chevrolet chevelle malibu')).toBe('chevrolet chevelle malibu');
    expect(csvCell(null)).toBe('');
    expect(csvCell(39.1)).toBe('39.1');
    expect(csvCell('.')).toBe('.');
    expect(csvCell('ford, deluxe')).toBe('"ford, deluxe"');
    expect(csvCell('the "special"')).toBe('"the ""special"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

// The generated samples (npm install's postinstall, or `npm run data:tables`).
const dataDir = fileURLToPath(new URL('../../../public/data/', import.meta.url));
const samples = [
  { name: 'penguins.csv', rows: 344, header: 'Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex' },
  { name: 'cars.csv', rows: 406, header: 'Name,Cylinders,Displacement,Horsepower,Weight_in_lbs,Acceleration,Year,Origin,Miles_per_Gallon' },
  { name: 'seattle-weather.csv', rows: 1461, header: 'date,precipitation,temp_max,temp_min,wind,weather' },
  { name: 'digits-8x8.csv', rows: 6000, header: [...Array.from({ length: 64 }, (_, i) => `pixel${i}`), 'label'].join(',') },
  { name: 'digits-8x8-test.csv', rows: 1000, header: [...Array.from({ length: 64 }, (_, i) => `pixel${i}`), 'label'].join(',') },
];
const missing = samples.filter((s) => !existsSync(dataDir + s.name)).map((s) => s.name);
// Locally the check is skipped when the files were never built; in CI (after npm ci) a missing file is a failure.
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`table-samples.test: skipping the generated-file checks, public/data lacks ${missing.join(', ')} (run \`npm run data:tables\`)`);

describe.skipIf(skip)('the generated table samples in public/data', () => {
  for (const s of samples) {
    it(`${s.name}: header and ${s.rows} rows`, () => {
      const text = readFileSync(dataDir + s.name, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n'); // none of these files has a quoted line end
      expect(lines[0]).toBe(s.header);
      expect(lines.length - 1).toBe(s.rows);
    });
  }

  it('digits-8x8.csv starts with the first MNIST training digit, reduced', () => {
    const first = readFileSync(dataDir + 'digits-8x8.csv', 'utf8').split('\n')[1];
    const digit = mnistSubset(1);
    expect(first).toBe([...reduceTo8x8(digit.x), digit.y?.[0]].join(','));
  });
});
