import type { RunRecord } from '../../store/run-slice';
import { useStore } from '../../store/store';
import { metricsCsv } from '../../train/metrics-csv';
import { downloadText } from '../download';
import { formatPercent } from '../format';

export function runTitle(r: RunRecord): string {
  const c = r.config;
  return `${r.model?.architecture ?? '…'} ${c.activation}, ${c.optimizer} lr ${c.lr}, batch ${c.batchSize}, seed ${c.seed}`;
}

/** Every run of this session with its settings and result; toggle it on the charts or download its metrics. */
export function RunHistory() {
  const runs = useStore((s) => s.training.runs);
  const currentId = useStore((s) => s.training.currentId);
  const toggle = useStore((s) => s.toggleRunVisible);
  if (runs.length === 0) return null;
  return (
    <section className="run-history" aria-label="Run history">
      <h3>Runs</h3>
      <ul>
        {[...runs].reverse().map((r) => {
          const last = r.epochs.at(-1);
          return (
            <li key={r.id} className={r.id === currentId ? 'current' : undefined}>
              <label>
                <input type="checkbox" checked={r.visible} onChange={() => toggle(r.id)} aria-label={`Show run ${r.id} on the charts`} />
                <span><strong>Run {r.id}</strong> · {runTitle(r)} · {r.epochs.length}/{r.config.epochs} epochs
                  {last && Number.isFinite(last.valAcc) ? ` · validation ${formatPercent(last.valAcc, 2)}` : ''}
                  {last?.valR2 !== undefined && Number.isFinite(last.valR2) ? ` · validation R² ${last.valR2.toFixed(3)}` : ''}
                  {r.ended && last?.bestEpoch !== undefined ? ` · kept epoch ${last.bestEpoch}` : ''} · {r.state}</span>
              </label>
              <button type="button" className="secondary small" disabled={r.epochs.length === 0 || !r.model}
                onClick={() => downloadText(`run-${r.id}-${r.model!.architecture}-${r.config.optimizer}.csv`, metricsCsv(r.config, r.model!.architecture, r.epochs, r.schema))}>
                Download CSV
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
