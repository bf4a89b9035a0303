import type Database from 'better-sqlite3';
import type { LedgerUse, StockBaseline, StockCheckStore, StockCount } from './stock-check-store.js';

/** How many job ids a mismatch names at most: enough to look, never a wall of text. */
const MAX_JOB_IDS = 50;

interface CountRow {
  seq: number;
  station_id: string;
  at: number;
  counted: number;
  counted_by: string;
  books: number;
}

export class SqliteStockCheckStore implements StockCheckStore {
  readonly #insertCount: Database.Statement;
  readonly #counts: Database.Statement<[number], CountRow>;
  readonly #stationCounts: Database.Statement<[string, number], CountRow>;
  readonly #baseline: Database.Statement<
    [string],
    { station_id: string; printer_serial: string; printer_cards: number; ledger_seq: number; at: number }
  >;
  readonly #setBaseline: Database.Statement;
  readonly #used: Database.Statement<[string, number], { n: number | null; last: number | null }>;
  readonly #jobs: Database.Statement<[string, number, number], { job_id: string }>;
  readonly #lastSeq: Database.Statement<[], { last: number | null }>;

  constructor(db: Database.Database) {
    this.#insertCount = db.prepare(
      `INSERT INTO stock_counts (station_id, at, counted, counted_by, books)
       VALUES (@stationId, @at, @counted, @countedBy, @books)`,
    );
    this.#counts = db.prepare('SELECT * FROM stock_counts ORDER BY seq DESC LIMIT ?');
    this.#stationCounts = db.prepare(
      'SELECT * FROM stock_counts WHERE station_id = ? ORDER BY seq DESC LIMIT ?',
    );
    this.#baseline = db.prepare('SELECT * FROM stock_baselines WHERE station_id = ?');
    this.#setBaseline = db.prepare(
      `INSERT INTO stock_baselines (station_id, printer_serial, printer_cards, ledger_seq, at)
       VALUES (@stationId, @printerSerial, @printerCards, @ledgerSeq, @at)
       ON CONFLICT (station_id) DO UPDATE SET printer_serial = excluded.printer_serial,
         printer_cards = excluded.printer_cards, ledger_seq = excluded.ledger_seq, at = excluded.at`,
    );
    const used = `FROM ledger WHERE station_id = ? AND item = 'blanks' AND kind IN ('good', 'spoiled') AND seq > ?`;
    this.#used = db.prepare(`SELECT SUM(count) AS n, MAX(seq) AS last ${used}`);
    this.#jobs = db.prepare(`SELECT job_id ${used} AND job_id IS NOT NULL ORDER BY seq LIMIT ?`);
    this.#lastSeq = db.prepare('SELECT MAX(seq) AS last FROM ledger');
  }

  recordCount(count: Omit<StockCount, 'seq'>): StockCount {
    const { lastInsertRowid } = this.#insertCount.run(count);
    return { seq: Number(lastInsertRowid), ...count };
  }

  counts(stationId?: string, limit = 20): StockCount[] {
    const rows = stationId ? this.#stationCounts.all(stationId, limit) : this.#counts.all(limit);
    return rows.map((row) => ({
      seq: row.seq,
      stationId: row.station_id,
      at: row.at,
      counted: row.counted,
      countedBy: row.counted_by,
      books: row.books,
    }));
  }

  baseline(stationId: string): StockBaseline | undefined {
    const row = this.#baseline.get(stationId);
    return row
      ? {
          stationId: row.station_id,
          printerSerial: row.printer_serial,
          printerCards: row.printer_cards,
          ledgerSeq: row.ledger_seq,
          at: row.at,
        }
      : undefined;
  }

  setBaseline(baseline: StockBaseline): void {
    this.#setBaseline.run(baseline);
  }

  usedSince(stationId: string, afterSeq: number): LedgerUse {
    const { n, last } = this.#used.get(stationId, afterSeq) ?? { n: null, last: null };
    const jobIds = this.#jobs.all(stationId, afterSeq, MAX_JOB_IDS).map((row) => row.job_id);
    return { used: n ?? 0, lastSeq: last ?? afterSeq, jobIds };
  }

  lastLedgerSeq(): number {
    return this.#lastSeq.get()?.last ?? 0;
  }
}
