import type { DatasetSummary } from '../../worker/protocol';
import { useStore } from '../../store/store';
import { DigitCanvas } from '../DigitCanvas';
import { formatBytes, formatCount } from '../format';
import { ClassBars } from './ClassBars';
import { TableSettings } from './TableSettings';

const DELIMITERS: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/**
 * One loaded file: its size and memory; for the digit layout its class balance and first images; for
 * a table its columns (with the target, task and roles for the training file), its first rows, and,
 * when its rows are images and the page shows them so, its first images.
 */
export function DatasetCard({ summary }: { summary: DatasetSummary }) {
  const split = useStore((s) => s.data.split);
  const showImages = useStore((s) => s.showImages);
  const seconds = summary.parseMs / 1000;
  const table = summary.layout === 'table';
  const cells = table ? summary.rows * (summary.columns?.length ?? 1) : summary.rows * summary.imageSide ** 2;
  const heading = summary.role === 'train' ? 'Training data' : summary.role === 'test' ? 'Test set' : 'Prediction set';
  const use = summary.role === 'test' ? 'labeled, evaluated apart from validation'
    : summary.role === 'predict' ? (table ? 'without the target: for predictions' : 'unlabeled (for a Kaggle submission)') : summary.labeled ? 'labeled' : 'unlabeled';
  const classes = table ? (summary.role === 'train' && split?.task === 'classification' ? split : null) : null;
  const images = summary.samples.length > 0 && (!table || showImages);
  return (
    <article className="dataset-card">
      <h3>{heading}: {summary.name}</h3>
      <p className="dataset-card__facts">
        <strong>{formatCount(summary.rows)} rows</strong>, {use}
        {table && summary.columns && <> · {formatCount(summary.columns.length)} columns, separated by {DELIMITERS[summary.format!.delimiter] ?? summary.format!.delimiter}, {summary.format!.header ? 'with a header' : 'no header (columns named by number)'}</>} ·{' '}
        {formatBytes(summary.bytes)} in memory ({(summary.bytes / cells).toFixed(2)} bytes per {table ? 'cell' : 'pixel'}) · read {formatBytes(summary.fileBytes)} in {seconds.toFixed(1)} s
      </p>
      {summary.classCounts && <ClassBars counts={summary.classCounts} names={summary.classCounts.map((_, d) => String(d))} />}
      {classes && <ClassBars counts={classes.classCounts} names={classes.classNames} what="rows" />}
      {images && (
        <div className="digit-strip" role="group" aria-label="First images">
          {summary.samples.map((s, i) => (
            <figure key={i} className="digit-strip__item">
              <DigitCanvas pixels={s.pixels} label={s.label === null ? `image ${i + 1}` : `image ${i + 1}, label ${s.label}`} />
              <figcaption>{s.label ?? '?'}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {table && summary.role === 'train' && summary.columns && <TableSettings profile={summary.columns} />}
      {table && summary.preview && summary.columns && (
        <div className="table-preview table-scroll" tabIndex={0} role="region" aria-label="First rows, scrollable">
          <table aria-label={`First rows of ${summary.name}`}>
            <caption>The first rows, as the file wrote them</caption>
            <thead><tr>{summary.columns.map((c) => <th key={c.index} scope="col">{c.name}</th>)}</tr></thead>
            <tbody>{summary.preview.map((row, r) => <tr key={r}>{row.map((v, k) => <td key={k}>{v === '' ? '–' : v}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
    </article>
  );
}
