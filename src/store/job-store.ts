/**
 * The job store seam: the daemon's view of its jobs. The SQLite implementation sits behind it
 * (`sqlite-job-store.ts`, opened by `sqlite-store.ts`); nothing else touches SQL.
 */

export type JobState = 'queued' | 'printing' | 'printed' | 'spoiled' | 'uncertain' | 'cancelled';
export const JOB_STATES: readonly JobState[] = [
  'queued',
  'printing',
  'printed',
  'spoiled',
  'uncertain',
  'cancelled',
];
export type Priority = 'walk-in' | 'backlog';

/**
 * States a job never leaves: its card exists or never will, so its personal data (the card and the
 * plain NIK in it) is erased when it gets there, or once `privacy.retainPersonalData` has passed.
 * An `uncertain` job is not ended: the operator still needs its card to settle it.
 */
export const ENDED_STATES: readonly JobState[] = ['printed', 'spoiled', 'cancelled'];

export const PRIORITIES: readonly Priority[] = ['walk-in', 'backlog'];

/** Printed card text by job field name. Personal data. */
export type CardData = Readonly<Record<string, string>>;

export interface Job {
  readonly id: string;
  /**
   * The NIK as operators see it, its region code only (`167101**********`). The full NIK is in
   * `card` while the job needs it; the store keeps only its keyed hash after that.
   */
  readonly nikMasked: string;
  /** The resident's kecamatan (not necessarily where the card is printed). */
  readonly kecamatan: string;
  readonly priority: Priority;
  readonly state: JobState;
  /** Card data (the full NIK among it); null once the job has ended and its retention passed. */
  readonly card: CardData | null;
  readonly stationId: string | null;
  readonly chipUid: string | null;
  readonly spoilReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export interface NewJob {
  readonly nik: string;
  readonly kecamatan: string;
  readonly priority: Priority;
  readonly requestId?: string | undefined;
  readonly card: CardData;
}

/** Why a printed NIK may be printed again; recorded with the authorisation. */
export type ReprintReason = 'spoiled' | 'lost' | 'damaged' | 'data-corrected';
export const REPRINT_REASONS: readonly ReprintReason[] = ['spoiled', 'lost', 'damaged', 'data-corrected'];

/** What became of a submission. Only `created` stored anything. */
export type SubmitResult =
  | { readonly outcome: 'created'; readonly job: Job }
  /** The same `requestId` was submitted before: the earlier job, nothing new stored. */
  | { readonly outcome: 'repeat'; readonly job: Job }
  /** The NIK already has an active job (queued, printing or uncertain). */
  | { readonly outcome: 'duplicate'; readonly job: Job }
  /** The NIK's card was printed and no reprint is authorised. */
  | { readonly outcome: 'locked'; readonly printedJobId: string }
  /** The `requestId` was used before for another resident. */
  | { readonly outcome: 'request-conflict' };

export interface ReprintAuthorisation {
  readonly nik: string;
  readonly reason: ReprintReason;
  readonly at: number;
}

export type Outcome =
  | { readonly state: 'printed'; readonly chipUid?: string | undefined }
  | { readonly state: 'spoiled'; readonly reason: string; readonly chipUid?: string | undefined };

/** One entry of a job's append-only journal. */
export interface JobTransition {
  readonly jobId: string;
  readonly at: number;
  readonly from: JobState | null;
  readonly to: JobState;
  readonly stationId: string | null;
  readonly detail: string | null;
}

export interface StationDayCounts {
  readonly printed: number;
  readonly spoiled: number;
}

export interface QueueLength {
  readonly kecamatan: string;
  readonly priority: Priority;
  readonly count: number;
  /** When the longest-waiting of them was submitted (epoch ms). */
  readonly oldestCreatedAt: number;
}

/** Which jobs to list; every given field must match. */
export interface JobFilter {
  readonly state?: JobState | undefined;
  readonly kecamatan?: string | undefined;
  readonly priority?: Priority | undefined;
  readonly stationId?: string | undefined;
  /** At most this many jobs. */
  readonly limit: number;
  /** Only jobs older than this cursor (a page's `nextBefore`). */
  readonly before?: number | undefined;
}

/** One page of jobs, newest first; `nextBefore` is the next page's cursor, null on the last page. */
export interface JobPage {
  readonly jobs: Job[];
  readonly nextBefore: number | null;
}

export interface JobStore {
  /** Stores a new `queued` job unless the NIK or the requestId says otherwise (see SubmitResult). */
  submit(job: NewJob, now: number): SubmitResult;
  /** Many submissions in one transaction (an import batch). */
  submitMany(jobs: readonly NewJob[], now: number): SubmitResult[];
  /** A `queued` job is withdrawn; its card text is dropped. Throws `JOB_STATE` otherwise. */
  cancel(id: string, now: number, detail?: string): Job;
  /**
   * An operator's word on an `uncertain` job: printed (the NIK is then locked) or spoiled. The
   * blank is booked in the ledger. Throws `JOB_STATE` for any other job.
   */
  resolve(id: string, outcome: Outcome, now: number, day: string, detail?: string): Job;
  /** Allows one more card for a printed NIK. Throws `NOT_PRINTED` when it has none. */
  authoriseReprint(nik: string, reason: ReprintReason, now: number): ReprintAuthorisation;
  /**
   * The resident is at the counter: their queued job becomes a walk-in, behind walk-ins already
   * waiting. Already a walk-in: unchanged. Throws `JOB_NOT_FOUND` when the NIK has no queued job
   * (`JOB_STATE` when its card is already in a printer or in doubt).
   */
  promote(nik: string, now: number): Job;
  getJob(id: string): Job | undefined;
  /**
   * The full id of the job `id` names: the id itself, or the start of one as the dashboard and the
   * CLI show it (at least 8 characters). `JOB_NOT_FOUND` when none starts so, `JOB_ID_AMBIGUOUS`
   * when more than one does.
   */
  resolveJobId(id: string): string;
  /** Jobs matching `filter`, newest first, one page at a time; without their card data (`card: null`). */
  listJobs(filter: JobFilter): JobPage;
  /**
   * Every job of one resident, ended ones too, newest first, without card data: found by the
   * NIK's keyed hash, so it works after the NIK itself was erased.
   */
  findByNik(nik: string): Job[];
  /**
   * Erases the card data of jobs that ended at or before `now` minus the retention period (see
   * `privacy.retainPersonalData`). Returns how many jobs lost theirs.
   */
  erasePersonalData(now: number): number;
  /** The job's transitions, oldest first. */
  journal(id: string): JobTransition[];
  /**
   * Atomically takes the next queued job of these kecamatan for a station (walk-ins first, then
   * oldest first) and marks it `printing`. Undefined when there is none.
   */
  claimNext(stationId: string, kecamatanIds: readonly string[], now: number): Job | undefined;
  /** Queued walk-ins of these kecamatan, in the order they will print. */
  queuedWalkIns(kecamatanIds: readonly string[]): Array<{ id: string; kecamatan: string }>;
  /** The priority of the job `claimNext` would take now, if any. */
  nextPriority(kecamatanIds: readonly string[]): Priority | undefined;
  /** A `printing` job whose card never started (no blank used) goes back to the queue, keeping its place. */
  requeue(id: string, now: number, detail: string): Job;
  /** A `printing` job whose outcome is unknown (link lost mid-card) becomes `uncertain`. */
  markUncertain(id: string, now: number, detail: string): Job;
  /**
   * Records how a `printing` job ended, with its blank in the ledger, in one transaction; `day` is
   * the local date it counts towards. A printed card locks the NIK. `detail` (operator-facing,
   * never personal data) goes into the journal, after a spoiled card's reason.
   */
  finishJob(id: string, outcome: Outcome, now: number, day: string, detail?: string): Job;
  /**
   * Jobs left `printing` by a daemon that stopped mid-card become `uncertain`: whether a card came
   * out is unknown, so they are never printed again automatically. Returns how many.
   */
  markInterrupted(now: number): number;
  /** Cards finished on `day`, by station id. */
  dayCounts(day: string): Map<string, StationDayCounts>;
  /** Jobs whose card's fate is unknown (`uncertain`), by the station that was printing them. */
  unresolvedByStation(): Map<string, number>;
  /** Queued jobs by kecamatan and priority. */
  queueLengths(): QueueLength[];
  close(): void;
}
