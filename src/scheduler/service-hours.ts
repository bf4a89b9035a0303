import type { ServiceHours } from '../config/schema.js';
import { localMsOfDay, nextLocalTime, parseTimeOfDay } from '../thermal/local-time.js';

/** Opening hours in a time zone: when residents are served and printers should be warm. */
export class Hours {
  readonly #hours: ServiceHours;
  readonly #timeZone: string;
  readonly #openMs: number;
  readonly #closeMs: number;

  constructor(hours: ServiceHours, timeZone: string) {
    this.#hours = hours;
    this.#timeZone = timeZone;
    this.#openMs = parseTimeOfDay(hours.open);
    this.#closeMs = parseTimeOfDay(hours.close);
  }

  isOpen(nowMs: number): boolean {
    const ms = localMsOfDay(nowMs, this.#timeZone);
    return ms >= this.#openMs && ms < this.#closeMs;
  }

  /** The next opening after `nowMs` (today's if it is still to come). */
  nextOpen(nowMs: number): number {
    return nextLocalTime(nowMs, this.#hours.open, this.#timeZone);
  }

  nextClose(nowMs: number): number {
    return nextLocalTime(nowMs, this.#hours.close, this.#timeZone);
  }
}
