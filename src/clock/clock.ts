/**
 * The one source of time for every part of Cetak that waits or timestamps.
 *
 * Nothing outside `src/clock/` may call `Date.now()` or the global timers: injecting the clock is
 * what lets a simulated day run in seconds and lets tests advance time without real sleeps.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, in this clock's timeline. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason if aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Opaque handle returned by {@link Clock.setTimeout}. */
export interface TimerHandle {
  readonly __timer: true;
}

/** Shared `sleep` built on a clock's own `setTimeout`, so every clock aborts the same way. */
export function sleepOn(clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>, ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
