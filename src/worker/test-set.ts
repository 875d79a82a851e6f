import { RegressionEvaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import { evaluateDataset } from '../train/evaluate';
import { confusionOf } from './analysis';
import type { Encoded } from './encode';
import type { TestResult } from './protocol';

/**
 * The model on every scorable row of the test set, encoded as the model reads its rows: loss and
 * accuracy with the confusion matrix, or RMSE, MAE and R², apart from the validation split the run was
 * tuned on. `epoch` says how far the model had trained.
 */
export function evaluateTestSet(model: Sequential, test: Encoded, epoch: number): TestResult {
  const ds = test.dataset, e = evaluateDataset(model, ds);
  const base = { name: ds.name, rows: ds.count, skipped: test.skipped, unseen: test.unseen, epoch, loss: e.meanLoss };
  if (e instanceof RegressionEvaluation) {
    return { ...base, accuracy: NaN, confusion: [], confusionClasses: [], rmse: e.rmse, mae: e.mae, r2: e.r2 };
  }
  const { confusion, confusionClasses } = confusionOf(e);
  return { ...base, accuracy: e.accuracy, confusion, confusionClasses, rmse: NaN, mae: NaN, r2: NaN };
}
