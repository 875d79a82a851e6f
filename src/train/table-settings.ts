/**
 * The settings rules of a table, against its file: which column is the target by default, which task
 * it suggests, which columns are features, and the sentence for each choice that cannot train. The
 * form, the CLI, links and the worker's `start` all resolve a config's table settings here.
 */
import type { ColumnProfile } from '../data/profile';
import type { TableChoice } from '../data/prepare';
import type { ColumnKind, ImageShape, Schema, Task } from '../data/schema';
import type { TrainConfig } from './config';
import { quoteValue } from './settings';

/** The most classes a classifier may have. */
export const MAX_CLASSES = 1000;

/** Column names a target is usually given (compared lowercased, without spaces, '_' or '-'). */
const TARGET_NAMES = ['label', 'labels', 'target', 'class', 'classes', 'y', 'species', 'diagnosis', 'outcome', 'category', 'response',
  'result', 'survived', 'quality', 'grade', 'digit', 'output'];

/** Column names an ID is usually given (the same comparison). */
const ID_NAMES = ['id', 'rowid', 'index', 'imageid', 'key', 'name'];

const norm = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** Kinds a column is a feature of by default; the others (id, text, constant, empty) are left out unless included. */
const FEATURE_KINDS: readonly ColumnKind[] = ['numeric', 'categorical'];

const count = (n: number) => n.toLocaleString('en-US');

/** The default target: a column named like a label (the first such), else the last column that can be one. */
export function defaultTarget(profile: ColumnProfile[]): number {
  const named = profile.findIndex((c) => TARGET_NAMES.includes(norm(c.name)) && c.kind !== 'empty');
  if (named >= 0) return named;
  for (let i = profile.length - 1; i >= 0; i--) if (profile[i].kind !== 'empty' && profile[i].kind !== 'id' && profile[i].kind !== 'text') return i;
  return profile.length - 1;
}

/**
 * When the default target fell to the last column and holds values to regress while the first column
 * looks like classes (text, or at most 10 whole numbers), as in a headerless file with its label
 * first: a sentence offering the first column. Null otherwise: the rule stays "named, else last".
 */
export function targetHint(profile: ColumnProfile[], target: number): string | null {
  const first = profile[0], last = profile[target];
  if (target === 0 || profile.some((c) => TARGET_NAMES.includes(norm(c.name)) && c.kind !== 'empty')) return null;
  if (guessTask(last).task !== 'regression' || first.kind !== 'categorical' || first.distinct < 2) return null;
  if (first.numeric && !(first.integer && first.distinct <= 10)) return null;
  const examples = first.examples.slice(0, 3).map((v) => quoteValue(v)).join(', ');
  return `No column is named like a target, so the last one, ${quoteValue(last.name)}, was taken, and it holds numbers to regress. ` +
    `The first column, ${quoteValue(first.name)}, holds ${count(first.distinct)} classes (${examples}): if it is what to predict, make it the target.`;
}

/** The task a target suggests, and a sentence when the call is close. */
export interface TaskGuess { task: Task; close: string | null }

/**
 * Classification when the target holds text, or at most 10 distinct whole numbers; regression when it
 * holds more distinct numbers. Close calls (8-20 distinct whole numbers, or at most 10 distinct
 * fractions) are said, so the learner can choose.
 */
export function guessTask(target: ColumnProfile): TaskGuess {
  const { distinct } = target;
  if (!target.numeric) return { task: 'classification', close: null };
  if (target.integer) {
    const task: Task = distinct <= 10 ? 'classification' : 'regression';
    const close = distinct >= 8 && distinct <= 20
      ? `"${target.name}" holds ${distinct} distinct whole numbers: they could be classes or values on a scale, so ${task} was chosen by a close call; change the task if they are ${task === 'classification' ? 'amounts' : 'categories'}.`
      : null;
    return { task, close };
  }
  return {
    task: 'regression',
    close: distinct <= 10 ? `"${target.name}" holds only ${distinct} distinct numbers: regression was chosen, but they may be classes.` : null,
  };
}

/** Finds a column named by a setting: its exact name, a name differing only in case, or a 1-based number. */
export function findColumn(profile: ColumnProfile[], name: string): number {
  const exact = profile.findIndex((c) => c.name === name);
  if (exact >= 0) return exact;
  const folded = profile.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded >= 0) return folded;
  const k = /^\d+$/.test(name.trim()) ? Number(name) : NaN;
  return k >= 1 && k <= profile.length ? k - 1 : -1;
}

/** The square images a set of columns may hold: a square count (side ≥ 4) of whole numbers from 0. */
export function imageShapeOf(columns: ColumnProfile[]): ImageShape | null {
  const side = Math.round(Math.sqrt(columns.length));
  if (side < 4 || side * side !== columns.length) return null;
  let maxValue = 0;
  for (const c of columns) {
    if (c.kind === 'empty') continue;
    if (!c.integer || c.min < 0 || c.missing > 0) return null;
    maxValue = Math.max(maxValue, c.max);
  }
  return maxValue > 0 ? { side, maxValue } : null;
}

/** The settings of a table run that can go wrong against the file, each with its sentence. */
export type TableErrors = Partial<Record<'target' | 'task' | 'ignore' | 'include' | 'features', string>>;

export interface ResolvedTable {
  /** Null while any setting is wrong. */
  choice: TableChoice | null;
  errors: TableErrors;
  /** The task the target suggests, and its close-call sentence. */
  guess: TaskGuess;
  /** A sentence offering another target when the default one may not be what the file means (targetHint). */
  targetHint: string | null;
  /** Each column's role under these settings, with why when it is left out. */
  roles: { role: 'feature' | 'target' | 'ignore'; why: string | null }[];
}

/**
 * A config's table settings against a file's profile: the target (a name or a 1-based number; the
 * default guess when unset), the task (the guess when unset), the features (every column but the
 * target whose kind is a feature's, less `ignore`, plus `include`), and the ID column for predictions.
 * When the columns other than the target and the ID are the pixels of square images, they are all
 * features, scaled by their largest value.
 */
export function resolveTable(profile: ColumnProfile[], config: Pick<TrainConfig, 'target' | 'task' | 'ignore' | 'include' | 'missing'>): ResolvedTable {
  const errors: TableErrors = {};
  const names = profile.map((c) => c.name);
  const list = (n: string[]) => (n.length > 6 ? `${n.slice(0, 6).map((s) => quoteValue(s)).join(', ')}, …` : n.map((s) => quoteValue(s)).join(', '));
  let target = config.target === undefined ? defaultTarget(profile) : findColumn(profile, config.target);
  if (target < 0) {
    errors.target = `The file has no column ${quoteValue(config.target)}; its columns are ${list(names)}.`;
    target = defaultTarget(profile);
  }
  const t = profile[target];
  const guess = guessTask(t);
  const task = config.task ?? guess.task;
  if (t.kind === 'empty') errors.target = `The target column ${quoteValue(t.name)} is empty: every cell is missing.`;
  else if (t.distinct < 2) errors.target = `The target column ${quoteValue(t.name)} has one ${task === 'classification' ? 'class' : 'value'} only (${quoteValue(t.examples[0] ?? '')}): there is nothing to learn. Choose another target.`;
  else if (task === 'regression' && !t.numeric) errors.task = `Regression needs numbers, but the target ${quoteValue(t.name)} holds text (such as ${quoteValue(t.examples[0] ?? '')}); choose Classification.`;
  else if (task === 'classification' && t.distinct > MAX_CLASSES) {
    errors.task = `The target ${quoteValue(t.name)} has ${count(t.distinct)} distinct values: more than the ${count(MAX_CLASSES)} classes a classifier here can have.${t.numeric ? ' Choose Regression.' : ' Choose another target.'}`;
  }

  const unknown = (what: string, cols: string[] | undefined) => {
    const bad = (cols ?? []).filter((n) => findColumn(profile, n) < 0);
    return bad.length ? `${what} ${list(bad)} ${bad.length === 1 ? 'is not a column' : 'are not columns'} of the file; its columns are ${list(names)}.` : null;
  };
  const badIgnore = unknown('Ignored column', config.ignore), badInclude = unknown('Feature column', config.include);
  if (badIgnore) errors.ignore = badIgnore;
  if (badInclude) errors.include = badInclude;
  const ignored = new Set((config.ignore ?? []).map((n) => findColumn(profile, n)));
  const included = new Set((config.include ?? []).map((n) => findColumn(profile, n)));

  const idColumn = profile.findIndex((c, i) => i !== target && (c.kind === 'id' || ID_NAMES.includes(norm(c.name))) && !included.has(i));
  const rest = profile.filter((_, i) => i !== target && i !== idColumn);
  const image = imageShapeOf(rest);
  const roles = profile.map((c, i): ResolvedTable['roles'][number] => {
    if (i === target) return { role: 'target', why: null };
    if (ignored.has(i)) return { role: 'ignore', why: 'you left it out' };
    if (included.has(i)) return { role: c.kind === 'empty' ? 'ignore' : 'feature', why: c.kind === 'empty' ? 'it is empty, even though you chose it' : null };
    if (image && i !== idColumn) return { role: 'feature', why: null };
    if (i === idColumn && c.kind !== 'id') return { role: 'ignore', why: 'its name says it identifies rows' };
    return FEATURE_KINDS.includes(c.kind) ? { role: 'feature', why: null } : { role: 'ignore', why: c.why };
  });
  // Pixels are numbers, even those few-valued or constant; elsewhere text and few distinct whole numbers are categories.
  const images = image !== null && rest.every((c) => roles[profile.indexOf(c)].role === 'feature');
  const features = roles.flatMap((r, i) => (r.role === 'feature'
    ? [{ column: i, kind: images || (profile[i].numeric && profile[i].kind !== 'categorical') ? 'numeric' as const : 'categorical' as const }]
    : []));
  if (features.length === 0 && !errors.target) errors.features = `No column can be a feature: every column but the target is ${profile.length > 1 ? 'an ID, free text, constant or empty' : 'missing'}. Choose a column's role as Feature, or load a table with more columns.`;
  const columns: Schema['columns'] = profile.map((c, i) => ({ name: c.name, kind: c.kind, role: roles[i].role }));
  const ok = Object.keys(errors).length === 0;
  return {
    choice: ok ? { target, task, features, missing: config.missing ?? 'fill', idColumn: idColumn >= 0 ? idColumn : null, image: images ? image : null, columns } : null,
    errors, guess, roles, targetHint: config.target === undefined ? targetHint(profile, target) : null,
  };
}
