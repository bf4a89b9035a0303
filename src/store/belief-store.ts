import type Database from 'better-sqlite3';
import type { StoredBelief } from '../thermal/belief/thermal-belief.js';

/** What has been learnt of each printer, by its serial number. */
export interface BeliefStore {
  load(serial: string): StoredBelief | undefined;
  save(serial: string, belief: StoredBelief, now: number): void;
  /** Forgets a printer (it was moved or serviced): the next contact starts from its datasheet. */
  forget(serial: string): boolean;
}

export class SqliteBeliefStore implements BeliefStore {
  readonly #load: Database.Statement<[string], { belief_json: string }>;
  readonly #save: Database.Statement<[string, string, number]>;
  readonly #forget: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.#load = db.prepare('SELECT belief_json FROM printer_beliefs WHERE serial = ?');
    this.#save = db.prepare(
      `INSERT INTO printer_beliefs (serial, belief_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (serial) DO UPDATE SET belief_json = excluded.belief_json, updated_at = excluded.updated_at`,
    );
    this.#forget = db.prepare('DELETE FROM printer_beliefs WHERE serial = ?');
  }

  load(serial: string): StoredBelief | undefined {
    const row = this.#load.get(serial);
    if (!row) return undefined;
    try {
      const parsed = JSON.parse(row.belief_json) as StoredBelief;
      return parsed.version === 1 && Array.isArray(parsed.particles) ? parsed : undefined;
    } catch {
      // A row that no longer parses is worth less than a fresh start from the datasheet.
      return undefined;
    }
  }

  save(serial: string, belief: StoredBelief, now: number): void {
    this.#save.run(serial, JSON.stringify(belief), now);
  }

  forget(serial: string): boolean {
    return this.#forget.run(serial).changes > 0;
  }
}
