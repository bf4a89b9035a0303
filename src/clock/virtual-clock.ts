import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { type Clock, sleepOn, type TimerHandle } from './clock.js';
import { eventLoopMayHaveWork } from './event-loop-work.js';

interface VirtualTimer extends TimerHandle {
  readonly id: number;
  due: number;
  readonly fn: () => void;
}

/**
 * Time that only moves when a test or simulation says so, as fast as the CPU allows.
 *
 * Between timers it lets pending promise chains and I/O callbacks run (a few macrotask turns), so
 * async code that reacts to a timer — a station recording an outcome, say — settles before the next
 * timer fires, just as it would in real time.
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: VirtualTimer[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 5, 0, 0, 0)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { __timer: true as const, id: this.#nextId++, due: this.#now + Math.max(0, ms), fn };
    // Keep timers ordered by due time, then by creation, so equal deadlines fire in the order set.
    let i = this.#timers.length;
    while (i > 0 && (this.#timers[i - 1] as VirtualTimer).due > timer.due) i--;
    this.#timers.splice(i, 0, timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.#timers.indexOf(handle as VirtualTimer);
    if (i >= 0) this.#timers.splice(i, 1);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Lets queued promise callbacks and I/O run without moving time: up to `turns` macrotask turns,
   * fewer once the event loop holds nothing a further turn could run. A simulated day settles
   * after every timer, and its code is promise chains only, so one turn is all it needs; each idle
   * turn would cost a trip through the event loop's I/O poll.
   */
  async settle(turns = 5): Promise<void> {
    for (let i = 0; i < turns; i++) {
      await nextMacrotask();
      if (!eventLoopMayHaveWork()) return;
    }
  }

  /**
   * Sets the wall clock by `ms` (negative: back), as an NTP correction does, without firing
   * anything: timers keep their remaining durations, as real timers (which run on a monotonic
   * clock) do.
   */
  jump(ms: number): void {
    this.#now += ms;
    for (const timer of this.#timers) timer.due += ms;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `target` (epoch ms), firing timers due on the way. */
  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.#timers[0];
      if (!next || next.due > target) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.due);
      next.fn();
      await this.settle();
    }
    this.#now = Math.max(this.#now, target);
    await this.settle();
  }

  /**
   * Advances in steps of `stepMs` until `predicate` holds; throws if it still does not after
   * `limitMs` of virtual time, so a broken test fails instead of spinning.
   */
  async until(predicate: () => boolean | Promise<boolean>, limitMs: number, stepMs = 1000): Promise<number> {
    const start = this.#now;
    while (!(await predicate())) {
      if (this.#now - start >= limitMs) {
        throw new Error(`condition not met within ${limitMs} ms of virtual time`);
      }
      await this.advance(stepMs);
    }
    return this.#now - start;
  }
}
