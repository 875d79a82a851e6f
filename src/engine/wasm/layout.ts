/**
 * The layout of the training context that the WebAssembly trainer reads: one table of 4-byte slots at
 * the start of its memory, written by the TypeScript side (trainer.ts) and read by the kernels
 * (as/step.ts). This file is the one source of the slot numbers for both; it is valid TypeScript and
 * valid AssemblyScript, so it holds integer constants only.
 *
 * A pointer slot holds a byte offset into the memory; a float slot holds an f32 (or an f64 over two
 * slots, 8-byte aligned).
 */

/** Linear layers L of the model; the hidden layers are 0 .. L−2. */
export const C_LAYERS = 0;
/** Threads T taking part in each training step (1 when the model cannot be split, or no helpers). */
export const C_THREADS = 1;
/** Rows of a training batch (the last batch of an epoch may have fewer). */
export const C_BATCH = 2;
/** Rows every activation buffer holds: the training batch or an evaluation chunk, whichever is larger. */
export const C_ROWS_CAP = 3;
/** The hidden activation: ACT_RELU, ACT_SIGMOID or ACT_TANH. */
export const C_ACT = 4;
/** The optimiser: OPT_SGD, OPT_MOMENTUM or OPT_ADAM. */
export const C_OPT = 5;
/**
 * The inputs of the whole dataset, row after row of C_INPUTS values: u8 image bytes, fed as x / 255, or
 * f32 features, fed as they are (C_INPUT_KIND).
 */
export const C_PIXELS = 6;
/** The targets of the whole dataset, 4 bytes a row: an i32 class (softmax cross-entropy) or an f32 value (squared error): C_LOSS. */
export const C_LABELS = 7;
/** i32 row numbers of this epoch's training order. */
export const C_ORDER = 8;
/** Rows in the training order. */
export const C_N_ORDER = 9;
/** Features of a row and outputs of the model (classes, or 1 for a regression). */
export const C_INPUTS = 10;
export const C_CLASSES = 11;
/** Partial logits of the last layer, f32 [2 parities][T threads][C_ROWS_CAP × C_CLASSES]. */
export const C_PARTIALS = 12;
/** The first layer runs sparse (CSR) when a batch has at most this many non-zeros per 1,000 values. */
export const C_SPARSE_PER_MILLE = 13;
/** f32: learning rate η, L2 decay λ, momentum μ, Adam's β1, β2 and ε. */
export const C_LR = 14;
export const C_WD = 15;
export const C_MOMENTUM = 16;
export const C_BETA1 = 17;
export const C_BETA2 = 18;
export const C_EPS = 19;
/** Optimiser steps taken so far (Adam's t before the next step). */
export const C_STEPS = 20;
/** 1 to keep the first layer's dW: the fused sparse update does not need it, and skips writing it. */
export const C_KEEP_GRADS = 21;
/**
 * Inputs and targets the training steps read: the dataset's (C_PIXELS, C_LABELS), or a staging area of
 * augmented image rows that the TypeScript side fills before each slice. Evaluation always reads the dataset.
 */
export const C_TRAIN_PIXELS = 22;
export const C_TRAIN_LABELS = 23;
/** u32 seed of the dropout masks (as/dropout.ts). */
export const C_DROP_SEED = 24;
/** What an input row holds: INPUT_U8 (image bytes) or INPUT_F32 (a table's prepared features). */
export const C_INPUT_KIND = 25;
/** The loss of the last layer: LOSS_SOFTMAX_CE (classes) or LOSS_SQUARED (regression, one value a row and output). */
export const C_LOSS = 26;

/** The slice's results, written by thread 0 every step: on cache lines of their own (slots 480-495). */
/** f64: a running sum of (batch mean loss × rows), to which each step of a slice adds its own. */
export const C_LOSS_SUM = 480;
/** Rows of this slice's batches classified right (before each update). */
export const C_CORRECT = 482;
/** Rows trained in this slice. */
export const C_SAMPLES = 483;
/** 1 when a batch's loss was not finite: the slice stopped before applying it. */
export const C_NONFINITE = 484;
/** 1 when the slice's first batch ran its first layer on the sparse kernels, 0 dense. */
export const C_FIRST_SPARSE = 485;
/** f64: the non-finite loss. */
export const C_BAD_LOSS = 486;
/** f64: Σ |output − target| of this slice's rows (squared-error loss: the training MAE, in the target's standardised units). */
export const C_ABS_SUM = 488;

/** Synchronisation words, each on a cache line of its own: the step barrier and the work signal. */
export const C_BAR_COUNT = 32;
export const C_BAR_GEN = 48;
export const C_BAR_WAITERS = 49;
export const C_WORK_GEN = 64;
export const C_WORK_FIRST = 65;
export const C_WORK_COUNT = 66;
export const C_QUIT = 67;
/** What the helpers are woken for: WORK_TRAIN (a slice of steps) or WORK_AUGMENT (the staged rows' augmentation, as/augment.ts). */
export const C_WORK_KIND = 68;
export const WORK_TRAIN = 0;
export const WORK_AUGMENT = 1;
/** WORK_EVALUATE: rows of an evaluation chunk (as/step.ts evaluate): C_EVAL_* say which. */
export const WORK_EVALUATE = 2;
/** The evaluation chunk's i32 row numbers, the first of them, its rows, and where each row's f32 loss goes. */
export const C_EVAL_IDX = 69;
export const C_EVAL_START = 70;
export const C_EVAL_ROWS = 71;
export const C_EVAL_LOSSES = 72;
/** WORK_GRADIENT: the gradient of a class's score with respect to the inputs, for an evaluation chunk's rows (as/explain.ts). */
export const WORK_GRADIENT = 3;
/** Where it goes: f32 ∂z_c/∂x [rows cap, inputs], and ∂z_c/∂a of the first hidden layer [rows cap, width] (0: not kept). */
export const C_GRAD_OUT = 73;
export const C_GRAD_HIDDEN = 74;
/** Helpers that have started and wait for work. */
export const C_READY = 80;

/** Per-thread buffers: THREAD_SLOTS slots a thread from C_THREAD_TABLE on. */
export const C_THREAD_TABLE = 96;
export const THREAD_SLOTS = 16;
export const MAX_THREADS = 8;
/** f32 X [rows, inputs]: the batch, normalised, when it runs dense. */
export const T_X = 0;
/** The batch as CSR (i32 row pointers, i32 columns, f32 values) and its transpose. */
export const T_ROW_PTR = 1;
export const T_COL_IDX = 2;
export const T_VALUES = 3;
export const T_ROW_PTR_T = 4;
export const T_COL_IDX_T = 5;
export const T_VALUES_T = 6;
/** f32 [rows, classes]: logits, then softmax probabilities, then dL/dlogits. */
export const T_LOGITS = 7;
/**
 * f32: the thread's own gradients of every layer, [dW_0, db_0, dW_1, db_1, …] back to back, when the
 * step splits the batch by rows (rows.ts); thread 0 uses the layers' own dW and db instead.
 */
export const T_GRADS = 8;

/** Per-layer tables: LAYER_SLOTS slots a Linear layer from C_LAYER_TABLE on. */
export const C_LAYER_TABLE = 224;
export const LAYER_SLOTS = 16;
export const MAX_LAYERS = 16;
export const L_IN = 0;
export const L_OUT = 1;
/** f32 W [in, out], b [out], their gradients, and the optimiser's first and second moments of each. */
export const L_W = 2;
export const L_B = 3;
export const L_DW = 4;
export const L_DB = 5;
export const L_MW = 6;
export const L_MB = 7;
export const L_VW = 8;
export const L_VB = 9;
/** f32 [rows cap, out]: the activations A of a hidden layer, and dL/dZ. */
export const L_A = 10;
export const L_DZ = 11;
/** f32 dropout rate p after a hidden layer's activation, 0 for none. */
export const L_DROP = 12;
/**
 * f32 the first layer's W and dW in the threads' blocks (as/first.ts): thread t's columns U_t as
 * [inputs, |U_t|], one block after another; 0 on one thread or for a table.
 */
export const L_WB = 13;
export const L_DWB = 14;

/**
 * Each thread's sums of a step on threads (rows.ts, first.ts), STATS_SLOTS slots (a cache line) a thread
 * from C_THREAD_STATS on: its rows' loss (f64), right rows (i32), Σ|error| (f64), non-zeros (i32).
 */
export const C_THREAD_STATS = 512;
export const STATS_SLOTS = 16;
export const S_LOSS = 0;
export const S_CORRECT = 2;
export const S_ABS = 4;
/** i32: the non-zeros of its rows of an image batch (as/first.ts). */
export const S_NNZ = 6;

/**
 * The augmentation of staged image rows (as/augment.ts), written by the TypeScript side (src/data/augment.ts
 * draws every random number; the kernels only compute): AUG_DESC f64 a row, the fresh elastic fields to
 * smooth from their noise into the field pool, and where the rows go.
 */
/** f64 [rows, AUG_DESC]: each staged row's transform (the D_* fields). */
export const C_AUG_DESC = 640;
export const C_AUG_ROWS = 641;
/** i32 [events]: the pool entry each fresh field goes to; f32 [events, 2, 784] its x then y noise. */
export const C_AUG_EVENTS = 642;
export const C_AUG_N_EVENTS = 643;
export const C_AUG_NOISE = 644;
/** f32 [entries, 2, 784]: the elastic fields, x then y, that rows read by entry. */
export const C_AUG_POOL = 645;
/** f32 [taps]: the normalised Gaussian kernel G_σ. */
export const C_AUG_KERNEL = 646;
export const C_AUG_TAPS = 647;
/** f64: the elastic strength α. */
export const C_AUG_ALPHA = 648;
/** u8 [rows, 784]: where the augmented rows go (the staging area). */
export const C_AUG_OUT = 650;
/** Each thread's scratch for smoothing a field, AUG_SCRATCH bytes a thread: f32 [784] then f64 [AUG_PAD]. */
export const C_AUG_SCRATCH = 651;
export const AUG_PAD = 128;
export const AUG_SCRATCH = 784 * 4 + AUG_PAD * 8;
/** A row's transform: its dataset row, D_KIND (0: shift by a byte copy, 1: warp), (dx, dy), a = cos θ / scale, b = sin θ / scale, the field's pool entry (−1: none), sign bits (1: −x field, 2: −y field). */
export const AUG_DESC = 8;
export const D_SRC = 0;
export const D_KIND = 1;
export const D_DX = 2;
export const D_DY = 3;
export const D_A = 4;
export const D_B = 5;
export const D_FIELD = 6;
export const D_SIGNS = 7;

/** Slots in the whole context table (it takes 4 × CONTEXT_SLOTS bytes at the start of memory). */
export const CONTEXT_SLOTS = 1024;

export const ACT_NONE = 0;
export const ACT_RELU = 1;
export const ACT_SIGMOID = 2;
export const ACT_TANH = 3;

export const INPUT_U8 = 0;
export const INPUT_F32 = 1;

export const LOSS_SOFTMAX_CE = 0;
export const LOSS_SQUARED = 1;

export const OPT_SGD = 0;
export const OPT_MOMENTUM = 1;
export const OPT_ADAM = 2;
