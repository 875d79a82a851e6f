import { useMemo } from 'react';
import { parseForm, type ParsedForm } from '../train/form';
import { trainRowsOf, useStore } from './store';

/**
 * The parsed training settings for components. Selects the stable inputs (a new object from a
 * selector would re-render forever under zustand 5) and parses once per change.
 */
export function useParsedSettings(): ParsedForm {
  const form = useStore((s) => s.settings.form);
  const valShare = useStore((s) => s.settings.valShare);
  const splitMode = useStore((s) => s.settings.splitMode);
  const trainRows = useStore(trainRowsOf);
  return useMemo(() => parseForm(form, { valShare, splitMode }, trainRows), [form, valShare, splitMode, trainRows]);
}
