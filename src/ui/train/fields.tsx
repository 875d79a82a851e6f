import { type ReactNode, useId } from 'react';
import { EXPLANATIONS, type ExplainTopic } from '../../train/explanations';
import type { Choice as TrainChoice } from '../../train/settings';
import { ExplainButton } from '../ExplainButton';

/** The explanation of a setting, when it has one. */
const topicOf = (field?: string): ExplainTopic | undefined => (field && field in EXPLANATIONS ? (field as ExplainTopic) : undefined);

/**
 * The settings form's labelled inputs: each shows its rule's sentence when the value is wrong, else its
 * hint, and beside its label the `Explain <name>` button of its setting.
 */
export function Field({ id, label, hint, error, explain, children }: { id: string; label: string; hint?: string; error?: string; explain?: ExplainTopic; children: ReactNode }) {
  return (
    <div className="field">
      <span className="field__label"><label htmlFor={id}>{label}</label>{explain && <ExplainButton topic={explain} />}</span>
      {children}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

export function Text({ field, label, value, error, hint, onChange }: { field: string; label: string; value: string; error?: string; hint?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} explain={topicOf(field)}>
      <input id={id} type="text" value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

export function Num({ field, label, value, error, hint, step = '1', onChange }: { field: string; label: string; value: string; error?: string; hint?: string; step?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} explain={topicOf(field)}>
      <input id={id} type="number" step={step} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}

export function Choice({ label, value, options, error, explain, onChange }: { label: string; value: string; options: readonly TrainChoice<string>[]; error?: string; explain?: ExplainTopic; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error} explain={explain}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}
