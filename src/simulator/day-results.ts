import type { DayResult } from './results.js';
import { waitStats } from './results.js';
import type { StationProbe } from './station-probe.js';

interface Counts {
  readonly printed: number;
  readonly spoiled: number;
  readonly shutdowns: number;
}

/**
 * Each station's figures day by day: the probes count over the whole run, so a day's figures are
 * the difference between its end and its start.
 */
export class DayResults {
  readonly #probes: readonly StationProbe[];
  readonly #byStation = new Map<string, DayResult[]>();
  #atStart = new Map<string, Counts>();

  constructor(probes: readonly StationProbe[]) {
    this.#probes = probes;
  }

  beginDay(): void {
    this.#atStart = new Map(this.#probes.map((p) => [p.station.id, countsOf(p)]));
  }

  /** Closes a day: its bound and walk-in waits per station, and what the station believes now. */
  endDay(
    date: string,
    bounds: ReadonlyMap<string, number>,
    waits: ReadonlyMap<string, readonly number[]>,
  ): void {
    for (const probe of this.#probes) {
      const id = probe.station.id;
      const start = this.#atStart.get(id) ?? { printed: 0, spoiled: 0, shutdowns: 0 };
      const now = countsOf(probe);
      const day: DayResult = {
        date,
        printed: now.printed - start.printed,
        spoiled: now.spoiled - start.spoiled,
        shutdowns: now.shutdowns - start.shutdowns,
        thermalBound: bounds.get(id) ?? 0,
        walkIns: waitStats(waits.get(id) ?? []),
        belief: probe.station.belief(),
      };
      this.#byStation.set(id, [...(this.#byStation.get(id) ?? []), day]);
    }
  }

  of(stationId: string): readonly DayResult[] {
    return this.#byStation.get(stationId) ?? [];
  }
}

function countsOf(probe: StationProbe): Counts {
  return { printed: probe.printed, spoiled: probe.spoiled, shutdowns: probe.shutdowns };
}
