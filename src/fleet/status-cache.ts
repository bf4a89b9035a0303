import type { Clock } from '../clock/clock.js';
import type { EventBus } from '../events/fleet-events.js';
import { elapsedMs } from '../util/elapsed.js';

/**
 * The fleet status computed at most once per `maxAgeMs`, and again as soon as a job or a station
 * changes: twenty dashboards polling cost one computation, yet a click's result shows at once.
 */
export class StatusCache<T> {
  readonly #compute: () => T;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  #value: T | undefined;
  #json: string | undefined;
  #computedAt = Number.NEGATIVE_INFINITY;

  constructor(compute: () => T, clock: Clock, events: EventBus, maxAgeMs = 1000) {
    this.#compute = compute;
    this.#clock = clock;
    this.#maxAgeMs = maxAgeMs;
    events.subscribe(({ event }) => {
      if (event.type === 'job' || event.type === 'station') this.invalidate();
    });
  }

  get(): T {
    const now = this.#clock.now();
    if (this.#value === undefined || elapsedMs(now, this.#computedAt) >= this.#maxAgeMs) {
      this.#value = this.#compute();
      this.#json = undefined;
      this.#computedAt = now;
    }
    return this.#value;
  }

  /** The same, as JSON text: a busy status port sends one string rather than serialising per request. */
  json(): string {
    const value = this.get();
    this.#json ??= JSON.stringify(value);
    return this.#json;
  }

  /** Something the status shows has changed: the next request computes it afresh. */
  invalidate(): void {
    this.#value = undefined;
    this.#json = undefined;
  }
}
