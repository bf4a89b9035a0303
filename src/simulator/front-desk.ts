import type { Clock } from '../clock/clock.js';
import type { Daemon } from '../daemon.js';
import { isCetakError } from '../errors.js';
import { MAX_BATCH } from '../jobs/job-intake.js';
import { type SyntheticResident, syntheticResident } from './synthetic-residents.js';

/** One resident at the counter, across resubmissions of a spoiled card. */
interface WalkIn {
  readonly body: SyntheticResident;
  readonly arrivedAt: number;
  /** The job now standing for this resident; earlier ones were spoiled. */
  jobId: string;
  readonly jobIds: string[];
  finished?: { readonly atMs: number; readonly stationId: string };
}

export interface DayWaits {
  /** Seconds from arrival to card out, by the station that printed the card. */
  readonly byStation: ReadonlyMap<string, readonly number[]>;
  /** Walk-ins still without a card when the day was cut off. */
  readonly unserved: number;
}

/** How often a spoiled walk-in's job is looked at while its station records the outcome. */
const RECHECK_MS = 1000;
const MAX_TRIES = 10;

/**
 * Everything the simulated office submits, through the daemon's own intake: the day's PRR backlog
 * and the walk-ins. Residents are synthetic, from a running seed, so NIKs stay unique across days.
 * A walk-in whose card is spoiled is submitted again at once (the resident is still at the
 * counter), and their wait runs from arrival to the card that finally comes out.
 */
export class FrontDesk {
  readonly #daemon: Daemon;
  readonly #clock: Clock;
  readonly #walkIns = new Map<string, WalkIn>();
  #today: WalkIn[] = [];
  #seed: number;
  /** Jobs this desk has had the daemon create, backlog and walk-ins, resubmissions included. */
  submitted = 0;

  constructor(daemon: Daemon, clock: Clock, firstSeed = 1) {
    this.#daemon = daemon;
    this.#clock = clock;
    this.#seed = firstSeed;
  }

  /**
   * Tops each kecamatan's backlog up to `count` queued jobs, in import-sized batches: yesterday's
   * leftovers stay first in line, new residents fill the rest.
   */
  topUpBacklog(kecamatanIds: readonly string[], count: number): void {
    const queued = new Map<string, number>();
    for (const q of this.#daemon.jobs.queueLengths())
      if (q.priority === 'backlog') queued.set(q.kecamatan, q.count);
    for (const kecamatan of kecamatanIds) {
      let left = count - (queued.get(kecamatan) ?? 0);
      while (left > 0) {
        const rows = Array.from({ length: Math.min(left, MAX_BATCH) }, () =>
          this.#resident(kecamatan, 'backlog'),
        );
        const answers = this.#daemon.intake.submitBatch(
          rows,
          rows.map((_, i) => i + 1),
        );
        const accepted = answers.filter((a) => a.outcome === 'accepted').length;
        this.submitted += accepted;
        if (accepted === 0)
          throw new Error(`backlog for ${kecamatan} refused: ${answers[0]?.problems?.join('; ')}`);
        // A NIK that collided with an earlier resident's is simply replaced by the next seed.
        left -= accepted;
      }
    }
  }

  /** A resident walks in for a card printed for `kecamatan`. */
  walkIn(kecamatan: string): void {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const body = this.#resident(kecamatan, 'walk-in');
      const jobId = this.#submit(body);
      if (jobId === undefined) continue;
      const walkIn: WalkIn = { body, arrivedAt: this.#clock.now(), jobId, jobIds: [jobId] };
      this.#walkIns.set(jobId, walkIn);
      this.#today.push(walkIn);
      return;
    }
  }

  isWalkIn(jobId: string): boolean {
    return this.#walkIns.has(jobId);
  }

  /** The card of this walk-in job may be spoiled: once the station has recorded it, submit again. */
  walkInAtRisk(jobId: string, tries = 0): void {
    this.#clock.setTimeout(
      () => {
        const walkIn = this.#walkIns.get(jobId);
        const job = this.#daemon.jobs.getJob(jobId);
        if (!walkIn || !job || walkIn.jobId !== jobId) return;
        if (job.state === 'printing' && tries < MAX_TRIES) this.walkInAtRisk(jobId, tries + 1);
        else if (job.state === 'spoiled') {
          const again = this.#submit({ ...walkIn.body });
          if (again === undefined) return;
          walkIn.jobId = again;
          walkIn.jobIds.push(again);
          this.#walkIns.set(again, walkIn);
        }
      },
      tries === 0 ? 0 : RECHECK_MS,
    );
  }

  /** Today's walk-ins still without a card. */
  waitingWalkIns(): number {
    return this.#today.filter((w) => !this.#finished(w)).length;
  }

  /** Closes the day: today's walk-in waits, and withdraws walk-ins still queued (unserved). */
  closeDay(): DayWaits {
    const byStation = new Map<string, number[]>();
    let unserved = 0;
    const now = this.#clock.now();
    for (const walkIn of this.#today) {
      const finished = this.#finished(walkIn);
      if (!finished) {
        unserved += 1;
        if (this.#daemon.jobs.getJob(walkIn.jobId)?.state === 'queued')
          this.#daemon.jobs.cancel(walkIn.jobId, now, 'end of simulated day');
        continue;
      }
      const waits = byStation.get(finished.stationId) ?? [];
      waits.push((finished.atMs - walkIn.arrivedAt) / 1000);
      byStation.set(finished.stationId, waits);
      // Their card is out: nothing more will be asked about these jobs.
      for (const id of walkIn.jobIds) this.#walkIns.delete(id);
    }
    this.#today = [];
    return { byStation, unserved };
  }

  #finished(walkIn: WalkIn): WalkIn['finished'] {
    if (walkIn.finished) return walkIn.finished;
    const job = this.#daemon.jobs.getJob(walkIn.jobId);
    if (job?.state !== 'printed' || job.finishedAt === null || job.stationId === null) return undefined;
    walkIn.finished = { atMs: job.finishedAt, stationId: job.stationId };
    return walkIn.finished;
  }

  #submit(body: SyntheticResident): string | undefined {
    try {
      const { created, job } = this.#daemon.intake.submit(body);
      if (created) this.submitted += 1;
      return job.id;
    } catch (error) {
      if (isCetakError(error, 'JOB_DUPLICATE') || isCetakError(error, 'NIK_LOCKED')) return undefined;
      throw error;
    }
  }

  #resident(kecamatan: string, priority: 'walk-in' | 'backlog'): SyntheticResident {
    return syntheticResident(this.#seed++, { kecamatan, priority });
  }
}
