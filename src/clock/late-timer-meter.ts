import { type Clock, sleepOn, type TimerHandle } from './clock.js';
import { SystemClock } from './system-clock.js';

/** A timer that fires more than this long (real time) after it was due counts as a missed tick. */
export const MISSED_TICK_TOLERANCE_MS = 250;

/**
 * The daemon's real clock, measuring how late its timers fire. The fleet's thermal loop is these
 * timers — idle printers' status polls (`link.pollSeconds`), the pacing waits that let a printer
 * cool between cards, the emulated printers' warm-up, cut-off and cooled events — not a periodic
 * tick, so "a missed tick" is defined on them: a timer that fires more than
 * {@link MISSED_TICK_TOLERANCE_MS} after its due time on the monotonic clock, which only happens
 * when something held the event loop. A `ScaledClock` built on this meter passes real delays
 * through it, so the tolerance stays real time at any `--speed`.
 */
export class LateTimerMeter implements Clock {
  readonly #base: Clock;
  readonly #toleranceMs: number;
  readonly #monotonic: () => number;
  #missed = 0;
  #worstLateMs = 0;
  /** Told of each missed tick, with how late it fired (ms): the daemon logs it. */
  onMissed: ((lateMs: number) => void) | undefined;

  constructor(
    base: Clock = new SystemClock(),
    toleranceMs = MISSED_TICK_TOLERANCE_MS,
    monotonic: () => number = () => performance.now(),
  ) {
    this.#base = base;
    this.#toleranceMs = toleranceMs;
    this.#monotonic = monotonic;
  }

  /** Timers that fired later than the tolerance, since start. */
  get missedTicks(): number {
    return this.#missed;
  }

  /** The latest any timer fired, in ms past its due time. */
  get worstLateMs(): number {
    return this.#worstLateMs;
  }

  now(): number {
    return this.#base.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const due = this.#monotonic() + Math.max(0, ms);
    return this.#base.setTimeout(() => {
      const late = this.#monotonic() - due;
      if (late > this.#worstLateMs) this.#worstLateMs = late;
      if (late > this.#toleranceMs) {
        this.#missed++;
        this.onMissed?.(late);
      }
      fn();
    }, ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#base.clearTimeout(handle);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}
