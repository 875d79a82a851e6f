import { numberText, type RawColumn, type RawTable } from './table';

/**
 * What each column of a table holds, so the app can propose a target and features and say why it
 * leaves a column out. One pass over each column's values, counting distinct numbers in a hash
 * table: a table of 173,065 rows x 42 columns of random floats profiles in about 250 ms in Node
 * (bench/parse/table-node.ts), most of it the hash table's cache misses.
 *
 * Kinds, the first that applies:
 * - `empty`: no cell has a value.
 * - `constant`: one distinct value.
 * - `id`: nearly one distinct value per row: distinct >= 90% of the non-missing cells, and at least
 *   20 of them. For text: short values (under 40 characters on average) without spaces (in under
 *   10% of the cells), or dates. For numbers: whole numbers laid out as row numbers are: dense
 *   (max - min < 2 x distinct, as 1..N), strictly increasing down the file, or with a name that
 *   says so (a word "id": `id`, `user_id`, `PassengerId`). Other nearly-distinct whole numbers
 *   (incomes, areas) are numeric.
 * - `text` (strings): dates that repeat (not used as features); more than MAX_CATEGORIES distinct
 *   values (too many to be categories); or more than half the cells distinct with more than 50
 *   distinct values or long values with spaces (20+ characters on average, spaces in most cells):
 *   free text. Long values that repeat ("Bachelor's degree or higher") stay categorical.
 * - `categorical`: other strings; and whole numbers with 2-10 distinct values laid out as codes
 *   (max - min < 2 x distinct: 0/1, 1..5, -1/1, years 2006..2010), each used twice on average, unless
 *   the column is one of a family of at least FAMILY columns of a header named alike (`pixel0`,
 *   `pixel1`, …): those are measurements of one kind, numeric like their siblings.
 * - `numeric`: the rest.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'text' | 'id' | 'constant' | 'empty';

export interface ColumnProfile {
  name: string;
  /** 0-based column number in the file. */
  index: number;
  kind: ColumnKind;
  /** Distinct non-missing values. */
  distinct: number;
  /** Missing cells. */
  missing: number;
  /** missing / rows */
  missingShare: number;
  /** Up to 4 distinct values as the file wrote them (numbers written shortest), most frequent first; ties in order of first appearance. */
  examples: string[];
  /** Every non-missing cell is a number. */
  numeric: boolean;
  /** Numeric and every value a whole number. */
  integer: boolean;
  /** Numeric columns, as the file wrote them (NaN otherwise). */
  min: number;
  max: number;
  /** For text, id, constant, empty: why it is not used as a feature by default, one plain sentence. */
  why: string | null;
}

/** String columns with more distinct values than this are text, not categories. */
const MAX_CATEGORIES = 100;
/** Columns named stem + number, at least this many with one stem, are one family of measurements. */
const FAMILY = 8;
const EXAMPLES = 4;
/** Non-missing cells an id needs: with fewer, "all distinct" says little. */
const MIN_ID_CELLS = 20;
const DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}|[AP]M))?)?$/i;
/** Distinct texts looked at to tell dates. */
const DATE_SAMPLE = 1000;

export function profileTable(t: RawTable): ColumnProfile[] {
  const family = t.header ? families(t.columns.map((c) => c.name)) : new Set<number>();
  const counter = new ValueCounter(t.rows);
  return t.columns.map((col, index): ColumnProfile => {
    const s = col.dictionary ? profileText(col, col.dictionary, t.rows) : profileNumbers(col, t.rows, counter);
    const nonMissing = t.rows - s.missing;
    const unique = s.distinct >= 0.9 * nonMissing && nonMissing >= MIN_ID_CELLS;
    const [kind, why]: Verdict = s.distinct === 0 ? ['empty', 'every cell is missing']
      : s.distinct === 1 ? ['constant', `the same value ("${s.examples[0]}") in every row${s.missing ? ' that has one' : ''}`]
        : 'shape' in s ? textKind(s.shape, s.distinct, nonMissing, unique)
          : numberKind(col.name, s, nonMissing, unique, family.has(index));
    const { distinct, missing, examples, numeric, integer, min, max } = s;
    return { name: col.name, index, kind, distinct, missing, missingShare: t.rows ? missing / t.rows : 0, examples, numeric, integer, min, max, why };
  });
}

type Verdict = [ColumnKind, string | null];
type Stats = Pick<ColumnProfile, 'distinct' | 'missing' | 'examples' | 'numeric' | 'integer' | 'min' | 'max'>;

/** What the text rules look at: mean length, share of cells with a space, whether the values are dates. */
interface TextShape { meanLength: number; spaced: number; dates: boolean }

function textKind(shape: TextShape, distinct: number, nonMissing: number, unique: boolean): Verdict {
  if (shape.dates) return unique ? ['id', 'a different date in every row, like an ID'] : ['text', 'dates, which are not used as features'];
  if (unique && shape.meanLength < 40 && shape.spaced < 0.1) return ['id', 'one value per row, like an ID'];
  if (distinct > MAX_CATEGORIES) return ['text', `${distinct.toLocaleString('en-US')} different values: too many to use as categories`];
  const free = distinct > 50 || (shape.meanLength >= 20 && shape.spaced > 0.5);
  if (2 * distinct > nonMissing && free) return ['text', `mostly different values (${distinct.toLocaleString('en-US')} in ${nonMissing.toLocaleString('en-US')} rows): free text, not categories`];
  return ['categorical', null];
}

/** `increasing`: every value larger than the one above it (missing cells skipped). */
function numberKind(name: string, p: Stats & { increasing: boolean }, nonMissing: number, unique: boolean, inFamily: boolean): Verdict {
  if (p.integer && unique && (p.max - p.min < 2 * p.distinct || p.increasing || namedId(name))) return ['id', 'one value per row, like an ID'];
  const codes = p.integer && p.distinct <= 10 && p.max - p.min < 2 * p.distinct && nonMissing >= 2 * p.distinct;
  return [codes && !inFamily ? 'categorical' : 'numeric', null];
}

/** Whether one of the name's words (split at case changes, digits and punctuation) is "id". */
function namedId(name: string): boolean {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^A-Za-z]+/).some((w) => w.toLowerCase() === 'id');
}

/** Indices of columns named stem + number whose stem at least FAMILY columns share. */
function families(names: string[]): Set<number> {
  const stems = names.map((n) => (/\d$/.test(n) ? n.replace(/\d+$/, '') : null));
  const sizes = new Map<string, number>();
  for (const s of stems) if (s !== null) sizes.set(s, (sizes.get(s) ?? 0) + 1);
  return new Set(stems.flatMap((s, i) => (s !== null && sizes.get(s)! >= FAMILY ? [i] : [])));
}

function profileText(col: RawColumn, dictionary: string[], rows: number): Stats & { shape: TextShape } {
  const counts = new Int32Array(dictionary.length);
  const values = col.values;
  let missing = 0;
  for (let r = 0; r < rows; r++) {
    const v = values[r];
    if (v !== v) missing++;
    else counts[v]++;
  }
  let length = 0;
  let spaced = 0;
  let distinct = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    distinct++;
    length += counts[k] * dictionary[k].length;
    if (dictionary[k].includes(' ')) spaced += counts[k];
  }
  const sample = dictionary.slice(0, DATE_SAMPLE);
  const nonMissing = rows - missing;
  return {
    distinct, missing, numeric: false, integer: false, min: NaN, max: NaN,
    examples: mostFrequent(counts.length, (k) => counts[k]).map((k) => dictionary[k]),
    shape: {
      meanLength: nonMissing ? length / nonMissing : 0,
      spaced: nonMissing ? spaced / nonMissing : 0,
      dates: sample.length > 0 && sample.filter((s) => DATE.test(s)).length >= 0.9 * sample.length,
    },
  };
}

function profileNumbers(col: RawColumn, rows: number, counter: ValueCounter): Stats & { increasing: boolean } {
  const values = col.values;
  let missing = 0;
  let min = Infinity;
  let max = -Infinity;
  let integer = true;
  let increasing = true;
  let last = -Infinity;
  counter.clear();
  for (let r = 0; r < rows; r++) {
    const v = values[r];
    if (v !== v) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (integer && Math.floor(v) !== v) integer = false;
    if (v <= last) increasing = false;
    last = v;
    counter.add(v);
  }
  const float32 = values instanceof Float32Array;
  const none = missing === rows;
  return {
    distinct: counter.size, missing, numeric: true, integer: integer && !none,
    // As the file wrote them (32.1, not float32's 32.099998474121094).
    min: none ? NaN : Number(numberText(min, float32)), max: none ? NaN : Number(numberText(max, float32)),
    examples: mostFrequent(counter.size, (k) => counter.count(k)).map((k) => numberText(counter.value(k), float32)),
    increasing,
  };
}

/** Indices 0..n-1 of the EXAMPLES largest counts, largest first; ties keep index order (first appearance). */
function mostFrequent(n: number, count: (k: number) => number): number[] {
  const top: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = count(k);
    if (c === 0 || (top.length === EXAMPLES && c <= count(top[EXAMPLES - 1]))) continue;
    let at = top.length;
    while (at > 0 && count(top[at - 1]) < c) at--;
    top.splice(at, 0, k);
    if (top.length > EXAMPLES) top.pop();
  }
  return top;
}

/**
 * Distinct numbers and their counts, in order of first appearance: open addressing on the value's
 * 64 bits (Fibonacci hashing), table at least twice the values, reused from column to column. A
 * Set of numbers did the same several times slower (each value boxed and hashed by V8).
 */
class ValueCounter {
  size = 0;
  private readonly bits: number;
  private readonly keys: Float64Array;
  private readonly counts: Int32Array;
  /** Slot of the k-th distinct value, in order of first appearance. */
  private readonly order: Int32Array;
  private readonly word = new Float64Array(1);
  private readonly halves = new Uint32Array(this.word.buffer);

  constructor(rows: number) {
    this.bits = Math.max(4, Math.ceil(Math.log2(2 * rows + 1)));
    this.keys = new Float64Array(1 << this.bits);
    this.counts = new Int32Array(1 << this.bits);
    this.order = new Int32Array(rows);
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.counts[this.order[k]] = 0;
    this.size = 0;
  }

  add(v: number): void {
    this.word[0] = v + 0; // -0 and 0 are one value
    const mask = (1 << this.bits) - 1;
    let slot = Math.imul(this.halves[1] ^ Math.imul(this.halves[0], 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
    while (this.counts[slot] !== 0 && this.keys[slot] !== v) slot = (slot + 1) & mask;
    if (this.counts[slot] === 0) {
      this.keys[slot] = v;
      this.order[this.size++] = slot;
    }
    this.counts[slot]++;
  }

  count(k: number): number {
    return this.counts[this.order[k]];
  }

  value(k: number): number {
    return this.keys[this.order[k]];
  }
}
