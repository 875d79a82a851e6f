import { useStore } from '../../store/store';
import { ConfusionMatrix } from '../errors/ConfusionMatrix';
import { formatCount, formatPercent } from '../format';

/**
 * The current model on the test set, apart from the validation numbers the run was tuned on: its
 * accuracy, loss and confusion matrix, as the worker measured them when training ended or when asked.
 */
export function TestResults() {
  const testSet = useStore((s) => s.data.test);
  const { result, message } = useStore((s) => s.test);
  const evaluate = useStore((s) => s.evaluateTest);
  const hasModel = useStore((s) => s.training.currentId !== null || s.modelFile.loaded !== null);
  const valAcc = useStore((s) => s.training.runs.find((r) => r.id === s.training.currentId)?.epochs.at(-1)?.valAcc);
  if (!testSet) return null;
  return (
    <section className="test-results" aria-label="Test accuracy">
      <h3>Test set</h3>
      {result ? (
        <>
          <p className="test-results__headline">
            Test accuracy <strong>{formatPercent(result.accuracy, 2)}</strong> · test loss {result.loss.toFixed(4)}
            {valAcc !== undefined && Number.isFinite(valAcc) && <> · validation accuracy {formatPercent(valAcc, 2)}</>}
          </p>
          <p className="hint">
            On all {formatCount(result.rows)} rows of {result.name}{result.epoch ? `, after epoch ${result.epoch}` : ''}. Settings were chosen
            on the validation rows; this set played no part, so its error is the one to report.
          </p>
          <ConfusionMatrix confusion={result.confusion} label="Test set confusion counts" caption="Test set" />
        </>
      ) : (
        <p className="hint">{message ?? `${testSet.name} (${formatCount(testSet.rows)} rows) is scored when a run ends, or now with the button.`}</p>
      )}
      <button type="button" onClick={evaluate} disabled={!hasModel}>Evaluate test set</button>
    </section>
  );
}
