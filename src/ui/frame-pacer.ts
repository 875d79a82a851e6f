/**
 * Heavy view updates take turns, one per animation frame.
 *
 * The browser lays out and paints everything that changed since the last frame in one go, in the
 * same task as that frame's requestAnimationFrame callbacks. Two heavy redraws (a chart and the
 * gallery, say) that land between the same two frames therefore make one long task however
 * separately their scripts ran. So each queued job runs in a task just after a frame has been
 * produced, and the next job waits for the next frame: every frame renders at most one job's changes.
 */

type Job = () => void;

const queue: Job[] = [];
let pumping = false;

function pump(): void {
  requestAnimationFrame(() => {
    // A timer set from inside the frame fires after the frame's layout and paint.
    setTimeout(() => {
      queue.shift()?.();
      if (queue.length > 0) pump();
      else pumping = false;
    }, 0);
  });
}

/** Runs `job` in its own frame, after the jobs queued before it. Returns a function that cancels it. */
export function runInOwnFrame(job: Job): () => void {
  queue.push(job);
  if (!pumping) {
    pumping = true;
    pump();
  }
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}
