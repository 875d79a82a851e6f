import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { loadSample, metric, probabilities, resetEverything, setField, stroke, train } from './helpers';

/**
 * Keeping and sharing the work: the workspace survives a reload, a model file goes out and comes
 * back with the same predictions, a Kaggle submission is what the model predicts, a link carries
 * settings, and bad model files or a failing storage lose nothing.
 */

/** The workspace as kept in IndexedDB, read in the page (null when nothing is kept). */
async function stored(page: Page): Promise<{ runs: { state: string }[]; model: { name: string } | null; settings: { form: Record<string, unknown> } } | null> {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('mlp-playground');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('workspace')) { db.close(); resolve(null); return; }
      const get = db.transaction('workspace').objectStore('workspace').get('workspace');
      get.onsuccess = () => { db.close(); resolve(get.result ?? null); };
      get.onerror = () => reject(get.error);
    };
  }));
}

const VERTICAL: [number, number][] = [[140, 40], [140, 140], [141, 240]];
const SEVEN: [number, number][] = [[70, 50], [210, 50], [120, 240]];

async function trainBriefly(page: Page, epochs = '2'): Promise<void> {
  await loadSample(page);
  await setField(page, 'Epochs', epochs);
  await setField(page, 'Hidden layers', '64');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
}

async function drawnProbabilities(page: Page, points: [number, number][]): Promise<[number, number][]> {
  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await stroke(page, points);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  return probabilities(page);
}

test('train briefly and reload: the model, the charts and the settings are back, and a drawing gets the same probabilities', async ({ page }) => {
  await page.goto('/');
  await trainBriefly(page);
  const before = await drawnProbabilities(page, SEVEN);
  const accuracy = await metric(page, 'Validation accuracy');
  await expect.poll(async () => (await stored(page))?.runs[0]?.state, { timeout: 15_000 }).toBe('done');
  await expect.poll(async () => (await stored(page))?.model?.name ?? null).toBe('mlp-784-64-10-run1');

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /^Restored your work from .+: the settings, 1 run with its charts and the model \(mlp-784-64-10-run1\)\. Datasets are not kept: load "mnist-sample-10k\.csv" again/ })).toBeVisible();
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('64');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('2');
  expect(await metric(page, 'Validation accuracy')).toBe(accuracy);
  for (const chart of ['Loss chart', 'Accuracy chart']) {
    await expect(page.getByRole('figure', { name: chart }).getByRole('table', { name: `${chart} data` }).locator('tbody tr')).toHaveCount(2);
  }
  await expect(page.getByRole('region', { name: 'Run history' })).toContainText('784-64-10');
  expect(await drawnProbabilities(page, SEVEN)).toEqual(before);

  // Reset forgets the kept work too: a reload restores nothing.
  await resetEverything(page);
  await expect.poll(() => stored(page)).toBeNull();
  await page.reload();
  await expect(page.getByText(/^Restored your work/)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Run history' })).toHaveCount(0);
});

test('save, Reset, load the file: the same predictions; a bad model file is refused and the current model stays', async ({ page }) => {
  await page.goto('/');
  await trainBriefly(page);
  const before = await drawnProbabilities(page, VERTICAL);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save model' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('mlp-784-64-10-run1.safetensors');
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);

  await resetEverything(page);
  await expect(page.getByRole('list', { name: 'Class probabilities' })).toHaveCount(0);
  await page.getByLabel('Model file').setInputFiles(path);
  const loaded = page.getByRole('region', { name: 'Loaded model' });
  await expect(loaded).toContainText(/^mlp-784-64-10-run1\.safetensors: 784-64-10, relu, 50,890 parameters, \d\d\.\d\d% held out when saved\./);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  expect(await probabilities(page)).toEqual(before);
  // The loaded model's mistakes on the held-out rows of the loaded data.
  await expect(page.getByRole('region', { name: 'Misclassified samples' }).getByRole('listitem').first()).toContainText(/true \d, predicted \d/);

  // An image renamed to .safetensors: refused with a sentence, and the model still answers the same.
  const png = test.info().outputPath('digit.safetensors');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  await page.getByLabel('Model file').setInputFiles(png);
  await expect(page.getByRole('alert')).toContainText('The model file "digit.safetensors" was not loaded: This is a PNG image, not a safetensors model file. The current model is kept.');
  await expect(loaded).toContainText('mlp-784-64-10-run1.safetensors');
  expect(await drawnProbabilities(page, VERTICAL)).toEqual(before);
});

test('load the 28,000-row unlabeled sample and download a submission: 28,000 rows, the header, the labels the model predicts', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await trainBriefly(page, '1');
  const modelDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save model' }).click();
  const modelPath = test.info().outputPath('model.safetensors');
  await (await modelDownload).saveAs(modelPath);

  await loadSample(page, 'Kaggle-sized test.csv: 28,000 unlabeled digits', '28,000 rows');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download submission' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('submission.csv');
  const path = test.info().outputPath('submission.csv');
  await file.saveAs(path);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(lines[0]).toBe('ImageId,Label');
  expect(lines).toHaveLength(28_001);
  expect(lines[28_000]).toMatch(/^28000,\d$/);

  // The same model file through the headless predictor gives the same file.
  const cliOut = test.info().outputPath('cli-submission.csv');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/predict.ts', '--model', modelPath, '--data', 'public/data/mnist-test-28k.csv', '--out', cliOut]);
  expect(readFileSync(cliOut, 'utf8')).toBe(readFileSync(path, 'utf8'));
});

test('a link with settings fills the form; its unknown or bad values are ignored with a note', async ({ page }) => {
  await page.goto('/?hidden=256,64&activation=tanh&optimizer=adam&lr=0.002&batch=64&epochs=7&seed=5&val=0.25&split=shuffled&shuffle=1&l2=0.0001&colour=blue&lr=abc');
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('256, 64');
  await expect(page.getByRole('combobox', { name: 'Activation' })).toHaveValue('tanh');
  await expect(page.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('adam');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('64');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('7');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('5');
  await expect(page.getByRole('spinbutton', { name: 'Validation split' })).toHaveValue('25');
  await expect(page.getByRole('radio', { name: /Shuffled, stratified/ })).toBeChecked();
  await expect(page.getByLabel(/Shuffle the training rows/)).toBeChecked();
  await expect(page.getByLabel('L2 decay', { exact: true })).toHaveValue('0.0001');
  const notes = page.getByRole('status').filter({ hasText: 'The link' });
  await expect(notes).toContainText('The link\'s "colour=blue" is not a setting; ignored.');
  await expect(notes).toContainText('The link\'s "lr=abc" was ignored: Learning rate must be a number, e.g. 0.1.');
  // The address follows the settings, so the page's own link reproduces the setup.
  await setField(page, 'Epochs', '9');
  await expect.poll(() => new URL(page.url()).searchParams.get('epochs')).toBe('9');
  expect(new URL(page.url()).searchParams.get('hidden')).toBe('256,64');
});

test('a storage that fails gets a clear message, and the page works on without it', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.goto('/');
  await trainBriefly(page, '1');
  await expect(page.getByRole('alert')).toContainText("Your work cannot be saved: the browser's storage for this page is full (quota exceeded). The page works on, but a reload will lose it.");
  await expect(page.getByRole('list', { name: 'Class probabilities' })).toHaveCount(0);
  expect((await drawnProbabilities(page, VERTICAL)).length).toBe(10);
});

test('a browser that refuses storage (private mode) gets a clear message, and the page works on', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Your work cannot be saved: this browser does not allow storage for this page (private browsing?).');
  await trainBriefly(page, '1');
  expect(await metric(page, 'Epoch')).toBe('1 / 1');
});

test('the notebook\'s NumPy weights saved with the safetensors library load too, and the page says what it assumed', async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
  await page.getByLabel('Model file').setInputFiles('tests/unit/model-file/fixtures/notebook-784-4-10.safetensors');
  await expect(page.getByRole('region', { name: 'Loaded model' })).toContainText('notebook-784-4-10.safetensors: 784-4-10, relu, 3,190 parameters.');
  const assumed = page.getByRole('list', { name: 'What was assumed' });
  await expect(assumed).toContainText('the architecture, 784-4-10, comes from the tensor shapes');
  await expect(assumed).toContainText('No hidden activation is recorded, so ReLU is assumed');
  await expect(assumed).toContainText('No input normalisation is recorded, so x/255 is assumed');
  await stroke(page, [[140, 40], [140, 140], [141, 240]]);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('region', { name: 'Misclassified samples' }).getByRole('listitem').first()).toContainText(/true \d, predicted \d/);
  await expect(page.locator('#errors')).toContainText(/The loaded model on the 2,000 held-out rows: \d+\.\d\d% accuracy, loss \d+\.\d{4}\./);
});

test('two open tabs never mix their work: each writes its whole record, and the last writer wins', async ({ page, context }) => {
  await page.goto('/');
  await trainBriefly(page, '1');
  await expect.poll(async () => (await stored(page))?.model?.name ?? null, { timeout: 15_000 }).toBe('mlp-784-64-10-run1');

  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByText(/^Restored your work/)).toBeVisible();
  await setField(other, 'Epochs', '7');
  await setField(other, 'Seed', '7');
  await expect.poll(async () => (await stored(page))?.settings.form.epochs).toBe('7');

  // The first tab writes last: its whole record, not a mix of its settings and the other tab's.
  await setField(page, 'Seed', '3');
  await expect.poll(async () => (await stored(page))?.settings.form.seed).toBe('3');
  const kept = await stored(page);
  expect(kept?.settings.form).toMatchObject({ epochs: '1', seed: '3', hidden: '64' });
  expect(kept?.runs).toHaveLength(1);
  await other.goto('/'); // not a reload: the address holds that tab's own settings, and a link's settings win
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('3');
});

test('a storage that never answers (blocked) gets a clear message, and the page works on', async ({ page }) => {
  await page.addInitScript(() => {
    // An open request whose events never fire, as when another tab holds the database.
    IDBFactory.prototype.open = function () { return new EventTarget() as unknown as IDBOpenDBRequest; };
  });
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText("Your work cannot be saved: the browser's storage did not answer (blocked, perhaps by another tab of this page).", { timeout: 20_000 });
  await trainBriefly(page, '1');
  expect(await metric(page, 'Epoch')).toBe('1 / 1');
});

test('a link with other settings wins over the kept ones, and the restored line says so', async ({ page }) => {
  await page.goto('/');
  await trainBriefly(page, '1');
  await expect.poll(async () => (await stored(page))?.model?.name ?? null, { timeout: 15_000 }).toBe('mlp-784-64-10-run1');
  await page.goto('/?hidden=32&epochs=9');
  await expect(page.getByRole('status').filter({ hasText: /^Restored your work from .+: 1 run with its charts and the model \(mlp-784-64-10-run1\)\. The link's settings are used, not the kept ones\./ })).toBeVisible();
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('32');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('9');
});
