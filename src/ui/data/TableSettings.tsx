import { ExplainButton } from '../ExplainButton';
import { useId } from 'react';
import type { ColumnProfile } from '../../data/profile';
import type { ColumnRole } from '../../data/schema';
import { useStore } from '../../store/store';
import { resolveForm, roleChange } from '../../store/table-form';
import { MISSING_POLICIES, TASKS } from '../../train/settings';
import type { TrainForm } from '../../train/form';
import { formatCount, formatPercent } from '../format';

const KIND_WORDS: Record<ColumnProfile['kind'], string> = {
  numeric: 'numeric', categorical: 'categorical', text: 'text', id: 'ID', constant: 'constant', empty: 'empty',
};

/**
 * A table's settings beside its columns: the target, the task, what to do with missing cells and, for
 * image rows, whether to show them as images; then the profile of every column with its role. Each
 * choice goes through the settings rules at once (table-settings.ts), which say why a column is left
 * out or why a choice cannot train.
 */
export function TableSettings({ profile }: { profile: ColumnProfile[] }) {
  const form = useStore((s) => s.settings.form);
  const setForm = useStore((s) => s.setForm);
  const showImages = useStore((s) => s.showImages);
  const setShowImages = useStore((s) => s.setShowImages);
  const resolved = resolveForm(profile, form);
  const target = resolved.choice?.target ?? profile.findIndex((_, i) => resolved.roles[i].role === 'target');
  const image = resolved.choice?.image ?? null;
  const ids = { target: useId(), task: useId(), missing: useId() };
  const problem = Object.values(resolved.errors).join(' ');
  return (
    <div className="table-settings">
      <div className="settings__grid">
        <div className="field">
          <span className="field__label"><label htmlFor={ids.target}>Target column</label><ExplainButton topic="target" /></span>
          <select id={ids.target} value={target >= 0 ? profile[target].name : ''} onChange={(e) => setForm(roleChange(profile, form, profile.findIndex((c) => c.name === e.currentTarget.value), 'target'))}>
            {profile.map((c) => <option key={c.index} value={c.name}>{c.name}</option>)}
          </select>
          {resolved.targetHint ? <p className="hint" role="note">{resolved.targetHint}</p> : <p className="hint">what the network learns to predict from the other columns</p>}
        </div>
        <div className="field">
          <span className="field__label"><label htmlFor={ids.task}>Task</label><ExplainButton topic="task" /></span>
          <select id={ids.task} value={form.task || resolved.guess.task} onChange={(e) => setForm({ task: e.currentTarget.value as TrainForm['task'] })}>
            {TASKS.map((t) => <option key={t.value} value={t.value}>{t.label}{t.value === resolved.guess.task ? ' (suggested)' : ''}</option>)}
          </select>
          {resolved.guess.close ? <p className="hint" role="note">{resolved.guess.close}</p> : <p className="hint">chosen from the target's values; change it if they mean otherwise</p>}
        </div>
        <div className="field">
          <span className="field__label"><label htmlFor={ids.missing}>Missing values</label><ExplainButton topic="missing" /></span>
          <select id={ids.missing} value={form.missing} onChange={(e) => setForm({ missing: e.currentTarget.value as TrainForm['missing'] })}>
            {MISSING_POLICIES.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
          </select>
          <p className="hint">fitted on the training rows only; rows without a target are always dropped</p>
        </div>
      </div>
      {image && (
        <label className="checkbox">
          <input type="checkbox" checked={showImages} onChange={(e) => setShowImages(e.currentTarget.checked)} /> Show as images ({image.side}x{image.side}, values 0-{image.maxValue})
        </label>
      )}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <ColumnsTable profile={profile} roles={resolved.roles} onRole={(i, role) => setForm(roleChange(profile, form, i, role))} />
    </div>
  );
}

/** One row per column: its name, kind, distinct values, missing share, examples, and its role with why. */
function ColumnsTable({ profile, roles, onRole }: {
  profile: ColumnProfile[]; roles: ReturnType<typeof resolveForm>['roles']; onRole: (i: number, role: ColumnRole) => void;
}) {
  return (
    <section className="columns table-scroll" aria-label="Columns" tabIndex={0}>
      <table>
        <caption>Columns of the file: what each holds, and its role</caption>
        <thead>
          <tr><th scope="col">column</th><th scope="col">kind</th><th scope="col">distinct</th><th scope="col">missing</th><th scope="col">examples</th><th scope="col">role</th><th scope="col">why</th></tr>
        </thead>
        <tbody>
          {profile.map((c, i) => {
            const { role, why } = roles[i];
            return (
              <tr key={c.index} className={`columns__row columns__row--${role}`}>
                <th scope="row">{c.name}</th>
                <td>{KIND_WORDS[c.kind]}</td>
                <td>{formatCount(c.distinct)}</td>
                <td>{c.missing ? formatPercent(c.missingShare, c.missingShare < 0.1 ? 1 : 0) : '–'}</td>
                <td className="columns__examples">{c.examples.join(', ')}</td>
                <td>
                  <select aria-label={`Role of ${c.name}`} value={role} onChange={(e) => onRole(i, e.currentTarget.value as ColumnRole)}>
                    <option value="feature">Feature</option>
                    <option value="target">Target</option>
                    <option value="ignore">Ignore</option>
                  </select>
                </td>
                <td className="columns__why">{why ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
