/**
 * The one place for training settings: the list of choices of each option, the rules every value
 * must follow, and one sentence per problem. The settings form, the CLI, links and the worker's
 * `start` only turn their text (or message) into a config with `configFromText`, and show the
 * sentences of `settingsErrors`, so a value is refused everywhere with the same words.
 */
import { ACTIVATION_NAMES, type ActivationName } from '../engine/activations';
import type { InitName } from '../engine/init';
import { MAX_LAYER_SIZE } from '../engine/mlp';
import { OPTIMIZER_NAMES, type OptimizerName } from '../engine/optim';
import { MAX_THREADS } from '../engine/wasm/layout';
import type { SplitMode } from '../data/split';
import type { MissingPolicy, Task } from '../data/schema';
import { AUGMENT_LIMITS, NO_AUGMENT } from '../data/augment';
import { MAX_DROPOUT } from '../engine/dropout';
import type { TrainConfig } from './config';
import { SCHEDULE_NAMES, type ScheduleName, STEP_GAMMA } from './schedule';

/** A choice of an option: the value in a config, a CLI flag or a link, and its label in the form. */
export interface Choice<T extends string> { value: T; label: string }

/** The engine's names with their labels; a Record, so a name the engine adds cannot go without one. */
const choicesOf = <T extends string>(names: readonly T[], labels: Record<T, string>): readonly Choice<T>[] => names.map((value) => ({ value, label: labels[value] }));

export const ACTIVATIONS = choicesOf<ActivationName>(ACTIVATION_NAMES, { relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh' });
export const OPTIMIZERS = choicesOf<OptimizerName>(OPTIMIZER_NAMES, { sgd: 'SGD', momentum: 'Momentum', adam: 'Adam' });
export const SPLIT_MODES: readonly Choice<SplitMode>[] = [
  { value: 'sequential', label: "Sequential: first rows train, last rows held out (the notebook's)" },
  { value: 'shuffled', label: 'Shuffled, stratified by class (from the seed)' },
];
export const SCHEDULES = choicesOf<ScheduleName>(SCHEDULE_NAMES, {
  constant: 'Constant', step: `Step decay (×${STEP_GAMMA} every N epochs)`, cosine: 'Cosine (to zero at the end)',
});
export const TASKS: readonly Choice<Task>[] = [
  { value: 'classification', label: 'Classification' }, { value: 'regression', label: 'Regression' },
];
/** The CLI's and links' short words for the tasks (`--task classify|regress`), beside their full names. */
const TASK_WORDS: Record<string, Task> = { classify: 'classification', regress: 'regression' };
export const MISSING_POLICIES: readonly Choice<MissingPolicy>[] = [
  { value: 'fill', label: 'Fill (training median, or most common category)' }, { value: 'drop', label: 'Drop rows' },
];
export const INITS: readonly Choice<InitName>[] = [
  { value: 'he', label: 'He (normal, √(2/in))' }, { value: 'xavier', label: 'Xavier (normal, √(2/(in + out)))' },
];

/** The bounds beyond which a setting is a mistake rather than a plan. */
export const LIMITS = {
  maxHiddenLayers: 8,
  maxLayerSize: MAX_LAYER_SIZE,
  maxLr: 10,
  maxBatchSize: 8192,
  maxEpochs: 1000,
  maxSeed: 4294967295,
  maxWeightDecay: 1,
  maxThreads: MAX_THREADS,
  maxDropout: MAX_DROPOUT,
  maxPatience: 1000,
  maxColumnName: 200,
  ...AUGMENT_LIMITS,
} as const;

/**
 * The thread count a machine trains on unless told otherwise: every core, at most 4. Chosen by
 * measurement (npm run bench:app, README "Threads"): on 2 cores, 2 threads train the notebook recipe
 * 1.5x as fast as 1 and the page stays smooth (the main thread only draws what the worker reports,
 * and its longest task stays under 50 ms), so leaving a core idle buys nothing. At most 4: beyond
 * that the Amdahl model of npm run bench's serial share promises little, and nothing here measured it.
 * `cores` defaults to the browser's navigator.hardwareConcurrency (2 where there is none).
 */
export function defaultThreads(cores: number = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.min(4, Math.floor(cores) || 1));
}

/** The settings a person chooses (the fields of TrainConfig). */
export type SettingName = keyof TrainConfig;
/** One sentence per setting that is wrong. */
export type SettingErrors = Partial<Record<SettingName, string>>;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A value as a sentence quotes it: at most 40 characters, and control or line-breaking characters
 * shown as "?", so a message stays one readable line whatever was typed or linked.
 */
export function quoteValue(v: unknown): string {
  const text = String(v);
  const short = [...text].slice(0, 40).join('');
  return `"${short.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '?')}${short.length < text.length ? '…' : ''}"`;
}
const choices = <T extends string>(list: readonly Choice<T>[]) => list.map((c) => c.value).join(', ');

/** Checks a number: a number, whole if asked, within [min, max]. */
function numberRule(what: string, v: unknown, opts: { whole: boolean; min: number; max: number; example: string }): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${what} must be a number${opts.example}.`;
  if (opts.whole && !Number.isInteger(v)) return `${what} must be a whole number.`;
  if (v < opts.min) return `${what} must be at least ${count(opts.min)}.`;
  if (v > opts.max) return `${what} can be at most ${count(opts.max)}.`;
  return null;
}

function choiceRule<T extends string>(what: string, v: unknown, list: readonly Choice<T>[]): string | null {
  return list.some((c) => c.value === v) ? null : `${what} must be one of ${choices(list)}; got ${quoteValue(v)}.`;
}

function hiddenRule(v: unknown): string | null {
  if (!Array.isArray(v)) return 'Hidden layers must be a list of sizes, like 128 or 256, 128.';
  for (let i = 0; i < v.length; i++) {
    const n: unknown = v[i];
    if (typeof n !== 'number' || !Number.isInteger(n)) return `Hidden layer ${i + 1} must be a whole number of units, like 128.`;
    if (n < 1) return `Hidden layer ${i + 1} has ${n} units; each layer needs at least 1.`;
    if (n > LIMITS.maxLayerSize) return `Hidden layer ${i + 1} has ${count(n)} units; the most is ${count(LIMITS.maxLayerSize)}.`;
  }
  if (v.length > LIMITS.maxHiddenLayers) return `At most ${LIMITS.maxHiddenLayers} hidden layers; got ${v.length}.`;
  return null;
}

/** A column named by a setting: text of 1 to LIMITS.maxColumnName characters. */
function columnRule(what: string, v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return `${what} must name a column.`;
  if (v.length > LIMITS.maxColumnName) return `${what} ${quoteValue(v)} is longer than ${LIMITS.maxColumnName} characters; no column is named so.`;
  return null;
}

function columnsRule(what: string, v: unknown): string | null {
  if (!Array.isArray(v)) return `${what} must be a list of column names, comma-separated.`;
  for (const name of v) {
    const problem = columnRule(what, name);
    if (problem) return problem;
  }
  return null;
}

function dropoutRule(v: unknown, hidden: unknown): string | null {
  if (!Array.isArray(v)) return 'Dropout must be a rate like 0.2, or one per hidden layer like 0.2, 0.1.';
  for (let i = 0; i < v.length; i++) {
    const p: unknown = v[i];
    if (typeof p !== 'number' || !Number.isFinite(p)) return `Dropout rate ${i + 1} must be a number from 0 to ${MAX_DROPOUT}, like 0.2.`;
    if (p < 0 || p > MAX_DROPOUT) return `Dropout rate ${p} is outside 0 to ${MAX_DROPOUT}: it is the share of units dropped.`;
  }
  if (Array.isArray(hidden) && v.length > 1 && v.length !== hidden.length) {
    return `Dropout has ${v.length} rates for ${hidden.length} hidden layer${hidden.length === 1 ? '' : 's'}: give one rate, or one per layer.`;
  }
  return null;
}

/** Every rule, one per setting; `trainRows` (rows left to train on) bounds the batch when known. */
const RULES: { [K in SettingName]-?: (c: TrainConfig, trainRows?: number) => string | null } = {
  hidden: (c) => hiddenRule(c.hidden),
  activation: (c) => choiceRule('Activation', c.activation, ACTIVATIONS),
  init: (c) => (c.init === undefined ? null : choiceRule('Initialiser', c.init, INITS)),
  optimizer: (c) => choiceRule('Optimizer', c.optimizer, OPTIMIZERS),
  lr: (c) => {
    const v = c.lr as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'Learning rate must be a number, e.g. 0.1.';
    if (v <= 0) return 'Learning rate must be above 0.';
    if (v > LIMITS.maxLr) return `Learning rate can be at most ${LIMITS.maxLr}.`;
    return null;
  },
  batchSize: (c, trainRows) => numberRule('Batch size', c.batchSize, { whole: true, min: 1, max: LIMITS.maxBatchSize, example: ', e.g. 32' }) ??
    (trainRows !== undefined && c.batchSize > trainRows ? `Batch size ${count(c.batchSize)} is larger than the ${count(trainRows)} training rows.` : null),
  epochs: (c) => numberRule('Epochs', c.epochs, { whole: true, min: 1, max: LIMITS.maxEpochs, example: ', e.g. 10' }),
  seed: (c) => numberRule('Seed', c.seed, { whole: true, min: 0, max: LIMITS.maxSeed, example: ', e.g. 42' }),
  valShare: (c) => {
    const v = c.valShare as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'Validation split must be a number.';
    if (v < 0 || v >= 1) return 'Validation split must be at least 0% and below 100%.';
    return null;
  },
  split: (c) => choiceRule('Split', c.split, SPLIT_MODES),
  shuffle: (c) => (typeof c.shuffle === 'boolean' ? null : `Shuffle must be on or off; got ${quoteValue(c.shuffle)}.`),
  weightDecay: (c) => numberRule('L2 decay', c.weightDecay, { whole: false, min: 0, max: LIMITS.maxWeightDecay, example: ', e.g. 0 or 0.0001' }),
  threads: (c) => (c.threads === undefined ? null : numberRule('Threads', c.threads, { whole: true, min: 1, max: LIMITS.maxThreads, example: ', e.g. 1 or 2' })),
  dropout: (c) => (c.dropout === undefined ? null : dropoutRule(c.dropout, c.hidden)),
  schedule: (c) => (c.schedule === undefined ? null : choiceRule('Learning-rate schedule', c.schedule, SCHEDULES)),
  warmup: (c) => (c.warmup === undefined ? null : numberRule('Warm-up', c.warmup, { whole: true, min: 0, max: LIMITS.maxEpochs, example: ', e.g. 0 or 2 epochs' }) ??
    (typeof c.epochs === 'number' && c.warmup >= c.epochs && c.warmup > 0 ? `Warm-up of ${c.warmup} epochs leaves none of the ${c.epochs} epochs to train at full rate.` : null)),
  stepSize: (c) => (c.stepSize === undefined ? null : numberRule('Step size', c.stepSize, { whole: true, min: 1, max: LIMITS.maxEpochs, example: ', e.g. 10 epochs' })),
  shift: (c) => (c.shift === undefined ? null : numberRule('Shift', c.shift, { whole: true, min: 0, max: LIMITS.maxShift, example: ', e.g. 2 pixels' })),
  rotation: (c) => (c.rotation === undefined ? null : numberRule('Rotation', c.rotation, { whole: false, min: 0, max: LIMITS.maxRotation, example: ', e.g. 10 degrees' })),
  scale: (c) => (c.scale === undefined ? null : numberRule('Scale', c.scale, { whole: false, min: 0, max: LIMITS.maxScale, example: ', e.g. 10 percent' })),
  elasticAlpha: (c) => (c.elasticAlpha === undefined ? null : numberRule('Elastic α', c.elasticAlpha, { whole: false, min: 0, max: LIMITS.maxElasticAlpha, example: ', e.g. 0 or 34' })),
  elasticSigma: (c) => (c.elasticSigma === undefined ? null : numberRule('Elastic σ', c.elasticSigma, { whole: false, min: LIMITS.minElasticSigma, max: LIMITS.maxElasticSigma, example: `, e.g. ${NO_AUGMENT.elasticSigma}` })),
  patience: (c) => (c.patience === undefined ? null : numberRule('Patience', c.patience, { whole: true, min: 0, max: LIMITS.maxPatience, example: ', e.g. 10 epochs, or 0 for no early stopping' })),
  target: (c) => (c.target === undefined ? null : columnRule('Target column', c.target)),
  ignore: (c) => (c.ignore === undefined ? null : columnsRule('Ignored columns', c.ignore)),
  include: (c) => (c.include === undefined ? null : columnsRule('Feature columns', c.include)),
  task: (c) => (c.task === undefined ? null : choiceRule('Task', c.task, TASKS)),
  missing: (c) => (c.missing === undefined ? null : choiceRule('Missing values', c.missing, MISSING_POLICIES)),
};

/** Every setting of the settings table, in its order. */
export const SETTING_NAMES = Object.keys(RULES) as SettingName[];

/**
 * The problems of a config, one sentence per wrong setting; empty when a run can start. The values
 * are checked as they are at run time (a config from a message or a link may hold anything).
 */
export function settingsErrors(c: TrainConfig, trainRows?: number): SettingErrors {
  const errors: SettingErrors = {};
  for (const name of Object.keys(RULES) as SettingName[]) {
    const problem = RULES[name](c, trainRows);
    if (problem) errors[name] = problem;
  }
  return errors;
}

/** The problem with one setting's value, or null (for a control that edits that setting alone). */
export function settingError<K extends SettingName>(name: K, value: TrainConfig[K], trainRows?: number): string | null {
  return RULES[name]({ [name]: value } as unknown as TrainConfig, trainRows);
}

/** True when a split (the share held out, how rows are chosen, the seed) follows the settings rules. */
export function isValidSplit(split: { valShare: number; mode: SplitMode; seed: number }): boolean {
  return !settingError('valShare', split.valShare) && !settingError('split', split.mode) && !settingError('seed', split.seed);
}

/** The sentences of `settingsErrors`, in one line. */
export function errorText(errors: SettingErrors): string {
  return Object.values(errors).join(' ');
}

/** A config that breaks the rules: its message is the rules' sentences. */
export class SettingsError extends Error {
  constructor(readonly errors: SettingErrors) {
    super(errorText(errors));
    this.name = 'SettingsError';
  }
}

/** Throws SettingsError unless the config follows every rule. */
export function assertValidSettings(c: TrainConfig, trainRows?: number): void {
  const errors = settingsErrors(c, trainRows);
  if (Object.keys(errors).length) throw new SettingsError(errors);
}

/** Each setting's name as text: the CLI's flag (`--l2`) and the link's parameter (`?l2=`). */
export const TEXT_NAMES: Partial<Record<SettingName, string>> = {
  hidden: 'hidden', activation: 'activation', optimizer: 'optimizer', lr: 'lr', batchSize: 'batch', epochs: 'epochs',
  seed: 'seed', valShare: 'val', split: 'split', shuffle: 'shuffle', weightDecay: 'l2', threads: 'threads',
  dropout: 'dropout', schedule: 'schedule', warmup: 'warmup', stepSize: 'step-size',
  shift: 'shift', rotation: 'rotate', scale: 'scale', elasticAlpha: 'elastic', elasticSigma: 'elastic-sigma',
  patience: 'patience', target: 'target', ignore: 'ignore', include: 'include', task: 'task', missing: 'missing', init: 'init',
};

/** Settings as text: form fields, CLI flags or link parameters, each as typed. */
export type SettingsText = Partial<Record<SettingName, string>>;

/**
 * Column names from text: comma-separated, a name holding a comma in double quotes (as a CSV cell),
 * spaces around each trimmed.
 */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/gy;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) names.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2].trim());
  return names.filter((n) => n !== '');
}

/** Column names as text, splitNames' inverse. */
export function joinNames(names: readonly string[]): string {
  return names.map((n) => (/[,"]/.test(n) || n !== n.trim() ? `"${n.replaceAll('"', '""')}"` : n)).join(',');
}

/** Text to a number; blank or malformed text becomes NaN, which the rules name. */
function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text.trim());
}

const TRUE = ['true', '1', 'on', 'yes'];
const FALSE = ['false', '0', 'off', 'no'];

/**
 * Turns text into values over `base`. Nothing is refused here: text that is not a value stays
 * malformed (NaN, an unknown name) so that `settingsErrors` names it in its one sentence.
 * `valShare` is a fraction (0.2); `hidden` is comma-separated sizes, blank for none.
 */
export function configFromText(text: SettingsText, base: TrainConfig): TrainConfig {
  const c: TrainConfig = { ...base, hidden: [...base.hidden] };
  const set = c as unknown as Record<SettingName, unknown>;
  for (const [name, raw] of Object.entries(text) as [SettingName, string | undefined][]) {
    if (raw === undefined) continue;
    const t = raw.trim();
    switch (name) {
      case 'hidden': case 'dropout': set[name] = t === '' ? [] : t.split(',').map(numberOf); break;
      case 'activation': case 'optimizer': case 'split': case 'init': case 'schedule': case 'missing': set[name] = t.toLowerCase(); break;
      case 'task': set.task = TASK_WORDS[t.toLowerCase()] ?? t.toLowerCase(); break;
      case 'target': set.target = t; break;
      case 'ignore': case 'include': set[name] = t === '' ? [] : splitNames(t); break;
      case 'shuffle': set.shuffle = TRUE.includes(t.toLowerCase()) ? true : FALSE.includes(t.toLowerCase()) ? false : t; break;
      case 'lr': case 'batchSize': case 'epochs': case 'seed': case 'valShare': case 'weightDecay': case 'threads':
      case 'warmup': case 'stepSize': case 'shift': case 'rotation': case 'scale': case 'elasticAlpha': case 'elasticSigma': case 'patience':
        set[name] = numberOf(t); break;
    }
  }
  return c;
}

/** Text to a config and its problems: the config is null while any setting is wrong. */
export function parseSettings(text: SettingsText, base: TrainConfig, trainRows?: number): { config: TrainConfig | null; errors: SettingErrors } {
  const config = configFromText(text, base);
  const errors = settingsErrors(config, trainRows);
  return { config: Object.keys(errors).length ? null : config, errors };
}
