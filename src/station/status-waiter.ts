import type { Clock } from '../clock/clock.js';
import { linkedAbort } from '../util/linked-abort.js';

/**
 * Lets a station's loop wait for its printer's next status change after a refusal or a fault: the
 * wait ends at the change, after `maxWaitMs` (a status that never changes is re-tried anyway), or
 * when the station stops.
 */
export class StatusWaiter {
  readonly #clock: Clock;
  readonly #stop: AbortSignal;
  readonly #maxWaitMs: number;
  #waiting: (() => void) | undefined;

  constructor(clock: Clock, stop: AbortSignal, maxWaitMs: number) {
    this.#clock = clock;
    this.#stop = stop;
    this.#maxWaitMs = maxWaitMs;
  }

  next(): Promise<void> {
    return new Promise((resolve) => {
      const timer = linkedAbort(this.#stop);
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        timer.abort();
        timer.dispose();
        if (this.#waiting === done) this.#waiting = undefined;
        resolve();
      };
      this.#waiting = done;
      this.#clock.sleep(this.#maxWaitMs, timer.signal).then(done, done);
    });
  }

  /** The printer's status changed: whoever waits goes on. */
  changed(): void {
    this.#waiting?.();
  }
}
