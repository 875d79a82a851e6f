import { useStore } from '../../store/store';
import { className, currentSchema } from '../../store/schema-view';
import { ConfusionMatrix } from '../errors/ConfusionMatrix';
import { formatCount, formatPercent } from '../format';

/**
 * The current model on the test set, apart from the validation numbers the run was tuned on: its
 * accuracy, loss and confusion matrix (a regression's RMSE, MAE and R²), as the worker measured them
 * when training ended or when asked.
 */
export function TestResults() {
  const testSet = useStore((s) => s.data.test);
  const { result, message } = useStore((s) => s.test);
  const evaluate = useStore((s) => s.evaluateTest);
  const hasModel = useStore((s) => s.training.currentId !== null || s.modelFile.loaded !== null);
  const last = useStore((s) => s.training.runs.find((r) => r.id === s.training.currentId)?.epochs.at(-1));
  const schema = useStore(currentSchema);
  if (!testSet) return null;
  const regression = result !== null && Number.isNaN(result.accuracy);
  const left = result ? [
    result.skipped ? `${formatCount(result.skipped)} rows without a target the model knows were left out` : '',
    result.unseen ? `${formatCount(result.unseen)} cells had a category the training rows never had` : '',
  ].filter(Boolean) : [];
  return (
    <section className="test-results" aria-label="Test accuracy">
      <h3>Test set</h3>
      {result ? (
        <>
          <p className="test-results__headline">
            {regression
              ? <>Test R² <strong>{result.r2.toFixed(3)}</strong> · test RMSE {result.rmse.toPrecision(4)} · test MAE {result.mae.toPrecision(4)}
                {last?.valR2 !== undefined && Number.isFinite(last.valR2) && <> · validation R² {last.valR2.toFixed(3)}</>}</>
              : <>Test accuracy <strong>{formatPercent(result.accuracy, 2)}</strong> · test loss {result.loss.toFixed(4)}
                {last && Number.isFinite(last.valAcc) && <> · validation accuracy {formatPercent(last.valAcc, 2)}</>}</>}
          </p>
          <p className="hint">
            On {result.skipped ? '' : 'all '}{formatCount(result.rows)} rows of {result.name}{result.epoch ? `, after epoch ${result.epoch}` : ''}{left.length ? ` (${left.join('; ')})` : ''}. Settings were chosen
            on the validation rows; this set played no part, so its error is the one to report.
          </p>
          {!regression && <ConfusionMatrix confusion={result.confusion} classes={result.confusionClasses} names={(k) => className(schema, k)} label="Test set confusion counts" caption="Test set" />}
        </>
      ) : (
        <p className="hint">{message ?? `${testSet.name} (${formatCount(testSet.rows)} rows) is scored when a run ends, or now with the button.`}</p>
      )}
      <button type="button" onClick={evaluate} disabled={!hasModel}>Evaluate test set</button>
    </section>
  );
}
