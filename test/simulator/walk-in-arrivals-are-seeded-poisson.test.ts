import { describe, expect, it } from 'vitest';
import { walkInArrivals } from '../../src/simulator/walk-in-arrivals.js';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 7, 3, 1, 0); // 08:00 WIB

describe('walk-in arrivals', () => {
  it('are the same for the same seed and day, and differ otherwise', () => {
    const window = { perHour: 3, fromMs: FROM, toMs: FROM + 7 * HOUR, seed: 4 };
    const once = walkInArrivals(window);
    expect(walkInArrivals(window)).toEqual(once);
    expect(walkInArrivals({ ...window, seed: 5 })).not.toEqual(once);
    expect(walkInArrivals({ ...window, day: 1 })).not.toEqual(once);
    expect(once.length).toBeGreaterThan(0);
  });

  it('come at about the requested rate over many hours, with exponential gaps', () => {
    const hours = 2000;
    const arrivals = walkInArrivals({ perHour: 3, fromMs: FROM, toMs: FROM + hours * HOUR, seed: 1 });
    // Poisson: 6000 expected, standard deviation √6000 ≈ 77; allow four of them.
    expect(Math.abs(arrivals.length - 3 * hours)).toBeLessThan(4 * 77);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    expect(gaps.every((gap) => gap >= 0)).toBe(true);
    // For exponential gaps, P(gap > mean) = 1/e ≈ 0.368.
    const longer = gaps.filter((gap) => gap > HOUR / 3).length / gaps.length;
    expect(longer).toBeGreaterThan(0.34);
    expect(longer).toBeLessThan(0.4);
  });

  it('stay inside their window and are none at a zero rate', () => {
    const arrivals = walkInArrivals({ perHour: 30, fromMs: FROM, toMs: FROM + HOUR, seed: 9 });
    expect(arrivals.every((t) => t > FROM && t <= FROM + HOUR)).toBe(true);
    expect(walkInArrivals({ perHour: 0, fromMs: FROM, toMs: FROM + HOUR, seed: 9 })).toEqual([]);
  });
});
