import { type Clock, sleepOn, type TimerHandle } from './clock.js';

type NodeTimer = ReturnType<typeof globalThis.setTimeout>;

/** Wall-clock time: what the daemon uses on a print PC. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return globalThis.setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    globalThis.clearTimeout(handle as unknown as NodeTimer);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}
