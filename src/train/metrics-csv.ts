import { type TrainConfig, augmentOf, dropoutRates, scheduleOf } from './config';
import type { EpochMetrics } from './run';

/** One run's per-epoch metrics as CSV, with its settings as the first columns of every row; `arch` as the worker built it. */
export function metricsCsv(config: TrainConfig, arch: string, epochs: EpochMetrics[]): string {
  const aug = augmentOf(config), sch = scheduleOf(config);
  const settings = [
    arch, config.activation, config.optimizer, config.batchSize, config.seed, config.valShare, config.split, config.shuffle, config.weightDecay,
    // One cell each: the dropout rates joined by "/", so the row stays comma-separated.
    dropoutRates(config).join('/'), sch.schedule, sch.warmup, aug.shift, aug.rotation, aug.scale, aug.elasticAlpha, aug.elasticSigma,
  ];
  const header = 'arch,activation,optimizer,batch,seed,val_share,split,shuffle,l2,dropout,schedule,warmup,shift,rotation,scale,elastic_alpha,elastic_sigma,epoch,lr,train_loss,train_acc,val_loss,val_acc,epoch_ms,samples_per_sec';
  const num = (x: number) => (Number.isFinite(x) ? String(x) : '');
  const rows = epochs.map((m) => [...settings, m.epoch, m.lr, num(m.trainLoss), num(m.trainAcc), num(m.valLoss), num(m.valAcc), Math.round(m.epochMs), Math.round(m.samplesPerSec)].join(','));
  return [header, ...rows].join('\n') + '\n';
}
