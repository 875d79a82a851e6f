import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { type TrainForm, formOf, parseForm } from '../../../src/train/form';
import { defaultThreads } from '../../../src/train/settings';
import { metricsCsv } from '../../../src/train/metrics-csv';
import { FAST_PRESET, TABLE_PRESET, presetOf } from '../../../src/train/presets';
import { DIGIT_SCHEMA } from '../../../src/data/digits';
import { TABLE_SCHEMA } from '../table-fixtures';

const split = { valShare: 0.2, splitMode: 'sequential' as const };
const form = (change: Partial<TrainForm> = {}): TrainForm => ({ ...formOf(NOTEBOOK_PRESET), ...change });

describe('training settings as typed', () => {
  it('the notebook form parses back to the notebook config', () => {
    // The form shows this machine's default thread count.
    expect(parseForm(form(), split)).toEqual({ config: { ...NOTEBOOK_PRESET, threads: defaultThreads() }, errors: {} });
    expect(parseForm(form({ hidden: ' 256 , 128 ' }), split).config!.hidden).toEqual([256, 128]);
    expect(parseForm(form({ hidden: '' }), split).config!.hidden).toEqual([]);
  });

  it('defaults to every core, at most 4 (bench:app measured 2 threads on 2 cores smooth and faster)', () => {
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultThreads(cores))).toEqual([1, 2, 3, 4, 4, 4]);
    expect(defaultThreads(0)).toBe(1);
  });

  it('explains every bad value next to its field and withholds the config', () => {
    const cases: [Partial<TrainForm>, string, string][] = [
      [{ lr: '0' }, 'lr', 'Learning rate must be above 0.'],
      [{ threads: '0' }, 'threads', 'Threads must be at least 1.'],
      [{ threads: '9' }, 'threads', 'Threads can be at most 8.'],
      [{ threads: '1.5' }, 'threads', 'Threads must be a whole number.'],
      [{ lr: '-0.1' }, 'lr', 'Learning rate must be above 0.'],
      [{ lr: 'fast' }, 'lr', 'Learning rate must be a number, e.g. 0.1.'],
      [{ lr: '50' }, 'lr', 'Learning rate can be at most 10.'],
      [{ hidden: '0' }, 'hidden', 'Hidden layer 1 has 0 units; each layer needs at least 1.'],
      [{ hidden: '128, 100000' }, 'hidden', 'Hidden layer 2 has 100,000 units; the most is 4,096.'],
      [{ hidden: '128,,64' }, 'hidden', 'Hidden layer 2 must be a whole number of units, like 128.'],
      [{ hidden: '12x' }, 'hidden', 'Hidden layer 1 must be a whole number of units, like 128.'],
      [{ batchSize: '0' }, 'batchSize', 'Batch size must be at least 1.'],
      [{ batchSize: '3.5' }, 'batchSize', 'Batch size must be a whole number.'],
      [{ epochs: '' }, 'epochs', 'Epochs must be a number, e.g. 10.'],
      [{ epochs: '5000' }, 'epochs', 'Epochs can be at most 1,000.'],
      [{ seed: '-1' }, 'seed', 'Seed must be at least 0.'],
      [{ weightDecay: '-1' }, 'weightDecay', 'L2 decay must be at least 0.'],
    ];
    for (const [change, field, message] of cases) {
      const parsed = parseForm(form(change), split);
      expect(parsed.config, JSON.stringify(change)).toBeNull();
      expect(parsed.errors).toEqual({ [field]: message });
    }
  });

  it('a batch larger than the training rows is refused once the data is known', () => {
    expect(parseForm(form({ batchSize: '9000' }), split, 8000).errors).toEqual({ batchSize: 'Batch size can be at most 8,192.' });
    expect(parseForm(form({ batchSize: '5000' }), split, 4000).errors).toEqual({ batchSize: 'Batch size 5,000 is larger than the 4,000 training rows.' });
    expect(parseForm(form({ batchSize: '5000' }), split, 8000).config!.batchSize).toBe(5000);
  });

  it('knows which preset the form shows', () => {
    expect(presetOf(form(), 0.2, 'sequential')).toBe('notebook');
    expect(presetOf(formOf(FAST_PRESET), FAST_PRESET.valShare, FAST_PRESET.split)).toBe('fast');
    expect(presetOf(form({ lr: '0.2' }), 0.2, 'sequential')).toBe('custom');
    expect(presetOf(form(), 0.25, 'sequential')).toBe('custom');
  });
});

describe('metrics CSV', () => {
  it('one row per epoch with the run\'s settings', () => {
    const csv = metricsCsv(NOTEBOOK_PRESET, '784-128-10', [{ epoch: 1, trainLoss: 0.25, trainAcc: 0.93, valLoss: 0.2, valAcc: 0.94, epochMs: 812.4, evalMs: 40, healthMs: 2, samplesPerSec: 41234.6, lr: 0.1 }], DIGIT_SCHEMA);
    expect(csv).toBe('arch,activation,optimizer,batch,seed,val_share,split,shuffle,l2,dropout,schedule,warmup,shift,rotation,scale,elastic_alpha,elastic_sigma,' +
      'epoch,lr,train_loss,train_acc,val_loss,val_acc,epoch_ms,samples_per_sec,task,target,features,patience,best_epoch,train_r2,train_rmse,train_mae,val_r2,val_rmse,val_mae\n' +
      '784-128-10,relu,sgd,32,42,0.2,sequential,false,0,0,constant,0,0,0,0,0,4,1,0.1,0.25,0.93,0.2,0.94,812,41235,classification,label,pixels,0,,,,,,,\n');
    // A regression names its target and its feature count, and fills the R², RMSE and MAE columns.
    const cars = metricsCsv({ ...TABLE_PRESET, patience: 10 }, '13-100-1', [{
      epoch: 3, trainLoss: 0.1, trainAcc: NaN, valLoss: 0.12, valAcc: NaN, epochMs: 5, evalMs: 1, healthMs: 1, samplesPerSec: 1e6, lr: 0.001,
      bestEpoch: 2, trainR2: 0.8, trainRmse: 3.1, trainMae: 2.2, valR2: 0.75, valRmse: 3.5, valMae: 2.5,
    }], { ...TABLE_SCHEMA, target: { column: 'Miles, per gallon', task: 'regression', mean: 23, std: 7.8 } }).split('\n')[1];
    expect(cars).toContain(',regression,"Miles, per gallon",3,10,2,0.8,3.1,2.2,0.75,3.5,2.5');
    const cosine = metricsCsv({ ...NOTEBOOK_PRESET, hidden: [64, 32], dropout: [0.2], schedule: 'cosine', shift: 2 }, '784-64-32-10', [
      { epoch: 1, trainLoss: 0.3, trainAcc: 0.9, valLoss: 0.25, valAcc: 0.92, epochMs: 100, evalMs: 10, healthMs: 1, samplesPerSec: 1000, lr: 0.1 },
      { epoch: 2, trainLoss: 0.2, trainAcc: 0.94, valLoss: 0.2, valAcc: 0.94, epochMs: 100, evalMs: 10, healthMs: 1, samplesPerSec: 1000, lr: 0.05 },
    ]).split('\n');
    expect(cosine[1]).toContain(',0.2/0.2,cosine,0,2,0,0,0,4,1,0.1,');
    expect(cosine[2]).toContain(',2,0.05,'); // each epoch's rate

  });
});
