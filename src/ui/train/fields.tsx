import { type ReactNode, useId } from 'react';
import type { Choice as TrainChoice } from '../../train/settings';

/** The settings form's labelled inputs: each shows its rule's sentence when the value is wrong, else its hint. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

export function Text({ label, value, error, hint, onChange }: { field: string; label: string; value: string; error?: string; hint?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} type="text" value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

export function Num({ label, value, error, hint, step = '1', onChange }: { field: string; label: string; value: string; error?: string; hint?: string; step?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} type="number" step={step} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

export function Choice({ label, value, options, error, onChange }: { label: string; value: string; options: readonly TrainChoice<string>[]; error?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}
