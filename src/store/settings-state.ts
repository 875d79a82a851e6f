import type { SplitMode } from '../data/split';
import type { TrainForm } from '../train/form';

/** The training settings as the page holds them: the form's text and the split. */
export interface Settings {
  /** Share held out, 0 ≤ valShare < 1. */
  valShare: number;
  splitMode: SplitMode;
  form: TrainForm;
}
