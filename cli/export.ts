/**
 * Exports an experiment as a PyTorch script (src/export): a recipe's settings and data preparation,
 * or a trained model's.
 *   npm run export -- --preset notebook --out train.py
 *   npm run export -- --data penguins.csv --target Species --out train.py     (any of npm run train's settings)
 *   npm run export -- --model model.safetensors --out train.py
 * Exit codes: 0 written, 1 a bad data or model file, 2 a bad command line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvError } from '../src/data/csv';
import { pytorchScript } from '../src/export/pytorch';
import { DEFAULT_DATA, recipeOf, recipeOfModel } from '../src/export/recipe';
import { ModelFileError, decodeModel } from '../src/model-file/safetensors';
import { TableSettingsError } from '../src/train/run-data';
import { USAGE, UsageError, configFor, parseCli } from './args';
import { readCsv } from './read-csv';
import { scriptFiles } from './script-files';

export const EXPORT_USAGE = `Usage: npm run export -- [--preset ID] [--data FILE.csv] [settings…] --out train.py
       npm run export -- --model MODEL.safetensors --out train.py

Writes one self-contained Python script (torch and numpy only) that runs the experiment in PyTorch:
the same CSV read with the same schema, the same split and initial weights from the seed, the same
optimiser, schedule, early stopping and augmentation; on a CPU, a GPU, or many processes with
torchrun. With --data the schema is fitted on that file as a run would fit it; without, the digit
layout and Kaggle's ${DEFAULT_DATA}. The settings are npm run train's (below). --model exports a trained
model's recipe (the settings and schema its file records).`;

/** Splits off --out and --model (either `--out X` or `--out=X`); the rest is npm run train's command line. */
function ownFlags(argv: string[]): { out: string | null; model: string | null; rest: string[] } {
  const own: Record<string, string | null> = { out: null, model: null }, rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(out|model)(?:=(.*))?$/.exec(argv[i]);
    if (!m) rest.push(argv[i]);
    else own[m[1]] = m[2] ?? argv[++i] ?? null;
  }
  return { out: own.out, model: own.model, rest };
}

async function main(argv: string[]): Promise<number> {
  const { out, model, rest } = ownFlags(argv);
  const created = new Date().toISOString();
  try {
    if (rest.includes('--help') || argv.length === 0) {
      console.log(`${EXPORT_USAGE}\n\n${USAGE}`);
      return argv.length === 0 ? 2 : 0;
    }
    if (!out || !out.endsWith('.py')) throw new UsageError('--out must name the .py file to write, e.g. --out train.py');
    let text: string, notes: string[] = [];
    if (model !== null) {
      if (!existsSync(model)) {
        console.error(`error: There is no file "${model}".`);
        return 1;
      }
      const made = recipeOfModel(decodeModel(new Uint8Array(readFileSync(model))), basename(model), created);
      notes = made.notes;
      text = pytorchScript(scriptFiles(), made.recipe);
    } else {
      const hasData = rest.includes('--data') || rest.some((a) => a.startsWith('--data='));
      const options = parseCli(hasData ? rest : ['--data', DEFAULT_DATA, ...rest]);
      if (options === 'help') throw new UsageError('');
      const source = hasData ? await readCsv(options.data) : null;
      const config = source ? configFor(options, source) : options.config;
      text = pytorchScript(scriptFiles(), recipeOf(config, source, `npm run export -- ${argv.join(' ')}`, created));
    }
    writeFileSync(out, text);
    for (const note of notes) console.log(`note: ${note}`);
    console.log(`wrote ${out} (${text.split('\n').length} lines): pip install torch numpy, then python ${out} (or torchrun --nproc_per_node 4 ${out})`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${EXPORT_USAGE}`);
      return 2;
    }
    if (e instanceof ModelFileError || e instanceof CsvError || e instanceof TableSettingsError) {
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
