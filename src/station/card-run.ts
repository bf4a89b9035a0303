import type { Clock } from '../clock/clock.js';
import type { PrinterDriver } from '../drivers/driver.js';
import type { CetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Job, JobStore } from '../store/job-store.js';
import { errorMessage } from '../util/error-message.js';
import { localDay } from '../util/local-day.js';
import { bookOutcome } from './book-outcome.js';
import { writeDurably } from './durable-write.js';

export interface CardRunContext {
  readonly driver: PrinterDriver;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly log: Logger;
  /** Aborted when the station stops. */
  readonly signal: AbortSignal;
  /** True once the station stopped: past the grace period the store is closed. */
  readonly stopped: () => boolean;
  readonly onStoreUnavailable: (error: CetakError) => void;
}

export interface CardRunResult {
  /** The card never started or its fate is unknown: wait for the printer's status to change. */
  readonly waitForPrinter: boolean;
  /** What went wrong, for the station's `lastError`; undefined after a clean run. */
  readonly error?: string;
}

/**
 * Prints one claimed job and records how it ended. An outcome is written durably (retried while
 * the store is full or read-only); a card whose fate is unknown becomes `uncertain`, never
 * reprinted without an operator's word. Past the shutdown grace nothing is written: the job stays
 * `printing` and is recovered as `uncertain` at the next start.
 */
export async function runCard(job: Job, context: CardRunContext): Promise<CardRunResult> {
  const { driver, store, clock, log } = context;
  const durably = <T>(write: () => T) =>
    writeDurably(write, { clock, signal: context.signal, onWait: context.onStoreUnavailable });
  try {
    const outcome = await driver.printCard({ jobId: job.id, fields: job.card ?? {} });
    if (context.stopped()) return { waitForPrinter: false };
    const now = clock.now();
    const day = localDay(now, context.timeZone);
    const started = await durably(() => bookOutcome(store, job, outcome, now, day, log));
    if (started === undefined)
      log.error(
        { outcome: outcome.result },
        'card finished but not recorded (store unavailable); resolve it',
      );
    return { waitForPrinter: started === false };
  } catch (error) {
    if (context.stopped()) return { waitForPrinter: false };
    const message = errorMessage(error);
    const at = clock.now();
    await durably(() => store.markUncertain(job.id, at, `print failed: ${message}`));
    log.error({ err: message }, 'card outcome unknown; job marked uncertain');
    return { waitForPrinter: true, error: message };
  }
}
