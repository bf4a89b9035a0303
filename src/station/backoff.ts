import type { Clock, TimerHandle } from '../clock/clock.js';

/** Capped exponential backoff: 1, 2, 4 … up to `maxMs`, starting over after `reset()`. */
class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #nextMs: number;

  constructor(initialMs = 1000, maxMs = 30_000) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#nextMs = initialMs;
  }

  /** The delay to wait now; each call doubles the next one, up to the cap. */
  next(): number {
    const delay = this.#nextMs;
    this.#nextMs = Math.min(this.#nextMs * 2, this.#maxMs);
    return delay;
  }

  reset(): void {
    this.#nextMs = this.#initialMs;
  }
}

/**
 * One pending retry at a time, spaced by a capped backoff: what a station uses to reconnect to a
 * printer that is unplugged, switched off or not yet there.
 */
export class RetryTimer {
  readonly #clock: Clock;
  readonly #backoff = new Backoff();
  #timer: TimerHandle | undefined;
  #attempts = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Runs `retry` after the next backoff delay, unless a retry is already pending. */
  schedule(retry: () => void): void {
    if (this.#timer) return;
    this.#attempts++;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      retry();
    }, this.#backoff.next());
  }

  /** The attempt succeeded: the next failure starts again at the shortest delay. */
  reset(): void {
    this.#backoff.reset();
  }

  cancel(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** How many retries were scheduled since start. */
  get attempts(): number {
    return this.#attempts;
  }
}
