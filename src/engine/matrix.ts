/**
 * A dense row-major matrix over a flat `Float32Array`, NumPy's `ndarray` of rank 2 and nothing more.
 *
 * Element (i, j) lives at `data[i * cols + j]`. `data` may be longer than `rows * cols`: layers keep one
 * buffer sized for the largest batch and shrink `rows` for a smaller last batch, so the hot loop never
 * allocates. Kernels therefore read `rows` and `cols`, never `data.length`.
 */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** A zero-filled `[rows, cols]` matrix (`np.zeros((rows, cols), dtype=np.float32)`). */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Wraps existing values as a `[rows, cols]` matrix without copying. */
export function fromArray(rows: number, cols: number, data: Float32Array | number[]): Matrix {
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  if (values.length < rows * cols) {
    throw new Error(`fromArray: ${values.length} values cannot fill a [${rows}, ${cols}] matrix`);
  }
  return { rows, cols, data: values };
}

/**
 * Makes `m` hold `rows` rows, reusing its buffer when it is large enough and growing it otherwise.
 * Returns `m` for chaining. Growth only happens the first time a larger batch is seen.
 */
export function resizeRows(m: Matrix, rows: number): Matrix {
  if (rows * m.cols > m.data.length) m.data = new Float32Array(rows * m.cols);
  m.rows = rows;
  return m;
}

/** `"[rows, cols]"`, for error messages. */
export function shapeOf(m: Matrix): string {
  return `[${m.rows}, ${m.cols}]`;
}

/** Throws an error naming `what` and both shapes unless `m` is `[rows, cols]`. */
export function assertShape(what: string, m: Matrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new Error(`${what}: expected shape [${rows}, ${cols}], got ${shapeOf(m)}`);
  }
  if (m.data.length < rows * cols) {
    throw new Error(`${what}: buffer holds ${m.data.length} values, shape ${shapeOf(m)} needs ${rows * cols}`);
  }
}
