import { describe, expect, it } from 'vitest';
import { CsvError, DigitCsvParser, parseDigitCsv } from '../../../src/data/csv';
import { PIXELS } from '../../../src/data/digits';

const header = (labeled: boolean) => (labeled ? ['label'] : []).concat(Array.from({ length: PIXELS }, (_, i) => `pixel${i}`)).join(',');
/** A row whose pixels are (seed + i) mod 256. */
const row = (label: number | null, seed: number) => (label === null ? [] : [label]).concat(Array.from({ length: PIXELS }, (_, i) => (seed + i) % 256)).join(',');

function csv(lines: string[], eol = '\n', finalNewline = true): string {
  return lines.join(eol) + (finalNewline ? eol : '');
}

function errorOf(name: string, text: string): CsvError {
  try {
    parseDigitCsv(name, text);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('Kaggle CSV parsing: accepted layouts', () => {
  const variants: [string, string][] = [
    ['header, LF, final newline', csv([header(true), row(3, 0), row(7, 5)])],
    ['no header', csv([row(3, 0), row(7, 5)])],
    ['CRLF', csv([header(true), row(3, 0), row(7, 5)], '\r\n')],
    ['no final newline', csv([header(true), row(3, 0), row(7, 5)], '\n', false)],
    ['UTF-8 BOM', '\uFEFF' + csv([header(true), row(3, 0), row(7, 5)])],
    ['CRLF without final newline and BOM', '\uFEFF' + csv([header(true), row(3, 0), row(7, 5)], '\r\n', false)],
  ];
  for (const [what, text] of variants) {
    it(`labeled train file: ${what}`, () => {
      const ds = parseDigitCsv('train.csv', text);
      expect(ds.count).toBe(2);
      expect(Array.from(ds.y!)).toEqual([3, 7]);
      expect(ds.x.length).toBe(2 * PIXELS);
      expect(ds.x[0]).toBe(0);
      expect(ds.x[PIXELS + 783]).toBe((5 + 783) % 256);
    });
  }

  it('unlabeled test file (784 columns) keeps no labels', () => {
    const ds = parseDigitCsv('test.csv', csv([header(false), row(null, 1), row(null, 2), row(null, 3)]));
    expect(ds.count).toBe(3);
    expect(ds.y).toBeNull();
    expect(ds.x[2 * PIXELS]).toBe(3);
  });

  it('gives the same bytes whatever the chunk boundaries', () => {
    const text = csv([header(true), row(1, 9), row(2, 8), row(9, 7)], '\r\n');
    const whole = parseDigitCsv('a.csv', text);
    for (const size of [1, 7, 100, 3000]) {
      const p = new DigitCsvParser('a.csv');
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      const ds = p.finish();
      expect(ds.x).toEqual(whole.x);
      expect(ds.y).toEqual(whole.y);
    }
  });
});

describe('Kaggle CSV parsing: every bad file gets a sentence with file, line, column and value', () => {
  it('an empty file', () => {
    expect(errorOf('e.csv', '').message).toBe('Could not load "e.csv": line 1: the file is empty.');
  });

  it('a header with no rows', () => {
    expect(errorOf('h.csv', header(true) + '\n').message).toBe('Could not load "h.csv": line 1: there is a header but no data rows.');
  });

  it('a row with the wrong number of columns', () => {
    const e = errorOf('c.csv', csv([header(true), row(1, 0), '1,2,3']));
    expect(e.problems).toEqual([{ line: 3, column: undefined, message: '3 columns, but the file has 785' }]);
    expect(e.message).toBe('Could not load "c.csv": line 3: 3 columns, but the file has 785.');
  });

  it('a first row that is neither 785 nor 784 columns wide', () => {
    expect(errorOf('w.csv', 'a,b,c\n1,2,3\n').message).toContain('line 1: 3 columns; expected 785 (label + 784 pixels, a train file) or 784');
  });

  it('cells that are not numbers: text, NaN, empty', () => {
    const bad = (cell: string, col: number) => row(1, 0).split(',').map((v, i) => (i === col ? cell : v)).join(',');
    const e = errorOf('n.csv', csv([header(true), bad('abc', 5), bad('NaN', 6), bad('', 7)]));
    expect(e.problems).toEqual([
      { line: 2, column: 6, message: 'pixel column holds "abc", which is not a number' },
      { line: 3, column: 7, message: 'pixel column holds "NaN", which is not a number' },
      { line: 4, column: 8, message: 'pixel column is empty' },
    ]);
    expect(e.message).toBe('Could not load "n.csv" (3 problems): line 2, column 6: pixel column holds "abc", which is not a number; ' +
      'line 3, column 7: pixel column holds "NaN", which is not a number; line 4, column 8: pixel column is empty.');
  });

  it('a label that is not an integer 0-9', () => {
    for (const [label, phrase] of [['10', 'holds label "10"'], ['-1', 'holds label "-1"'], ['2.5', 'holds label "2.5"'], ['x', 'holds "x", which is not a number']]) {
      const e = errorOf('l.csv', csv([header(true), row(1, 0).replace(/^1,/, `${label},`)]));
      expect(e.problems[0]).toEqual({ line: 2, column: 1, message: expect.stringContaining(`label column ${phrase}`) });
    }
  });

  it('a pixel outside 0-255 or not whole', () => {
    const cells = row(1, 0).split(',');
    cells[100] = '256';
    cells[200] = '-3';
    const e = errorOf('p.csv', csv([header(true), cells.join(','), row(1, 0).replace(/,0,/, ',12.5,')]));
    expect(e.problems).toEqual([
      { line: 2, column: 101, message: 'pixel column holds pixel "256", outside 0-255' },
      { line: 3, column: 2, message: 'pixel column holds pixel "12.5"; pixels must be whole numbers 0-255' },
    ]);
  });

  it('a binary file renamed .csv', () => {
    const png = String.fromCharCode(0x89) + 'PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x1c';
    expect(errorOf('digit.csv', png).message).toBe('Could not load "digit.csv": line 1: this is not a text file (it looks like binary data, e.g. an image renamed to .csv); expected a CSV of numbers.');
  });

  it('a file separated by semicolons or tabs', () => {
    expect(errorOf('s.csv', row(1, 0).replace(/,/g, ';') + '\n').message).toBe('Could not load "s.csv": line 1: values are separated by semicolons; the file must be comma-separated (Kaggle\'s Digit Recognizer layout).');
    expect(errorOf('t.csv', row(1, 0).replace(/,/g, '\t') + '\n').message).toContain('separated by tabs');
  });

  it('lists the first five problems and counts the rest', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(1, i).replace(/^1,/, 'x,'));
    const e = errorOf('many.csv', csv([header(true), ...rows]));
    expect(e.problems).toHaveLength(5);
    expect(e.totalProblems).toBe(12);
    expect(e.message).toMatch(/^Could not load "many.csv" \(12 problems\): line 2, column 1: .*; and 7 more\.$/);
  });
});

/** Fixed inputs for what tests/unit/data/csv.fuzz.test.ts found; each failed before its fix in src/data/csv.ts. */
describe('Kaggle CSV parsing: regressions found by fuzzing', () => {
  /** Pushes `text` cut at `cuts`. */
  function pieces(text: string, cuts: number[], sizeHint = text.length): DigitCsvParser {
    const p = new DigitCsvParser('f.csv', sizeHint);
    let from = 0;
    for (const to of [...cuts, text.length]) {
      p.push(text.slice(from, to));
      from = to;
    }
    return p;
  }
  function errorOfPieces(text: string, cuts: number[]): CsvError {
    try {
      pieces(text, cuts).finish();
    } catch (e) {
      if (e instanceof CsvError) return e;
      throw e;
    }
    throw new Error('expected the file to be refused');
  }
  const located = (e: CsvError) => e.problems.map((p) => [p.line, p.column ?? null]);

  it('binary data is refused however small the first piece is', () => {
    const png = '1' + String.fromCharCode(0x89) + 'PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x1c';
    expect(errorOf('f.csv', png).message).toContain('this is not a text file');
    expect(errorOfPieces(png, [1]).message).toBe(errorOf('f.csv', png).message);
  });

  it('a blank first line counts as line 1 (papaparse gives no row for an empty run of text)', () => {
    expect(errorOf('f.csv', '\n1,2,3').problems[0].line).toBe(2);
  });

  it('a blank line arriving as a piece of its own counts as a line', () => {
    const text = csv([header(true), '', row(1, 0).replace(/^1,/, 'x,')]);
    const cut = header(true).length + 1;
    expect(located(errorOfPieces(text, [cut, cut + 1]))).toEqual([[3, 1]]);
    expect(located(errorOf('f.csv', text))).toEqual([[3, 1]]);
  });

  it('mixed line ends: an LF line in a CRLF file and a CRLF line in an LF file are lines as any other', () => {
    const crlfFirst = header(true) + '\r\n' + row(1, 0) + '\n' + row(2, 0) + '\r\n' + row(3, 0).replace(/^3,/, 'x,') + '\r\n';
    expect(located(errorOf('f.csv', crlfFirst))).toEqual([[4, 1]]);
    expect(parseDigitCsv('f.csv', crlfFirst.replace(/x,/, '3,')).count).toBe(3);
    // The CR is no part of the last cell, so it is not quoted in the message either.
    const lfFirst = header(true) + '\n' + row(1, 0).replace(/,\d+$/, ',abc') + '\r\n';
    expect(errorOf('f.csv', lfFirst).problems[0]).toEqual({ line: 2, column: 785, message: 'pixel column holds "abc", which is not a number' });
  });

  it('a quoted cell running over a line end is refused where it opens, and later lines keep their numbers, however the file is cut', () => {
    const zeros = Array.from({ length: PIXELS - 1 }, () => '0').join(',');
    const text = csv([header(true), '1,"7', `8",${zeros}`, row(3, 0).replace(/^3,/, 'x,')]);
    const want = [[2, 2], [3, null], [4, 1]];
    expect(located(errorOf('f.csv', text))).toEqual(want);
    const inQuote = text.indexOf('"7') + 3; // just after the line end inside the quotes
    for (const cuts of [[inQuote], [inQuote - 1], [inQuote + 1], [5, inQuote, inQuote + 10]]) expect(located(errorOfPieces(text, cuts))).toEqual(want);
    expect(errorOf('f.csv', text).problems[0].message).toBe('a quote is not closed on its line (a cell may not run over a line end)');
  });

  it('a BOM starting a later line is part of its first cell wherever the pieces start', () => {
    const text = csv([header(true), '\uFEFF' + row(1, 0).replace(/^1,/, 'x,')]);
    const whole = errorOf('f.csv', text).message;
    expect(whole).toContain('label column holds "\uFEFFx"');
    expect(errorOfPieces(text, [header(true).length + 1]).message).toBe(whole);
  });

  it('blank lines first do not make a large file allocate for billions of rows (it threw a RangeError)', () => {
    const text = '\n'.repeat(2000) + Array.from({ length: 70 }, (_, i) => row(i % 10, i)).join('\n') + '\n';
    const p = pieces(text, [2000], 2e7); // a 20 MB file, as its size tells before reading
    expect(p.finish().count).toBe(70);
  });
});
