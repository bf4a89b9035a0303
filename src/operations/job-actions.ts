import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import { maskNik, NIK_PATTERN } from '../jobs/nik.js';
import { type Job, type JobStore, REPRINT_REASONS } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';
import { parseBody } from './parse-body.js';

const resolveSchema = z.strictObject({
  outcome: z.enum(['printed', 'spoiled']),
  /** What the operator saw, e.g. "card in reject tray, photo smeared". */
  reason: z.string().trim().min(1).max(200).optional(),
  /** The chip UID read from the card, when the operator has it. */
  chipUid: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,20}$/, 'must be 8–20 hex digits')
    .transform((uid) => uid.toUpperCase())
    .optional(),
});

const reprintSchema = z.strictObject({
  nik: z.string().regex(NIK_PATTERN, 'must be 16 digits'),
  reason: z.enum(REPRINT_REASONS),
});

export interface JobActionsOptions {
  readonly jobs: JobStore;
  readonly clock: Clock;
  readonly timeZone: string;
}

/** What operators do to jobs: withdraw one, settle an uncertain one, allow a reprint. */
export class JobActions {
  readonly #options: JobActionsOptions;

  constructor(options: JobActionsOptions) {
    this.#options = options;
  }

  cancel(id: string): Job {
    return this.#options.jobs.cancel(id, this.#options.clock.now());
  }

  /** An operator's verdict on an `uncertain` job, from the card (or its absence) in the printer. */
  resolve(id: string, body: unknown): Job {
    const verdict = parseBody(resolveSchema, body, 'resolution');
    const now = this.#options.clock.now();
    const day = localDay(now, this.#options.timeZone);
    const outcome =
      verdict.outcome === 'printed'
        ? ({ state: 'printed', chipUid: verdict.chipUid } as const)
        : ({ state: 'spoiled', reason: 'operator-verdict', chipUid: verdict.chipUid } as const);
    return this.#options.jobs.resolve(id, outcome, now, day, verdict.reason);
  }

  authoriseReprint(body: unknown) {
    const request = parseBody(reprintSchema, body, 'reprint');
    const authorisation = this.#options.jobs.authoriseReprint(
      request.nik,
      request.reason,
      this.#options.clock.now(),
    );
    return {
      nik: maskNik(authorisation.nik),
      reason: authorisation.reason,
      at: new Date(authorisation.at).toISOString(),
    };
  }
}
