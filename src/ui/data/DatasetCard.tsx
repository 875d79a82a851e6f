import { PIXELS } from '../../data/dataset';
import type { DatasetSummary } from '../../worker/protocol';
import { DigitCanvas } from '../DigitCanvas';
import { formatBytes, formatCount } from '../format';
import { ClassBars } from './ClassBars';

/** One loaded file: size, labels, class balance, the first images, and what it costs in memory. */
export function DatasetCard({ summary }: { summary: DatasetSummary }) {
  const perPixel = summary.bytes / (summary.rows * PIXELS);
  const seconds = summary.parseMs / 1000;
  return (
    <article className="dataset-card">
      <h3>{summary.role === 'train' ? 'Training data' : summary.role === 'test' ? 'Test set' : 'Prediction set'}: {summary.name}</h3>
      <p className="dataset-card__facts">
        <strong>{formatCount(summary.rows)} rows</strong>, {summary.role === 'test' ? 'labeled, evaluated apart from validation' : summary.labeled ? 'labeled' : 'unlabeled (for a Kaggle submission)'} ·{' '}
        {formatBytes(summary.bytes)} in memory ({perPixel.toFixed(2)} bytes per pixel) · read {formatBytes(summary.fileBytes)} in {seconds.toFixed(1)} s
      </p>
      {summary.classCounts && <ClassBars counts={summary.classCounts} />}
      <div className="digit-strip" role="group" aria-label="First images">
        {summary.samples.map((s, i) => (
          <figure key={i} className="digit-strip__item">
            <DigitCanvas pixels={s.pixels} label={s.label === null ? `image ${i + 1}` : `image ${i + 1}, label ${s.label}`} />
            <figcaption>{s.label ?? '?'}</figcaption>
          </figure>
        ))}
      </div>
    </article>
  );
}
