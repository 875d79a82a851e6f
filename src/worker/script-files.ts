import type { ScriptFiles } from '../export/pytorch';

/**
 * The export's template and the table reader it includes, bundled with the worker as text (Vite's
 * ?raw) and loaded on the first export only; the CLI reads the same two files from disk.
 */
export async function scriptFiles(): Promise<ScriptFiles> {
  const [template, reader] = await Promise.all([import('../export/train-template.py?raw'), import('../../scripts/table_reader.py?raw')]);
  return { template: template.default, tableReader: reader.default };
}
