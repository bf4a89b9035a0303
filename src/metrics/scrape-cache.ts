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
  #text: Promise<string> | undefined;
  #renderedAt = Number.NEGATIVE_INFINITY;
  readonly #unsubscribe: () => void;

  constructor(render: () => Promise<string>, clock: Clock, events: EventBus, maxAgeMs = 1000) {
    this.#render = render;
    this.#clock = clock;
    this.#maxAgeMs = maxAgeMs;
    this.#unsubscribe = events.subscribe(({ event }) => {
      if (event.type !== 'temperature') this.#text = undefined;
    });
  }

  text(): Promise<string> {
    const now = this.#clock.now();
    if (this.#text === undefined || elapsedMs(now, this.#renderedAt) >= this.#maxAgeMs) {
      const text = this.#render();
      this.#text = text;
      this.#renderedAt = now;
      // A failed render is not kept: the next scrape tries again.
      text.catch(() => {
        if (this.#text === text) this.#text = undefined;
      });
    }
    return this.#text;
  }

  stop(): void {
    this.#unsubscribe();
  }
}
