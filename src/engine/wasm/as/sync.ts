/**
 * The barrier that the threads of a training step meet at, on shared memory. Only the threads builds
 * (ASC_FEATURE_THREADS) synchronise; elsewhere there is one thread and the barrier is empty.
 *
 * A generation barrier: each thread adds itself to the count; the last one resets it and bumps the
 * generation; the others spin briefly on the generation (a step's threads arrive within microseconds
 * of each other), then sleep in memory.atomic.wait. The releaser notifies only when someone sleeps.
 */
import { C_BAR_COUNT, C_BAR_GEN, C_BAR_WAITERS } from '../layout';

const SPIN = 200000;

@inline function slot(ctx: usize, s: i32): usize {
  return ctx + (<usize>s << 2);
}

export function barrier(ctx: usize, threads: i32): void {
  if (!ASC_FEATURE_THREADS || threads <= 1) return;
  if (ASC_FEATURE_THREADS) {
    const count = slot(ctx, C_BAR_COUNT), gen = slot(ctx, C_BAR_GEN), waiters = slot(ctx, C_BAR_WAITERS);
    const g = atomic.load<i32>(gen);
    if (atomic.add<i32>(count, 1) == threads - 1) {
      atomic.store<i32>(count, 0);
      atomic.add<i32>(gen, 1);
      if (atomic.load<i32>(waiters) > 0) atomic.notify(gen, threads);
      return;
    }
    for (let i = 0; i < SPIN; i++) if (atomic.load<i32>(gen) != g) return;
    atomic.add<i32>(waiters, 1);
    while (atomic.load<i32>(gen) == g) atomic.wait<i32>(gen, g, -1);
    atomic.sub<i32>(waiters, 1);
  }
}

/** Sleeps until the word at `s` differs from `seen`; returns its new value. */
export function waitChange(ctx: usize, s: i32, seen: i32): i32 {
  if (ASC_FEATURE_THREADS) {
    const p = slot(ctx, s);
    let v = atomic.load<i32>(p);
    while (v == seen) {
      atomic.wait<i32>(p, seen, -1);
      v = atomic.load<i32>(p);
    }
    return v;
  }
  return load<i32>(slot(ctx, s));
}

/** Bumps the word at `s` and wakes everyone sleeping on it. */
export function signal(ctx: usize, s: i32): void {
  if (ASC_FEATURE_THREADS) {
    atomic.add<i32>(slot(ctx, s), 1);
    atomic.notify(slot(ctx, s), 64);
  }
}

/** Adds one to the word at `s`, atomically where threads are built in. */
export function increment(ctx: usize, s: i32): void {
  if (ASC_FEATURE_THREADS) atomic.add<i32>(slot(ctx, s), 1);
  else store<i32>(slot(ctx, s), load<i32>(slot(ctx, s)) + 1);
}
