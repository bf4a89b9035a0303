import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Hours } from '../scheduler/service-hours.js';

export interface ShiftOptions {
  readonly clock: Clock;
  readonly hours: Hours;
  /** How long before opening the heater must start, for this station (warm-up plus its stagger). */
  readonly leadMs: () => number;
  /** Keep the heater on: called before opening and through the day. */
  readonly warm: () => void;
  /** Let the printer rest: called at closing. */
  readonly rest: () => void;
}

/** While open, the heater is re-armed this often so the printer's idle switch-off never fires. */
const KEEP_WARM_EVERY_MS = 10 * 60_000;

/**
 * A station's working day: heat up so the printer is ready at opening, keep it warm while the
 * office is open (a walk-in never waits for a warm-up), let it rest after closing.
 */
export class Shift {
  readonly #options: ShiftOptions;
  #timer: TimerHandle | undefined;

  constructor(options: ShiftOptions) {
    this.#options = options;
  }

  start(): void {
    const { clock, hours } = this.#options;
    const now = clock.now();
    if (hours.isOpen(now)) this.#keepWarm();
    else this.#scheduleWarmUp(now);
  }

  stop(): void {
    if (this.#timer) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #scheduleWarmUp(now: number): void {
    const openAt = this.#options.hours.nextOpen(now);
    // Plan the heater start an hour ahead, then once more exactly, when the roller's temperature
    // (still cooling from the day before) is known better.
    const planned = openAt - this.#options.leadMs();
    if (planned - now > 3_600_000)
      this.#at(planned - 3_600_000, () => this.#scheduleWarmUp(this.#options.clock.now()));
    else this.#at(Math.max(now, planned), () => this.#keepWarm());
  }

  #keepWarm(): void {
    const { clock, hours } = this.#options;
    this.#options.warm();
    const now = clock.now();
    const closeAt = hours.nextClose(now);
    if (now + KEEP_WARM_EVERY_MS < closeAt) this.#at(now + KEEP_WARM_EVERY_MS, () => this.#keepWarm());
    else {
      this.#at(closeAt, () => {
        this.#options.rest();
        this.#scheduleWarmUp(this.#options.clock.now());
      });
    }
  }

  #at(when: number, fn: () => void): void {
    this.stop();
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      fn();
    }, when - this.#options.clock.now());
  }
}
