import type { Clock } from '../clock/clock.js';
import type { EventBus } from '../events/fleet-events.js';
import { elapsedMs } from '../util/elapsed.js';

/**
 * The exposition text rendered at most once per `maxAgeMs` of the daemon's clock, and again as
 * soon as a job, a station or an alert changes. Rendering every series costs about a millisecond;
 * Prometheus scrapes every few seconds at most, but a misconfigured scraper or a load test must not
 * take that millisecond from the printers' loops each time. Concurrent scrapes share one render.
 */
export class ScrapeCache {
  readonly #render: () => Promise<string>;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  #body: Promise<Buffer> | undefined;
  #renderedAt = Number.NEGATIVE_INFINITY;
  readonly #unsubscribe: () => void;

  constructor(render: () => Promise<string>, clock: Clock, events: EventBus, maxAgeMs = 1000) {
    this.#render = render;
    this.#clock = clock;
    this.#maxAgeMs = maxAgeMs;
    this.#unsubscribe = events.subscribe(({ event }) => {
      if (event.type !== 'temperature') this.#body = undefined;
    });
  }

  /** The text as UTF-8 bytes, sent as they are: a string would be encoded again for each scrape. */
  body(): Promise<Buffer> {
    const now = this.#clock.now();
    if (this.#body === undefined || elapsedMs(now, this.#renderedAt) >= this.#maxAgeMs) {
      const body = this.#render().then((text) => Buffer.from(text));
      this.#body = body;
      this.#renderedAt = now;
      // A failed render is not kept: the next scrape tries again.
      body.catch(() => {
        if (this.#body === body) this.#body = undefined;
      });
    }
    return this.#body;
  }

  stop(): void {
    this.#unsubscribe();
  }
}
