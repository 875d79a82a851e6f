import { useEffect, useRef } from 'react';
import { GALLERY_PAGE } from '../../store/gallery';

/**
 * "Show N more" under a list shown a page at a time (`shown` of `total`), or nothing when all are
 * shown. The items it adds above itself push it, and a keyboard focus on it, out of view: it scrolls
 * itself back.
 */
export function MoreButton({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const more = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (more.current && document.activeElement === more.current) more.current.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  if (total <= shown) return null;
  return <button ref={more} type="button" className="secondary small" onClick={onMore}>Show {Math.min(GALLERY_PAGE, total - shown)} more</button>;
}
