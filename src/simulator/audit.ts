import type { Daemon } from '../daemon.js';
import { JOB_STATES, type JobState } from '../store/job-store.js';
import type { CardTrail } from './card-trail.js';
import type { MachineHandle } from './machine-handle.js';
import type { StationProbe } from './station-probe.js';
import type { UncertainTally } from './uncertain-cards.js';

/** Every job the office submitted, found again in the store. */
export interface JobCount {
  /** Jobs the simulated office had the daemon create (resubmitted walk-ins included). */
  readonly submitted: number;
  /** Jobs in the store, by state. */
  readonly byState: Readonly<Record<JobState, number>>;
  /** submitted − every state counted: jobs the store lost (negative: jobs nobody submitted). */
  readonly lost: number;
}

/** One station's blank-card books beside what its printer holds. */
export interface StationBooks {
  readonly id: string;
  /** As `GET /api/stations/:id/ledger` shows them (`blanks`). */
  readonly loaded: number;
  readonly good: number;
  readonly spoiled: number;
  readonly unresolved: number;
  readonly inPrinter: number;
  /** Blanks in the emulated printer's feeder, by its own count. */
  readonly feeder: number;
  /** Good cards the printer put in its output hopper over the run. */
  readonly hopperCards: number;
  /** loaded = good + spoiled + unresolved + inPrinter, inPrinter = feeder, good = hopper cards. */
  readonly reconciles: boolean;
}

export interface FleetAudit {
  readonly jobs: JobCount;
  /** Jobs whose card's fate the daemon did not know, and what the attendant made of them. */
  readonly uncertain: UncertainTally & { readonly left: number };
  readonly books: readonly StationBooks[];
  /** Stations whose books do not reconcile. */
  readonly unreconciled: number;
  /** Blanks the books and the printers disagree on: Σ |inPrinter − feeder| over the fleet. */
  readonly unaccountedBlanks: number;
  /** Replies the emulated printers sent, and the link faults they rolled for them, by fault (none on `emulator-direct`). */
  readonly replies: ReplyTally;
  /** Reconnection attempts of the stations' link supervision. */
  readonly reconnects: number;
  /** Replies the protocol drivers waited for in vain, when the driver counts them. */
  readonly replyTimeouts?: number;
  /** Blanks fed while the station printed no job (none should be). */
  readonly orphanFeeds: number;
}

export interface AuditInput {
  readonly daemon: Daemon;
  readonly submitted: number;
  readonly probes: readonly StationProbe[];
  readonly trails: readonly CardTrail[];
  readonly uncertain: UncertainTally;
  readonly stillUncertain: number;
  readonly replies: ReplyTally;
}

/**
 * Counts what a soak must account for: every submitted job in some state, every station's blanks
 * in its books and in its printer. Reads the store through the daemon's own seams (job listing,
 * the stock keeper's books), as an auditor with the status port would.
 */
export function auditFleet(input: AuditInput): FleetAudit {
  const { daemon } = input;
  const byState = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  let before: number | undefined;
  for (;;) {
    const page = daemon.jobs.listJobs({ limit: 5000, before });
    for (const job of page.jobs) byState[job.state] += 1;
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  const counted = Object.values(byState).reduce((a, b) => a + b, 0);

  const books = input.probes.map((probe): StationBooks => {
    const { loaded, good, spoiled, unresolved, inPrinter } = daemon.stock.books(probe.station.id).blanks;
    const feeder = probe.machine.status().counters.feeder;
    return {
      id: probe.station.id,
      loaded,
      good,
      spoiled,
      unresolved,
      inPrinter,
      feeder,
      hopperCards: probe.printed,
      reconciles:
        loaded === good + spoiled + unresolved + inPrinter && inPrinter === feeder && good === probe.printed,
    };
  });

  const counters = daemon.stations.map((s) => s.snapshot().counters);
  const replyTimeouts = counters.some((c) => c.linkTimeouts !== null)
    ? counters.reduce((n, c) => n + (c.linkTimeouts ?? 0), 0)
    : undefined;
  return {
    jobs: { submitted: input.submitted, byState, lost: input.submitted - counted },
    uncertain: { ...input.uncertain, left: input.stillUncertain },
    books,
    unreconciled: books.filter((b) => !b.reconciles).length,
    unaccountedBlanks: books.reduce((n, b) => n + Math.abs(b.inPrinter - b.feeder), 0),
    replies: { sent: input.replies.sent, faults: { ...input.replies.faults } },
    reconnects: counters.reduce((n, c) => n + c.reconnects, 0),
    ...(replyTimeouts !== undefined && { replyTimeouts }),
    orphanFeeds: input.trails.reduce((n, t) => n + t.orphanFeeds, 0),
  };
}

/** Replies the emulated printers sent (each one a roll of the per-reply link faults) and the faults rolled. */
export interface ReplyTally {
  sent: number;
  readonly faults: Record<string, number>;
}

/**
 * Counts a machine's replies and the link faults it rolls for them into `tally`. The machine
 * applies these inside its protocol server and emits no event for them, so the roll is wrapped.
 */
export function tallyReplyFaults(machine: MachineHandle, tally: ReplyTally): void {
  const roll = machine.replyFaults.bind(machine);
  machine.replyFaults = () => {
    tally.sent += 1;
    const strikes = roll();
    for (const { fault } of strikes) tally.faults[fault] = (tally.faults[fault] ?? 0) + 1;
    return strikes;
  };
}
