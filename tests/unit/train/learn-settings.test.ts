import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET, augmentOf, dropoutRates } from '../../../src/train/config';
import { formOf, parseForm } from '../../../src/train/form';
import { BEST_IN_A_MINUTE_PRESET, LITERATURE_PRESETS, presetOf } from '../../../src/train/presets';
import { configFromText, settingsErrors } from '../../../src/train/settings';

const split = { valShare: 0.2, splitMode: 'sequential' as const };
const errorsOf = (text: Record<string, string>, base = NOTEBOOK_PRESET) => settingsErrors(configFromText(text, base));

describe('dropout, schedule and augmentation settings', () => {
  it('dropout: one rate for every hidden layer or one per layer, each 0 to 0.9', () => {
    expect(dropoutRates(configFromText({ hidden: '256, 128', dropout: '0.2' }, NOTEBOOK_PRESET))).toEqual([0.2, 0.2]);
    expect(dropoutRates(configFromText({ hidden: '256, 128', dropout: '0.3, 0.1' }, NOTEBOOK_PRESET))).toEqual([0.3, 0.1]);
    expect(dropoutRates(configFromText({ dropout: '' }, NOTEBOOK_PRESET))).toEqual([0]);
    expect(errorsOf({ dropout: '0.95' }).dropout).toBe('Dropout rate 0.95 is outside 0 to 0.9: it is the share of units dropped.');
    expect(errorsOf({ dropout: 'half' }).dropout).toBe('Dropout rate 1 must be a number from 0 to 0.9, like 0.2.');
    expect(errorsOf({ hidden: '64', dropout: '0.2, 0.1' }).dropout).toBe('Dropout has 2 rates for 1 hidden layer: give one rate, or one per layer.');
  });

  it('schedule, warm-up and step size, named in their sentences', () => {
    expect(errorsOf({ schedule: 'exponential' }).schedule).toBe('Learning-rate schedule must be one of constant, step, cosine; got "exponential".');
    expect(errorsOf({ warmup: '60', epochs: '50' }).warmup).toBe('Warm-up of 60 epochs leaves none of the 50 epochs to train at full rate.');
    expect(errorsOf({ warmup: '-1' }).warmup).toBe('Warm-up must be at least 0.');
    expect(errorsOf({ stepSize: '0' }).stepSize).toBe('Step size must be at least 1.');
  });

  it('augmentation bounds, and the form and text round trip', () => {
    expect(errorsOf({ shift: '1.5' }).shift).toBe('Shift must be a whole number.');
    expect(errorsOf({ shift: '9' }).shift).toBe('Shift can be at most 8.');
    expect(errorsOf({ rotation: '400' }).rotation).toBe('Rotation can be at most 90.');
    expect(errorsOf({ scale: '-5' }).scale).toBe('Scale must be at least 0.');
    expect(errorsOf({ elasticAlpha: 'x' }).elasticAlpha).toBe('Elastic α must be a number, e.g. 0 or 34.');
    expect(errorsOf({ elasticSigma: '0' }).elasticSigma).toBe('Elastic σ must be at least 0.5.');
    expect(augmentOf(NOTEBOOK_PRESET)).toEqual({ shift: 0, rotation: 0, scale: 0, elasticAlpha: 0, elasticSigma: 4 });
    for (const c of [BEST_IN_A_MINUTE_PRESET, ...LITERATURE_PRESETS.map((p) => p.config)]) {
      expect(settingsErrors(c)).toEqual({});
      expect(parseForm(formOf(c), { valShare: c.valShare, splitMode: c.split }).config).toEqual({ ...c, threads: expect.any(Number) });
    }
  });

  it('the notebook preset has augmentation, dropout and the schedule off; the form knows each preset', () => {
    const n = NOTEBOOK_PRESET;
    expect([n.shift, n.rotation, n.scale, n.elasticAlpha, n.dropout, n.schedule, n.warmup]).toEqual([0, 0, 0, 0, [], 'constant', 0]);
    expect(presetOf(formOf(BEST_IN_A_MINUTE_PRESET), split.valShare, split.splitMode)).toBe('best');
    const simard = LITERATURE_PRESETS[2].config;
    expect(presetOf(formOf(simard), simard.valShare, simard.split)).toBe('simard-elastic');
  });
});
