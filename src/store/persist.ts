/**
 * Work that survives a reload: the settings, the run history, the current model (its safetensors
 * bytes) and the dataset's file name, kept in IndexedDB through idb-keyval. Datasets themselves are
 * not kept (they can be large); the page names the file to load again.
 *
 * The whole workspace is one record under one key, written whole: two open tabs never mix their
 * parts, and the last writer wins. A storage that fails (full, refused in private mode, blocked by
 * another tab) is reported once with a sentence, and the page goes on without storage.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { RunRecord } from './run-slice';
import type { Settings } from './settings-state';

export const WORKSPACE_VERSION = 1;

export interface Workspace {
  version: typeof WORKSPACE_VERSION;
  /** When it was written, ms since 1970. */
  savedAt: number;
  settings: Settings;
  runs: RunRecord[];
  currentId: number | null;
  /** The training file's name, to ask for it again. */
  datasetName: string | null;
  /** The current model as a safetensors file, and the run it came from (null: loaded from a file). */
  model: { bytes: Uint8Array; runId: number | null; name: string } | null;
}

/** Where the workspace is kept: IndexedDB in the page, a Map in tests. */
export interface Storage {
  read(): Promise<unknown>;
  write(ws: Workspace): Promise<void>;
  clear(): Promise<void>;
}

const KEY = 'workspace';
/** A storage that does not answer within this is taken as blocked (another tab holding an upgrade, a stuck browser). */
const BLOCKED_MS = 5000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new DOMException('IndexedDB did not answer', 'BlockedError')), BLOCKED_MS);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

/** The page's IndexedDB; opened lazily, so a browser without it fails on first use, not at start-up. */
export function indexedDbStorage(): Storage {
  let store: ReturnType<typeof createStore> | null = null;
  const db = () => {
    // Some private modes remove IndexedDB altogether: the same refusal as one that throws on open.
    if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB is not available', 'SecurityError');
    return (store ??= createStore('mlp-playground', 'workspace'));
  };
  return {
    read: async () => withTimeout(get(KEY, db())),
    write: async (ws) => withTimeout(set(KEY, ws, db())),
    clear: async () => withTimeout(del(KEY, db())),
  };
}

/** A sentence for a storage failure: what happened, and that the page works on without storage. */
export function storageProblem(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const why = name === 'QuotaExceededError' ? "the browser's storage for this page is full (quota exceeded)"
    : name === 'BlockedError' ? 'the browser\'s storage did not answer (blocked, perhaps by another tab of this page)'
      : name === 'SecurityError' || name === 'InvalidStateError' ? 'this browser does not allow storage for this page (private browsing?)'
        : `the browser's storage failed (${e instanceof Error ? e.message : String(e)})`;
  return `Your work cannot be saved: ${why}. The page works on, but a reload will lose it.`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored value as a workspace, or null when it is missing, of another version or malformed. */
export function asWorkspace(v: unknown): Workspace | null {
  if (!isObject(v) || v.version !== WORKSPACE_VERSION || typeof v.savedAt !== 'number') return null;
  if (!isObject(v.settings) || !isObject(v.settings.form) || !Array.isArray(v.runs)) return null;
  if (v.model !== null && !(isObject(v.model) && v.model.bytes instanceof Uint8Array)) return null;
  return v as unknown as Workspace;
}

/** The runs as a reload shows them: a run that was training is stopped (its worker is gone). */
export function restoredRuns(runs: RunRecord[]): RunRecord[] {
  // Records kept before layer health (or tables) existed have none.
  return runs.map((r) => ({ ...r, health: r.health ?? [], hints: r.hints ?? [], schema: r.schema ?? null, notes: r.notes ?? [], ended: r.ended ?? null, keptEpoch: r.keptEpoch ?? null }))
    .map((r) => (r.state === 'running' || r.state === 'paused' || r.state === 'starting' ? { ...r, state: 'stopped' as const, progress: r.progress } : r));
}

/**
 * The restored line: what came back and from when (`linkSettings`: a link's settings were used
 * instead of the kept ones); empty when nothing came back.
 */
export function restoredMessage(ws: Workspace, linkSettings = false): string {
  const when = new Date(ws.savedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const parts = linkSettings ? [] : ['the settings'];
  if (ws.runs.length) parts.push(`${ws.runs.length} run${ws.runs.length > 1 ? 's' : ''} with ${ws.runs.length > 1 ? 'their' : 'its'} charts`);
  if (ws.model) parts.push(`the model (${ws.model.name})`);
  const link = linkSettings ? " The link's settings are used, not the kept ones." : '';
  const again = ws.datasetName ? ` Datasets are not kept: load "${ws.datasetName}" again to train or to see the errors.` : '';
  if (!parts.length) return ''; // only settings were kept, and the link's replaced them: nothing came back
  const last = parts.pop()!;
  const what = parts.length ? `${parts.join(', ')} and ${last}` : last;
  return `Restored your work from ${when}: ${what}.${link}${again}`;
}

/**
 * Writes workspaces one at a time, the newest winning: a write asked for while one is under way
 * replaces any waiting one. After a failure it stops and reports once.
 */
export class WorkspaceSaver {
  private pending: Workspace | null = null;
  private writing = false;
  private failed = false;

  constructor(private readonly storage: Storage, private readonly onProblem: (message: string) => void) {}

  get broken(): boolean {
    return this.failed;
  }

  save(ws: Workspace): void {
    if (this.failed) return;
    this.pending = ws;
    if (!this.writing) void this.flush();
  }

  async clear(): Promise<void> {
    this.pending = null;
    if (this.failed) return;
    try {
      await this.storage.clear();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Resolves once nothing is waiting or being written (for tests). */
  async idle(): Promise<void> {
    while (this.writing) await new Promise((r) => setTimeout(r, 5));
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.pending && !this.failed) {
      const ws = this.pending;
      this.pending = null;
      try {
        await this.storage.write(ws);
      } catch (e) {
        this.fail(e);
      }
    }
    this.writing = false;
  }

  private fail(e: unknown): void {
    this.failed = true;
    this.pending = null;
    this.onProblem(storageProblem(e));
  }
}
