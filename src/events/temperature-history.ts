import type { Clock } from '../clock/clock.js';

export interface TemperatureReading {
  readonly at: string;
  readonly internalC: number | null;
  readonly rollerC: number | null;
}

/** Readings closer together than this are not kept: 240 points cover the dashboard's two hours. */
const SAMPLE_EVERY_MS = 29_000;
const KEEP_MS = 2 * 60 * 60_000;

/**
 * The last two hours of each printer's temperatures, so a dashboard opened mid-afternoon draws its
 * chart at once instead of starting empty. Bounded: at most KEEP_MS / SAMPLE_EVERY_MS per station.
 */
export class TemperatureHistory {
  readonly #clock: Clock;
  readonly #readings = new Map<string, Array<TemperatureReading & { ms: number }>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  record(station: string, internalC: number | null, rollerC: number | null): void {
    const now = this.#clock.now();
    const list = this.#readings.get(station) ?? [];
    // A clock set back leaves readings "from the future": they would break the chart's order.
    while ((list.at(-1)?.ms ?? now) > now) list.pop();
    const last = list.at(-1);
    if (last && now - last.ms < SAMPLE_EVERY_MS) return;
    list.push({ ms: now, at: new Date(now).toISOString(), internalC, rollerC });
    while (list.length > 0 && (list[0]?.ms ?? now) < now - KEEP_MS) list.shift();
    this.#readings.set(station, list);
  }

  /** Readings of the last `minutes` (at most two hours), oldest first, by station. */
  recent(minutes: number): Record<string, TemperatureReading[]> {
    const from = this.#clock.now() - Math.min(minutes, KEEP_MS / 60_000) * 60_000;
    const result: Record<string, TemperatureReading[]> = {};
    for (const [station, list] of this.#readings) {
      result[station] = list
        .filter((r) => r.ms >= from)
        .map(({ at, internalC, rollerC }) => ({ at, internalC, rollerC }));
    }
    return result;
  }
}
