import type { Clock } from '../clock/clock.js';
import { CetakError, type ErrorCode } from '../errors.js';
import { cardImageProblems, cardTextProblems } from '../render/card-fit.js';
import { type CardLayout, loadLayout } from '../render/card-layout.js';
import { type CardWork, inlineCardWork } from '../render/card-work.js';
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
  /**
   * Checks images for {@link JobIntake.submitAsync}: the daemon's big-photo queue, so a batch of
   * photos never holds the event loop. Default on this thread.
   */
  readonly cardWork?: CardWork;
}

/** Rows of one batch whose images are checked at once: enough to keep the big-photo queue busy. */
const BATCH_CHECKS_AT_ONCE = 2;

type Validated = { ok: true; job: NewJob } | { ok: false; code: ErrorCode; problems: string[] };

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
    return this.#store(this.#validate(body));
  }

  /**
   * {@link submit} with the images checked by `cardWork` (the daemon's big-photo queue). Also throws
   * `BUSY` when too many photos wait to be checked: nothing is stored, the client sends it again.
   */
  async submitAsync(body: unknown): Promise<{ readonly created: boolean; readonly job: Job }> {
    return this.#store(await this.#validateAsync(body));
  }

  /** Stores the valid, new rows of a batch in one transaction; every row gets its own answer. */
  submitBatch(rows: readonly unknown[], lines: readonly number[]): BatchResult[] {
    return this.#storeBatch(
      rows.map((row) => this.#validate(row)),
      lines,
    );
  }

  /**
   * {@link submitBatch} with the images checked by `cardWork`, a few rows at a time so one batch
   * never fills the queue others wait in. A `BUSY` row fails the whole batch, storing nothing.
   */
  async submitBatchAsync(rows: readonly unknown[], lines: readonly number[]): Promise<BatchResult[]> {
    const checked: Validated[] = [];
    let next = 0;
    const checker = async () => {
      while (next < rows.length) {
        const index = next++;
        checked[index] = await this.#validateAsync(rows[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_CHECKS_AT_ONCE, rows.length) }, checker));
    return this.#storeBatch(checked, lines);
  }

  #store(checked: Validated): { created: boolean; job: Job } {
    if (!checked.ok) {
      const what = checked.code === 'CARD_DOES_NOT_FIT' ? 'card cannot be printed' : 'job is not valid';
      throw new CetakError(checked.code, `${what}: ${checked.problems.join('; ')}`, {
        details: checked.problems,
      });
    }
    return this.#settle(this.#options.store.submit(checked.job, this.#options.clock.now()));
  }

  #storeBatch(checked: readonly Validated[], lines: readonly number[]): BatchResult[] {
    const answers: Array<BatchResult | undefined> = [];
    const valid: Array<{ index: number; job: NewJob }> = [];
    checked.forEach((row, index) => {
      if (row.ok) valid.push({ index, job: row.job });
      else answers[index] = { line: lines[index] ?? index, outcome: 'rejected', problems: row.problems };
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

  #validate(body: unknown): Validated {
    const parsed = this.#parse(body);
    if (!parsed.ok) return parsed;
    return this.#fits(parsed.job, cardImageProblems(parsed.job.card));
  }

  async #validateAsync(body: unknown): Promise<Validated> {
    const parsed = this.#parse(body);
    if (!parsed.ok) return parsed;
    const cardWork = this.#options.cardWork ?? inlineCardWork;
    return this.#fits(parsed.job, await cardWork.imageProblems(parsed.job.card));
  }

  /** The job from a body, its fields checked but not yet its images and texts. */
  #parse(body: unknown): Validated {
    const result = this.#schema.safeParse(body);
    if (!result.success) {
      const echoValue = (path: readonly PropertyKey[], value: unknown) =>
        path.length === 1 && CLOSED_SET.has(path[0] as PropertyKey) && safeToEcho(value);
      const problems = problemLines(toFieldProblems(result.error, body, { echoValue }));
      return { ok: false, code: 'JOB_INVALID', problems };
    }
    const { priority, requestId, ...fields } = result.data;
    const card = cardData(fields);
    return { ok: true, job: { nik: fields.nik, kecamatan: fields.kecamatan, priority, requestId, card } };
  }

  /** The parsed job if its images are usable and its values fit the card. */
  #fits(job: NewJob, badImages: readonly string[]): Validated {
    if (badImages.length > 0) return { ok: false, code: 'JOB_INVALID', problems: [...badImages] };
    // A value that cannot fit its box would spoil a blank at the printer: refuse it now.
    const unfit = cardTextProblems(job.card, this.#layout);
    if (unfit.length > 0) return { ok: false, code: 'CARD_DOES_NOT_FIT', problems: unfit };
    return { ok: true, job };
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
