import type { Clock } from '../clock/clock.js';
import { CetakError } from '../errors.js';
import type { CardData, Job, JobStore } from '../store/job-store.js';
import { problemLines, toFieldProblems } from '../util/zod-issues.js';
import { type JobInput, makeJobInputSchema, PERSONAL_FIELDS } from './job-input.js';

const personal = new Set<PropertyKey>(PERSONAL_FIELDS);

export interface JobIntakeOptions {
  readonly store: JobStore;
  readonly clock: Clock;
  readonly kecamatanIds: readonly string[];
  /** Called after a job is stored, so the stations that serve its kecamatan wake up. */
  readonly onQueued: (job: Job) => void;
}

/** Validates submitted jobs and stores them; nothing is stored for an invalid one. */
export class JobIntake {
  readonly #options: JobIntakeOptions;
  readonly #schema;

  constructor(options: JobIntakeOptions) {
    this.#options = options;
    this.#schema = makeJobInputSchema(options.kecamatanIds, () => new Date(options.clock.now()));
  }

  /** Stores a job from an untrusted body. Throws `JOB_INVALID` naming every bad field. */
  submit(body: unknown): Job {
    const result = this.#schema.safeParse(body);
    if (!result.success) {
      const problems = toFieldProblems(result.error, body, {
        echoValue: (path) => path.length > 0 && !personal.has(path[0] as PropertyKey),
      });
      const lines = problemLines(problems);
      throw new CetakError('JOB_INVALID', `job is not valid: ${lines.join('; ')}`, { details: lines });
    }
    const { priority, requestId, ...card } = result.data;
    const job = this.#options.store.addJob(
      { nik: card.nik, kecamatan: card.kecamatan, priority, requestId, card: cardData(card) },
      this.#options.clock.now(),
    );
    this.#options.onQueued(job);
    return job;
  }
}

function cardData(card: Omit<JobInput, 'priority' | 'requestId'>): CardData {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(card)) if (typeof value === 'string') out[key] = value;
  return out;
}
