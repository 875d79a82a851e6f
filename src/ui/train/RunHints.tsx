import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';

/** What the worker says is going wrong with the current run, one status line each; nothing for a healthy run. */
export function RunHints() {
  const hints = useStore(useShallow((s) => s.training.runs.find((r) => r.id === s.training.currentId)?.hints ?? []));
  if (hints.length === 0) return null;
  return (
    <div className="run-hints">
      {hints.map((h) => <p key={h.kind + h.message} role="status" className={`run-hint run-hint--${h.kind}`}>{h.message}</p>)}
    </div>
  );
}
