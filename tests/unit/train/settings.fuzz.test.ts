/**
 * Property-based tests of the settings parser (issue 8, "Bad input, fuzzed"): arbitrary text in
 * every setting, and arbitrary command lines. The parser must never throw: text becomes either a
 * config that follows every rule, or one sentence for each setting that is wrong, naming only the
 * settings that were given. The CLI turns any argv into options or a UsageError, nothing else.
 *
 * Each property's number of cases is in its name and checked after the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError, parseCli } from '../../../cli/args';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { type SettingName, type SettingsText, parseSettings, settingsErrors } from '../../../src/train/settings';

const NAMES: SettingName[] = ['hidden', 'activation', 'init', 'optimizer', 'lr', 'batchSize', 'epochs', 'seed', 'valShare', 'split', 'shuffle', 'weightDecay'];

/** Text that is sometimes a good value, sometimes nearly one, sometimes anything at all. */
const settingText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '-1', '1e3', '0.1', 'NaN', 'Infinity', '-0', '0x10', '1,2', '128, 64', ',', '9,9,9,9,9,9,9,9,9', 'relu', 'ADAM', 'on', '__proto__', 'constructor', 'toString'),
  fc.integer({ min: -10_000, max: 10_000 }).map(String),
  fc.double().map(String),
  fc.array(fc.integer({ min: -5, max: 5000 }), { maxLength: 10 }).map((a) => a.join(',')),
);

const settingsText: fc.Arbitrary<SettingsText> = fc.dictionary(fc.constantFrom(...NAMES), settingText, { maxKeys: NAMES.length });

async function check<T>(numRuns: number, arb: fc.Arbitrary<T>, predicate: (v: T) => void): Promise<void> {
  let cases = 0;
  await fc.assert(fc.property(arb, (v) => { cases++; predicate(v); }), {
    numRuns,
    // CI runs the same cases every time (a suite that never flakes); elsewhere each run explores new
    // ones (FUZZ_RUNS=40000 for a longer search). Replay a failure with FC_SEED and FC_PATH.
    seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined, path: process.env.FC_PATH,
  });
  expect(cases).toBe(numRuns);
}

describe('settings parser, fuzzed', () => {
  it('arbitrary text in any setting: a valid config or one sentence per wrong setting given, never a throw (2,000 cases)', async () => {
    await check(Number(process.env.FUZZ_RUNS ?? 2000), fc.tuple(settingsText, fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined })), ([text, trainRows]) => {
      const { config, errors } = parseSettings(text, NOTEBOOK_PRESET, trainRows);
      const wrong = Object.keys(errors) as SettingName[];
      if (config) {
        expect(wrong).toEqual([]);
        expect(settingsErrors(config, trainRows)).toEqual({});
        // A valid config is made of plain values of the right types.
        expect(config.hidden.every((h) => Number.isInteger(h) && h >= 1)).toBe(true);
        expect(typeof config.shuffle).toBe('boolean');
        expect(Number.isFinite(config.lr) && Number.isFinite(config.valShare) && Number.isFinite(config.weightDecay)).toBe(true);
      } else {
        expect(wrong.length).toBeGreaterThan(0);
        // Only settings that were given can be wrong (the base is the valid notebook recipe),
        // except the batch, which the training rows may refuse.
        for (const name of wrong) expect(name in text || (name === 'batchSize' && trainRows !== undefined)).toBe(true);
        for (const sentence of Object.values(errors)) expect(sentence).toMatch(/^[A-Z].*\.$/);
      }
    });
  });

  it('a sentence quoting a typed or linked value stays one readable line (found by this fuzzing: a line separator in the value)', () => {
    const { errors } = parseSettings({ shuffle: '!\u2028!\n' + 'x'.repeat(60), activation: 'soft\u0000plus' }, NOTEBOOK_PRESET);
    expect(errors).toEqual({
      activation: 'Activation must be one of relu, sigmoid, tanh; got "soft?plus".',
      shuffle: `Shuffle must be on or off; got "!?!?${'x'.repeat(36)}…".`,
    });
  });

  it('arbitrary command lines: options or a UsageError, nothing else (1,000 cases)', async () => {
    const flag = fc.constantFrom('--data', '--preset', '--hidden', '--activation', '--optimizer', '--lr', '--batch', '--epochs', '--seed', '--val', '--split', '--shuffle', '--l2', '--json', '--help', '--bogus', '-x');
    const arg = fc.oneof(flag, settingText, fc.tuple(flag, settingText).map(([f, v]) => `${f}=${v}`));
    await check(Number(process.env.FUZZ_RUNS ?? 1000), fc.array(arg, { maxLength: 12 }), (argv) => {
      try {
        const options = parseCli(argv);
        if (options !== 'help') expect(settingsErrors(options.config)).toEqual({});
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
      }
    });
  });
});
