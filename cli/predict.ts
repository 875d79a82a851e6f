/**
 * Predicts with a saved model and writes Kaggle's submission file:
 *   npm run predict -- --model model.safetensors --data test.csv --out submission.csv
 * The model is read by the page's own loader (src/model-file), with its checks and sentences.
 * Exit codes: 0 done, 1 a bad model or data file, 2 a bad command line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CsvError } from '../src/data/csv';
import { ModelFileError, buildModel, decodeModel } from '../src/model-file/safetensors';
import { predictLabels, submissionCsv } from '../src/model-file/submission';
import { PREDICT_USAGE, UsageError, parsePredictCli } from './args';
import { readDigitCsv } from './read-csv';

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
    const model = buildModel(decoded);
    const dataset = await readDigitCsv(options.data);
    const labels = predictLabels(model, dataset);
    writeFileSync(options.out, submissionCsv(labels));
    console.log(`${options.model}: ${decoded.architecture} ${decoded.activation}; ${count(dataset.count)} predictions written to ${options.out}`);
    if (dataset.labels) {
      let correct = 0;
      for (let i = 0; i < dataset.count; i++) if (labels[i] === dataset.labels[i]) correct++;
      console.log(`accuracy on the file's labels: ${((correct / dataset.count) * 100).toFixed(2)}% (${count(correct)} of ${count(dataset.count)})`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ModelFileError || e instanceof CsvError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
