import type { Clock } from '../clock/clock.js';

/** Whether `done` settles within `graceMs` of the clock; the grace timer is let go either way. */
export async function finishedWithin(
  clock: Clock,
  done: Promise<unknown>,
  graceMs: number,
): Promise<boolean> {
  const timer = new AbortController();
  const graceOver = clock.sleep(graceMs, timer.signal).then(
    () => false,
    () => true,
  );
  const finished = await Promise.race([done.then(() => true), graceOver]);
  timer.abort();
  return finished;
}
