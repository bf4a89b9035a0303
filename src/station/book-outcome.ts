import type { PrintOutcome } from '../drivers/driver.js';
import type { Logger } from '../log/logger.js';
import type { Job, JobStore } from '../store/job-store.js';

/**
 * Books how a card ended, in one store transaction: printed or spoiled (with the blank in the
 * ledger), or back in the queue when no blank was fed. Returns whether the card ever started.
 * A spoiled card's `detail` joins its reason in the journal (`chip-error: encoder exited with
 * code 3`); the ledger keeps the bare reason, so its per-reason counts stay a short list.
 */
export function bookOutcome(
  store: JobStore,
  job: Job,
  outcome: PrintOutcome,
  now: number,
  day: string,
  log: Logger,
) {
  switch (outcome.result) {
    case 'printed':
      store.finishJob(job.id, { state: 'printed', chipUid: outcome.chipUid }, now, day);
      log.info({ chipUid: outcome.chipUid }, 'card printed');
      return true;
    case 'spoiled':
      store.finishJob(
        job.id,
        { state: 'spoiled', reason: outcome.reason, chipUid: outcome.chipUid },
        now,
        day,
        outcome.detail,
      );
      log.warn({ reason: outcome.reason, detail: outcome.detail }, 'card spoiled');
      return true;
    case 'not-started':
      // No blank was fed: the job keeps its place in the queue.
      store.requeue(job.id, now, `not started: ${outcome.reason}`);
      log.warn({ reason: outcome.reason }, 'card not started; job back in the queue');
      return false;
  }
}
