/**
 * Settings in the page's address, so that a link reproduces a setup (as TensorFlow Playground's links
 * do): `?hidden=256,128&activation=relu&optimizer=adam&lr=0.001&batch=64&epochs=10&seed=1&val=0.2&split=shuffled&shuffle=1&l2=0`.
 * Parameter names are the CLI's flags and values are read by the settings module, so a link, the
 * form and the CLI accept and refuse the same values with the same sentences.
 */
import type { TrainConfig } from '../train/config';
import { type SettingName, TEXT_NAMES, configFromText, joinNames, quoteValue, settingError } from '../train/settings';

const NAME_OF_PARAM = new Map(Object.entries(TEXT_NAMES).map(([name, param]) => [param, name as SettingName]));

/** The query string of a config's settings, in a fixed order. */
export function settingsQuery(c: TrainConfig): string {
  const params = new URLSearchParams();
  for (const [name, param] of Object.entries(TEXT_NAMES) as [SettingName, string][]) {
    const v = c[name];
    if (v === undefined) continue; // an optional setting left unset (threads, a table's target)
    if ((name === 'ignore' || name === 'include') && Array.isArray(v)) {
      if (v.length) params.set(param, joinNames(v as string[])); // no column left out or forced in: nothing to say
      continue;
    }
    params.set(param, Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return `?${params.toString().replaceAll('%2C', ',')}`;
}

/**
 * The settings a link gives, over `base`: each good value applies; each unknown parameter or bad
 * value is ignored with a note that says so and why. Never throws.
 */
export function settingsFromQuery(search: string, base: TrainConfig): { config: TrainConfig; notes: string[]; applied: number } {
  let config = base;
  const notes: string[] = [];
  let applied = 0;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { config, notes: ['The link could not be read; its settings were ignored.'], applied };
  }
  for (const [param, value] of params) {
    const name = NAME_OF_PARAM.get(param);
    const shown = quoteValue(`${param}=${value}`);
    if (!name) {
      notes.push(`The link's ${shown} is not a setting; ignored.`);
      continue;
    }
    const next = configFromText({ [name]: value }, config);
    const problem = settingError(name, next[name]);
    if (problem) notes.push(`The link's ${shown} was ignored: ${problem}`);
    else {
      config = next;
      applied++;
    }
  }
  return { config, notes, applied };
}
