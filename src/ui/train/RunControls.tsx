import { startTransition } from 'react';
import { useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';

/** Train / Pause / Resume / Step epoch / Stop / Reset, each enabled only when it can act. */
export function RunControls() {
  const hasConfig = useParsedSettings().config !== null;
  const canTrain = useStore((s) => s.data.train !== null) && hasConfig;
  const hasData = useStore((s) => s.data.train !== null);
  const state = useStore((s) => s.training.runs.find((r) => r.id === s.training.currentId)?.state ?? null);
  const hasRuns = useStore((s) => s.training.runs.length > 0);
  const { train, pause, resume, step, stop, reset } = useStore.getState();
  const active = state === 'running' || state === 'paused' || state === 'starting';
  return (
    <div className="run-controls">
      {/* A transition: the re-render a new run causes across the page is time-sliced, not one long task. */}
      <button type="button" onClick={() => startTransition(train)} disabled={!canTrain} title={hasData ? undefined : 'Load a labeled dataset first'}>Train</button>
      {state === 'paused'
        ? <button type="button" onClick={resume}>Resume</button>
        : <button type="button" onClick={pause} disabled={state !== 'running'}>Pause</button>}
      <button type="button" onClick={step} disabled={state !== 'running' && state !== 'paused'}>Step epoch</button>
      <button type="button" onClick={stop} disabled={!active}>Stop</button>
      <button type="button" className="secondary" onClick={reset} disabled={!hasRuns}>Reset</button>
    </div>
  );
}
