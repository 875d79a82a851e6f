import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { formOf } from '../../../src/train/form';
import { type Storage, type Workspace, WorkspaceSaver, asWorkspace, restoredMessage, restoredRuns, storageProblem } from '../../../src/store/persist';
import { newRun } from '../../../src/store/run-slice';

const ws = (savedAt: number, extra: Partial<Workspace> = {}): Workspace => ({
  version: 1, savedAt, settings: { valShare: 0.2, splitMode: 'sequential', form: formOf(NOTEBOOK_PRESET) },
  runs: [], currentId: null, datasetName: null, model: null, ...extra,
});

/** A storage in memory whose writes wait until released, to see what overlapping saves do. */
function memoryStorage() {
  const written: number[] = [];
  let value: unknown;
  const waiting: (() => void)[] = [];
  const storage: Storage = {
    read: async () => value,
    write: (w) => new Promise<void>((resolve) => waiting.push(() => { value = w; written.push(w.savedAt); resolve(); })),
    clear: async () => { value = undefined; },
  };
  return { storage, written, release: () => waiting.splice(0).forEach((f) => f()), get value() { return value; } };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('keeping the workspace', () => {
  it('writes whole records one at a time, and a newer one replaces any waiting: the last writer wins', async () => {
    const m = memoryStorage();
    const saver = new WorkspaceSaver(m.storage, () => { throw new Error('no problem expected'); });
    saver.save(ws(1));
    saver.save(ws(2));
    saver.save(ws(3)); // replaces 2, which never got written
    await tick(); m.release(); await tick(); m.release(); await tick();
    await saver.idle();
    expect(m.written).toEqual([1, 3]);
    expect((m.value as Workspace).savedAt).toBe(3);
  });

  it('a failing storage is reported once with a sentence, and saving stops', async () => {
    const problems: string[] = [];
    const failing: Storage = { read: async () => undefined, write: async () => { throw new DOMException('full', 'QuotaExceededError'); }, clear: async () => {} };
    const saver = new WorkspaceSaver(failing, (m) => problems.push(m));
    saver.save(ws(1));
    await saver.idle();
    saver.save(ws(2));
    await saver.idle();
    expect(problems).toEqual(["Your work cannot be saved: the browser's storage for this page is full (quota exceeded). The page works on, but a reload will lose it."]);
    expect(saver.broken).toBe(true);
  });

  it('names each kind of storage failure', () => {
    expect(storageProblem(new DOMException('x', 'SecurityError'))).toContain('does not allow storage for this page (private browsing?)');
    expect(storageProblem(new DOMException('x', 'BlockedError'))).toContain('did not answer (blocked, perhaps by another tab of this page)');
    expect(storageProblem(new Error('disk on fire'))).toContain('failed (disk on fire)');
  });

  it('reads back only a well-formed workspace of this version', () => {
    expect(asWorkspace(ws(5))).toEqual(ws(5));
    for (const bad of [undefined, null, 42, 'x', [], { ...ws(1), version: 2 }, { ...ws(1), runs: 'no' }, { ...ws(1), settings: null }, { ...ws(1), model: { bytes: 'no' } }]) {
      expect(asWorkspace(bad)).toBeNull();
    }
  });

  it('a run that was training when the page closed comes back stopped; the line says what came back and from when', () => {
    const runs = restoredRuns([{ ...newRun(1, NOTEBOOK_PRESET), state: 'done' }, { ...newRun(2, NOTEBOOK_PRESET), state: 'running' }]);
    expect(runs.map((r) => r.state)).toEqual(['done', 'stopped']);
    const line = restoredMessage(ws(Date.UTC(2026, 10, 29, 16, 5), { runs, datasetName: 'mnist-sample-10k.csv', model: { bytes: new Uint8Array(8), runId: 2, name: '784-128-10, run 2' } }));
    expect(line).toMatch(/^Restored your work from 29 Nov 2026, \d\d:05: the settings, 2 runs with their charts and the model \(784-128-10, run 2\)\. Datasets are not kept: load "mnist-sample-10k\.csv" again to train or to see the errors\.$/);
  });
});

describe('the restored line after a link', () => {
  it('says the link\'s settings are used, and does not claim the kept ones came back', () => {
    const at = Date.UTC(2026, 10, 29, 16, 5);
    expect(restoredMessage(ws(at, { runs: [newRun(1, NOTEBOOK_PRESET)] }), true)).toMatch(/^Restored your work from 29 Nov 2026, \d\d:05: 1 run with its charts\. The link's settings are used, not the kept ones\.$/);
    expect(restoredMessage(ws(at), true)).toBe('');
  });
});
