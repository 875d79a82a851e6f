import { type ReactNode, useId } from 'react';
import type { TrainForm } from '../../train/form';
import { PRESETS, presetOf } from '../../train/presets';
import { ACTIVATIONS, OPTIMIZERS, type Choice as TrainChoice } from '../../train/settings';
import { useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';

/** The network and optimiser settings, each checked as it is typed. */
export function SettingsForm() {
  const form = useStore((s) => s.settings.form);
  const valShare = useStore((s) => s.settings.valShare);
  const splitMode = useStore((s) => s.settings.splitMode);
  const { errors } = useParsedSettings();
  const setForm = useStore((s) => s.setForm);
  const applyPreset = useStore((s) => s.applyPreset);
  const running = useStore((s) => s.training.runs.some((r) => r.id === s.training.currentId && (r.state === 'running' || r.state === 'paused')));
  const presetId = useId();
  const preset = presetOf(form, valShare, splitMode);
  const threadsHere = useStore((s) => s.engine?.threads ?? null);

  return (
    <div className="settings">
      <div className="field field--row">
        <label htmlFor={presetId}>Preset</label>
        <select id={presetId} value={preset} onChange={(e) => {
          const p = PRESETS.find((x) => x.id === e.currentTarget.value);
          if (p) applyPreset(p.config);
        }}>
          {PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          <option value="custom" disabled>Custom</option>
        </select>
      </div>
      <div className="settings__grid">
        <Text field="hidden" label="Hidden layers" hint="comma-separated sizes, e.g. 128 or 256, 128" value={form.hidden} error={errors.hidden} onChange={(v) => setForm({ hidden: v })} />
        <Choice label="Activation" value={form.activation} options={ACTIVATIONS} error={errors.activation} onChange={(v) => setForm({ activation: v as TrainForm['activation'] })} />
        <Choice label="Optimizer" value={form.optimizer} options={OPTIMIZERS} error={errors.optimizer} onChange={(v) => setForm({ optimizer: v as TrainForm['optimizer'] })} />
        <Num field="lr" label="Learning rate" step="any" value={form.lr} error={errors.lr} onChange={(v) => setForm({ lr: v })}
          hint={running ? 'a new value applies from the next epoch' : undefined} />
        <Num field="batchSize" label="Batch size" value={form.batchSize} error={errors.batchSize} onChange={(v) => setForm({ batchSize: v })} />
        <Num field="epochs" label="Epochs" value={form.epochs} error={errors.epochs} onChange={(v) => setForm({ epochs: v })} />
        <Num field="seed" label="Seed" value={form.seed} error={errors.seed} onChange={(v) => setForm({ seed: v })} />
        <Num field="weightDecay" label="L2 decay" step="any" value={form.weightDecay} error={errors.weightDecay} onChange={(v) => setForm({ weightDecay: v })} />
        <Num field="threads" label="Threads" value={form.threads} error={errors.threads} onChange={(v) => setForm({ threads: v })}
          hint={threadsHere === false ? 'this page trains on one thread: it is not cross-origin isolated' : 'threads each training step runs on'} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={form.shuffle} onChange={(e) => setForm({ shuffle: e.currentTarget.checked })} /> Shuffle the training rows every epoch
      </label>
    </div>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

function Text({ label, value, error, hint, onChange }: { field: string; label: string; value: string; error?: string; hint?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} type="text" value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

function Num({ label, value, error, hint, step = '1', onChange }: { field: string; label: string; value: string; error?: string; hint?: string; step?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} type="number" step={step} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

function Choice({ label, value, options, error, onChange }: { label: string; value: string; options: readonly TrainChoice<string>[]; error?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}
