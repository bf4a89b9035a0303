import type { Clock } from '../clock/clock.js';
import { CetakError, type ErrorCode } from '../errors.js';
import { cardImageProblems, cardTextProblems } from '../render/card-fit.js';
import { type CardLayout, loadLayout } from '../render/card-layout.js';
import type { CardData, Job, JobStore, NewJob, SubmitResult } from '../store/job-store.js';
import { safeToEcho } from '../util/safe-echo.js';
import { problemLines, toFieldProblems } from '../util/zod-issues.js';
import { type JobInput, makeJobInputSchema } from './job-input.js';

/** Fields whose valid values form a small closed set: only their bad values may be quoted back. */
const CLOSED_SET = new Set<PropertyKey>(['sex', 'priority', 'kecamatan', 'bloodType', 'validUntil']);

/** Most rows one batch may carry: big enough for a fast import, small enough for one request. */
export const MAX_BATCH = 1000;

export interface JobIntakeOptions {
  readonly store: JobStore;
  readonly clock: Clock;
  readonly kecamatanIds: readonly string[];
  /** Called after a job is stored, so the stations that serve its kecamatan wake up. */
  readonly onQueued: (job: Job) => void;
  /** The card face every job must fit; default the KTP-el front shipped in `config/layouts/`. */
  readonly layout?: CardLayout;
}

/** One row of a batch, as the batch endpoint answers it. */
export interface BatchResult {
  readonly line: number;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected';
  readonly id?: string;
  readonly state?: string;
  readonly problems?: readonly string[];
}

/** Validates submitted jobs and stores them; nothing is stored for an invalid one. */
export class JobIntake {
  readonly #options: JobIntakeOptions;
  readonly #schema;
  readonly #layout: CardLayout;

  constructor(options: JobIntakeOptions) {
    this.#options = options;
    this.#schema = makeJobInputSchema(options.kecamatanIds, () => new Date(options.clock.now()));
    // Loaded now, so a broken layout file stops the daemon at start rather than failing each job.
    this.#layout = options.layout ?? loadLayout();
  }

  /** The kecamatan a job may name. */
  get kecamatanIds(): readonly string[] {
    return this.#options.kecamatanIds;
  }

  /**
   * Stores a job from an untrusted body: `created` or a `repeat` of the same request. Throws
   * `JOB_INVALID` naming every bad field, `JOB_DUPLICATE`, `NIK_LOCKED` or `REQUEST_ID_REUSED`.
   */
  submit(body: unknown): { readonly created: boolean; readonly job: Job } {
    const checked = this.#validate(body);
    if (!checked.ok) {
      const what = checked.code === 'CARD_DOES_NOT_FIT' ? 'card cannot be printed' : 'job is not valid';
      throw new CetakError(checked.code, `${what}: ${checked.problems.join('; ')}`, {
        details: checked.problems,
      });
    }
    return this.#settle(this.#options.store.submit(checked.job, this.#options.clock.now()));
  }

  /** Stores the valid, new rows of a batch in one transaction; every row gets its own answer. */
  submitBatch(rows: readonly unknown[], lines: readonly number[]): BatchResult[] {
    const answers: Array<BatchResult | undefined> = [];
    const valid: Array<{ index: number; job: NewJob }> = [];
    rows.forEach((row, index) => {
      const checked = this.#validate(row);
      if (checked.ok) valid.push({ index, job: checked.job });
      else answers[index] = { line: lines[index] ?? index, outcome: 'rejected', problems: checked.problems };
    });
    const results = this.#options.store.submitMany(
      valid.map((v) => v.job),
      this.#options.clock.now(),
    );
    results.forEach((result, i) => {
      const index = valid[i]?.index ?? 0;
      answers[index] = batchAnswer(result, lines[index] ?? index);
      if (result.outcome === 'created') this.#options.onQueued(result.job);
    });
    return answers.map((answer, index) => answer ?? { line: lines[index] ?? index, outcome: 'rejected' });
  }

  #validate(body: unknown): { ok: true; job: NewJob } | { ok: false; code: ErrorCode; problems: string[] } {
    const result = this.#schema.safeParse(body);
    if (!result.success) {
      const echoValue = (path: readonly PropertyKey[], value: unknown) =>
        path.length === 1 && CLOSED_SET.has(path[0] as PropertyKey) && safeToEcho(value);
      const problems = problemLines(toFieldProblems(result.error, body, { echoValue }));
      return { ok: false, code: 'JOB_INVALID', problems };
    }
    const { priority, requestId, ...fields } = result.data;
    const card = cardData(fields);
    const badImages = cardImageProblems(card);
    if (badImages.length > 0) return { ok: false, code: 'JOB_INVALID', problems: badImages };
    // A value that cannot fit its box would spoil a blank at the printer: refuse it now.
    const unfit = cardTextProblems(card, this.#layout);
    if (unfit.length > 0) return { ok: false, code: 'CARD_DOES_NOT_FIT', problems: unfit };
    return {
      ok: true,
      job: { nik: fields.nik, kecamatan: fields.kecamatan, priority, requestId, card },
    };
  }

  #settle(result: SubmitResult): { created: boolean; job: Job } {
    switch (result.outcome) {
      case 'created':
        this.#options.onQueued(result.job);
        return { created: true, job: result.job };
      case 'repeat':
        return { created: false, job: result.job };
      case 'duplicate':
        throw new CetakError(
          'JOB_DUPLICATE',
          `NIK ${result.job.nikMasked} already has a ${result.job.state} job (${result.job.id})`,
          { details: [`job: ${result.job.id} (${result.job.state})`] },
        );
      case 'locked':
        throw new CetakError(
          'NIK_LOCKED',
          `the card for this NIK was already printed (job ${result.printedJobId}); authorise a reprint first (POST /api/reprints)`,
        );
      case 'request-conflict':
        throw new CetakError('REQUEST_ID_REUSED', 'this requestId was already used for another resident');
    }
  }
}

function batchAnswer(result: SubmitResult, line: number): BatchResult {
  switch (result.outcome) {
    case 'created':
      return { line, outcome: 'accepted', id: result.job.id, state: result.job.state };
    case 'repeat':
    case 'duplicate':
      return { line, outcome: 'duplicate', id: result.job.id, state: result.job.state };
    case 'locked':
      return {
        line,
        outcome: 'duplicate',
        problems: ['nik: card already printed; a reprint must be authorised'],
      };
    case 'request-conflict':
      return { line, outcome: 'rejected', problems: ['requestId: already used for another resident'] };
  }
}

function cardData(card: Omit<JobInput, 'priority' | 'requestId'>): CardData {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(card)) if (typeof value === 'string') out[key] = value;
  return out;
}
