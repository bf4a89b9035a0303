/** Capped exponential backoff: 1, 2, 4 … up to `maxMs`, starting over after `reset()`. */
export class Backoff {
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
