import { useId, useState } from 'react';
import type { FeatureSpec, Schema } from '../../data/schema';
import { numberText } from '../../data/table';
import { useStore } from '../../store/store';

/** A feature's starting value: its training median (written shortest) or its most common category, the fills the model reads for a missing cell. */
const fillText = (f: FeatureSpec) => (f.kind === 'numeric' ? numberText(Math.fround(f.fill), true) : f.fill);

const mediansRow = (schema: Schema) => Object.fromEntries(schema.features.map((f) => [f.column, fillText(f)]));

/**
 * Explain a row you type: one field per feature column, named as in the file and starting at the
 * medians row (numbers at their training median, categories at their most common value); an empty
 * field is a missing cell. The worker reads the cells as it reads a file's (so a bad number is
 * refused with a sentence naming its column, shown here) and explains the row in Why this row?.
 * Keyed by the model's features by its parent, so a new model starts from its own medians.
 */
export function TypedRow({ schema }: { schema: Schema }) {
  const [cells, setCells] = useState<Record<string, string>>(() => mediansRow(schema));
  const explainRow = useStore((s) => s.explainRow);
  const refused = useStore((s) => (s.rowExplanation.source === 'typed' ? s.rowExplanation.message : null));
  const id = useId();
  const set = (column: string, value: string) => setCells((c) => ({ ...c, [column]: value }));
  return (
    <form className="why-row__form" aria-labelledby={`${id}-title`} onSubmit={(e) => { e.preventDefault(); explainRow({ cells }); }}>
      <h3 id={`${id}-title`}>Explain a row you type</h3>
      <p className="hint">Each field starts at the training median or the most common category; leave a number empty for a missing cell.</p>
      <div className="why-row__fields">
        {schema.features.map((f, k) => (
          <div key={f.column} className="why-row__field">
            <label htmlFor={`${id}-${k}`}>{f.column}</label>
            {f.kind === 'numeric'
              ? <input id={`${id}-${k}`} type="text" inputMode="decimal" value={cells[f.column] ?? ''} onChange={(e) => set(f.column, e.currentTarget.value)} />
              : (
                <select id={`${id}-${k}`} value={cells[f.column] ?? ''} onChange={(e) => set(f.column, e.currentTarget.value)}>
                  {f.categories.map((c) => <option key={c} value={c}>{c}</option>)}
                  <option value="">(missing)</option>
                </select>
              )}
          </div>
        ))}
      </div>
      <div className="why-row__actions">
        <button type="submit">Why this row?</button>
        <button type="button" className="secondary small" onClick={() => setCells(mediansRow(schema))}>Back to the medians</button>
      </div>
      {refused && <p role="alert" className="field-error">{refused}</p>}
    </form>
  );
}
