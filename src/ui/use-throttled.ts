import { useEffect, useRef, useState } from 'react';

/**
 * `value`, delivered in a task of its own at least `delay` ms after it changes and at most once every
 * `ms` (the latest value wins). Heavy views (charts, image grids) take their data through it, so that
 * their redraw never lands in the same task as the worker message or another heavy redraw.
 */
export function useThrottled<T>(value: T, ms: number, delay = 0): T {
  const [delivered, setDelivered] = useState(value);
  const lastAt = useRef(-Infinity);
  useEffect(() => {
    const wait = Math.max(delay, lastAt.current + ms - performance.now());
    const timer = setTimeout(() => {
      lastAt.current = performance.now();
      setDelivered(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms, delay]);
  return delivered;
}
