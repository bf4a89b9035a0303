import type { Clock } from '../clock/clock.js';

/**
 * Calls `onOrphaned` once the process that started us has gone.
 *
 * `npm start` runs the daemon under `sh -c`, and on Linux that shell dies of the SIGTERM npm
 * forwards to it without passing it on, leaving the daemon running with nobody to stop it. When
 * we notice our parent changed, we treat it as the signal it swallowed and shut down cleanly.
 */
export function watchParent(clock: Clock, onOrphaned: () => void, intervalMs = 1000): void {
  const original = process.ppid;
  const check = () => {
    if (process.ppid !== original) onOrphaned();
    else clock.setTimeout(check, intervalMs);
  };
  clock.setTimeout(check, intervalMs);
}
