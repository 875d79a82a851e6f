import type { TrainConfig } from './config';
import type { EpochMetrics } from './run';

/** One run's per-epoch metrics as CSV, with its settings as the first columns of every row; `arch` as the worker built it. */
export function metricsCsv(config: TrainConfig, arch: string, epochs: EpochMetrics[]): string {
  const settings = [
    arch, config.activation, config.optimizer, config.batchSize, config.seed, config.valShare, config.split, config.shuffle, config.weightDecay,
  ];
  const header = 'arch,activation,optimizer,batch,seed,val_share,split,shuffle,l2,epoch,lr,train_loss,train_acc,val_loss,val_acc,epoch_ms,samples_per_sec';
  const num = (x: number) => (Number.isFinite(x) ? String(x) : '');
  const rows = epochs.map((m) => [...settings, m.epoch, m.lr, num(m.trainLoss), num(m.trainAcc), num(m.valLoss), num(m.valAcc), Math.round(m.epochMs), Math.round(m.samplesPerSec)].join(','));
  return [header, ...rows].join('\n') + '\n';
}
