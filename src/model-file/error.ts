/**
 * A model file that cannot be loaded. The message is one sentence for a person: it names the tensor
 * (or the part of the file) and the problem, e.g. `Tensor "W1" has dtype F64; …`. The page and the
 * CLI show it as it is.
 */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}
