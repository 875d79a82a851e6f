/**
 * A table's settings as the form holds them (text), turned into the config fields the settings rules
 * resolve against the file (table-settings.ts), and the form change a column's new role makes.
 */
import type { ColumnProfile } from '../data/profile';
import type { ColumnRole } from '../data/schema';
import type { TrainForm } from '../train/form';
import { joinNames, splitNames } from '../train/settings';
import { type ResolvedTable, resolveTable } from '../train/table-settings';

/** The table settings of the form, as config fields. */
export function tableSettingsOf(form: TrainForm) {
  return {
    ...(form.target.trim() ? { target: form.target.trim() } : {}),
    ...(form.task ? { task: form.task } : {}),
    ignore: splitNames(form.ignore), include: splitNames(form.include), missing: form.missing,
  };
}

/** The form's table settings resolved against the file: the roles, the task guess, the problems. */
export function resolveForm(profile: ColumnProfile[], form: TrainForm): ResolvedTable {
  return resolveTable(profile, tableSettingsOf(form));
}

/**
 * The form change that gives column `i` a new role: the target (leaving the lists), a feature (out of
 * `ignore`, into `include` when its kind is left out by default), or ignored (the reverse).
 */
export function roleChange(profile: ColumnProfile[], form: TrainForm, i: number, role: ColumnRole): Partial<TrainForm> {
  const name = profile[i].name;
  const settings = tableSettingsOf(form);
  const without = (list: string[]) => list.filter((n) => n !== name);
  const ignore = without(settings.ignore), include = without(settings.include);
  if (role === 'target') return { target: name, ignore: joinNames(ignore), include: joinNames(include) };
  // What the column would be without a choice of its own.
  const byDefault = resolveTable(profile, { ...settings, ignore, include }).roles[i].role;
  if (role === 'feature' && byDefault !== 'feature') include.push(name);
  if (role === 'ignore' && byDefault === 'feature') ignore.push(name);
  return { ignore: joinNames(ignore), include: joinNames(include) };
}
