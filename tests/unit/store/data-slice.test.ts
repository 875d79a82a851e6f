import { describe, expect, it } from 'vitest';
import { type DataState, initialData, reduceData } from '../../../src/store/data-slice';
import type { DatasetSummary } from '../../../src/worker/protocol';

const summary = (name: string, role: 'train' | 'predict' = 'train'): DatasetSummary => ({
  name, role, layout: 'digits', rows: 10, labeled: role === 'train', classCounts: null, samples: [], imageSide: 28, columns: null, preview: null, format: null,
  bytes: 7850, parseMs: 1, fileBytes: 20000,
});
const loading = (loadId: number, name = 'a.csv'): DataState => ({ ...initialData, loading: { loadId, name, share: 0 } });

describe('worker events → data state', () => {
  it('follows a load from start to summary, clearing an old error', () => {
    let s: DataState = { ...loading(-1), error: 'old problem' };
    s = reduceData(s, { type: 'loadStarted', loadId: 3, name: 'a.csv', bytes: 100 });
    s = reduceData(s, { type: 'loadProgress', loadId: 3, share: 0.5 });
    expect(s.loading).toEqual({ loadId: 3, name: 'a.csv', share: 0.5 });
    s = reduceData(s, { type: 'datasetLoaded', loadId: 3, summary: summary('a.csv') });
    expect(s).toMatchObject({ loading: null, error: null, train: { name: 'a.csv' } });
  });

  it('a failure shows its sentence and keeps the summaries', () => {
    const before = { ...loading(4), train: summary('good.csv') };
    const s = reduceData(before, { type: 'loadFailed', loadId: 4, name: 'bad.csv', message: 'Could not load "bad.csv": line 2: …' });
    expect(s).toMatchObject({ loading: null, error: 'Could not load "bad.csv": line 2: …', train: { name: 'good.csv' } });
  });

  it('drops events of a load that is not the current one', () => {
    const s = loading(7, 'new.csv');
    expect(reduceData(s, { type: 'loadProgress', loadId: 6, share: 0.9 })).toBe(s);
    expect(reduceData(s, { type: 'loadCancelled', loadId: 6, name: 'old.csv' })).toBe(s);
    expect(reduceData(s, { type: 'datasetLoaded', loadId: 6, summary: summary('old.csv') })).toBe(s);
    expect(reduceData(initialData, { type: 'datasetLoaded', loadId: 6, summary: summary('x.csv') })).toBe(initialData);
  });

  it('an unlabeled file fills the prediction slot only', () => {
    const s = reduceData({ ...loading(2), train: summary('train.csv') }, { type: 'datasetLoaded', loadId: 2, summary: summary('test.csv', 'predict') });
    expect(s.train!.name).toBe('train.csv');
    expect(s.predict!.name).toBe('test.csv');
  });
});
