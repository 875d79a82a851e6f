import { readFileSync } from 'node:fs';
import type { ScriptFiles } from '../src/export/pytorch';

/** The export's template and the table reader it includes, read from the source tree (the page bundles the same two files). */
export function scriptFiles(): ScriptFiles {
  return {
    template: readFileSync(new URL('../src/export/train-template.py', import.meta.url), 'utf8'),
    tableReader: readFileSync(new URL('../scripts/table_reader.py', import.meta.url), 'utf8'),
  };
}
