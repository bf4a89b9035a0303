import type Database from 'better-sqlite3';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log/logger.js';
import type { JobStore } from './job-store.js';

export interface PrivacySweepOptions {
  readonly jobs: JobStore;
  /** The store's connection, whose write-ahead log is emptied after each sweep. */
  readonly database: Database.Database;
  readonly clock: Clock;
  readonly everyMs: number;
  readonly log: Logger;
}

/**
 * Keeps erased data erased. A job's card data is erased as it ends (or once its retention has
 * passed: this sweep does that), and `secure_delete` zeroes the freed bytes in the database file;
 * but the write-ahead log still holds the page images written before, until SQLite happens to
 * overwrite them. So each sweep also checkpoints the log and truncates it to nothing.
 */
export class PrivacySweep {
  readonly #options: PrivacySweepOptions;
  #timer: TimerHandle | undefined;

  constructor(options: PrivacySweepOptions) {
    this.#options = options;
  }

  start(): void {
    this.sweep();
    this.#schedule();
  }

  stop(): void {
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Erases what is due and empties the log; returns how many jobs lost their card data. */
  sweep(): number {
    const { jobs, database, clock, log } = this.#options;
    let erased = 0;
    try {
      erased = jobs.erasePersonalData(clock.now());
      if (erased > 0) log.info({ jobs: erased }, 'personal data past its retention erased');
      // Busy (a backup reading, say) is no failure: the next sweep truncates what this one could not.
      if (database.open) database.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      // A full or read-only disk is the store health watch's to report; the next sweep retries.
      log.warn({ err: error }, 'privacy sweep failed; retrying at the next one');
    }
    return erased;
  }

  #schedule(): void {
    this.#timer = this.#options.clock.setTimeout(() => {
      this.sweep();
      this.#schedule();
    }, this.#options.everyMs);
  }
}
