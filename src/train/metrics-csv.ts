import type { Schema } from '../data/schema';
import { type TrainConfig, augmentOf, dropoutRates, scheduleOf } from './config';
import type { EpochMetrics } from './run';

/**
 * One run's per-epoch metrics as CSV, with its settings as the first columns of every row and its
 * data's schema after the metrics (the task, the target column and the features the model read):
 * `arch` as the worker built it. A regression's R², RMSE and MAE (the target's units) have columns of
 * their own, empty for classes, as accuracy is for a regression.
 */
export function metricsCsv(config: TrainConfig, arch: string, epochs: EpochMetrics[], schema: Schema | null = null): string {
  const aug = augmentOf(config), sch = scheduleOf(config);
  const settings = [
    arch, config.activation, config.optimizer, config.batchSize, config.seed, config.valShare, config.split, config.shuffle, config.weightDecay,
    // One cell each: the dropout rates joined by "/", so the row stays comma-separated.
    dropoutRates(config).join('/'), sch.schedule, sch.warmup, aug.shift, aug.rotation, aug.scale, aug.elasticAlpha, aug.elasticSigma,
  ];
  const data = schema ? [schema.target.task, cell(schema.target.column), schema.layout === 'digits' ? 'pixels' : schema.features.length] : ['', '', ''];
  const header = 'arch,activation,optimizer,batch,seed,val_share,split,shuffle,l2,dropout,schedule,warmup,shift,rotation,scale,elastic_alpha,elastic_sigma,' +
    'epoch,lr,train_loss,train_acc,val_loss,val_acc,epoch_ms,samples_per_sec,' +
    'task,target,features,patience,best_epoch,train_r2,train_rmse,train_mae,val_r2,val_rmse,val_mae';
  const num = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? String(x) : '');
  const rows = epochs.map((m) => [
    ...settings, m.epoch, m.lr, num(m.trainLoss), num(m.trainAcc), num(m.valLoss), num(m.valAcc), Math.round(m.epochMs), Math.round(m.samplesPerSec),
    ...data, config.patience ?? 0, num(m.bestEpoch), num(m.trainR2), num(m.trainRmse), num(m.trainMae), num(m.valR2), num(m.valRmse), num(m.valMae),
  ].join(','));
  return [header, ...rows].join('\n') + '\n';
}

/** A CSV cell, quoted when it holds a comma, a quote or a line end. */
const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
