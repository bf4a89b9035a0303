import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { PrinterStatus } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { JobStore } from '../store/job-store.js';
import type { LedgerItem, LedgerStore, LedgerSummary } from '../store/ledger-store.js';
import type { StockCheckStore, StockCount } from '../store/stock-check-store.js';
import { localDay } from '../util/local-day.js';
import { operatorName } from './operator-name.js';
import { parseBody } from './parse-body.js';

export const loadSchema = z.strictObject({
  count: z.int().min(1).max(10_000),
  /** The delivery batch the blanks came from, for the stock audit. */
  batch: z.string().trim().min(1).max(60).optional(),
  item: z.enum(['blanks', 'ribbon', 'film']).default('blanks'),
});

export const countSchema = z.strictObject({
  /** Blanks the operator counted in the printer's feeder. */
  counted: z.int().min(0).max(10_000),
  /** Who counted: kept with the count. */
  by: operatorName('counted'),
});

/** A stock count as the status port shows it. */
export interface CountView {
  readonly station: string;
  readonly at: string;
  readonly counted: number;
  readonly by: string;
  /** Blanks the books said were in the printer when it was counted. */
  readonly books: number;
  /** counted − books: negative when blanks are missing. */
  readonly difference: number;
}

/** A station's books for one item, with the blanks still in doubt. */
export interface Books extends LedgerSummary {
  /** Blanks fed for jobs now `uncertain`: used, but not yet booked as good or spoiled. */
  readonly unresolved: number;
  /** loaded − good − spoiled − unresolved: what should be in the printer's feeder. */
  readonly inPrinter: number;
}

export interface StockKeeperOptions {
  readonly ledger: LedgerStore;
  readonly jobs: JobStore;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly stationIds: readonly string[];
  readonly log: Logger;
  /** Where operators' counts are kept. */
  readonly checks: StockCheckStore;
  /** Called after an operator's count is recorded (stock reconciliation starts afresh). */
  readonly onCounted?: (stationId: string) => Promise<void>;
}

/** Keeps the accountable-stock books: loads by operators, and each station's balance. */
export class StockKeeper {
  readonly #options: StockKeeperOptions;

  constructor(options: StockKeeperOptions) {
    this.#options = options;
  }

  /** An operator loaded stock into a station. */
  load(stationId: string, body: unknown): Record<LedgerItem, Books> {
    this.#assertStation(stationId);
    const load = parseBody(loadSchema, body, 'stock load');
    const now = this.#options.clock.now();
    this.#options.ledger.recordLoad(
      stationId,
      load.item,
      load.count,
      load.batch,
      now,
      localDay(now, this.#options.timeZone),
    );
    this.#options.log.info(
      { station: stationId, item: load.item, count: load.count, batch: load.batch },
      'stock loaded',
    );
    return this.books(stationId);
  }

  /** An operator counted the blanks in a station's printer: who, how many, and what the books said. */
  async count(stationId: string, body: unknown): Promise<CountView> {
    this.#assertStation(stationId);
    const { counted, by } = parseBody(countSchema, body, 'stock count');
    const books = this.books(stationId).blanks.inPrinter;
    const record = this.#options.checks.recordCount({
      stationId,
      at: this.#options.clock.now(),
      counted,
      countedBy: by,
      books,
    });
    this.#options.log.info({ station: stationId, counted, books, by }, 'blanks counted by an operator');
    await this.#options.onCounted?.(stationId);
    return countView(record);
  }

  /** Operators' counts, newest first; of one station when given. */
  counts(stationId?: string): CountView[] {
    if (stationId !== undefined) this.#assertStation(stationId);
    return this.#options.checks.counts(stationId).map(countView);
  }

  books(stationId: string): Record<LedgerItem, Books> {
    this.#assertStation(stationId);
    const unresolved = this.#options.jobs.unresolvedByStation().get(stationId) ?? 0;
    const of = (item: LedgerItem): Books => {
      const summary = this.#options.ledger.summary(stationId, item);
      const doubt = item === 'blanks' ? unresolved : 0;
      return { ...summary, unresolved: doubt, inPrinter: summary.remaining - doubt };
    };
    return { blanks: of('blanks'), ribbon: of('ribbon'), film: of('film') };
  }

  /**
   * The first time a station is seen, its books open with what the printer says it holds, marked
   * as such: from then on every card is booked, and loads come from the operators.
   */
  openWith(stationId: string, printer: PrinterStatus): void {
    if (this.#options.ledger.known(stationId)) return;
    const now = this.#options.clock.now();
    const day = localDay(now, this.#options.timeZone);
    const { blanksRemaining, ribbonRemaining, filmRemaining } = printer.consumables;
    const opening: Array<[LedgerItem, number | undefined]> = [
      ['blanks', blanksRemaining],
      ['ribbon', ribbonRemaining],
      ['film', filmRemaining],
    ];
    for (const [item, count] of opening) {
      if (count !== undefined && count > 0)
        this.#options.ledger.recordLoad(stationId, item, count, 'opening-count', now, day);
    }
    this.#options.log.info(
      { station: stationId, blanks: blanksRemaining },
      'stock books opened from the printer count',
    );
  }

  #assertStation(stationId: string): void {
    if (!this.#options.stationIds.includes(stationId)) {
      throw new CetakError(
        'STATION_NOT_FOUND',
        `no station "${stationId.slice(0, 64)}" (known: ${this.#options.stationIds.join(', ')})`,
      );
    }
  }
}

function countView(count: StockCount): CountView {
  return {
    station: count.stationId,
    at: new Date(count.at).toISOString(),
    counted: count.counted,
    by: count.countedBy,
    books: count.books,
    difference: count.counted - count.books,
  };
}
