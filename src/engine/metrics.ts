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

/**
 * Running regression metrics over many batches, for outputs ŷ against targets y (in whatever units
 * they are given; `scale` turns RMSE and MAE into the target's own units, R² has none):
 *   RMSE = √(Σ (ŷ − y)² / n)     MAE = Σ |ŷ − y| / n     R² = 1 − Σ (ŷ − y)² / Σ (y − ȳ)²
 * as scikit-learn's mean_squared_error, mean_absolute_error and r2_score (ȳ: these rows' mean).
 */
export class RegressionEvaluation {
  lossSum = 0;
  count = 0;
  private sse = 0;
  private sae = 0;
  private sumY = 0;
  private sumY2 = 0;

  constructor(readonly scale = 1) {}

  add(predicted: number, target: number, loss: number): void {
    const d = predicted - target;
    this.lossSum += loss;
    this.count++;
    this.sse += d * d;
    this.sae += Math.abs(d);
    this.sumY += target;
    this.sumY2 += target * target;
  }

  get meanLoss(): number {
    return this.count ? this.lossSum / this.count : NaN;
  }

  get rmse(): number {
    return this.count ? this.scale * Math.sqrt(this.sse / this.count) : NaN;
  }

  get mae(): number {
    return this.count ? (this.scale * this.sae) / this.count : NaN;
  }

  /** NaN for fewer than 2 rows or targets that do not vary. */
  get r2(): number {
    const ss = this.sumY2 - (this.sumY * this.sumY) / this.count;
    return this.count > 1 && ss > 0 ? 1 - this.sse / ss : NaN;
  }
}
