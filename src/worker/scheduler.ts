/** Runs a function as a new task, after any messages already waiting: how training yields. */
export type Schedule = (fn: () => void) => void;

/**
 * A MessageChannel task: unlike setTimeout(0), it is not clamped to 4 ms after a few nested calls,
 * and messages from the page queued meanwhile run first.
 */
export function messageChannelSchedule(): Schedule {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}
