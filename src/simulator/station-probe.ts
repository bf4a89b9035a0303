import type { StationHandle } from '../station/station-view.js';
import type { MachineHandle } from './machine-handle.js';

/** One card as it left the printer, for the plot. */
export interface CardMark {
  readonly fedAtMs: number;
  readonly outAtMs: number;
  readonly good: boolean;
  readonly walkIn: boolean;
  /** The inside's temperature as the card left: the top of its heat. */
  readonly internalC: number;
  readonly reason?: string;
}

export interface TemperatureSample {
  readonly atMs: number;
  readonly internalC: number;
}

export interface ProbeDay {
  readonly openMs: number;
  readonly closeMs: number;
  /** Keep this day's samples and card marks (for the plot). */
  readonly record: boolean;
}

export interface ProbeHooks {
  /** Whether a job is a walk-in's. */
  readonly isWalkIn: (jobId: string) => boolean;
  /** The card of this walk-in job may have been spoiled: check it once the station has recorded it. */
  readonly walkInAtRisk: (jobId: string) => void;
}

/**
 * Watches one station's emulated machine: good and spoiled cards, shut-offs (entries into
 * `overheated`), backlog cards started outside service hours, the inside's temperature. Counts are over
 * the whole run; samples and marks only for days asked to `record`.
 */
export class StationProbe {
  readonly station: StationHandle;
  readonly machine: MachineHandle;
  printed = 0;
  spoiled = 0;
  shutdowns = 0;
  outsideHours = 0;
  peakC = Number.NEGATIVE_INFINITY;
  readonly spoiledBy: Record<string, number> = {};
  readonly samples: TemperatureSample[] = [];
  readonly marks: CardMark[] = [];
  readonly #hooks: ProbeHooks;
  readonly #unsubscribe: () => void;
  #day: ProbeDay = { openMs: 0, closeMs: 0, record: false };
  #state: string;

  constructor(station: StationHandle, machine: MachineHandle, hooks: ProbeHooks) {
    this.station = station;
    this.machine = machine;
    this.#hooks = hooks;
    this.#state = machine.status().state;
    this.#unsubscribe = machine.onEvent((event) => {
      if (event.type === 'status') this.#onStatus(event.status.state);
      else if (event.type === 'card-out') this.#onCardOut(event.card);
    });
  }

  beginDay(day: ProbeDay): void {
    this.#day = day;
  }

  /** Reads the inside's temperature now (the plot's minute samples). */
  sample(atMs: number): void {
    const { internalC } = this.machine.status();
    this.peakC = Math.max(this.peakC, internalC);
    if (this.#day.record) this.samples.push({ atMs, internalC });
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #onStatus(state: string): void {
    if (state === 'overheated' && this.#state !== 'overheated') this.shutdowns += 1;
    this.#state = state;
    const jobId = this.station.currentJobId;
    // A jam or an open cover spoils the card before it leaves the printer.
    if (jobId && this.machine.status().problems.length > 0 && this.#hooks.isWalkIn(jobId))
      this.#hooks.walkInAtRisk(jobId);
  }

  #onCardOut(card: { fedAtMs: number; outAtMs?: number; fate?: string; spoiledBy?: string }): void {
    const good = card.fate === 'hopper';
    if (good) this.printed += 1;
    else {
      this.spoiled += 1;
      const reason = card.spoiledBy ?? 'printer-error';
      this.spoiledBy[reason] = (this.spoiledBy[reason] ?? 0) + 1;
    }
    const { internalC } = this.machine.status();
    this.peakC = Math.max(this.peakC, internalC);
    const jobId = this.station.currentJobId;
    const walkIn = jobId !== undefined && this.#hooks.isWalkIn(jobId);
    // A resident at the counter is served whenever they came; the backlog waits for opening hours.
    if (!walkIn && (card.fedAtMs < this.#day.openMs || card.fedAtMs >= this.#day.closeMs))
      this.outsideHours += 1;
    if (!good && walkIn) this.#hooks.walkInAtRisk(jobId);
    if (this.#day.record) {
      this.marks.push({
        fedAtMs: card.fedAtMs,
        outAtMs: card.outAtMs ?? card.fedAtMs,
        good,
        walkIn,
        internalC,
        ...(!good && { reason: card.spoiledBy ?? 'printer-error' }),
      });
    }
  }
}
