/** What `npm run simulate -- --json` prints, and how its figures are summed and pooled. */

import type { BeliefSummary } from '../thermal/belief/thermal-belief.js';

/** Walk-in waits, submitted → card out, in seconds (nearest-rank percentiles; null when none). */
export interface WaitStats {
  readonly count: number;
  readonly p50s: number | null;
  readonly p95s: number | null;
  readonly maxs: number | null;
}

/** One station's simulated day. */
export interface DayResult {
  readonly date: string;
  readonly printed: number;
  readonly spoiled: number;
  readonly shutdowns: number;
  /** The most cards perfect foresight of the printer's real physics could print that day. */
  readonly thermalBound: number;
  readonly walkIns: WaitStats;
  /** What the daemon believed of the printer at the day's end. */
  readonly belief: BeliefSummary;
}

export interface StationResult {
  readonly id: string;
  readonly kecamatan: string;
  /** Good cards, over all simulated days. */
  readonly printed: number;
  /** Blanks that went to the reject tray (or the operator's hand, a jam). */
  readonly spoiled: number;
  /** Times the printer shut itself off to cool. */
  readonly shutdowns: number;
  /** Walk-ins whose card came out of this printer. */
  readonly walkIns: WaitStats;
  /** The most cards perfect foresight could print here without a shut-off, summed over the days. */
  readonly thermalBound: number;
  /** Backlog cards fed before opening or after closing (walk-ins are served whenever they come). */
  readonly outsideHours: number;
  /** Spoiled blanks by reason. */
  readonly spoiledBy: Readonly<Record<string, number>>;
  /** The hottest the printer's inside was seen (sampled each minute and as each card left), °C. */
  readonly peakC: number;
  /** Each simulated day on its own. */
  readonly days: readonly DayResult[];
}

export interface Totals {
  readonly printed: number;
  readonly spoiled: number;
  readonly shutdowns: number;
  /** Every walk-in of the run; `unserved` never got a card (still waiting when the day was cut off). */
  readonly walkIns: WaitStats & { readonly unserved: number };
  readonly thermalBound: number;
  readonly outsideHours: number;
}

export interface SimulationReport {
  readonly policy: string;
  readonly days: number;
  /** Wall-clock seconds the run took. */
  readonly wallSeconds: number;
  /** The first simulated day. */
  readonly date: string;
  readonly stations: readonly StationResult[];
  readonly totals: Totals;
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

/** Count, p50, p95 and max of waits in seconds (rounded to 0.1 s). */
export function waitStats(waitsS: readonly number[]): WaitStats {
  const sorted = [...waitsS].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count: sorted.length,
    p50s: round(percentile(sorted, 50)),
    p95s: round(percentile(sorted, 95)),
    maxs: round(sorted.at(-1) ?? null),
  };
}

/** Sums over stations; waits are pooled, not averaged. */
export function totalsOf(
  stations: readonly StationResult[],
  waitsS: readonly number[],
  unserved: number,
): Totals {
  const sum = (pick: (s: StationResult) => number) => stations.reduce((n, s) => n + pick(s), 0);
  return {
    printed: sum((s) => s.printed),
    spoiled: sum((s) => s.spoiled),
    shutdowns: sum((s) => s.shutdowns),
    walkIns: { ...waitStats(waitsS), unserved },
    thermalBound: sum((s) => s.thermalBound),
    outsideHours: sum((s) => s.outsideHours),
  };
}
