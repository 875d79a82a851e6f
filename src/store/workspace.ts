/**
 * The store's edges to the page's address and storage: at start-up a link's settings are applied and
 * the kept workspace restored; afterwards the address follows the settings and every change worth
 * keeping is written back (whole, debounced).
 */
import { NOTEBOOK_PRESET } from '../train/config';
import { formOf } from '../train/form';
import { type Storage, type Workspace, WORKSPACE_VERSION, WorkspaceSaver, asWorkspace, storageProblem } from './persist';
import { type AppState, connectReset, parsedSettings, useStore } from './store';
import { settingsFromQuery, settingsQuery } from './url';

/** Writes wait this long for more changes: a run's epochs and a burst of typing make one write. */
const SAVE_DEBOUNCE_MS = 300;

/** The parts of the state a workspace is made of; a write happens when one of them changes. */
const parts = (s: AppState) => [s.settings, s.training.runs, s.training.currentId, s.data.train?.name ?? null, s.keptModel] as const;

function workspaceOf(s: AppState, datasetName: string | null): Workspace {
  return {
    version: WORKSPACE_VERSION, savedAt: Date.now(), settings: s.settings, runs: s.training.runs,
    currentId: s.training.currentId, datasetName, model: s.keptModel,
  };
}

/** Applies the settings of the page's link; true when it named any. */
export function applyLink(search: string): boolean {
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return false;
  const { config, notes } = settingsFromQuery(search, NOTEBOOK_PRESET);
  useStore.setState((s) => ({ settings: { valShare: config.valShare, splitMode: config.split, form: formOf(config) }, notices: { ...s.notices, link: notes } }));
  return true;
}

/** Keeps the address's query equal to the current settings, while they are valid. */
export function followSettingsInAddress(): void {
  const write = (s: AppState) => {
    const { config } = parsedSettings(s);
    if (!config) return;
    const query = settingsQuery(config);
    if (location.search !== query) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  };
  write(useStore.getState());
  useStore.subscribe((s, prev) => {
    if (s.settings !== prev.settings || s.data.train !== prev.data.train) write(s);
  });
}

/**
 * Restores the kept workspace (the link's settings win over the kept ones), then keeps writing it.
 * A storage that fails is reported once, and the page works on without it.
 */
export async function connectStorage(storage: Storage, linkGaveSettings: boolean): Promise<void> {
  const report = (message: string) => useStore.setState((s) => ({ notices: { ...s.notices, storage: message } }));
  const saver = new WorkspaceSaver(storage, report);
  let stored: unknown;
  try {
    stored = await storage.read();
  } catch (e) {
    report(storageProblem(e));
    return;
  }
  const ws = asWorkspace(stored);
  if (ws) useStore.getState().restore(ws, linkGaveSettings);

  let datasetName = ws?.datasetName ?? null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // After Reset nothing is written until something worth keeping changes again.
  let resetParts: readonly unknown[] | null = null;
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.every((p, i) => p === b[i]);
  const unchangedSinceReset = (s: AppState) => resetParts !== null && same(parts(s), resetParts);

  useStore.subscribe((s, prev) => {
    if (saver.broken || same(parts(s), parts(prev))) return;
    if (s.data.train) datasetName = s.data.train.name;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const now = useStore.getState();
      if (unchangedSinceReset(now)) return;
      resetParts = null;
      saver.save(workspaceOf(now, datasetName));
    }, SAVE_DEBOUNCE_MS);
  });
  connectReset(() => {
    if (timer) clearTimeout(timer);
    timer = null;
    datasetName = useStore.getState().data.train?.name ?? null;
    resetParts = parts(useStore.getState());
    void saver.clear();
  });
}
