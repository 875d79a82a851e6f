import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeModelMetadata } from '../../../src/model-file/metadata';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TABLE_SCHEMA } from '../table-fixtures';
import { readmePythonBlocks, scriptReader } from './readme-code';

describe('README: Model files', () => {
  it('shows the plain NumPy reader exactly as scripts/numpy_forward.py runs it', () => {
    const blocks = readmePythonBlocks();
    expect(blocks).toHaveLength(2);
    expect(scriptReader()).toContain('def load_safetensors(path):');
    expect(blocks[0]).toBe(scriptReader());
  });

  it('names every metadata key the encoder writes', () => {
    const readme = readFileSync('README.md', 'utf8');
    const keys = [...writeModelMetadata({
      architecture: '784-128-10', inputs: 784, classes: 10, activation: 'relu', settings: NOTEBOOK_PRESET,
      metrics: { epoch: 1 }, created: '2025-01-01T00:00:00.000Z', dataset: 'train.csv', schema: TABLE_SCHEMA,
    }).keys()];
    expect(keys).toHaveLength(12);
    for (const key of keys) expect(readme).toContain(`\`${key}\``);
  });
});
