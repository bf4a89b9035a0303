import { type Clock, sleepOn, type TimerHandle } from './clock.js';
import { SystemClock } from './system-clock.js';

/**
 * Real time sped up `speed` times, starting from the real present. `--speed 60` makes an emulated
 * printer's 65 s card cycle take about a second, so a demo fleet shows a day's work in minutes.
 */
export class ScaledClock implements Clock {
  readonly #base: Clock;
  readonly #speed: number;
  readonly #origin: number;

  constructor(speed: number, base: Clock = new SystemClock()) {
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new RangeError(`speed must be a positive number, got ${speed}`);
    }
    this.#base = base;
    this.#speed = speed;
    this.#origin = base.now();
  }

  get speed(): number {
    return this.#speed;
  }

  now(): number {
    return this.#origin + (this.#base.now() - this.#origin) * this.#speed;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#base.setTimeout(fn, ms / this.#speed);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#base.clearTimeout(handle);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}
