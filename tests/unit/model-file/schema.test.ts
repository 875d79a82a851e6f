/** A table model's schema through its file: written, read back, checked, and predicting as the run did. */
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/data/profile';
import { parseTableCsv } from '../../../src/data/table-csv';
import { ModelFileError, buildModel, decodeModel, encodeModel } from '../../../src/model-file/safetensors';
import { predictAll } from '../../../src/model-file/submission';
import { TABLE_PRESET } from '../../../src/train/presets';
import { TrainingRun } from '../../../src/train/run';
import { encodeFor } from '../../../src/worker/encode';
import { syntheticCsv } from '../table-fixtures';
import { headerOf, withHeader } from './files';

const table = parseTableCsv('synthetic.csv', syntheticCsv(400));
const source = { table, profile: profileTable(table) };

function trained(target: string) {
  const run = new TrainingRun(source, { ...TABLE_PRESET, target, epochs: 3, patience: 0 });
  while (!run.done) {
    run.trainBatches(Infinity);
    run.finishEpoch();
  }
  const bytes = encodeModel(run.model, { settings: run.config, metrics: { epoch: 3 }, created: '2025-01-01T00:00:00.000Z', dataset: 'synthetic.csv', schema: run.dataset.schema });
  return { run, bytes };
}

describe("a table model's file", () => {
  for (const target of ['kind', 'value']) {
    it(`keeps its schema (${target}) and predicts every row as the run's model, bit for bit`, () => {
      const { run, bytes } = trained(target);
      const decoded = decodeModel(bytes);
      expect(decoded.schema).toEqual(run.dataset.schema);
      expect(decoded.notes).toEqual([]);
      expect(headerOf(bytes).__metadata__).toMatchObject({ normalization: 'schema' });
      const rows = encodeFor(source, decoded.schema, 'predict').dataset;
      expect(predictAll(buildModel(decoded), rows)).toEqual(predictAll(run.model, rows));
    });
  }

  it('a schema that is not JSON, misses a field or does not fit the tensors is refused with one sentence', () => {
    const { bytes } = trained('kind');
    const edit = (f: (schema: Record<string, unknown>) => unknown) => withHeader((h) => {
      h.__metadata__.schema = JSON.stringify(f(JSON.parse(h.__metadata__.schema as string) as Record<string, unknown>));
    }, bytes);
    const refused = (file: Uint8Array) => {
      try {
        decodeModel(file);
      } catch (e) {
        expect(e).toBeInstanceOf(ModelFileError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(withHeader((h) => { h.__metadata__.schema = '{oops'; }, bytes))).toMatch(/^Metadata "schema" is not JSON/);
    expect(refused(edit((s) => ({ ...s, target: undefined })))).toMatch(/^Metadata "schema" is not valid: target: /);
    expect(refused(edit((s) => ({ ...s, inputSize: 99 })))).toMatch(/its features make \d+ inputs, but it says 99\./);
    expect(refused(edit((s) => ({ ...s, target: { column: 'kind', task: 'classification', classes: ['a', 'b', 'c', 'd'] } })))).toMatch(/the last layer must give the 4 classes/);
    expect(refused(withHeader((h) => { h.__metadata__.normalization = 'x/255'; }, bytes))).toMatch(/a table's model must say "schema"/);
  });
});
