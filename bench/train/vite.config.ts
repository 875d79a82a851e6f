/**
 * Vite build of the training-speed page (bench/train): the product's engine in a module Web Worker,
 * with its helper threads started as the product starts them. Built by chromium.ts.
 */
import { fileURLToPath } from 'node:url';
import { benchPageConfig } from '../page-config.ts';

export const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/bench-train', import.meta.url));

export default benchPageConfig(fileURLToPath(new URL('.', import.meta.url)), OUT_DIR);
