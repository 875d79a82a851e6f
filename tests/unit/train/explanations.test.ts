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
