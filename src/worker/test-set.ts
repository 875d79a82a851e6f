import type { Dataset } from '../data/dataset';
import type { Sequential } from '../engine/sequential';
import { evaluateDataset } from '../train/evaluate';
import type { TestResult } from './protocol';

/**
 * The model on every row of the test set: loss, accuracy and confusion matrix, apart from the
 * validation split the run was tuned on. `epoch` says how far the model had trained.
 */
export function evaluateTestSet(model: Sequential, test: Dataset, epoch: number): TestResult {
  const e = evaluateDataset(model, test);
  return { name: test.name, rows: test.count, epoch, loss: e.meanLoss, accuracy: e.accuracy, confusion: Array.from(e.confusion) };
}
