import type { Misclassified } from '../worker/protocol';

export interface GalleryFilter {
  /** 'highest': the confidently wrong first; 'lowest': the near misses first. */
  order: 'highest' | 'lowest';
  trueClass: number | null;
  predicted: number | null;
}

/** Samples shown at a time. */
export const GALLERY_PAGE = 24;

/** Positions in `errors` that pass the filter, ordered by loss (descending for 'highest'). */
export function galleryOrder(errors: Misclassified, filter: GalleryFilter): number[] {
  const picked: number[] = [];
  for (let i = 0; i < errors.rows.length; i++) {
    if (filter.trueClass !== null && errors.trueLabels[i] !== filter.trueClass) continue;
    if (filter.predicted !== null && errors.predicted[i] !== filter.predicted) continue;
    picked.push(i);
  }
  const sign = filter.order === 'highest' ? -1 : 1;
  return picked.sort((a, b) => sign * (errors.losses[a] - errors.losses[b]) || errors.rows[a] - errors.rows[b]);
}
