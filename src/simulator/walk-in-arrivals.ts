import { createPrng, mix32 } from '../util/prng.js';

export interface ArrivalWindow {
  /** Mean arrivals per hour. */
  readonly perHour: number;
  /** First and last instant residents may arrive (epoch ms). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly seed: number;
  /** Which simulated day (0-based): each day gets its own arrivals from the same seed. */
  readonly day?: number;
}

/**
 * When walk-ins arrive: a Poisson process (exponential gaps) of `perHour` over the window, whole
 * milliseconds, ascending. The same seed and day always give the same times.
 */
export function walkInArrivals(window: ArrivalWindow): number[] {
  const { perHour, fromMs, toMs } = window;
  if (perHour <= 0 || toMs <= fromMs) return [];
  const random = createPrng(mix32(window.seed, window.day ?? 0, 0x77616c6b));
  const meanGapMs = 3_600_000 / perHour;
  const arrivals: number[] = [];
  for (let t = fromMs; ; ) {
    // 1 − u is in (0, 1], so the logarithm is finite.
    t += -Math.log(1 - random()) * meanGapMs;
    if (t > toMs) return arrivals;
    arrivals.push(Math.round(t));
  }
}
