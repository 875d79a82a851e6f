/**
 * A table model's schema as the model file's `schema` metadata: JSON of data/schema.ts's Schema, checked
 * on load with valibot (field by field, so a bad file is refused with a sentence naming the field), then
 * against the tensors (the inputs the features make, the classes the last layer gives).
 */
import * as v from 'valibot';
import { featureWidth, outputSize, type Schema } from '../data/schema';
import { ModelFileError } from './error';

const finite = v.pipe(v.number(), v.finite());
const name = v.pipe(v.string(), v.minLength(1));
const kind = v.picklist(['numeric', 'categorical', 'text', 'id', 'constant', 'empty']);

const SCHEMA = v.strictObject({
  layout: v.literal('table'),
  columns: v.array(v.strictObject({ name: v.string(), kind, role: v.picklist(['feature', 'target', 'ignore']) })),
  features: v.pipe(v.array(v.variant('kind', [
    v.strictObject({ kind: v.literal('numeric'), column: name, mean: finite, std: v.pipe(finite, v.minValue(0)), fill: finite }),
    v.strictObject({ kind: v.literal('categorical'), column: name, categories: v.pipe(v.array(v.string()), v.minLength(1)), fill: v.string(), numeric: v.boolean() }),
  ])), v.minLength(1)),
  inputSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  target: v.variant('task', [
    v.strictObject({ column: name, task: v.literal('classification'), classes: v.pipe(v.array(v.string()), v.minLength(2)) }),
    v.strictObject({ column: name, task: v.literal('regression'), mean: finite, std: v.pipe(finite, v.gtValue(0)) }),
  ]),
  image: v.nullable(v.strictObject({ side: v.pipe(v.number(), v.integer(), v.minValue(1)), maxValue: v.pipe(finite, v.gtValue(0)) })),
  missing: v.picklist(['fill', 'drop']),
  idColumn: v.nullable(v.string()),
});

export function writeSchema(schema: Schema): string {
  return JSON.stringify(schema);
}

/** The schema of a model file's metadata, checked in itself; throws ModelFileError with one sentence. */
export function readSchema(text: string): Schema {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelFileError('Metadata "schema" is not JSON; it must describe the table the model reads (its features, their fitted values and the target).');
  }
  const parsed = v.safeParse(SCHEMA, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = v.getDotPath(issue);
    throw new ModelFileError(`Metadata "schema" is not valid: ${where ? `${where}: ` : ''}${issue.message}.`);
  }
  const schema = parsed.output as Schema;
  const width = schema.features.reduce((n, f) => n + featureWidth(f), 0);
  if (width !== schema.inputSize) throw new ModelFileError(`Metadata "schema" is not valid: its features make ${width} inputs, but it says ${schema.inputSize}.`);
  if (schema.image && schema.image.side * schema.image.side !== schema.inputSize) {
    throw new ModelFileError(`Metadata "schema" is not valid: images of side ${schema.image.side} have ${schema.image.side ** 2} pixels, not ${schema.inputSize} inputs.`);
  }
  if (outputSize(schema) < 1) throw new ModelFileError('Metadata "schema" is not valid: the model has no output.');
  return schema;
}
