/** How far back walk-in arrivals count. */
const WINDOW_MS = 2 * 3_600_000;

/**
 * Recent walk-in arrivals at a station's counter. Walk-ins come in clusters when they come at all;
 * on a quiet day (a backlog day) holding headroom for a second one in a row only costs cards.
 */
export class WalkInRate {
  #arrivals: number[] = [];

  note(atMs: number): void {
    this.#arrivals.push(atMs);
  }

  /** Arrivals per hour over the last two hours. */
  perHour(nowMs: number): number {
    this.#arrivals = this.#arrivals.filter((t) => nowMs - t < WINDOW_MS);
    return this.#arrivals.length / (WINDOW_MS / 3_600_000);
  }
}

/**
 * Walk-ins in a row the backlog should leave room for: one always (a walk-in never waits for a
 * cool-down), up to `max` while walk-ins are arriving (a second often follows within minutes).
 */
export function walkInsToReserve(rate: WalkInRate, nowMs: number, max: number): number {
  if (max <= 1) return max;
  return rate.perHour(nowMs) >= 1 ? max : 1;
}
