import type { Clock } from '../clock/clock.js';
import type { AlertBook } from '../events/alert-book.js';
import type { EventBus } from '../events/fleet-events.js';
import type { Logger } from '../log/logger.js';
import type { StationHandle } from '../station/station-view.js';
import type { JobStore } from '../store/job-store.js';
import type { StockCheckStore } from '../store/stock-check-store.js';
import { errorMessage } from '../util/error-message.js';

export interface StockReconcilerOptions {
  readonly stations: readonly StationHandle[];
  readonly checks: StockCheckStore;
  readonly jobs: JobStore;
  readonly alerts: AlertBook;
  readonly clock: Clock;
  readonly log: Logger;
  /** Compare every this many finished cards per station (`daemon.reconcileEveryCards`). */
  readonly everyCards: number;
}

/** How a comparison came out. */
export type Reconciliation =
  | { readonly result: 'agree' | 'baseline'; readonly printerCards: number }
  | {
      readonly result: 'mismatch';
      readonly printerCounted: number;
      readonly booksCounted: number;
      readonly jobIds: readonly string[];
    }
  | { readonly result: 'skipped'; readonly why: string };

/**
 * Compares each station's blank-card books with the printer's own card counter (`Rco;c`): the
 * blanks booked as used (good, spoiled, or in doubt) since the two last agreed must equal how far
 * the counter moved. A difference raises `STOCK_MISMATCH` with both numbers and the ids of the jobs
 * booked since they last agreed (the cards to look for); it clears once they agree again or an
 * operator counts the stock. A new printer, or one whose counter went back, starts a new baseline.
 */
export class StockReconciler {
  readonly #options: StockReconcilerOptions;
  readonly #sinceCheck = new Map<string, number>();

  constructor(options: StockReconcilerOptions) {
    this.#options = options;
  }

  /** Checks every `everyCards` finished cards of each station; returns the function that stops. */
  watch(bus: EventBus): () => void {
    const due = new Set<string>();
    const stopJobs = bus.subscribe(({ event }) => {
      if (event.type !== 'job' || event.station === null) return;
      if (event.to !== 'printed' && event.to !== 'spoiled') return;
      if (event.from === 'uncertain') return; // its blank was fed long ago and counted in doubt
      const n = (this.#sinceCheck.get(event.station) ?? 0) + 1;
      this.#sinceCheck.set(event.station, n);
      if (n >= this.#options.everyCards) due.add(event.station);
    });
    // The card is booked before its run ends: compare once the station has let go of it.
    const stopStations = this.#options.stations.map((station) =>
      station.onChange(() => {
        if (!due.has(station.id) || station.currentJobId !== undefined) return;
        due.delete(station.id);
        void this.check(station);
      }),
    );
    return () => {
      stopJobs();
      for (const stop of stopStations) stop();
    };
  }

  /** Compares one station's books with its printer now. */
  async check(station: StationHandle): Promise<Reconciliation> {
    const { checks, log } = this.#options;
    const serial = station.snapshot().printer?.serial;
    if (serial === undefined) return { result: 'skipped', why: 'the printer gives no card counter' };
    // A card in the printer has been fed but not booked: ask again after it.
    if (station.currentJobId !== undefined) return { result: 'skipped', why: 'a card is in the printer' };
    let counter: number | undefined;
    try {
      counter = await station.readCardCounter();
    } catch (error) {
      log.debug({ station: station.id, err: errorMessage(error) }, 'card counter not read');
      return { result: 'skipped', why: 'the card counter could not be read' };
    }
    if (counter === undefined) return { result: 'skipped', why: 'the printer gives no card counter' };
    if (station.currentJobId !== undefined) return { result: 'skipped', why: 'a card is in the printer' };
    this.#sinceCheck.set(station.id, 0);
    const baseline = checks.baseline(station.id);
    if (!baseline || baseline.printerSerial !== serial || counter < baseline.printerCards) {
      this.#rebase(station.id, serial, counter);
      if (baseline)
        log.info({ station: station.id }, 'another printer or a reset counter: stock reconciled from here');
      return { result: 'baseline', printerCards: counter };
    }
    const use = checks.usedSince(station.id, baseline.ledgerSeq);
    const inDoubt = this.#options.jobs.unresolvedByStation().get(station.id) ?? 0;
    const booksCounted = use.used + inDoubt;
    const printerCounted = counter - baseline.printerCards;
    if (booksCounted === printerCounted) {
      // Jobs in doubt stay in the window: their blanks are booked later, when resolved.
      if (inDoubt === 0)
        checks.setBaseline({ ...baseline, printerCards: counter, ledgerSeq: use.lastSeq, at: this.#now() });
      this.#options.alerts.clear('STOCK_MISMATCH', station.id);
      return { result: 'agree', printerCards: counter };
    }
    const since = new Date(baseline.at).toISOString();
    this.#options.alerts.raise({
      code: 'STOCK_MISMATCH',
      level: 'warning',
      station: station.id,
      message:
        `${station.id}: the printer fed ${printerCounted} blanks since ${since}, the books say ${booksCounted}; ` +
        'count the blanks in the printer (cetak stock count)',
      detail: {
        since,
        printerCounted,
        booksCounted,
        difference: printerCounted - booksCounted,
        jobIds: use.jobIds,
      },
    });
    log.warn(
      { station: station.id, printerCounted, booksCounted, jobs: use.jobIds.length },
      'blank-card books and the printer counter disagree',
    );
    return { result: 'mismatch', printerCounted, booksCounted, jobIds: use.jobIds };
  }

  /**
   * An operator counted the blanks: what the printer counted so far is accounted for by them, so
   * the comparison starts afresh and a mismatch is over.
   */
  async counted(station: StationHandle): Promise<void> {
    const serial = station.snapshot().printer?.serial;
    const counter = await station.readCardCounter()?.catch(() => undefined);
    if (serial !== undefined && counter !== undefined) this.#rebase(station.id, serial, counter);
    this.#options.alerts.clear('STOCK_MISMATCH', station.id);
  }

  #rebase(stationId: string, serial: string, counter: number): void {
    const { checks } = this.#options;
    checks.setBaseline({
      stationId,
      printerSerial: serial,
      printerCards: counter,
      ledgerSeq: checks.lastLedgerSeq(),
      at: this.#now(),
    });
  }

  #now(): number {
    return this.#options.clock.now();
  }
}
