import { describe, expect, it } from 'vitest';
import { profileTable, type ColumnProfile } from '../../../src/data/profile';
import { parseTableCsv } from '../../../src/data/table-csv';

/** A table from columns of cells (written as they would be in the file), profiled, by column name. */
function profiles(columns: Record<string, string[]>): Record<string, ColumnProfile> {
  const names = Object.keys(columns);
  const rows = columns[names[0]].length;
  const text = [names.join(','), ...Array.from({ length: rows }, (_, r) => names.map((n) => columns[n][r]).join(','))].join('\n') + '\n';
  return Object.fromEntries(profileTable(parseTableCsv('t.csv', text)).map((p) => [p.name, p]));
}

const N = 60;
const each = (f: (i: number) => string) => Array.from({ length: N }, (_, i) => f(i));

describe('profileTable: the kind of each column, on awkward tables', () => {
  const p = profiles({
    row: each((i) => String(i + 1)),
    day: each((i) => `2012-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`),
    review: each((i) => `the ${['soup', 'bread', 'wine'][i % 3]} was ${['fine', 'cold', 'great', 'late', 'salty'][i % 5]} on visit ${i}`),
    shop: each(() => 'main street'),
    note: each(() => ''),
    colour: each((i) => ['red', 'green', 'NA', 'blue', ''][i % 5]),
    grade: each((i) => String(1 + (i % 4))),
    weight: each((i) => (50 + ((i * 37) % 41) * 0.7).toFixed(1)),
    income: each((i) => String(20000 + ((i * 7919) % 60000))),
    customer: each((i) => `C-${1000 + i * 7}`),
  });

  it('row numbers 1..N are an id', () => {
    expect(p.row).toMatchObject({ kind: 'id', distinct: N, integer: true, numeric: true, min: 1, max: N, why: 'one value per row, like an ID' });
  });

  it('a date in every row is id-like, and says it is a date', () => {
    expect(p.day).toMatchObject({ kind: 'id', numeric: false, why: 'a different date in every row, like an ID' });
    expect(p.day.examples).toEqual(['2012-01-01', '2012-01-02', '2012-01-03', '2012-01-04']);
  });

  it('long values with spaces, nearly all different, are free text', () => {
    expect(p.review.kind).toBe('text');
    expect(p.review.why).toBe(`mostly different values (${N} in ${N} rows): free text, not categories`);
  });

  it('one value everywhere is constant; no value anywhere is empty', () => {
    expect(p.shop).toMatchObject({ kind: 'constant', distinct: 1, examples: ['main street'], why: 'the same value ("main street") in every row' });
    expect(p.note).toMatchObject({ kind: 'empty', distinct: 0, missing: N, missingShare: 1, examples: [], why: 'every cell is missing' });
    expect(p.note.min).toBeNaN();
  });

  it('a few strings with missing cells are categorical; their examples are the most frequent first', () => {
    expect(p.colour).toMatchObject({ kind: 'categorical', distinct: 3, missing: 24, missingShare: 0.4, numeric: false, why: null });
    expect(p.colour.examples).toEqual(['red', 'green', 'blue']);
    expect(p.colour.min).toBeNaN();
  });

  it('small whole-number codes are categorical', () => {
    expect(p.grade).toMatchObject({ kind: 'categorical', distinct: 4, integer: true, min: 1, max: 4, examples: ['1', '2', '3', '4'] });
  });

  it('measurements are numeric, with min and max as the file wrote them', () => {
    expect(p.weight).toMatchObject({ kind: 'numeric', numeric: true, integer: false, min: 50, max: 78, why: null });
    // Nearly all different whole numbers spread over a wide range are a quantity, not an id.
    expect(p.income).toMatchObject({ kind: 'numeric', integer: true, distinct: N });
  });

  it('short distinct codes without spaces are an id', () => {
    expect(p.customer).toMatchObject({ kind: 'id', distinct: N, why: 'one value per row, like an ID' });
  });
});

describe('profileTable: borderline rules', () => {
  it('whole numbers nearly all different are an id only when laid out like one: increasing, or named so', () => {
    const spread = each((i) => String(((i * 7919) % 100003) + 50));
    const p = profiles({
      ticket: [...spread].sort((a, b) => Number(a) - Number(b)),
      user_id: spread,
      PassengerId: spread,
      valid: spread,
    });
    expect(p.ticket.kind).toBe('id');
    expect(p.user_id.kind).toBe('id');
    expect(p.PassengerId.kind).toBe('id');
    expect(p.valid.kind).toBe('numeric');
  });

  it('a family of columns named alike (pixel0, pixel1, …) stays numeric even with few values', () => {
    const cols: Record<string, string[]> = {};
    for (let k = 0; k < 8; k++) cols[`pixel${k}`] = each((i) => String((i + k) % 3));
    cols.label = each((i) => String(i % 3));
    const p = profiles(cols);
    expect(p.pixel0.kind).toBe('numeric');
    expect(p.label.kind).toBe('categorical');
  });

  it('repeated dates are text, many distinct short strings are text, few long repeated strings are categorical', () => {
    const p = profiles({
      date: each((i) => `2020-01-${String(1 + (i % 5)).padStart(2, '0')}`),
      degree: each((i) => ['Bachelor degree or higher', 'High school diploma only'][i % 2]),
    });
    expect(p.date).toMatchObject({ kind: 'text', why: 'dates, which are not used as features' });
    expect(p.degree.kind).toBe('categorical');
    const many = profiles({ code: Array.from({ length: 300 }, (_, i) => `k${i % 150}`), n: Array.from({ length: 300 }, (_, i) => String(i)) });
    expect(many.code).toMatchObject({ kind: 'text', distinct: 150, why: '150 different values: too many to use as categories' });
  });

  it('examples: ties keep the order of first appearance; numbers are written shortest', () => {
    const p = profiles({ x: ['2.5', '0.1', '0.1', '7', '2.5', '9', '9', '3'], y: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    expect(p.x.examples).toEqual(['2.5', '0.1', '9', '7']);
    expect(p.x.distinct).toBe(5);
  });
});

describe('profileTable: a semicolon file with decimal commas', () => {
  it('measurements written 5,1 are numeric, their min, max and examples written with a point', () => {
    const rows = each((i) => `${(4 + (i % 30) / 10).toFixed(1).replace('.', ',')};${['setosa', 'versicolor', 'virginica'][i % 3]}`);
    const p = Object.fromEntries(profileTable(parseTableCsv('t.csv', ['sepal_length;species', ...rows].join('\n') + '\n')).map((c) => [c.name, c]));
    expect(p.sepal_length).toMatchObject({ kind: 'numeric', numeric: true, integer: false, min: 4, max: 6.9, distinct: 30 });
    expect(p.sepal_length.examples).toEqual(['4', '4.1', '4.2', '4.3']);
    expect(p.species).toMatchObject({ kind: 'categorical', distinct: 3 });
  });
});
