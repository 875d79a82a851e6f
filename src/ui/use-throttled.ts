import { startTransition, useEffect, useRef, useState } from 'react';
import { runInOwnFrame } from './frame-pacer';

/**
 * `value`, delivered at least `delay` ms after it changes and at most once every `ms` (the latest
 * value wins), in a frame of its own (see frame-pacer). Heavy views (charts, image grids) take their
 * data through it, so that their redraw never lands in the same task as the worker message, nor in
 * the same frame as another heavy redraw.
 *
 * Delivered as a transition. Every store change renders synchronously (useSyncExternalStore), and
 * React renders pending default-priority updates along with a synchronous one: a chart update
 * still pending when a worker message arrived was drawn inside that message's handler (Chrome
 * traces of the 50-epoch notebook run: 63 of 351 worker-message tasks ran a chart or errors-panel
 * render). A transition is never merged into a synchronous render, and its render yields every
 * few ms.
 */
export function useThrottled<T>(value: T, ms: number, delay = 0): T {
  const [delivered, setDelivered] = useState(value);
  const lastAt = useRef(-Infinity);
  useEffect(() => {
    const wait = Math.max(delay, lastAt.current + ms - performance.now());
    let cancel = () => {};
    const timer = setTimeout(() => {
      cancel = runInOwnFrame(() => {
        lastAt.current = performance.now();
        startTransition(() => setDelivered(value));
      });
    }, wait);
    return () => {
      clearTimeout(timer);
      cancel();
    };
  }, [value, ms, delay]);
  return delivered;
}
