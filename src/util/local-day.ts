import { utcOffsetMs } from '../thermal/local-time.js';

/** The calendar date (`YYYY-MM-DD`) of `epochMs` in `timeZone`: the day a card counts towards. */
export function localDay(epochMs: number, timeZone: string): string {
  // Shift to local wall time, then read the date as if it were UTC (offsets are cached per hour).
  return new Date(epochMs + utcOffsetMs(epochMs, timeZone)).toISOString().slice(0, 10);
}
