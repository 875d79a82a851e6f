import type { SettingName } from './settings';

/**
 * Plain explanations of every setting and of the charts and panels, for a learner who has never met
 * the words: what it is, what goes wrong when it is too small or too large, and a typical value. The
 * one home of these texts: the form, the charts and the panels show them behind `Explain <name>`
 * buttons (src/ui/ExplainButton.tsx). The type makes every setting of the settings table need one.
 */
export interface Explanation {
  /** The words after "Explain", lower case unless a symbol: "learning rate". */
  name: string;
  /** What it is, in one or two sentences. */
  what: string;
  tooSmall?: string;
  tooLarge?: string;
  typical?: string;
}

const SETTINGS: { [K in SettingName]-?: Explanation } = {
  hidden: {
    name: 'hidden layers', what: 'The layers of units between the input and the output, each a list of numbers the network computes from the one before. "128" is one layer of 128 units; "256, 128" is two.',
    tooSmall: 'too few units cannot tell the classes apart (underfitting: both losses stay high).', tooLarge: 'many units learn slower per second and may memorise the training rows (overfitting).', typical: '128 for digits; 100 for a table.',
  },
  activation: {
    name: 'activation', what: 'The function each hidden unit applies to its weighted sum, which lets the network draw curved boundaries. ReLU keeps positive values and zeroes the rest; sigmoid and tanh squash into a range.',
    typical: 'ReLU. Sigmoid and tanh learn slower in deep networks because their slopes vanish at the ends.',
  },
  init: {
    name: 'initialiser', what: 'How the weights are drawn before training: random numbers scaled to the layer\'s width, so signals neither die out nor blow up as they pass through the layers.',
    typical: 'Auto: He for ReLU, Xavier (Glorot) for sigmoid and tanh.',
  },
  optimizer: {
    name: 'optimizer', what: 'The rule that turns each batch\'s gradient into a change of the weights. SGD steps straight down the gradient; Momentum keeps some of the last steps\' direction; Adam scales each weight\'s step by its recent gradients.',
    typical: 'SGD 0.1 for the notebook recipe; Adam 0.001 when unsure.',
  },
  lr: {
    name: 'learning rate', what: 'How big a step the optimizer takes along the gradient after each batch.',
    tooSmall: 'the loss falls very slowly and training needs many more epochs.', tooLarge: 'the loss jumps around or explodes to NaN, and the run stops.', typical: '0.1 for SGD, 0.001 for Adam.',
  },
  batchSize: {
    name: 'batch size', what: 'How many training rows the network sees before each step: their average gradient makes one update.',
    tooSmall: 'noisy steps and slower epochs (more steps per epoch).', tooLarge: 'fewer steps per epoch, so it learns less per epoch, and needs more memory.', typical: '32 to 128.',
  },
  epochs: {
    name: 'epochs', what: 'How many times training goes through every training row.',
    tooSmall: 'the model stops before it has learned what it could (both losses still falling).', tooLarge: 'time spent for little gain, and the validation loss may start rising (overfitting).', typical: '10 to 50 for digits.',
  },
  seed: {
    name: 'seed', what: 'The number that starts the random draws: the initial weights, the split and the order of rows. The same seed and settings give the same run, bit for bit.',
    typical: '42, or any number; change it to see how much a result depends on luck.',
  },
  valShare: {
    name: 'validation split', what: 'The share of the labeled rows kept out of training and used to check the model on rows it has never seen. Those numbers choose the settings.',
    tooSmall: 'the validation accuracy is measured on few rows and jumps around.', tooLarge: 'fewer rows left to learn from.', typical: '20% (10% for the Table preset\'s early stopping).',
  },
  split: {
    name: 'split', what: 'Which rows are held out: the last rows in file order (sequential, as the notebook), a shuffled draw, or a shuffled draw that keeps each class\'s share (stratified).',
    typical: 'Stratified for tables; sequential to compare with the notebook.',
  },
  shuffle: {
    name: 'shuffle', what: 'Whether the training rows are visited in a new random order every epoch, so batches differ from epoch to epoch.',
    typical: 'On; off repeats the notebook exactly.',
  },
  weightDecay: {
    name: 'L2 decay', what: 'A pull of every weight towards zero at each step (L2 regularisation), which keeps the weights small and the model simpler.',
    tooSmall: '0 means no pull at all.', tooLarge: 'the weights cannot grow enough to fit, and accuracy falls (underfitting).', typical: '0 or 0.0001.',
  },
  threads: {
    name: 'threads', what: 'How many CPU cores train each step together. More threads finish each epoch sooner; the results differ only in the last bits of the sums.',
    typical: 'Every core of the machine, at most 4 (the default).',
  },
  dropout: {
    name: 'dropout', what: 'While training, each hidden unit is switched off at random with this probability, so the network cannot lean on any single unit. Off when predicting.',
    tooSmall: '0 means none.', tooLarge: 'the network struggles to learn at all (above 0.5 it rarely helps).', typical: '0.2 to 0.5 for large layers.',
  },
  schedule: {
    name: 'learning-rate schedule', what: 'How the learning rate changes over the epochs: constant, halved every few epochs (step), or falling smoothly along a cosine to near zero.',
    typical: 'Cosine: large steps first, fine ones at the end.',
  },
  warmup: {
    name: 'warm-up epochs', what: 'Epochs at the start during which the learning rate grows linearly from near zero to its value, so the first steps on random weights stay small.',
    typical: '0, or 1 to 5 for large learning rates.',
  },
  stepSize: {
    name: 'step size', what: 'With the step schedule, the learning rate is halved every this many epochs.',
    typical: '10.',
  },
  shift: {
    name: 'shift', what: 'Augmentation: each training image is moved by up to this many whole pixels along each axis, a new draw every time it is seen.',
    tooLarge: 'the digit leaves the frame.', typical: '2 pixels.',
  },
  rotation: {
    name: 'rotation', what: 'Augmentation: each training image is turned by a random angle up to this many degrees either way.',
    tooLarge: 'a turned 6 looks like a 9.', typical: '10 degrees.',
  },
  scale: {
    name: 'scale', what: 'Augmentation: each training image grows or shrinks by up to this percent.',
    typical: '10 percent.',
  },
  elasticAlpha: {
    name: 'elastic α', what: 'Augmentation: the strength, in pixels, of an elastic distortion that bends each training image like a rubber sheet, the way handwriting varies.',
    tooLarge: 'digits become unreadable blobs.', typical: '34 (Simard et al. 2003), 0 for none.',
  },
  elasticSigma: {
    name: 'elastic σ', what: 'Augmentation: how smooth the elastic distortion is, the width in pixels of the blur applied to its random field.',
    tooSmall: 'the image is shredded into noise.', tooLarge: 'the distortion becomes a plain shift.', typical: '4.',
  },
  patience: {
    name: 'patience', what: 'Early stopping: training stops after this many epochs without a better validation loss, and keeps the best epoch\'s weights.',
    tooSmall: 'it stops at the first wobble of the validation loss.', tooLarge: 'it trains on long after the model stopped improving.', typical: '10; 0 turns early stopping off.',
  },
  target: {
    name: 'target column', what: 'The column the model learns to predict from the others: a class (classification) or a number (regression).',
    typical: 'A column named like label, class or target, else the last column.',
  },
  ignore: {
    name: 'ignored columns', what: 'Columns the model does not read: IDs, free text, or anything that would give the answer away.',
    typical: 'IDs and names.',
  },
  include: {
    name: 'feature columns', what: 'Columns the model reads even when the profile would leave them out (a number column that looks like an ID, say).',
    typical: 'Empty: the profile\'s choice.',
  },
  task: {
    name: 'task', what: 'Classification predicts one of a few classes and is scored by accuracy; regression predicts a number and is scored by R², RMSE and MAE.',
    typical: 'Chosen from the target\'s values; change it when a number column really holds classes.',
  },
  missing: {
    name: 'missing values', what: 'What to do with empty or unknown cells: fill them (the median of a number column, the most common category) or drop the rows that have them.',
    typical: 'Fill; dropping loses rows.',
  },
};

/** Charts and panels the page explains beside their titles. */
const VIEWS = {
  augmentation: {
    name: 'augmentation', what: 'Each training image is changed a little every time it is seen (moved, turned, scaled, elastically bent), so the network learns the digit and not its exact pixels. Held-out images are never changed.',
    tooLarge: 'the changed images no longer look like their class, and accuracy falls.', typical: 'Shift 2 pixels; rotation 10°; scale 10%; elastic α 34, σ 4 (Simard et al. 2003).',
  },
  loss: {
    name: 'loss', what: 'How wrong the model is, averaged over rows: cross-entropy (how little probability the right class got) for classes, squared error for a regression. Lower is better; training pushes the training loss down.',
    typical: 'Both curves falling. Validation rising while training falls means overfitting; a curve stuck high, underfitting; a jump to huge values, a learning rate too large.',
  },
  accuracy: {
    name: 'accuracy', what: 'The share of rows whose most probable class is the right one. The validation curve, on rows the model never trained on, is the honest one.',
    typical: 'About 97-98% for the notebook recipe on digits.',
  },
  confusionMatrix: {
    name: 'confusion matrix', what: 'A grid of held-out rows: each row of the grid is the true class, each column the predicted one. The diagonal holds the right answers; a bright cell off it shows two classes the model mixes up.',
    typical: 'Click a cell to see its samples.',
  },
  layerHealth: {
    name: 'layer health', what: 'For every layer after each epoch: a histogram of its outputs on a fixed batch, the share of ReLU units that never fire (dead) or of sigmoid and tanh units stuck at their ends (saturated). Dead or saturated units learn nothing.',
    typical: 'Few dead units; many suggest a learning rate too large or a bad initialisation.',
  },
  r2: {
    name: 'R²', what: 'For a regression: the share of the target\'s variation that the model explains. 1 is perfect, 0 is no better than always predicting the mean, below 0 is worse than that.',
    typical: 'Above 0.8 is good for most tables.',
  },
} as const satisfies Record<string, Explanation>;

export type ViewName = keyof typeof VIEWS;
export type ExplainTopic = SettingName | ViewName;

export const EXPLANATIONS: Record<ExplainTopic, Explanation> = { ...SETTINGS, ...VIEWS };

/** The text shown: what it is, then the ends and a typical value when it has them. */
export function explanationText(e: Explanation): string[] {
  return [
    e.what,
    ...(e.tooSmall ? [`Too small: ${e.tooSmall}`] : []),
    ...(e.tooLarge ? [`Too large: ${e.tooLarge}`] : []),
    ...(e.typical ? [`Typical: ${e.typical}`] : []),
  ];
}
