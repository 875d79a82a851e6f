/**
 * Learning-rate schedules, per epoch: the rate of epoch e (0-based) of E is the base rate η times a
 * factor. With w warm-up epochs the factor first climbs linearly, (e + 1) / (w + 1), then:
 *   constant  1
 *   step      γ^⌊(e − w) / s⌋       halved (γ = STEP_GAMMA) every s epochs (PyTorch's StepLR)
 *   cosine    ½ (1 + cos(π (e − w) / (E − w)))   from 1 down toward 0 (Loshchilov & Hutter 2017,
 *             without restarts); the last epoch keeps a small positive rate
 */
export const SCHEDULE_NAMES = ['constant', 'step', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/** The factor a step decay multiplies the rate by every `stepSize` epochs. */
export const STEP_GAMMA = 0.5;

export interface ScheduleSpec {
  schedule: ScheduleName;
  /** Epochs of linear warm-up before the schedule proper (0 for none). */
  warmup: number;
  /** Epochs between step decays. */
  stepSize: number;
}

/** The learning rate of epoch `epoch` (0-based) of `epochs`, from the base rate `lr`. */
export function scheduledLr(lr: number, epoch: number, epochs: number, spec: ScheduleSpec): number {
  const w = spec.warmup;
  if (epoch < w) return (lr * (epoch + 1)) / (w + 1);
  const e = epoch - w;
  switch (spec.schedule) {
    case 'constant': return lr;
    case 'step': return lr * STEP_GAMMA ** Math.floor(e / spec.stepSize);
    case 'cosine': return lr * 0.5 * (1 + Math.cos((Math.PI * e) / Math.max(1, epochs - w)));
  }
}
