import { useId } from 'react';
import { useStore } from '../../store/store';
import { ErrorAlert } from '../ErrorAlert';
import { formatCount, formatPercent } from '../format';
import { ExportScript } from './ExportScript';

/** Keep and share the work: save the current model, load one back, and make a Kaggle submission. */
export function ModelPanel() {
  const state = useStore((s) => s.modelFile);
  const hasModel = useStore((s) => s.modelFile.loaded !== null || s.training.runs.some((r) => r.id === s.training.currentId && r.epochs.length > 0));
  const predictSet = useStore((s) => s.data.predict);
  const { saveModel, loadModelFile, downloadSubmission, dismissModelError } = useStore.getState();
  const inputId = useId();
  const { loaded } = state;
  const busy = state.submission !== null;
  const percent = Math.round((state.submission ?? 0) * 100);
  return (
    <div className="model-panel">
      <ErrorAlert message={state.error} onDismiss={dismissModelError} />
      <div className="model-panel__row">
        <button type="button" onClick={saveModel} disabled={!hasModel} title={hasModel ? undefined : 'Train a model or load a model file first'}>Save model</button>
        <div className="field">
          <label htmlFor={inputId}>Model file</label>
          <input id={inputId} type="file" accept=".safetensors,application/octet-stream"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) loadModelFile(file);
              e.currentTarget.value = ''; // choosing the same file again loads it again
            }} />
          <p className="hint">A <code>.safetensors</code> file saved here, or the notebook's NumPy weights (<code>W1, b1, W2, b2…</code>, shapes <code>[in, out]</code>).</p>
        </div>
      </div>
      {state.loading && <p role="status">Reading {state.loading}…</p>}
      {loaded && (
        <section className="model-panel__loaded" aria-label="Loaded model">
          <p><strong>{loaded.name}</strong>: {loaded.model.architecture}, {loaded.activation}, {formatCount(loaded.model.params)} parameters
            {loaded.metrics && Number.isFinite(loaded.metrics.valAcc) ? `, ${formatPercent(loaded.metrics.valAcc, 2)} held out when saved` : ''}.
            It now predicts your drawings, the errors below and test files.</p>
          {loaded.notes.length > 0 && <div role="status"><ul aria-label="What was assumed">{loaded.notes.map((n) => <li key={n}>{n}</li>)}</ul></div>}
        </section>
      )}
      <div className="model-panel__row">
        <button type="button" onClick={downloadSubmission} disabled={!hasModel || !predictSet || busy}
          title={!predictSet ? 'Load a file to predict first: an unlabeled test file (Kaggle test.csv), or a table without its target column' : !hasModel ? 'Train a model or load a model file first' : undefined}>
          Download submission
        </button>
        {busy
          ? <progress aria-label="Predicting the submission" max={100} value={percent} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} />
          : <p className="hint">{!predictSet ? 'Load an unlabeled test file (such as the 28,000-digit sample), or a table without its target column, to predict it.'
            : predictSet.layout === 'digits' ? `Kaggle's submission.csv (ImageId,Label) for the ${formatCount(predictSet.rows)} images of ${predictSet.name}.`
              : `The predictions for the ${formatCount(predictSet.rows)} rows of ${predictSet.name}: its ID column (or the row number) and the predicted target, as a CSV.`}</p>}
      </div>
      <ExportScript />
    </div>
  );
}
