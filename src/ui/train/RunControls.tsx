import { startTransition, useEffect, useRef } from 'react';
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
  const box = useRef<HTMLDivElement>(null);
  // A button that turns disabled under the keyboard focus (Stop once the run stops, Pause once it
  // ends) would leave the focus on a control that does nothing: move it to the first one that
  // still acts (Train), in the same row.
  useEffect(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLButtonElement && focused.disabled && box.current?.contains(focused)) {
      box.current.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus({ preventScroll: true });
    }
  }, [state]);
  return (
    <div className="run-controls" ref={box}>
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
