/**
 * Running classification metrics over many batches: mean loss, accuracy and the confusion matrix
 * (rows the true class, columns the predicted class, as in scikit-learn).
 */
export class Evaluation {
  lossSum = 0;
  correct = 0;
  count = 0;
  /** confusion[t * classes + p] counts samples of true class t predicted as p. */
  readonly confusion: Int32Array;

  constructor(readonly classes: number) {
    this.confusion = new Int32Array(classes * classes);
  }

  /** Adds one sample. */
  add(trueClass: number, predicted: number, loss: number): void {
    this.lossSum += loss;
    this.count++;
    if (trueClass === predicted) this.correct++;
    this.confusion[trueClass * this.classes + predicted]++;
  }

  get meanLoss(): number {
    return this.count ? this.lossSum / this.count : NaN;
  }

  get accuracy(): number {
    return this.count ? this.correct / this.count : NaN;
  }

  /** Share of each true class predicted right (the confusion diagonal over its row sum). */
  perClassAccuracy(): number[] {
    const k = this.classes;
    return Array.from({ length: k }, (_, t) => {
      let row = 0;
      for (let p = 0; p < k; p++) row += this.confusion[t * k + p];
      return row ? this.confusion[t * k + t] / row : NaN;
    });
  }
}
