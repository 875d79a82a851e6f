import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EpochHealth, LayerHealth } from '../../train/health';
import { useStore } from '../../store/store';
import { useThrottled } from '../use-throttled';
import { formatPercent } from '../format';

/** Redrawn at most this often, a frame apart from the charts (see TrainPanel). */
const REDRAW_MS = 1000;
const sci = (x: number) => (!Number.isFinite(x) ? '–' : x === 0 ? '0' : x.toExponential(1));

/**
 * Inside the network, layer by layer, after each epoch of the current run, as the worker measured it
 * on a fixed probe batch of held-out rows (src/train/health.ts): the distribution of each layer's
 * outputs, the share of dead ReLU (or saturated sigmoid / tanh) units, the gradient norm and the
 * update-to-weight ratio, now and over the epochs.
 */
export function LayerHealthPanel() {
  const health = useStore(useShallow((s) => s.training.runs.find((r) => r.id === s.training.currentId)?.health ?? NONE));
  const shown = useThrottled(health, REDRAW_MS, REDRAW_MS * 0.6);
  return <HealthView health={shown} />;
}

const NONE: EpochHealth[] = [];

const HealthView = memo(function HealthView({ health }: { health: EpochHealth[] }) {
  const last = health.at(-1);
  if (!last) return <p className="empty">Train a model: after each epoch every layer's health shows here.</p>;
  return (
    <div className="health">
      <p className="hint">After epoch {last.epoch}, on a fixed batch of held-out rows.</p>
      <div className="health__layers">
        {last.layers.map((l, i) => <LayerCard key={i} index={i} layer={l} history={health.map((h) => h.layers[i])} />)}
      </div>
    </div>
  );
});

function LayerCard({ index, layer, history }: { index: number; layer: LayerHealth; history: LayerHealth[] }) {
  const share = layer.dead ?? layer.saturated;
  const shareName = layer.dead !== null ? 'Dead units' : 'Saturated units';
  return (
    <article className="health__layer" aria-label={`Layer ${index + 1}: ${layer.label}`}>
      <h3>Layer {index + 1}: {layer.label}</h3>
      <Histogram layer={layer} name={`Layer ${index + 1} ${layer.output === 'logits' ? 'logits' : 'activations'} histogram`} />
      <dl className="health__numbers">
        {share !== null && (
          <div>
            <dt>{shareName}</dt>
            <dd>{formatPercent(share, 1)}</dd>
            <dd className="hint">{layer.dead !== null
              ? 'ReLU units that never fire on the probe batch: they get no gradient and cannot recover. Over 50% and the layer is dying.'
              : 'units stuck at the ends of their range, where their gradient vanishes. Over 50% and the layer has stopped learning.'}</dd>
            <Spark values={history.map((h) => h.dead ?? h.saturated ?? 0)} label={`${shareName} over the epochs`} />
          </div>
        )}
        <div>
          <dt>Gradient norm ‖dW‖</dt>
          <dd>{sci(layer.gradNorm)}</dd>
          <dd className="hint">how hard the loss pulled on this layer's weights in the epoch's last step; near 0 it has stopped learning, huge and it may explode.</dd>
          <Spark values={history.map((h) => h.gradNorm)} label="Gradient norm over the epochs" log />
        </div>
        <div>
          <dt>Update ratio ‖ΔW‖ / ‖W‖</dt>
          <dd>{sci(layer.updateRatio)}</dd>
          <dd className="hint">how much the epoch's last step changed the weights: about 1e-3 is the usual healthy range; below 1e-5 training stalls, well above 1e-2 the steps may be too large.</dd>
          <Spark values={history.map((h) => h.updateRatio)} label="Update ratio over the epochs" log />
        </div>
      </dl>
    </article>
  );
}

/** The layer's outputs on the probe batch, as HIST_BINS bars from lo to hi. */
function Histogram({ layer, name }: { layer: LayerHealth; name: string }) {
  const { counts, lo, hi } = layer.histogram;
  const max = Math.max(1, ...counts), W = 200, H = 60, bw = W / counts.length;
  return (
    <figure className="health__hist">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${name}: ${counts.join(', ')} values in ${counts.length} bins from ${lo.toFixed(2)} to ${hi.toFixed(2)}`}>
        {counts.map((c, i) => <rect key={i} x={i * bw + 0.5} y={H - (H * c) / max} width={bw - 1} height={(H * c) / max} fill="#2563eb" />)}
      </svg>
      <figcaption>{layer.output === 'logits' ? 'logits' : `${layer.output} outputs`}, {lo.toFixed(2)} to {hi.toFixed(2)}</figcaption>
    </figure>
  );
}

/** A sparkline's value in words. */
const sparkText = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(2) : v.toExponential(1));

/** A small line of one figure over the epochs (log scale for ratios and norms), plain SVG: one path per redraw. */
function Spark({ values, label, log = false }: { values: number[]; label: string; log?: boolean }) {
  const W = 120, H = 24;
  const ys = values.map((v) => (log ? Math.log10(Math.max(v, 1e-12)) : v)).filter((v) => Number.isFinite(v));
  if (ys.length < 2) return null;
  const lo = Math.min(...ys), hi = Math.max(...ys), span = hi - lo || 1;
  const points = ys.map((y, i) => `${((i / (ys.length - 1)) * W).toFixed(1)},${(H - 2 - ((y - lo) / span) * (H - 4)).toFixed(1)}`).join(' ');
  return (
    <dd className="health__spark">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${label}: ${sparkText(values[0])} after epoch 1, ${sparkText(values[values.length - 1])} after epoch ${values.length}${log ? ' (log scale)' : ''}`}>
        <polyline points={points} fill="none" stroke="#16a34a" strokeWidth={1.5} />
      </svg>
    </dd>
  );
}
