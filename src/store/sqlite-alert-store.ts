import type Database from 'better-sqlite3';
import type { AlertLevel, AlertRaise, AlertRecord, AlertStore } from './alert-store.js';

interface AlertRow {
  id: number;
  code: string;
  station_id: string;
  level: AlertLevel;
  message: string;
  detail_json: string | null;
  raised_at: number;
  last_seen: number;
  cleared_at: number | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

/** The alert records on SQLite; the fleet's own alerts use station `''` so the key stays unique. */
export class SqliteAlertStore implements AlertStore {
  readonly #db: Database.Database;
  readonly #active: Database.Statement<[string, string], AlertRow>;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #clear: Database.Statement;
  readonly #ack: Database.Statement;
  readonly #get: Database.Statement<[number], AlertRow>;
  readonly #allActive: Database.Statement<[], AlertRow>;
  readonly #recent: Database.Statement<[number], AlertRow>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#active = db.prepare(
      'SELECT * FROM alerts WHERE code = ? AND station_id = ? AND cleared_at IS NULL',
    );
    this.#insert = db.prepare(
      `INSERT INTO alerts (code, station_id, level, message, detail_json, raised_at, last_seen, cleared_at)
       VALUES (@code, @station, @level, @message, @detail, @now, @now, @clearedAt)`,
    );
    this.#update = db.prepare(
      `UPDATE alerts SET level = @level, message = @message, detail_json = @detail, last_seen = @now
       WHERE id = @id`,
    );
    this.#clear = db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ?');
    this.#ack = db.prepare(
      'UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL',
    );
    this.#get = db.prepare('SELECT * FROM alerts WHERE id = ?');
    this.#allActive = db.prepare('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY id');
    this.#recent = db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?');
  }

  raise(alert: AlertRaise, now: number): { record: AlertRecord; created: boolean } {
    return this.#db.transaction(() => {
      const row = this.#active.get(alert.code, alert.station ?? '');
      const fields = {
        level: alert.level,
        message: alert.message,
        detail: alert.detail ? JSON.stringify(alert.detail) : null,
        now,
      };
      if (row) {
        this.#update.run({ ...fields, id: row.id });
        return { record: this.#byId(row.id), created: false };
      }
      const { lastInsertRowid } = this.#insert.run({
        ...fields,
        code: alert.code,
        station: alert.station ?? '',
        clearedAt: null,
      });
      return { record: this.#byId(Number(lastInsertRowid)), created: true };
    })();
  }

  note(alert: AlertRaise, now: number): AlertRecord {
    const { lastInsertRowid } = this.#insert.run({
      code: alert.code,
      station: alert.station ?? '',
      level: alert.level,
      message: alert.message,
      detail: alert.detail ? JSON.stringify(alert.detail) : null,
      now,
      clearedAt: now,
    });
    return this.#byId(Number(lastInsertRowid));
  }

  clear(code: string, station: string | null, now: number): AlertRecord | undefined {
    const row = this.#active.get(code, station ?? '');
    if (!row) return undefined;
    this.#clear.run(now, row.id);
    return this.#byId(row.id);
  }

  acknowledge(id: number, by: string, now: number): AlertRecord | undefined {
    this.#ack.run(by, now, id);
    return this.get(id);
  }

  get(id: number): AlertRecord | undefined {
    const row = this.#get.get(id);
    return row ? toRecord(row) : undefined;
  }

  active(): AlertRecord[] {
    return this.#allActive.all().map(toRecord);
  }

  recent(limit: number): AlertRecord[] {
    return this.#recent.all(limit).map(toRecord);
  }

  #byId(id: number): AlertRecord {
    const record = this.get(id);
    if (!record) throw new Error(`alert ${id} vanished`);
    return record;
  }
}

function toRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    code: row.code,
    station: row.station_id === '' ? null : row.station_id,
    level: row.level,
    message: row.message,
    detail: row.detail_json ? (JSON.parse(row.detail_json) as Record<string, unknown>) : null,
    raisedAt: row.raised_at,
    lastSeen: row.last_seen,
    clearedAt: row.cleared_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
  };
}
