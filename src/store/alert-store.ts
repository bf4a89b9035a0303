/**
 * Alerts as records: a condition someone should know about, keyed by its code and station, kept
 * from when it was raised until it clears, with who acknowledged it. Never holds personal data
 * (jobs appear by id only).
 */

export type AlertLevel = 'info' | 'warning' | 'critical';

export interface AlertRecord {
  readonly id: number;
  readonly code: string;
  /** The station it concerns; null for the whole fleet (the store, say). */
  readonly station: string | null;
  readonly level: AlertLevel;
  readonly message: string;
  /** Figures that go with it (a stock mismatch's two counts and job ids), if any. */
  readonly detail: Readonly<Record<string, unknown>> | null;
  readonly raisedAt: number;
  /** When the condition was last reported (a repeated raise updates this, not a new row). */
  readonly lastSeen: number;
  /** When the condition ended; null while it holds. */
  readonly clearedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: number | null;
}

export interface AlertRaise {
  readonly code: string;
  readonly station: string | null;
  readonly level: AlertLevel;
  readonly message: string;
  readonly detail?: Readonly<Record<string, unknown>> | undefined;
}

export interface AlertStore {
  /**
   * Raises the condition, or updates it (level, message, detail, last seen) when it is already
   * active. `created` is true when a new record was made.
   */
  raise(alert: AlertRaise, now: number): { readonly record: AlertRecord; readonly created: boolean };
  /** A notice: a record born cleared (`ONLINE`, `STORE_RECOVERED`), kept for the recent list. */
  note(alert: AlertRaise, now: number): AlertRecord;
  /** Ends the active condition of this key; the record cleared, or undefined if none was active. */
  clear(code: string, station: string | null, now: number): AlertRecord | undefined;
  acknowledge(id: number, by: string, now: number): AlertRecord | undefined;
  get(id: number): AlertRecord | undefined;
  /** Every active alert, oldest first. */
  active(): AlertRecord[];
  /** The newest `limit` records, active or not, newest first. */
  recent(limit: number): AlertRecord[];
}
