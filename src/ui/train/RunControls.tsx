import { startTransition, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';
import { ConfirmDialog } from '../ConfirmDialog';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Train / Pause / Resume / Step epoch / Stop / Reset, each enabled only when it can act. Two of them
 * would throw work away at one click, so they ask first: Train while a run goes (it stops that run;
 * its curves stay in the history, its model goes), and Reset (every run, the model, the kept workspace).
 */
export function RunControls() {
  const hasConfig = useParsedSettings().config !== null;
  const canTrain = useStore((s) => s.data.train !== null) && hasConfig;
  const hasData = useStore((s) => s.data.train !== null);
  // Only what the buttons and the questions say of the current run: a progress event alone does not redraw them.
  const [id, state, epochsDone, epochs] = useStore(useShallow((s) => {
    const r = s.training.runs.find((x) => x.id === s.training.currentId);
    return r ? [r.id, r.state, r.epochs.length, r.config.epochs] as const : [0, null, 0, 0] as const;
  }));
  const runCount = useStore((s) => s.training.runs.length);
  const { train, pause, resume, step, stop, reset } = useStore.getState();
  const active = state === 'running' || state === 'paused' || state === 'starting';
  const [asking, setAsking] = useState<'train' | 'reset' | null>(null);
  const hasModel = useStore((s) => s.training.runs.some((r) => r.epochs.length > 0) || s.modelFile.loaded !== null);
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
      <button
        type="button" onClick={() => (active ? setAsking('train') : startTransition(train))} disabled={!canTrain}
        title={hasData ? (active ? 'A run is going: you will be asked before it stops' : undefined) : 'Load a labeled dataset first'}
      >Train</button>
      {state === 'paused'
        ? <button type="button" onClick={resume}>Resume</button>
        : <button type="button" onClick={pause} disabled={state !== 'running'}>Pause</button>}
      <button type="button" onClick={step} disabled={state !== 'running' && state !== 'paused'}>Step epoch</button>
      <button type="button" onClick={stop} disabled={!active}>Stop</button>
      <button type="button" className="secondary" onClick={() => setAsking('reset')} disabled={runCount === 0}>Reset</button>
      {/* On a phone this row is a bar fixed at the bottom of the screen: it says where the run is. */}
      {state && <span className="run-controls__status" aria-hidden="true">{state === 'starting' ? 'starting' : `${state} · epoch ${epochsDone}/${epochs}`}</span>}
      {asking === 'train' && state && (
        <ConfirmDialog
          title={`Stop run ${id} at epoch ${epochsDone} of ${epochs} and start a new one?`}
          action="Stop it and train" onCancel={() => setAsking(null)}
          onConfirm={() => { setAsking(null); startTransition(train); }}
        >
          <p>Run {id} stops where it is: its curves stay in the history, but its model, trained for {plural(epochsDone, 'epoch')}, is replaced by the new run's.</p>
        </ConfirmDialog>
      )}
      {asking === 'reset' && (
        <ConfirmDialog title="Reset everything?" action="Reset everything" onCancel={() => setAsking(null)} onConfirm={() => { setAsking(null); reset(); }}>
          <p>This removes, with no way back:</p>
          <ul>
            <li>{plural(runCount, 'run')}, with {runCount === 1 ? 'its' : 'their'} charts, history and hints;</li>
            {hasModel && <li>the trained model (save it first with Save model if you want it);</li>}
            <li>the workspace this browser keeps for your next visit.</li>
          </ul>
          <p>Your settings and the loaded data stay.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
