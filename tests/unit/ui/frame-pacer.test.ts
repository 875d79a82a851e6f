import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake display: frames are produced when the test says so; timers are vitest's fake ones. */
function fakeFrames() {
  let callbacks: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => callbacks.push(cb));
  return {
    /** Produces one frame, then runs the tasks that follow it. */
    frame() {
      const due = callbacks;
      callbacks = [];
      due.forEach((cb) => cb(performance.now()));
      vi.runOnlyPendingTimers();
    },
  };
}

describe('frame pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('runs queued jobs one per frame, in order, after the frame', async () => {
    const { runInOwnFrame } = await import('../../../src/ui/frame-pacer');
    const display = fakeFrames();
    const ran: string[] = [];
    runInOwnFrame(() => ran.push('chart'));
    runInOwnFrame(() => ran.push('gallery'));
    runInOwnFrame(() => ran.push('matrix'));
    vi.runOnlyPendingTimers();
    expect(ran).toEqual([]);
    display.frame();
    expect(ran).toEqual(['chart']);
    display.frame();
    expect(ran).toEqual(['chart', 'gallery']);
    display.frame();
    display.frame();
    expect(ran).toEqual(['chart', 'gallery', 'matrix']);
  });

  it('drops a cancelled job and starts again after the queue has emptied', async () => {
    const { runInOwnFrame } = await import('../../../src/ui/frame-pacer');
    const display = fakeFrames();
    const ran: string[] = [];
    const cancel = runInOwnFrame(() => ran.push('stale'));
    runInOwnFrame(() => ran.push('fresh'));
    cancel();
    display.frame();
    expect(ran).toEqual(['fresh']);
    display.frame();
    runInOwnFrame(() => ran.push('later'));
    display.frame();
    expect(ran).toEqual(['fresh', 'later']);
  });
});
