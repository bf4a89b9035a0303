/**
 * The blank-card ledger: blank KTP-el cards are accountable stock, so every blank loaded into a
 * station and every blank used (a good card, or a spoiled one with its reason) is recorded, and
 * the books reconcile: loaded = good + spoiled + remaining. Ribbon and film are kept the same way.
 */

export type LedgerItem = 'blanks' | 'ribbon' | 'film';

export interface LedgerSummary {
  readonly stationId: string;
  readonly item: LedgerItem;
  readonly loaded: number;
  readonly good: number;
  readonly spoiled: number;
  readonly spoiledByReason: Readonly<Record<string, number>>;
  /** loaded − good − spoiled: what should still be in the printer. */
  readonly remaining: number;
}

export interface StationDay {
  readonly stationId: string;
  readonly good: number;
  readonly spoiled: number;
  readonly spoiledByReason: Readonly<Record<string, number>>;
}

/** One card's use of stock, recorded with the job's outcome in the same transaction. */
export interface CardUse {
  readonly stationId: string;
  readonly kind: 'good' | 'spoiled';
  readonly reason?: string | undefined;
  readonly jobId: string;
  /** The resident's NIK as its keyed hash: the blank stays accountable without the NIK in the books. */
  readonly nikHash: string;
  readonly chipUid?: string | undefined;
}

export interface LedgerStore {
  /** Records stock loaded into a station by an operator (or read from it at first sight). */
  recordLoad(
    stationId: string,
    item: LedgerItem,
    count: number,
    batch: string | undefined,
    now: number,
    day: string,
  ): void;
  /** The station's books for one item. */
  summary(stationId: string, item: LedgerItem): LedgerSummary;
  /** Whether anything was ever recorded for this station. */
  known(stationId: string): boolean;
  /** Blanks used on `day`, per station. */
  day(day: string): StationDay[];
}
