/**
 * The job store seam: the daemon's only view of persistence. The SQLite implementation sits
 * behind it (`sqlite-job-store.ts`); nothing else touches SQL.
 */

export type JobState = 'queued' | 'printing' | 'printed' | 'spoiled' | 'uncertain' | 'cancelled';
export type Priority = 'walk-in' | 'backlog';

export const PRIORITIES: readonly Priority[] = ['walk-in', 'backlog'];

/** Printed card text by job field name. Personal data. */
export type CardData = Readonly<Record<string, string>>;

export interface Job {
  readonly id: string;
  readonly nik: string;
  /** The resident's kecamatan (not necessarily where the card is printed). */
  readonly kecamatan: string;
  readonly priority: Priority;
  readonly state: JobState;
  readonly requestId: string | null;
  /** Card text; cleared once the card is printed, since it is no longer needed. */
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
}

export interface JobStore {
  /** Stores a new `queued` job. */
  addJob(job: NewJob, now: number): Job;
  getJob(id: string): Job | undefined;
  /** The job's transitions, oldest first. */
  journal(id: string): JobTransition[];
  /**
   * Atomically takes the next queued job of these kecamatan for a station (walk-ins first, then
   * oldest first) and marks it `printing`. Undefined when there is none.
   */
  claimNext(stationId: string, kecamatanIds: readonly string[], now: number): Job | undefined;
  /** Whether any job of these kecamatan is waiting to print. */
  hasQueued(kecamatanIds: readonly string[]): boolean;
  /** A `printing` job whose card never started (no blank used) goes back to the queue, keeping its place. */
  requeue(id: string, now: number, detail: string): Job;
  /** A `printing` job whose outcome is unknown (link lost mid-card) becomes `uncertain`. */
  markUncertain(id: string, now: number, detail: string): Job;
  /** Records how a `printing` job ended; `day` is the local date it counts towards. */
  finishJob(id: string, outcome: Outcome, now: number, day: string): Job;
  /**
   * Jobs left `printing` by a daemon that stopped mid-card become `uncertain`: whether a card came
   * out is unknown, so they are never printed again automatically. Returns how many.
   */
  markInterrupted(now: number): number;
  /** Cards finished on `day`, by station id. */
  dayCounts(day: string): Map<string, StationDayCounts>;
  /** Queued jobs by kecamatan and priority. */
  queueLengths(): QueueLength[];
  close(): void;
}
