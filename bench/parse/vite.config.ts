/** Vite build of the parse benchmark page (bench/parse), built by run.ts. */
import { fileURLToPath } from 'node:url';
import { benchPageConfig } from '../page-config.ts';

export const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/bench-parse', import.meta.url));

export default benchPageConfig(fileURLToPath(new URL('.', import.meta.url)), OUT_DIR);
