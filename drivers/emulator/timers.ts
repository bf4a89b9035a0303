import type { Clock, TimerHandle } from '../../src/clock/clock.js';

/**
 * One-shot timers on the injected clock, by name: setting a name again replaces its timer. The
 * emulator keeps a handful (warm-up done, step done, cut-off, cooled, idle-off…), set only when
 * an event is due, never a periodic tick.
 */
export class NamedTimers {
  readonly #clock: Clock;
  readonly #timers = new Map<string, TimerHandle>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  set(name: string, delayMs: number, fn: () => void): void {
    this.clear(name);
    const handle = this.#clock.setTimeout(
      () => {
        this.#timers.delete(name);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.#timers.set(name, handle);
  }

  has(name: string): boolean {
    return this.#timers.has(name);
  }

  clear(...names: string[]): void {
    for (const name of names) {
      const handle = this.#timers.get(name);
      if (handle) this.#clock.clearTimeout(handle);
      this.#timers.delete(name);
    }
  }

  clearAll(): void {
    this.clear(...this.#timers.keys());
  }
}
