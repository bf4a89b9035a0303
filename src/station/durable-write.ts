import type { Clock } from '../clock/clock.js';
import type { CetakError } from '../errors.js';
import { isStoreUnwritable } from '../store/store-health.js';

/** How often a station retries writing a card's outcome while the store cannot be written. */
export const STORE_RETRY_MS = 10_000;

/**
 * Writes a card's outcome, retrying while the store is unavailable (disk full, read-only): the
 * card exists, so its outcome must be recorded before the station starts another. Resolves with
 * the write's result, or `undefined` if the station stopped first (the job then stays `printing`
 * and becomes `uncertain` at the next start). Any other error is thrown at once.
 */
export async function writeDurably<T>(
  write: () => T,
  options: {
    readonly clock: Clock;
    readonly signal: AbortSignal;
    /** Called once per failed attempt, to show the station blocked on the store. */
    readonly onWait: (error: CetakError) => void;
  },
): Promise<T | undefined> {
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isStoreUnwritable(error)) throw error;
      options.onWait(error);
      const slept = await options.clock.sleep(STORE_RETRY_MS, options.signal).then(
        () => true,
        () => false,
      );
      if (!slept) return undefined;
    }
  }
}
