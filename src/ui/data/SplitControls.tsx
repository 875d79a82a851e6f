import { ExplainButton } from '../ExplainButton';
import { useId, useState } from 'react';
import { useStore } from '../../store/store';
import { formatCount } from '../format';
import { SPLIT_MODES, settingError } from '../../train/settings';

/** Validation split: the share held out (percent) and how rows are chosen. */
export function SplitControls() {
  const valShare = useStore((s) => s.settings.valShare);
  const mode = useStore((s) => s.settings.splitMode);
  const split = useStore((s) => s.data.split);
  const splitProblem = useStore((s) => s.data.splitProblem);
  const hasTrain = useStore((s) => s.data.train !== null);
  const setSplit = useStore((s) => s.setSplit);
  // What was typed, kept while it is wrong or still says the share; a share set elsewhere (a preset) shows as it is.
  const [typed, setTyped] = useState<{ text: string; problem: string | null } | null>(null);
  const id = useId();
  const keep = typed && (typed.problem !== null || Number(typed.text) / 100 === valShare);
  const text = keep ? typed.text : String(Math.round(valShare * 100));
  const problem = keep ? typed.problem : null;

  const onChange = (value: string) => {
    const share = value.trim() === '' ? NaN : Number(value) / 100;
    const error = settingError('valShare', share);
    setTyped({ text: value, problem: error });
    if (!error) setSplit({ valShare: share });
  };

  return (
    <fieldset className="split-controls">
      <legend>Validation split</legend>
      <div className="field field--row">
        <label htmlFor={id}>Validation split</label>
        <ExplainButton topic="valShare" />
        <input id={id} type="number" min={0} max={99} step={1} value={text} aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
        <span>% held out</span>
      </div>
      {problem && <p id={`${id}-problem`} className="field-error">{problem}</p>}
      <div className="radio-row" role="radiogroup" aria-label="Split mode">
        {SPLIT_MODES.map((m) => (
          <label key={m.value}><input type="radio" name={`${id}-mode`} checked={mode === m.value} onChange={() => setSplit({ splitMode: m.value })} /> {m.label}</label>
        ))}
      </div>
      {hasTrain && split && (
        <p className="split-controls__result">{formatCount(split.train)} rows train · {formatCount(split.val)} held out</p>
      )}
      {hasTrain && split && split.notes.map((n) => <p key={n} className="hint" role="note">{n}</p>)}
      {hasTrain && splitProblem && <p className="field-error">{splitProblem}</p>}
    </fieldset>
  );
}
