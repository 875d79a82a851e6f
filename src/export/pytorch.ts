import type { Schema } from '../data/schema';
import { initOf } from '../engine/init';
import { type TrainConfig, augmentOf, dropoutRates, scheduleOf } from '../train/config';

/**
 * `Export PyTorch script`: the playground's experiment as one Python file, from one template
 * (train-template.py) with the recipe's values filled in. The template's {{name}} placeholders take
 * Python literals of the recipe's values; {{table_reader}} takes scripts/table_reader.py verbatim, so
 * the script reads its CSV as the page does. The template files are read by the caller (the worker
 * bundles them, the CLI reads them from disk), so this module stays plain functions.
 */

/** The two files a script is made from: the template, and the table reader it includes. */
export interface ScriptFiles { template: string; tableReader: string }

/** What a script runs: the settings, the schema fitted on the training rows, the CSV's name, and where it came from. */
export interface ScriptRecipe {
  config: TrainConfig;
  schema: Schema;
  /** The CSV the recipe was exported for: the script's default --data. */
  data: string;
  /** "the page", "npm run export --preset notebook", "model.safetensors". */
  source: string;
  /** ISO time of the export. */
  created: string;
}

/** A value as a Python literal: JSON, with True, False and None (a JSON string is a valid Python string). */
export function pythonLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`pythonLiteral: ${v} is not a finite number`);
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pythonLiteral).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pythonLiteral(x)}`).join(', ')}}`;
  throw new Error(`pythonLiteral: cannot write a ${typeof v}`);
}

/** JSON for a r"""…""" string of the template (JSON never holds three quotes in a row: every quote in a string is escaped). */
function rawJson(v: unknown): string {
  const text = JSON.stringify(v, null, 2);
  if (text.includes('"""')) throw new Error('rawJson: the JSON holds """');
  return text;
}

/** The script's values, by placeholder name. */
function values(r: ScriptRecipe, files: ScriptFiles): Record<string, string> {
  const c = r.config, aug = augmentOf(c), sch = scheduleOf(c);
  const architecture = [r.schema.inputSize, ...c.hidden, r.schema.target.task === 'classification' ? r.schema.target.classes.length : 1].join('-');
  return {
    title: `train.py: ${architecture} ${c.activation} on ${r.data}`,
    created: r.created,
    source: r.source,
    data: pythonLiteral(r.data),
    hidden: pythonLiteral(c.hidden),
    activation: pythonLiteral(c.activation),
    init: pythonLiteral(initOf(c.activation, c.init)),
    dropout: pythonLiteral(dropoutRates(c)),
    optimizer: pythonLiteral(c.optimizer),
    lr: pythonLiteral(c.lr),
    weightDecay: pythonLiteral(c.weightDecay),
    batchSize: pythonLiteral(c.batchSize),
    epochs: pythonLiteral(c.epochs),
    seed: pythonLiteral(c.seed),
    valShare: pythonLiteral(c.valShare),
    split: pythonLiteral(c.split),
    shuffle: pythonLiteral(c.shuffle),
    schedule: pythonLiteral(sch.schedule),
    warmup: pythonLiteral(sch.warmup),
    stepSize: pythonLiteral(sch.stepSize),
    patience: pythonLiteral(c.patience ?? 0),
    augment: pythonLiteral({ shift: aug.shift, rotation: aug.rotation, scale: aug.scale, elasticAlpha: aug.elasticAlpha, elasticSigma: aug.elasticSigma }),
    schema: rawJson(r.schema),
    settings: rawJson(c),
    table_reader: files.tableReader.trimEnd(),
  };
}

/** The script: the template with every placeholder filled (an unknown one is an error, not a silent blank). */
export function pytorchScript(files: ScriptFiles, recipe: ScriptRecipe): string {
  const v = values(recipe, files);
  const filled = files.template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in v)) throw new Error(`pytorchScript: the template has {{${name}}}, which no value fills`);
    return v[name];
  });
  return alignComments(filled);
}

/** A recipe line: `NAME = value   # why`. */
const RECIPE_LINE = /^([A-Z][A-Z_]* = .*?) {2,}(# .*)$/;

/** Lines the recipe's comments are aligned within, at most: a long value keeps its comment two spaces after it. */
const COMMENT_COLUMN = 34;

/** The recipe's `NAME = value  # comment` lines, their comments in one column again after the values were filled in. */
function alignComments(text: string): string {
  const lines = text.split('\n');
  const width = Math.min(COMMENT_COLUMN, Math.max(0, ...lines.map((l) => RECIPE_LINE.exec(l)?.[1].length ?? 0)) + 2);
  return lines.map((l) => {
    const m = RECIPE_LINE.exec(l);
    return m ? `${m[1].padEnd(width - 1)} ${m[2]}` : l;
  }).join('\n');
}
