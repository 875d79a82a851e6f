import { type TrainConfig, augmentOf, dropoutRates } from './config';
import type { EpochHealth } from './health';
import type { EpochMetrics } from './run';

/**
 * What went wrong: each kind of hint a run can get. A run whose loss turns NaN or infinite stops with
 * the training run's own alert (NonFiniteLossError), so it needs no hint here.
 */
export type HintKind = 'exploding' | 'chance' | 'dead' | 'saturated' | 'stalled' | 'overfitting';

/** A sentence naming the problem, the number that showed it, and what to try. */
export interface Hint { kind: HintKind; message: string }

/** A run is "at chance" when its accuracy is at most this after an epoch (chance on 10 classes is 10%). */
export const CHANCE_ACCURACY = 0.15;
/** The loss "explodes" when it rises to this many times its best. */
export const EXPLODE_FACTOR = 10;
/** Most units: more than this share dead or saturated in a layer. */
export const MOST_UNITS = 0.5;
/** The update ratio below which training stalls (healthy is about 1e-3). */
export const STALL_RATIO = 1e-5;
/** Epochs in a row that validation loss must rise, while training loss falls, to call it overfitting. */
export const OVERFIT_EPOCHS = 3;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));
const lrText = (lr: number) => String(Number(lr.toPrecision(3)));
/** A learning rate a tenth of the run's, as a suggestion (for SGD at 10: 1). */
const lower = (c: TrainConfig) => lrText(c.lr / 10);

/**
 * The hints for a run after its latest epoch, from its per-epoch metrics and its latest layer health:
 * empty for a healthy run. Each names the number that triggered it and suggests a fix.
 */
export function hintsFor(config: TrainConfig, epochs: readonly EpochMetrics[], health: EpochHealth | null): Hint[] {
  const hints: Hint[] = [];
  const last = epochs.at(-1);
  if (!last) return hints;
  const lr = lrText(config.lr);

  // Explodes: the training loss climbs to 10x the best it had.
  const best = epochs.reduce((b, m) => (m.trainLoss < b.trainLoss ? m : b), epochs[0]);
  if (epochs.length >= 2 && last.trainLoss >= EXPLODE_FACTOR * best.trainLoss) {
    hints.push({ kind: 'exploding', message: `The training loss rose to ${last.trainLoss.toFixed(3)}, ${(last.trainLoss / best.trainLoss).toFixed(0)}x its best (${best.trainLoss.toFixed(3)} at epoch ${best.epoch}): the steps are too large. Try a learning rate below ${lr}, such as ${lower(config)}.` });
  }

  // Collapsed to chance: one guess in ten.
  const acc = Number.isFinite(last.valAcc) ? last.valAcc : last.trainAcc;
  const which = Number.isFinite(last.valAcc) ? 'Validation' : 'Training';
  if (acc <= CHANCE_ACCURACY) {
    const why = config.lr >= 1 ? `a learning rate of ${lr} overshoots every step: try ${lower(config)} or less (0.1 suits SGD, 0.001 Adam).`
      : `try a higher learning rate than ${lr}, another initialisation, or check that the labels match the images.`;
    hints.push({ kind: 'chance', message: `${which} accuracy is ${pct(acc)} after epoch ${last.epoch}: chance on 10 classes is 10%, so the network has learned nothing it can use; ${why}` });
  }

  if (health) {
    health.layers.forEach((l, i) => {
      if (l.dead !== null && l.dead > MOST_UNITS) {
        hints.push({ kind: 'dead', message: `${pct(l.dead)} of the ReLU units of layer ${i + 1} (${l.label}) never fire on the probe batch: a dead unit gets no gradient and cannot come back. Large steps kill them; try a learning rate below ${lr}, such as ${lower(config)}.` });
      }
      if (l.saturated !== null && l.saturated > MOST_UNITS) {
        hints.push({ kind: 'saturated', message: `${pct(l.saturated)} of the ${config.activation} units of layer ${i + 1} (${l.label}) are stuck at the ends of their range, where their gradient vanishes. Try a learning rate below ${lr}, such as ${lower(config)}, or ReLU.` });
      }
    });
    const ratios = health.layers.map((l) => l.updateRatio).filter((r) => Number.isFinite(r));
    const top = Math.max(...ratios);
    // Dead or saturated units stop the updates too; then they are the cause, already named.
    const unitsHint = hints.some((h) => h.kind === 'dead' || h.kind === 'saturated');
    if (ratios.length && top < STALL_RATIO && !unitsHint) {
      const suggest = config.optimizer === 'adam' ? '0.001' : '0.1';
      hints.push({ kind: 'stalled', message: `Each step changes the weights by at most ${sci(top)} of their size (healthy is about 1e-3): at a learning rate of ${lr} training has stalled. Try about ${suggest}.` });
    }
  }

  // Overfits: validation loss rising for several epochs while training loss falls.
  if (epochs.length > OVERFIT_EPOCHS && Number.isFinite(last.valLoss)) {
    const tail = epochs.slice(-(OVERFIT_EPOCHS + 1));
    const valRises = tail.every((m, i) => i === 0 || m.valLoss > tail[i - 1].valLoss);
    const trainFalls = tail.at(-1)!.trainLoss < tail[0].trainLoss;
    const bestVal = epochs.reduce((b, m) => (m.valLoss < b.valLoss ? m : b), epochs[0]);
    if (valRises && trainFalls && last.valLoss > bestVal.valLoss * 1.02) {
      const aug = augmentOf(config);
      const lacks = [
        config.weightDecay === 0 && 'L2 decay (e.g. 0.0001)',
        dropoutRates(config).every((p) => p === 0) && 'dropout (e.g. 0.2)',
        aug.shift === 0 && aug.rotation === 0 && aug.scale === 0 && aug.elasticAlpha === 0 && 'augmentation (e.g. shifts of 2 pixels)',
      ].filter((s): s is string => typeof s === 'string');
      hints.push({ kind: 'overfitting', message: `Validation loss rose for ${OVERFIT_EPOCHS} epochs (${tail[0].valLoss.toFixed(4)} → ${last.valLoss.toFixed(4)}) while training loss fell: the network is memorising its training rows. Try ${[...lacks, `fewer epochs (validation loss was lowest at epoch ${bestVal.epoch})`].join(', or ')}.` });
    }
  }
  return hints;
}
