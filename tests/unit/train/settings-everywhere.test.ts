import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { type TrainForm, formOf, parseForm } from '../../../src/train/form';
import { settingError } from '../../../src/train/settings';
import type { WorkerEvent } from '../../../src/worker/protocol';
import { Session } from '../../../src/worker/session';
import { mnistCsv } from '../csv-fixtures';

/**
 * One table of bad settings, run through every surface that takes settings: the settings form (and
 * the split control, for the split share), the CLI (a real process: exit code 2 and the sentence on
 * stderr) and the worker's `start` (startFailed with the sentence). Each must refuse it with the same
 * sentence, the one the settings rules (src/train/settings.ts) write.
 */
interface Case {
  what: string;
  /** The form's text fields changed, or the split share (the split control's own field). */
  form: Partial<TrainForm> | { valShare: number };
  cli: string[];
  /** The config a worker could be sent (from a message, or later a link). */
  config: Partial<Record<keyof TrainConfig, unknown>>;
  sentence: string;
}

const cases: Case[] = [
  { what: 'L2 decay 5', form: { weightDecay: '5' }, cli: ['--l2', '5'], config: { weightDecay: 5 }, sentence: 'L2 decay can be at most 1.' },
  { what: 'ten hidden layers', form: { hidden: '9,9,9,9,9,9,9,9,9,9' }, cli: ['--hidden', '9,9,9,9,9,9,9,9,9,9'], config: { hidden: Array(10).fill(9) }, sentence: 'At most 8 hidden layers; got 10.' },
  { what: 'seed -1', form: { seed: '-1' }, cli: ['--seed=-1'], config: { seed: -1 }, sentence: 'Seed must be at least 0.' },
  { what: 'seed 1.5', form: { seed: '1.5' }, cli: ['--seed', '1.5'], config: { seed: 1.5 }, sentence: 'Seed must be a whole number.' },
  { what: 'learning rate 0', form: { lr: '0' }, cli: ['--lr', '0'], config: { lr: 0 }, sentence: 'Learning rate must be above 0.' },
  { what: 'learning rate 50', form: { lr: '50' }, cli: ['--lr', '50'], config: { lr: 50 }, sentence: 'Learning rate can be at most 10.' },
  { what: 'learning rate text', form: { lr: 'fast' }, cli: ['--lr', 'fast'], config: { lr: Number.NaN }, sentence: 'Learning rate must be a number, e.g. 0.1.' },
  { what: 'batch 0', form: { batchSize: '0' }, cli: ['--batch', '0'], config: { batchSize: 0 }, sentence: 'Batch size must be at least 1.' },
  { what: 'batch 3.5', form: { batchSize: '3.5' }, cli: ['--batch', '3.5'], config: { batchSize: 3.5 }, sentence: 'Batch size must be a whole number.' },
  { what: 'batch 10,000', form: { batchSize: '10000' }, cli: ['--batch', '10000'], config: { batchSize: 10000 }, sentence: 'Batch size can be at most 8,192.' },
  { what: 'epochs 5,000', form: { epochs: '5000' }, cli: ['--epochs', '5000'], config: { epochs: 5000 }, sentence: 'Epochs can be at most 1,000.' },
  { what: 'hidden layer of 0 units', form: { hidden: '128, 0' }, cli: ['--hidden', '128,0'], config: { hidden: [128, 0] }, sentence: 'Hidden layer 2 has 0 units; each layer needs at least 1.' },
  { what: 'hidden layer of 100,000 units', form: { hidden: '100000' }, cli: ['--hidden', '100000'], config: { hidden: [100000] }, sentence: 'Hidden layer 1 has 100,000 units; the most is 4,096.' },
  { what: 'hidden size not a number', form: { hidden: '12x' }, cli: ['--hidden', '12x'], config: { hidden: [Number.NaN] }, sentence: 'Hidden layer 1 must be a whole number of units, like 128.' },
  { what: 'unknown activation', form: { activation: 'softplus' as TrainForm['activation'] }, cli: ['--activation', 'softplus'], config: { activation: 'softplus' }, sentence: 'Activation must be one of relu, sigmoid, tanh; got "softplus".' },
  { what: 'unknown optimizer', form: { optimizer: 'rmsprop' as TrainForm['optimizer'] }, cli: ['--optimizer', 'rmsprop'], config: { optimizer: 'rmsprop' }, sentence: 'Optimizer must be one of sgd, momentum, adam; got "rmsprop".' },
  { what: 'negative L2 decay', form: { weightDecay: '-1' }, cli: ['--l2=-1'], config: { weightDecay: -1 }, sentence: 'L2 decay must be at least 0.' },
  { what: 'validation split 150%', form: { valShare: 1.5 }, cli: ['--val', '1.5'], config: { valShare: 1.5 }, sentence: 'Validation split must be at least 0% and below 100%.' },
];

const dir = mkdtempSync(join(tmpdir(), 'settings-'));
const data = join(dir, 'train.csv');
writeFileSync(data, mnistCsv(100));

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    // node with tsx's loader, as `npm run train` runs it, without npx's start-up.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/train.ts', '--data', data, '--epochs', '1', ...args]);
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
}

async function worker(config: TrainConfig): Promise<WorkerEvent | undefined> {
  const events: WorkerEvent[] = [];
  const session = new Session((e) => events.push(e), () => Promise.reject(new Error('no fetch')), () => {});
  await session.handle({ type: 'loadFile', file: new Blob([mnistCsv(100)]), name: 'train.csv' });
  session.handle({ type: 'start', runId: 7, config });
  return events.find((e) => e.type === 'startFailed' || e.type === 'runStarted');
}

/** The sentences the form shows; a config the form would train with counts as no refusal. */
function form(change: Case['form'], trainRows?: number): string[] {
  if ('valShare' in change) return [settingError('valShare', change.valShare)].filter((s): s is string => s !== null);
  const parsed = parseForm({ ...formOf(NOTEBOOK_PRESET), ...change }, { valShare: 0.2, splitMode: 'sequential' }, trainRows);
  return parsed.config ? ['(accepted)'] : Object.values(parsed.errors);
}

describe('one set of settings rules: the form, the CLI and the worker refuse the same values with the same sentence', () => {
  // Concurrent: each case's CLI process starts while the others run. Assertions use the test's own expect.
  it.concurrent.for(cases)('$what', { timeout: 60_000 }, async ({ form: change, cli: args, config, sentence }, { expect }) => {
    expect(form(change)).toEqual([sentence]);
    const failed = await worker({ ...NOTEBOOK_PRESET, ...config } as TrainConfig);
    expect(failed).toEqual({ type: 'startFailed', runId: 7, message: sentence });
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(sentence);
  });

  it('a batch larger than the training rows: refused once the data is known, in all three', async () => {
    const sentence = 'Batch size 500 is larger than the 80 training rows.';
    expect(form({ batchSize: '500' }, 80)).toEqual([sentence]);
    expect(await worker({ ...NOTEBOOK_PRESET, batchSize: 500 })).toEqual({ type: 'startFailed', runId: 7, message: sentence });
    const { code, stderr } = await cli(['--batch', '500']);
    expect(code).toBe(2);
    expect(stderr).toContain(sentence);
  }, 60_000);
});
