import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import { CetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { operatorName } from '../operations/operator-name.js';
import { parseBody } from '../operations/parse-body.js';
import type { AlertRaise, AlertRecord, AlertStore } from '../store/alert-store.js';
import { errorMessage } from '../util/error-message.js';
import type { EventBus } from './fleet-events.js';

/** How many records `GET /api/alerts` lists besides the active ones. */
const RECENT = 100;

/** Who acknowledges (see `operator-name.ts`). */
export const ackSchema = z.strictObject({ by: operatorName('acknowledges') });

/** An alert as the status port shows it: times as ISO text, with its age. */
export interface AlertView {
  readonly id: number;
  readonly code: string;
  readonly level: AlertRecord['level'];
  readonly station: string | null;
  readonly message: string;
  readonly detail: AlertRecord['detail'];
  /** When it was raised (the field the dashboard has always read). */
  readonly at: string;
  readonly lastSeen: string;
  readonly clearedAt: string | null;
  readonly active: boolean;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  /** Seconds since it was raised. */
  readonly ageSeconds: number;
}

/**
 * The alerts as records (see `src/store/alert-store.ts`): watchers raise and clear conditions
 * here; each new condition (and each notice) also goes out as an `alert` event. A write the store
 * refuses (a full disk: the very thing an alert may be about) is kept in memory, so the operator
 * still sees it.
 */
export class AlertBook {
  readonly #store: AlertStore;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #unsaved: AlertRecord[] = [];

  constructor(options: { store: AlertStore; bus: EventBus; clock: Clock; log: Logger }) {
    this.#store = options.store;
    this.#bus = options.bus;
    this.#clock = options.clock;
    this.#log = options.log;
  }

  /** Raises a condition, or refreshes it while it holds. */
  raise(alert: AlertRaise): void {
    const now = this.#clock.now();
    const saved = this.#write(() => this.#store.raise(alert, now));
    if (saved && !saved.created) return;
    if (!saved) this.#keepUnsaved(alert, now, null);
    this.#publish(alert);
  }

  /** Something that happened rather than holds (`ONLINE`): a record born cleared. */
  note(alert: AlertRaise): void {
    const now = this.#clock.now();
    if (!this.#write(() => this.#store.note(alert, now))) this.#keepUnsaved(alert, now, now);
    this.#publish(alert);
  }

  /** The condition ended. */
  clear(code: string, station: string | null): void {
    const now = this.#clock.now();
    this.#write(() => this.#store.clear(code, station, now));
    for (const [i, record] of this.#unsaved.entries())
      if (record.code === code && record.station === station && record.clearedAt === null)
        this.#unsaved[i] = { ...record, clearedAt: now };
  }

  /** An operator saw it: `body` is `{ by: name }`. */
  acknowledge(idText: string, body: unknown): AlertView {
    const { by } = parseBody(ackSchema, body, 'acknowledgement');
    const id = /^\d{1,12}$/.test(idText) ? Number(idText) : undefined;
    const existing = id === undefined ? undefined : this.#store.get(id);
    if (id === undefined || !existing)
      throw new CetakError(
        'ALERT_NOT_FOUND',
        `no alert "${idText.slice(0, 20)}" (ids are numbers: see GET /api/alerts)`,
      );
    const record = this.#store.acknowledge(id, by, this.#clock.now()) ?? existing;
    this.#log.info({ alert: id, code: record.code, by }, 'alert acknowledged');
    return this.#view(record, this.#clock.now());
  }

  /** Active alerts first (oldest first), then the most recent others, newest first. */
  list(): AlertView[] {
    const now = this.#clock.now();
    const active = [...this.#unsaved.filter((r) => r.clearedAt === null), ...this.#store.active()];
    const activeIds = new Set(active.map((r) => r.id));
    const others = [
      ...this.#unsaved.filter((r) => r.clearedAt !== null),
      ...this.#store.recent(RECENT),
    ].filter((r) => !activeIds.has(r.id));
    return [...active, ...others].map((record) => this.#view(record, now));
  }

  /** Newest first, as the in-memory log before it: tests and tools that want the raw records. */
  recent(): AlertRecord[] {
    return [...this.#unsaved, ...this.#store.recent(RECENT)].sort((a, b) => b.raisedAt - a.raisedAt);
  }

  /** Alerts whose condition holds (acknowledged or not). */
  active(): AlertRecord[] {
    return [...this.#unsaved, ...this.#store.active()].filter((r) => r.clearedAt === null);
  }

  /** Active alerts nobody has acknowledged yet. */
  unacknowledged(): AlertRecord[] {
    return [...this.#unsaved, ...this.#store.active()].filter(
      (r) => r.clearedAt === null && r.acknowledgedAt === null,
    );
  }

  #write<T>(write: () => T): T | undefined {
    try {
      return write();
    } catch (error) {
      this.#log.error({ err: errorMessage(error) }, 'alert could not be stored; kept in memory');
      return undefined;
    }
  }

  #keepUnsaved(alert: AlertRaise, now: number, clearedAt: number | null): void {
    const same = this.#unsaved.findIndex(
      (r) => r.code === alert.code && r.station === alert.station && r.clearedAt === null,
    );
    if (same >= 0) this.#unsaved.splice(same, 1);
    this.#unsaved.unshift({
      // Negative ids: never an id the store gives, and not acknowledgeable until it is stored.
      id: -(this.#unsaved.length + 1),
      code: alert.code,
      station: alert.station,
      level: alert.level,
      message: alert.message,
      detail: alert.detail ?? null,
      raisedAt: now,
      lastSeen: now,
      clearedAt,
      acknowledgedBy: null,
      acknowledgedAt: null,
    });
    this.#unsaved.length = Math.min(this.#unsaved.length, RECENT);
  }

  #publish(alert: AlertRaise): void {
    const { level, code, station, message } = alert;
    this.#bus.publish({ type: 'alert', level, code, station, message });
  }

  #view(record: AlertRecord, now: number): AlertView {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: record.id,
      code: record.code,
      level: record.level,
      station: record.station,
      message: record.message,
      detail: record.detail,
      at: new Date(record.raisedAt).toISOString(),
      lastSeen: new Date(record.lastSeen).toISOString(),
      clearedAt: iso(record.clearedAt),
      active: record.clearedAt === null,
      acknowledgedBy: record.acknowledgedBy,
      acknowledgedAt: iso(record.acknowledgedAt),
      ageSeconds: Math.max(0, Math.round((now - record.raisedAt) / 1000)),
    };
  }
}
