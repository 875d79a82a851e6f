import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, explanationText } from '../../../src/train/explanations';
import { SETTING_NAMES } from '../../../src/train/settings';

describe('explanations: words a beginner understands', () => {
  it('every setting of the settings table has one, of 40 characters or more, with a typical value or the ends', () => {
    expect(SETTING_NAMES.length).toBeGreaterThanOrEqual(25);
    for (const name of SETTING_NAMES) {
      const e = EXPLANATIONS[name];
      expect(e, name).toBeDefined();
      expect(e.what.length, name).toBeGreaterThanOrEqual(40);
      expect(e.typical ?? e.tooLarge ?? e.tooSmall, `${name}: a typical value or what goes wrong`).toBeTruthy();
    }
  });

  it('the charts and panels have theirs: loss, accuracy, confusion matrix, layer health, R², augmentation', () => {
    for (const topic of ['loss', 'accuracy', 'confusionMatrix', 'layerHealth', 'r2', 'augmentation'] as const) {
      expect(explanationText(EXPLANATIONS[topic]).join(' ').length).toBeGreaterThanOrEqual(40);
    }
  });

  it('each has its own name (the button is `Explain <name>`)', () => {
    const names = Object.values(EXPLANATIONS).map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('what a preset changed', () => {
  it('names each setting it set, with its value, and a dataset smaller than its figures need', async () => {
    const { PRESETS, presetChanges, presetConfig } = await import('../../../src/train/presets');
    const { NOTEBOOK_PRESET } = await import('../../../src/train/config');
    const { formOf } = await import('../../../src/train/form');
    const best = PRESETS.find((p) => p.id === 'best')!;
    const lines = presetChanges(best, formOf(NOTEBOOK_PRESET), { valShare: 0.2, splitMode: 'sequential' }, presetConfig(best), 10_000);
    expect(lines[0]).toMatch(/^Best in a minute set 8 settings: hidden layers 512, optimizer adam, learning rate 0\.001, batch size 128, epochs 45, shuffle true, learning-rate schedule cosine, shift 2\.$/);
    expect(lines[1]).toContain('the loaded data has 10,000 labeled rows');
    expect(presetChanges(best, formOf(best.config), { valShare: 0.2, splitMode: 'sequential' }, best.config, 42_000)).toEqual(['Best in a minute changed no setting: the form held it already.']);
  });
});
