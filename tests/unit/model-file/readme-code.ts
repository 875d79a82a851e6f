/** The Python code the README shows in "Model files", and the script it must stay equal to. */
import { readFileSync } from 'node:fs';

/** The ```python blocks of the README's "Model files" section, in order: the reader, then the forward pass. */
export function readmePythonBlocks(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Model files\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The reader in scripts/numpy_forward.py, between its two marker lines. */
export function scriptReader(): string {
  const script = readFileSync('scripts/numpy_forward.py', 'utf8');
  const begin = "# --- the README's plain reader ---\n", end = "# --- end of the README's plain reader ---";
  return script.slice(script.indexOf(begin) + begin.length, script.indexOf(end));
}
