/**
 * Predicts with a saved model and writes Kaggle's submission file:
 *   npm run predict -- --model model.safetensors --data test.csv --out submission.csv
 * The model is read by the page's own loader (src/model-file), with its checks and sentences.
 * Exit codes: 0 done, 1 a bad model or data file, 2 a bad command line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CsvError } from '../src/data/csv';
import { ModelFileError, buildModel, decodeModel } from '../src/model-file/safetensors';
import { predictAll, submissionCsv } from '../src/model-file/submission';
import { Predictor } from '../src/engine/wasm/predict';
import type { Dataset } from '../src/data/dataset';
import type { LoadedTable } from '../src/data/read-blob';
import type { Schema } from '../src/data/schema';
import { cellText } from '../src/data/table';
import { RegressionEvaluation } from '../src/engine/metrics';
import type { Sequential } from '../src/engine/sequential';
import { evaluateDataset } from '../src/train/evaluate';
import { isTableSource } from '../src/train/run-data';
import { encodeFor } from '../src/worker/encode';
import { PREDICT_USAGE, UsageError, parsePredictCli } from './args';
import { readCsv } from './read-csv';

const count = (n: number) => n.toLocaleString('en-US');

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parsePredictCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${PREDICT_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    console.log(PREDICT_USAGE);
    return 0;
  }
  for (const path of [options.model, options.data]) {
    if (!existsSync(path)) {
      console.error(`error: There is no file "${path}".`);
      return 1;
    }
  }
  try {
    const decoded = decodeModel(new Uint8Array(readFileSync(options.model)));
    for (const note of decoded.notes) console.log(`note: ${note}`);
    const model = buildModel(decoded), schema = decoded.schema;
    const source = await readCsv(options.data);
    let encoded;
    try {
      encoded = encodeFor(source, schema, 'predict');
    } catch (e) {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}.`);
      return 1;
    }
    const ds = encoded.dataset;
    // The TypeScript layers: a regression's values then match scripts/numpy_forward.py's float32 to the last bit.
    const predictions = predictAll(model, ds, undefined, new Predictor({ kernels: 'js' }));
    const idColumn = isTableSource(source) && schema.idColumn ? source.table.columns.find((c) => c.name === schema.idColumn) : undefined;
    const ids = idColumn ? Array.from({ length: ds.count }, (_, i) => cellText(idColumn, i)) : null;
    writeFileSync(options.out, submissionCsv(schema, predictions, ids));
    console.log(`${options.model}: ${decoded.architecture} ${decoded.activation}; ${count(ds.count)} predictions written to ${options.out}`);
    if (encoded.unseen) console.log(`note: ${count(encoded.unseen)} cells had a category the training rows never had (encoded as none of the known ones)`);
    const scored = scoreOf(source, schema, model);
    if (scored) console.log(scored);
    return 0;
  } catch (e) {
    if (e instanceof ModelFileError || e instanceof CsvError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** For a file that has the target: the model's score on it (accuracy, or R² and RMSE), as a line; else null. */
function scoreOf(source: Dataset | LoadedTable, schema: Schema, model: Sequential): string | null {
  let test;
  try {
    test = encodeFor(source, schema, 'test');
  } catch {
    return null; // no target column: nothing to score
  }
  if (test.dataset.count === 0) return null;
  const e = evaluateDataset(model, test.dataset);
  const skipped = test.skipped ? ` (${count(test.skipped)} rows without a known target left out)` : '';
  return e instanceof RegressionEvaluation
    ? `on the file's targets: R² ${e.r2.toFixed(4)}, RMSE ${e.rmse.toPrecision(4)}, MAE ${e.mae.toPrecision(4)} over ${count(e.count)} rows${skipped}`
    : `accuracy on the file's labels: ${(e.accuracy * 100).toFixed(2)}% (${count(e.correct)} of ${count(e.count)})${skipped}`;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
