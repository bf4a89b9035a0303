/**
 * Local time of day in an IANA time zone, for ambient profiles and `at: 'HH:MM'` faults.
 *
 * `Intl.DateTimeFormat` is slow (microseconds a call) and a simulated fleet asks for the room
 * temperature hundreds of thousands of times a day, so the zone's UTC offset is cached per UTC
 * hour. Offsets change only at DST transitions, which fall on whole or half hours; a zone whose
 * transition falls on a half hour may be off by its shift for that one half hour.
 */

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CACHE_LIMIT = 100_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

/**
 * The last answer, checked before the maps: a simulated fleet day asks for the room temperature
 * about 3 million times, nearly always in the same zone and hour as the call before.
 */
let last = { timeZone: '', hour: Number.NaN, offset: 0 };

/** Milliseconds to add to UTC to get local wall time in `timeZone` at `epochMs`. */
export function utcOffsetMs(epochMs: number, timeZone: string): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  if (hour === last.hour && timeZone === last.timeZone) return last.offset;
  const offset = cachedOffset(hour, timeZone);
  last = { timeZone, hour, offset };
  return offset;
}

function cachedOffset(hour: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  if (zone.size >= CACHE_LIMIT) zone.clear();
  const offset = measureOffset(hour * HOUR_MS, timeZone);
  zone.set(hour, offset);
  return offset;
}

/** Milliseconds since local midnight in `timeZone`. */
export function localMsOfDay(epochMs: number, timeZone: string): number {
  return mod(epochMs + utcOffsetMs(epochMs, timeZone), DAY_MS);
}

/** `'HH:MM'` → milliseconds after midnight. Assumes the string is already validated. */
export function parseTimeOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/** The first instant at or after `fromMs` when the local clock in `timeZone` shows `hhmm`. */
export function nextLocalTime(fromMs: number, hhmm: string, timeZone: string): number {
  const target = parseTimeOfDay(hhmm);
  const offset = utcOffsetMs(fromMs, timeZone);
  const local = fromMs + offset;
  let candidate = local - mod(local, DAY_MS) + target - offset;
  if (candidate < fromMs) candidate += DAY_MS;
  // Across a DST change the offset at the candidate differs from today's.
  return candidate + offset - utcOffsetMs(candidate, timeZone);
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function measureOffset(epochMs: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of formatter.formatToParts(epochMs)) part[type] = Number(value);
  const wall = Date.UTC(
    part.year ?? 1970,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
  return wall - epochMs;
}

function mod(value: number, by: number): number {
  return ((value % by) + by) % by;
}
