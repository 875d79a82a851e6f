import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { FAST_PRESET } from '../../../src/train/presets';
import { settingsFromQuery, settingsQuery } from '../../../src/store/url';

describe('settings in the link', () => {
  it('a config survives the trip through its query string', () => {
    for (const c of [NOTEBOOK_PRESET, FAST_PRESET, { ...NOTEBOOK_PRESET, hidden: [256, 128], activation: 'tanh' as const, optimizer: 'adam' as const, lr: 0.001, split: 'shuffled' as const }]) {
      const q = settingsQuery(c);
      expect(settingsFromQuery(q, { ...NOTEBOOK_PRESET, hidden: [7], seed: 9 })).toEqual({ config: c, notes: [], applied: 22 });
    }
    expect(settingsQuery(NOTEBOOK_PRESET)).toBe('?hidden=128&activation=relu&optimizer=sgd&lr=0.1&batch=32&epochs=50&seed=42&val=0.2&split=sequential&shuffle=0&l2=0&dropout=&schedule=constant&warmup=0&step-size=10&shift=0&rotate=0&scale=0&elastic=0&elastic-sigma=4&patience=0&missing=fill');
    // A table's settings, column names with commas included.
    const table = { ...NOTEBOOK_PRESET, target: 'Beak, length', task: 'regression' as const, ignore: ['id', 'a "b"'], include: ['notes'], missing: 'drop' as const, patience: 10 };
    expect(settingsFromQuery(settingsQuery(table), NOTEBOOK_PRESET).config).toEqual(table);
  });

  it('applies the good values and ignores each unknown or bad one with a note saying why', () => {
    const { config, notes, applied } = settingsFromQuery('?hidden=64&lr=abc&colour=blue&epochs=5&seed=-1&activation=softplus', NOTEBOOK_PRESET);
    expect(config).toEqual({ ...NOTEBOOK_PRESET, hidden: [64], epochs: 5 });
    expect(applied).toBe(2);
    expect(notes).toEqual([
      'The link\'s "lr=abc" was ignored: Learning rate must be a number, e.g. 0.1.',
      'The link\'s "colour=blue" is not a setting; ignored.',
      'The link\'s "seed=-1" was ignored: Seed must be at least 0.',
      'The link\'s "activation=softplus" was ignored: Activation must be one of relu, sigmoid, tanh; got "softplus".',
    ]);
  });

  it('never throws on a strange link', () => {
    for (const q of ['', '?', '?=', '?&&', '?hidden', '?hidden=%E0%A4%A', '?__proto__=1', '?constructor=x&toString=y', `?lr=${'9'.repeat(5000)}`]) {
      expect(() => settingsFromQuery(q, NOTEBOOK_PRESET)).not.toThrow();
      expect(settingsFromQuery(q, NOTEBOOK_PRESET).config).toBeTruthy();
    }
  });
});
