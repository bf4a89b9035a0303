import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import { CetakError } from '../errors.js';
import { maskNik, NIK_PATTERN } from '../jobs/nik.js';
import { previewPng } from '../render/card-preview.js';
import { type CardWork, inlineCardWork } from '../render/card-work.js';
import {
  JOB_STATES,
  type Job,
  type JobPage,
  type JobStore,
  PRIORITIES,
  REPRINT_REASONS,
} from '../store/job-store.js';
import { localDay } from '../util/local-day.js';
import { parseBody } from './parse-body.js';

export const resolveSchema = z.strictObject({
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

export const reprintSchema = z.strictObject({
  nik: z.string().regex(NIK_PATTERN, 'must be 16 digits'),
  reason: z.enum(REPRINT_REASONS),
});

/** `POST /api/jobs/promote`: the resident whose card should come next. */
export const promoteSchema = z.strictObject({
  nik: z.string().regex(NIK_PATTERN, 'must be 16 digits'),
});

/** `POST /api/jobs/find`: one resident's jobs. A body, not a query string, so the NIK stays out of URLs. */
export const findByNikSchema = z.strictObject({
  nik: z.string().regex(NIK_PATTERN, 'must be 16 digits'),
});

/** `GET /api/jobs` query: filters, page size and the cursor from the previous page's `next`. */
export const jobListQuerySchema = z.strictObject({
  state: z.enum(JOB_STATES).optional(),
  kecamatan: z.string().max(64).optional(),
  priority: z.enum(PRIORITIES).optional(),
  station: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional(),
});

export interface JobActionsOptions {
  readonly jobs: JobStore;
  readonly clock: Clock;
  readonly timeZone: string;
  /** Renders previews; the daemon's big-photo queue, default this thread. */
  readonly cardWork?: CardWork;
}

/** What operators do to jobs: withdraw one, settle an uncertain one, allow a reprint, look at its card. */
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

  /** A resident in the queue came to the counter: their card comes next, after other walk-ins. */
  promote(body: unknown): Job {
    const { nik } = parseBody(promoteSchema, body, 'promotion');
    return this.#options.jobs.promote(nik, this.#options.clock.now());
  }

  /** Every job of one resident, newest first, ended ones included (found by the NIK's keyed hash). */
  findByNik(body: unknown): Job[] {
    const { nik } = parseBody(findByNikSchema, body, 'NIK lookup');
    return this.#options.jobs.findByNik(nik);
  }

  list(query: unknown): JobPage {
    const { station, ...filter } = parseBody(jobListQuerySchema, query, 'job list query');
    return this.#options.jobs.listJobs({ ...filter, stationId: station });
  }

  /**
   * The job's card front as it will print today, as a PNG. Throws `JOB_NOT_FOUND`, or `CARD_GONE`
   * once the card text was dropped (printed or cancelled: personal data is kept no longer).
   */
  async preview(id: string): Promise<Buffer> {
    const job = this.#options.jobs.getJob(id);
    if (!job) throw new CetakError('JOB_NOT_FOUND', `no job with id "${id.slice(0, 64)}"`);
    if (!job.card) {
      throw new CetakError('CARD_GONE', `job ${job.id} is ${job.state}: its card text is no longer kept`);
    }
    const issue = { issuedAt: this.#options.clock.now(), timeZone: this.#options.timeZone };
    return previewPng(await (this.#options.cardWork ?? inlineCardWork).render(job.card, issue));
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
