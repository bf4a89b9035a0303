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
  #body: Buffer | undefined;
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
      this.#body = undefined;
      this.#computedAt = now;
    }
    return this.#value;
  }

  /**
   * The same, as UTF-8 JSON bytes: a busy status port sends one buffer rather than serialising per
   * request, and writes it as it is. A string would be encoded again for every answer, into a block
   * as large as the fleet's status (tens of kB), which glibc `mmap`s above its 16 KiB threshold
   * (src/bin/malloc-tuning.ts): on Node 24 that halved `/api/status`'s requests per second.
   */
  body(): Buffer {
    const value = this.get();
    this.#body ??= Buffer.from(JSON.stringify(value));
    return this.#body;
  }

  /** Something the status shows has changed: the next request computes it afresh. */
  invalidate(): void {
    this.#value = undefined;
    this.#body = undefined;
  }
}
