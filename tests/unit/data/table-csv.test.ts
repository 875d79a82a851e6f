import { describe, expect, it } from 'vitest';
import { CsvError, MAX_LISTED_PROBLEMS } from '../../../src/data/csv';
import { MISSING_TOKENS } from '../../../src/data/missing';
import { cellText, tableBytes, type RawTable } from '../../../src/data/table';
import { parseDecimal, parseTableCsv, TableCsvParser } from '../../../src/data/table-csv';

/** Reads `text` pushed in pieces cut at `cuts` (none: whole), holding `head` characters before parsing (the default, or fewer so short texts stream). */
function read(text: string, cuts: number[] = [], head?: number): RawTable {
  const p = new TableCsvParser('t.csv', text.length, head);
  let from = 0;
  for (const to of [...cuts, text.length]) {
    p.push(text.slice(from, to));
    from = to;
  }
  return p.finish();
}

function errorOf(text: string, cuts: number[] = [], head?: number): CsvError {
  try {
    read(text, cuts, head);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** Every column's cells as text, by column name. */
function texts(t: RawTable): Record<string, string[]> {
  return Object.fromEntries(t.columns.map((c) => [c.name, Array.from({ length: t.rows }, (_, r) => cellText(c, r))]));
}

/**
 * Each cut position once, with a head of line 1 and (`fromStart`, for comma files: a head too short
 * to guess from falls back to a comma) of 1 character, streaming from the start: the same table as read whole.
 */
function expectSameAtEveryCut(text: string, fromStart = true): void {
  const whole = read(text);
  for (const head of fromStart ? [1, text.indexOf('\n') + 1] : [text.indexOf('\n') + 1]) {
    for (let cut = 1; cut < text.length; cut++) {
      const t = read(text, [cut], head);
      expect(texts(t), `cut at ${cut}, head ${head}`).toEqual(texts(whole));
      expect(t.header).toBe(whole.header);
    }
  }
}

describe('table CSV: layouts', () => {
  it('reads comma, semicolon and tab separated tables', () => {
    for (const d of [',', ';', '\t'] as const) {
      const t = parseTableCsv('t.csv', ['a', 'b', 'c'].join(d) + '\n' + ['1', '2.5', 'x'].join(d) + '\n' + ['3', '-4e2', 'y'].join(d) + '\n');
      expect(t.delimiter).toBe(d);
      expect(t.header).toBe(true);
      expect(t.rows).toBe(2);
      expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
      expect(Array.from(t.columns[1].values)).toEqual([2.5, -400]);
      expect(t.columns[2].dictionary).toEqual(['x', 'y']);
    }
  });

  it('guesses semicolons over the decimal commas in their cells, and tabs over commas inside text', () => {
    expect(parseTableCsv('t.csv', 'a;b\n1,5;2\n3,25;4\n').delimiter).toBe(';');
    const t = parseTableCsv('t.csv', 'name\tnote\nann\tred, green\nbob\tblue\n');
    expect(t.delimiter).toBe('\t');
    expect(texts(t).note).toEqual(['red, green', 'blue']);
  });

  it('semicolon files: decimal commas are numbers (the iris file as European spreadsheets save it), with a header or none, cut anywhere', () => {
    // As many commas as semicolons on every line (pandas' `to_csv(sep=';', decimal=',')` writes 3.0 as "3,0").
    const rows = '5,1;3,5;1,4;0,2;Iris-setosa\n4,9;3,0;1,4;0,2;Iris-setosa\n6,3;3,3;6,0;2,5;Iris-virginica\n';
    const bare = read(rows);
    expect(bare.delimiter).toBe(';');
    expect(bare.header).toBe(false);
    expect(bare.rows).toBe(3);
    expect(bare.columns.map((c) => c.dictionary === null)).toEqual([true, true, true, true, false]);
    expect(Array.from(bare.columns[0].values)).toEqual([5.1, 4.9, 6.3].map(Math.fround));
    expect(Array.from(bare.columns[1].values)).toEqual([3.5, 3, 3.3].map(Math.fround));
    expect(texts(bare)['column 5']).toEqual(['Iris-setosa', 'Iris-setosa', 'Iris-virginica']);
    expectSameAtEveryCut(rows, false);
    const text = 'sepal_length;sepal_width;petal_length;petal_width;species\r\n' + rows.replaceAll('\n', '\r\n');
    const named = read(text);
    expect(named.header).toBe(true);
    expect(named.columns.map((c) => c.name)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(texts(named)).toEqual(Object.fromEntries(named.columns.map((c, i) => [c.name, texts(bare)[`column ${i + 1}`]])));
    expectSameAtEveryCut(text, false);
  });

  it('decimal commas: signs, spaces, exponents and missing cells; thousands separators and other commas stay text, as written', () => {
    const t = parseTableCsv('t.csv', 'a;b;c;d\n-1,5;1,234,567;0,25;1,50\n 12,0 ;a,b;NA;big\n+3,5e2;1,5;1.25;1,5\n');
    expect(t.columns.map((c) => c.dictionary === null)).toEqual([true, false, true, false]);
    expect(Array.from(t.columns[0].values)).toEqual([-1.5, 12, 350]);
    expect(Array.from(t.columns[2].values)).toEqual([0.25, NaN, 1.25]);
    expect(texts(t).b).toEqual(['1,234,567', 'a,b', '1,5']);
    // A column of numbers that meets text keeps the texts the numbers were written as.
    expect(t.columns[3].dictionary).toEqual(['1,50', 'big', '1,5']);
    expect(Array.from(parseTableCsv('t.csv', 'x;y\n1,234;1\n5,;2\n').columns[0].dictionary!)).toEqual(['1,234', '5,']);
  });

  it('decimal commas only in semicolon files: a comma or tab file reads "1,5" as text, as before', () => {
    const comma = parseTableCsv('t.csv', 'a,b\n"1,5",2.5\n"0,25",3\n');
    expect(comma.delimiter).toBe(',');
    expect(comma.columns[0].dictionary).toEqual(['1,5', '0,25']);
    expect(Array.from(comma.columns[1].values)).toEqual([2.5, 3]);
    const tab = parseTableCsv('t.csv', 'a\tb\nx\t1,5\ny\t2,5\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.columns[1].dictionary).toEqual(['1,5', '2,5']);
  });

  it('a comma and a semicolon on every line as often: semicolons only when every comma is a decimal comma', () => {
    expect(parseTableCsv('t.csv', '1,5;2,5\n3,5;4,5\n').delimiter).toBe(';');
    expect(parseTableCsv('t.csv', 'x,y;z\nfoo,bar;baz\n').delimiter).toBe(',');
    expect(parseTableCsv('t.csv', '1,2;3\n4,a;5\n').delimiter).toBe(',');
  });

  it('quoted cells: delimiters, doubled quotes and line breaks inside, also cut anywhere', () => {
    const text = 'id,text,n\n1,"a, b",2\n2,"say ""hi""",3\n3,"two\nlines",4\n4,"three\r\nlines\nhere",5\n';
    const t = read(text);
    expect(texts(t).text).toEqual(['a, b', 'say "hi"', 'two\nlines', 'three\r\nlines\nhere']);
    expect(Array.from(t.columns[2].values)).toEqual([2, 3, 4, 5]);
    expectSameAtEveryCut(text);
  });

  it('a quote inside an unquoted cell is an ordinary character, as papaparse reads it', () => {
    expect(texts(parseTableCsv('t.csv', 'a,b\nsize 5",1\n')).a).toEqual(['size 5"']);
  });

  it('decides whether line 1 is a header', () => {
    expect(parseTableCsv('t.csv', 'x,y\n1,2\n').header).toBe(true);
    const none = parseTableCsv('t.csv', '1,2\n3,4\n');
    expect(none.header).toBe(false);
    expect(none.columns.map((c) => c.name)).toEqual(['column 1', 'column 2']);
    expect(none.rows).toBe(2);
    // All text: a header when its cells do not come back below, else a row.
    expect(parseTableCsv('t.csv', 'name,city\nann,paris\nbob,rome\n').header).toBe(true);
    expect(parseTableCsv('t.csv', 'red,small\nblue,large\nred,small\n').header).toBe(false);
    // One text cell over numbers is enough (a pandas index column has an empty name).
    expect(parseTableCsv('t.csv', ',price\n0,1.5\n1,2.5\n').columns.map((c) => c.name)).toEqual(['column 1', 'price']);
  });

  it('names empty header cells "column N" and repeated ones "x (2)"', () => {
    const t = parseTableCsv('t.csv', 'x,,x,x (2),x\n1,2,3,4,5\n');
    expect(t.columns.map((c) => c.name)).toEqual(['x', 'column 2', 'x (3)', 'x (2)', 'x (4)']);
  });

  it('drops a BOM, trims spaces around cells and numbers, reads CRLF, skips blank lines', () => {
    const t = parseTableCsv('t.csv', '\uFEFFa , b\r\n\r\n  1 ,  x y  \r\n2.5,\tz\r\n\r\n\r\n');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(texts(t)).toEqual({ a: ['1', '2.5'], b: ['x y', 'z'] });
    expect(t.columns[0].dictionary).toBeNull();
  });

  it('reads a last line without a line end, and one blank line or several at the end', () => {
    for (const end of ['', '\n', '\n\n', '\n \n\n']) expect(texts(parseTableCsv('t.csv', 'a,b\n1,2\n3,4' + end))).toEqual({ a: ['1', '3'], b: ['2', '4'] });
  });

  it('reads every missing token as missing (NaN), in any case, with spaces around', () => {
    const cells = MISSING_TOKENS.flatMap((m) => [m, m.toLowerCase(), ` ${m.toUpperCase()} `]);
    const t = parseTableCsv('t.csv', 'n,s\n' + cells.map((m, i) => `${m},${i === 0 ? 'text' : m}`).join('\n') + '\n1,2\n');
    expect(t.rows).toBe(cells.length + 1);
    for (const col of t.columns) for (let r = col.name === 's' ? 1 : 0; r < cells.length; r++) expect(col.values[r], `${col.name} row ${r}`).toBeNaN();
    expect(t.columns[0].dictionary).toBeNull();
    expect(t.columns[1].dictionary).toEqual(['text', '2']);
  });

  it('a column of numbers that meets text holds codes of the texts as written, in order of first appearance', () => {
    const t = parseTableCsv('t.csv', 'k,v\n1,007\n2,1.50\n3,\n4,7\n5,big\n6,007\n7,1.5\n8,8\n');
    const v = t.columns[1];
    // 7 was first written "007", 1.5 first "1.50": the earlier numbers keep their first text.
    expect(v.dictionary).toEqual(['007', '1.50', 'big', '1.5', '8']);
    expect(Array.from(v.values)).toEqual([0, 1, NaN, 0, 2, 0, 3, 4]);
    expect(texts(t).v).toEqual(['007', '1.50', '', '007', 'big', '007', '1.5', '8']);
  });

  it('numbers: float32, exact float64 for whole numbers beyond 2^24 (long IDs), shortest text', () => {
    const t = parseTableCsv('t.csv', 'id,x\n123456789012,3.1\n16777217,-0.001\n2,1e-7\n');
    expect(t.columns[0].values).toBeInstanceOf(Float64Array);
    expect(Array.from(t.columns[0].values)).toEqual([123456789012, 16777217, 2]);
    expect(t.columns[1].values).toBeInstanceOf(Float32Array);
    expect(texts(t).x).toEqual(['3.1', '-0.001', '1e-7']);
  });

  it('holds about 4 bytes a cell, allocated once from the size hint', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${(i * 0.37).toFixed(2)},${i % 3 ? 'a' : 'b'}`);
    const text = 'i,x,s\n' + rows.join('\n') + '\n';
    const t = read(text, [1000, 20000, 50000]);
    expect(t.rows).toBe(5000);
    expect(tableBytes(t) / (3 * t.rows)).toBeLessThan(4.5);
  });
});

describe('table CSV: every refused file gets one sentence and a line', () => {
  const message = (text: string) => errorOf(text).message;

  it('binary data, an empty file, blank lines only, a header without rows, plain text', () => {
    expect(message('PK\x03\x04\x14\0\x06\0\b\0\0\0!\0')).toBe('Could not load "t.csv": line 1: this is not a text file (it looks like binary data, e.g. a spreadsheet or an image renamed to .csv).');
    expect(message('')).toBe('Could not load "t.csv": line 1: the file is empty.');
    expect(message('\uFEFF\n \r\n\n')).toBe('Could not load "t.csv": line 1: the file is empty.');
    expect(message('\na,b,c\n\n')).toBe('Could not load "t.csv": line 2: there is a header but no data rows.');
    expect(message('Dear reader\nthis is a letter.\n')).toBe('Could not load "t.csv": line 1: no comma, semicolon or tab separates the values: this looks like plain text, not a table.');
    expect(message('\n\nhello world\nbye\n')).toContain('line 3: no comma, semicolon or tab');
  });

  it('rows with too many or too few cells: one problem each, located at the line where the row starts', () => {
    const text = 'a,b,c\n1,2,3\n1,2\n4,"x\ny",6,7\n\n8,9,10,11,12\n1,2,3\n';
    const e = errorOf(text);
    expect(e.problems).toEqual([
      { line: 3, message: '2 cells, but the header has 3 columns' },
      { line: 4, message: '4 cells, but the header has 3 columns' },
      { line: 7, message: '5 cells, but the header has 3 columns' },
    ]);
    expect(errorOf('1,2\n3\n').problems).toEqual([{ line: 2, message: '1 cell, but line 1 has 2' }]);
    for (let cut = 1; cut < text.length; cut++) for (const head of [1, 6]) expect(errorOf(text, [cut], head).message).toBe(e.message);
  });

  it('lists the first problems and counts the rest', () => {
    const e = errorOf('a,b\n' + Array.from({ length: 12 }, () => '1,2,3').join('\n') + '\n');
    expect(e.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(e.totalProblems).toBe(12);
    expect(e.message).toMatch(/^Could not load "t.csv" \(12 problems\): line 2: 3 cells, .*; and 7 more\.$/);
  });

  it('an unclosed quote names the line where its row starts, wherever the pieces end', () => {
    const text = 'a,b\n1,"ok\nfine"\n2,"never closed\n3,4\n';
    const e = errorOf(text);
    expect(e.message).toBe('Could not load "t.csv": line 4: a quote in this row is never closed, so the rest of the file would be one cell.');
    for (let cut = 1; cut < text.length; cut++) for (const head of [1, 4]) expect(errorOf(text, [cut], head).message).toBe(e.message);
  });
});

describe('table CSV: the Kaggle digit layout is a table too', () => {
  it('reads label,pixel0..pixel783 as a header and 785 numeric columns', () => {
    const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(',');
    const row = (label: number, seed: number) => [label, ...Array.from({ length: 784 }, (_, i) => (seed * 31 + i) % 256)].join(',');
    const text = [header, row(3, 1), row(7, 2), row(0, 3)].join('\r\n') + '\r\n';
    const t = read(text, [100, 4000, 9000], 1000);
    expect(t.header).toBe(true);
    expect(t.columns).toHaveLength(785);
    expect(t.columns[0].name).toBe('label');
    expect(t.columns[784].name).toBe('pixel783');
    expect(t.rows).toBe(3);
    expect(Array.from(t.columns[0].values)).toEqual([3, 7, 0]);
    expect(t.columns[1 + 500].values[1]).toBe((2 * 31 + 500) % 256);
    expect(t.columns.every((c) => c.dictionary === null)).toBe(true);
  });
});

describe('parseDecimal: exactly Number() for the decimal forms, NaN for the rest', () => {
  it('agrees with Number() on round-trip-hard and long inputs', () => {
    const hard = ['0.1', '0.2', '0.3', '1e-7', '123456789012', '9007199254740993', '12345678901234567890', '0.1000000000000000055511151231257827',
      '2.2250738585072014e-308', '4.9e-324', '1.7976931348623157e308', '8.589973e9', '1e22', '1e23', '123456.7890123', '-0', '+.5', '3.', '.5',
      '-1.5e3', '1E+2', '00012', '0.000001', '1e-22', '9.999999999999999e22', '  7 ', '\t-2.5\r'];
    for (const s of hard) expect(Object.is(parseDecimal(s), Number(s)), s).toBe(true);
  });

  it('refuses what Number() reads but a table cell should not hold as a number', () => {
    for (const s of ['', ' ', '0x1F', '0b1', '0o7', 'Infinity', '-Infinity', '1e400', '1,5', '1.2.3', '1e', '1e+', '.', '-', '+', 'e5', '1 2', '١', '７', 'NaN']) {
      expect(parseDecimal(s), JSON.stringify(s)).toBeNaN();
    }
  });

  it('with decimalComma, a comma between digits stands for the point: the value Number() gives with a point', () => {
    const forms = ['1,5', '-1,5', '+0,25', '12,0', ' 3,5\r', '1,234', '1,5e3', '-2,5E-2', '0,1000000000000000055511151231257827', '12345678901234567,5', '1,7976931348623157e308'];
    for (const s of forms) expect(Object.is(parseDecimal(s, true), Number(s.replace(',', '.'))), s).toBe(true);
    for (const s of ['1.5', '-7', '.5', '3.', '1e5']) expect(Object.is(parseDecimal(s, true), Number(s)), s).toBe(true);
    for (const s of [',5', '5,', '-,5', '1,234,567', '1,5.2', '1.5,2', '1,e5', '1,5e', 'a,b', ',', '1,5e400']) expect(parseDecimal(s, true), JSON.stringify(s)).toBeNaN();
    for (const s of forms) expect(parseDecimal(s), s).toBeNaN();
  });

  it('agrees with Number() on 20,000 random decimals of every length and exponent', () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const digits = (n: number) => Array.from({ length: n }, () => rand(10)).join('');
    for (let i = 0; i < 20_000; i++) {
      const int = digits(rand(12));
      const frac = rand(2) ? '.' + digits(rand(12)) : '';
      const exp = rand(3) === 0 ? `e${['', '+', '-'][rand(3)]}${rand(40)}` : '';
      const s = ['', '-', '+'][rand(3)] + int + frac + exp;
      const want = /\d/.test(int + frac) ? Number(s) : NaN;
      expect(Object.is(parseDecimal(s), want), s).toBe(true);
    }
  });
});
