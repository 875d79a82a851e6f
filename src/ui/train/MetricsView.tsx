import { useStore } from '../../store/store';
import { formatBytes, formatCount, formatEngine, formatKernels, formatPercent } from '../format';

const seconds = (ms: number) => {
  if (!Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};
const loss = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(4));
const acc = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : formatPercent(x, 2));
const r2 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));
/** A value in the target's units: four significant digits. */
const units = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toPrecision(4));

/**
 * The current run in numbers: where it is, how it does (accuracy, or a regression's R², RMSE and MAE in
 * the target's units), how fast, and how long is left.
 */
export function MetricsView() {
  const run = useStore((s) => s.training.runs.find((r) => r.id === s.training.currentId) ?? null);
  const p = run?.progress;
  const last = run?.epochs.at(-1);
  const regression = run?.schema?.target.task === 'regression';
  const total = run ? run.config.epochs * Math.max(1, run.batchesPerEpoch) : 1;
  const done = p ? p.epoch * p.batchesPerEpoch + p.batch : 0;
  const percent = run?.state === 'done' ? 100 : Math.min(100, Math.floor((done / total) * 100));
  return (
    <>
      <div className="training-progress">
        <progress aria-label="Training progress" max={100} value={run ? percent : 0} aria-valuemin={0} aria-valuemax={100} aria-valuenow={run ? percent : 0} />
        <span>{run ? `${percent}% · ${run.state}` : 'not started'}</span>
      </div>
      {run?.held && <p className="hint" role="status">{run.held.charAt(0).toUpperCase() + run.held.slice(1)}.</p>}
      <section className="metrics" aria-label="Training metrics">
        <dl>
          <div><dt>Epoch</dt><dd>{run ? `${p?.epoch ?? 0} / ${run.config.epochs}` : '–'}</dd></div>
          <div><dt>Batch</dt><dd>{p ? `${formatCount(p.batch)} / ${formatCount(p.batchesPerEpoch)}` : '–'}</dd></div>
          <div><dt>Train loss</dt><dd>{loss(last?.trainLoss)}</dd></div>
          {regression ? <>
            <div><dt>Train R²</dt><dd>{r2(last?.trainR2)}</dd></div>
            <div><dt>Train RMSE</dt><dd>{units(last?.trainRmse)}</dd></div>
          </> : <div><dt>Train accuracy</dt><dd>{acc(last?.trainAcc)}</dd></div>}
          <div><dt>Validation loss</dt><dd>{loss(last?.valLoss)}</dd></div>
          {regression ? <>
            <div><dt>Validation R²</dt><dd>{r2(last?.valR2)}</dd></div>
            <div><dt>Validation RMSE</dt><dd>{units(last?.valRmse)}</dd></div>
            <div><dt>Validation MAE</dt><dd>{units(last?.valMae)}</dd></div>
          </> : <div><dt>Validation accuracy</dt><dd>{acc(last?.valAcc)}</dd></div>}
          {last?.bestEpoch !== undefined && <div><dt>Best epoch</dt><dd>{last.bestEpoch}{run?.ended ? ' (kept)' : ''}</dd></div>}
          <div><dt>Running loss</dt><dd>{loss(p?.recentLoss)}</dd></div>
          <div><dt>Samples/s</dt><dd>{p && Number.isFinite(p.samplesPerSec) ? formatCount(Math.round(p.samplesPerSec)) : '–'}</dd></div>
          <div><dt>Elapsed</dt><dd>{p ? seconds(p.elapsedMs) : '–'}</dd></div>
          {/* A run that will train no more has nothing left to wait for. */}
          <div><dt>ETA</dt><dd>{p && (run?.state === 'running' || run?.state === 'paused') ? seconds(p.etaMs) : '–'}</dd></div>
          <div className="metrics__wide"><dt>Model</dt><dd>{run?.model ? `${run.model.architecture} · ${formatCount(run.model.params)} parameters` : '–'}</dd></div>
          <div className="metrics__wide"><dt>Engine</dt><dd>{run?.engine ? formatEngine(run.engine) : '–'}</dd></div>
          <div className="metrics__wide"><dt>Engine memory</dt><dd>{run?.engine?.memoryBytes ? `${formatBytes(run.engine.memoryBytes)}: one WebAssembly memory for the model, its buffers and the training data` : '–'}</dd></div>
          <div className="metrics__wide"><dt>Kernels</dt><dd>{formatKernels(run?.model ?? null, run?.kernels ?? null)}</dd></div>
        </dl>
      </section>
    </>
  );
}
