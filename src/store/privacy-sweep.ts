import type Database from 'better-sqlite3';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { EventBus } from '../events/fleet-events.js';
import type { Logger } from '../log/logger.js';
import { ENDED_STATES, type JobStore } from './job-store.js';

/** How soon after a job ends its erased page images are checkpointed out of the log. */
const CHECKPOINT_AFTER_END_MS = 5_000;

export interface PrivacySweepOptions {
  readonly jobs: JobStore;
  /** The store's connection, whose write-ahead log is emptied after erasures. */
  readonly database: Database.Database;
  readonly clock: Clock;
  /** How often data past its retention is erased (`privacy.sweepEveryMinutes`). */
  readonly everyMs: number;
  /** Where jobs are seen to end, so their erasure leaves the log within seconds. */
  readonly events: EventBus;
  readonly log: Logger;
}

/**
 * Keeps erased data erased. A job's card data is erased as it ends (or once its retention has
 * passed: the periodic sweep does that), and `secure_delete` zeroes the freed bytes in the
 * database file; but the write-ahead log still holds the page images written before, until SQLite
 * happens to overwrite them. So a few seconds after jobs end (one checkpoint for a burst of them),
 * after each sweep and at a clean stop, the log is checkpointed and truncated to nothing.
 */
export class PrivacySweep {
  readonly #options: PrivacySweepOptions;
  #sweepTimer: TimerHandle | undefined;
  #checkpointTimer: TimerHandle | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: PrivacySweepOptions) {
    this.#options = options;
  }

  start(): void {
    this.sweep();
    this.#scheduleSweep();
    this.#unsubscribe = this.#options.events.subscribe(({ event }) => {
      if (event.type === 'job' && ENDED_STATES.includes(event.to)) this.#checkpointSoon();
    });
  }

  stop(): void {
    const { clock } = this.#options;
    if (this.#sweepTimer !== undefined) clock.clearTimeout(this.#sweepTimer);
    if (this.#checkpointTimer !== undefined) clock.clearTimeout(this.#checkpointTimer);
    this.#sweepTimer = undefined;
    this.#checkpointTimer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Erases what is due and empties the log; returns how many jobs lost their card data. */
  sweep(): number {
    const { jobs, clock, log } = this.#options;
    let erased = 0;
    try {
      erased = jobs.erasePersonalData(clock.now());
      if (erased > 0) log.info({ jobs: erased }, 'personal data past its retention erased');
    } catch (error) {
      // A full or read-only disk is the store health watch's to report; the next sweep retries.
      log.warn({ err: error }, 'privacy sweep failed; retrying at the next one');
    }
    this.checkpoint();
    return erased;
  }

  /**
   * Copies the log into the database file and truncates it. Never waits: a reader elsewhere (a
   * backup in progress) makes this one a no-op, and the next one truncates what this could not,
   * rather than holding up the printers for the busy timeout.
   */
  checkpoint(): void {
    const { database, log } = this.#options;
    if (!database.open) return;
    const busyTimeout = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      database.pragma('busy_timeout = 0');
      database.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      log.warn({ err: error }, 'write-ahead log checkpoint failed; retrying at the next one');
    } finally {
      database.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  #checkpointSoon(): void {
    if (this.#checkpointTimer !== undefined) return;
    this.#checkpointTimer = this.#options.clock.setTimeout(() => {
      this.#checkpointTimer = undefined;
      this.checkpoint();
    }, CHECKPOINT_AFTER_END_MS);
  }

  #scheduleSweep(): void {
    this.#sweepTimer = this.#options.clock.setTimeout(() => {
      this.sweep();
      this.#scheduleSweep();
    }, this.#options.everyMs);
  }
}
