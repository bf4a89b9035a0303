/**
 * What stock reconciliation keeps: operators' counts of the blanks in a printer, and, per
 * station, the point where Cetak's books and the printer's own card counter last agreed.
 */

export interface StockCount {
  readonly seq: number;
  readonly stationId: string;
  readonly at: number;
  /** Blanks the operator counted in the feeder. */
  readonly counted: number;
  /** Who counted (an operator's name as they gave it). */
  readonly countedBy: string;
  /** Blanks the books said were in the printer then. */
  readonly books: number;
}

/** Where the books and the printer last agreed: the printer's count then, and the ledger's last row. */
export interface StockBaseline {
  readonly stationId: string;
  /** The printer it was taken on (`Rsn`): another printer's counter is another count. */
  readonly printerSerial: string;
  /** The printer's cards-inserted counter (`Rco;c`) then. */
  readonly printerCards: number;
  /** The last ledger row counted then. */
  readonly ledgerSeq: number;
  readonly at: number;
}

/** Blanks the ledger booked as used (good or spoiled) after a row, with their jobs. */
export interface LedgerUse {
  readonly used: number;
  readonly lastSeq: number;
  /** Ids of the jobs those blanks were booked for, oldest first. */
  readonly jobIds: readonly string[];
}

export interface StockCheckStore {
  recordCount(count: Omit<StockCount, 'seq'>): StockCount;
  /** Counts, newest first; of one station when given. */
  counts(stationId?: string, limit?: number): StockCount[];
  baseline(stationId: string): StockBaseline | undefined;
  setBaseline(baseline: StockBaseline): void;
  /** Blanks booked as used at the station after ledger row `afterSeq`. */
  usedSince(stationId: string, afterSeq: number): LedgerUse;
  /** The ledger's last row now (a baseline's `ledgerSeq`). */
  lastLedgerSeq(): number;
}
