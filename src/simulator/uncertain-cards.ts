import type { Clock } from '../clock/clock.js';
import type { EventBus } from '../events/fleet-events.js';
import { JobActions } from '../operations/job-actions.js';
import type { JobStore } from '../store/job-store.js';
import type { CardTrail, TrailCard } from './card-trail.js';

export interface UncertainCardsOptions {
  readonly clock: Clock;
  /** The daemon's job store (verdicts go through it as the status port's do). */
  readonly jobs: JobStore;
  readonly events: EventBus;
  readonly timeZone: string;
  /** Each station's card trail, by station id. */
  readonly trails: ReadonlyMap<string, CardTrail>;
  /** How long until someone goes to look at a card the daemon is unsure of. */
  readonly reactMs: number;
  /** The attendant settled a job (a spoiled walk-in's resident is still at the counter). */
  readonly onSettled?: (jobId: string) => void;
}

/** What became of the jobs whose card's fate the daemon did not know. */
export interface UncertainTally {
  /** Jobs that became `uncertain`. */
  seen: number;
  /** Settled `reactMs` or so after (the card was plainly in the hopper, reject tray or a hand). */
  settledSoon: number;
  /** Settled by the end-of-day look. */
  settledAtEndOfDay: number;
  /** Of those settled: the card was good (output hopper). */
  asPrinted: number;
  /** Of those settled: the card was spoiled (reject tray, or taken out jammed). */
  asSpoiled: number;
  /** Uncertain jobs for which no blank was ever fed: no card to judge by, left as they are. */
  noCard: number;
}

/** Looking again at a card still inside the printer: at most this often. */
const LOOK_AGAIN_MS = 5 * 60_000;

/**
 * The operator's word on `uncertain` jobs, as a person at the printer gives it: they go and look
 * `reactMs` after the dashboard flags the job, find the card by the name on it — in the output
 * hopper (printed, with its chip UID), the reject tray or their hand (spoiled) — and record the
 * verdict through the same `JobActions.resolve` as `POST /api/jobs/:id/resolve`. A card still
 * inside the printer (the driver has not rejected it yet) is looked at again later; at the end of
 * the day every uncertain job is looked at once more.
 */
export class UncertainCards {
  readonly tally: UncertainTally = {
    seen: 0,
    settledSoon: 0,
    settledAtEndOfDay: 0,
    asPrinted: 0,
    asSpoiled: 0,
    noCard: 0,
  };
  readonly #options: UncertainCardsOptions;
  readonly #actions: JobActions;
  readonly #noCard = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(options: UncertainCardsOptions) {
    this.#options = options;
    this.#actions = new JobActions({ jobs: options.jobs, clock: options.clock, timeZone: options.timeZone });
    this.#unsubscribe = options.events.subscribe(({ event }) => {
      if (event.type !== 'job' || event.station === null) return;
      if (event.to === 'uncertain') {
        this.tally.seen += 1;
        this.#lookSoon(event.id, event.station, options.reactMs);
      } else if (event.to === 'printed' || event.to === 'spoiled') {
        options.trails.get(event.station)?.settled(event.id);
      }
    });
  }

  /** The end-of-day look: settles every uncertain job whose card can be found. */
  endOfDay(): void {
    for (const job of this.#uncertainJobs()) {
      if (job.stationId !== null && this.#settle(job.id, job.stationId)) this.tally.settledAtEndOfDay += 1;
    }
  }

  /** Jobs still `uncertain` now. */
  stillUncertain(): number {
    return this.#uncertainJobs().length;
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #lookSoon(jobId: string, stationId: string, afterMs: number): void {
    this.#options.clock.setTimeout(() => {
      if (this.#options.jobs.getJob(jobId)?.state !== 'uncertain') return;
      if (this.#settle(jobId, stationId)) this.tally.settledSoon += 1;
      else if (this.#options.trails.get(stationId)?.cardFor(jobId))
        this.#lookSoon(jobId, stationId, LOOK_AGAIN_MS);
    }, afterMs);
  }

  /** Gives the verdict the card shows; false while it cannot be seen (inside, or never fed). */
  #settle(jobId: string, stationId: string): boolean {
    const card = this.#options.trails.get(stationId)?.cardFor(jobId);
    if (!card) {
      if (!this.#noCard.has(jobId)) {
        this.#noCard.add(jobId);
        this.tally.noCard += 1;
      }
      return false;
    }
    const verdict = verdictOf(card);
    if (!verdict) return false;
    this.#actions.resolve(jobId, verdict);
    if (verdict.outcome === 'printed') this.tally.asPrinted += 1;
    else this.tally.asSpoiled += 1;
    this.#options.onSettled?.(jobId);
    return true;
  }

  #uncertainJobs() {
    const jobs = [];
    let before: number | undefined;
    for (;;) {
      const page = this.#options.jobs.listJobs({ state: 'uncertain', limit: 500, before });
      jobs.push(...page.jobs);
      if (page.nextBefore === null) return jobs;
      before = page.nextBefore;
    }
  }
}

/** What the operator records for the card in their hand (the body of a resolve request). */
function verdictOf(card: Readonly<TrailCard>) {
  switch (card.fate) {
    case 'hopper':
      return {
        outcome: 'printed' as const,
        reason: 'card found in the output hopper',
        ...(card.chipUid !== undefined && { chipUid: card.chipUid }),
      };
    case 'reject':
      return { outcome: 'spoiled' as const, reason: 'card found in the reject tray' };
    case 'operator':
      return { outcome: 'spoiled' as const, reason: 'jammed card taken out of the printer' };
    default:
      return undefined;
  }
}
