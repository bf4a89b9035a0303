import { z } from 'zod';
import { CetakError } from '../errors.js';
import { localMsOfDay, parseTimeOfDay, TIME_OF_DAY } from './local-time.js';

/** The room temperature (°C) at an instant (epoch ms). */
export type Ambient = (epochMs: number) => number;

/**
 * An {@link Ambient} that also knows its range. Every `ambientFrom` result is one; the emulator
 * uses the maximum to skip predicting a cut-off that the room can never cause.
 */
export interface BoundedAmbient extends Ambient {
  readonly minC: number;
  readonly maxC: number;
}

/** One point of a daily temperature curve: local time of day and °C. */
export interface AmbientPoint {
  readonly at: string;
  readonly c: number;
}

/** How a config names a room's temperature: a profile name, a constant °C, or a daily curve. */
export type AmbientSpec = string | number | readonly AmbientPoint[];

const hourly = (values: readonly number[]): AmbientPoint[] =>
  values.map((c, hour) => ({ at: `${String(hour).padStart(2, '0')}:00`, c }));

/**
 * Named daily curves. Between points the temperature is interpolated linearly, and the last point
 * runs on to the first one at midnight.
 */
export const AMBIENT_PROFILES: Readonly<Record<string, readonly AmbientPoint[]>> = {
  /** An unairconditioned office in Palembang on a hot dry-season day: 24 °C at dawn, 34 °C at 14:00. */
  'palembang-hot-day': hourly([
    26.5, 25.7, 25.0, 24.4, 24.1, 24.0, 24.3, 25.2, 26.5, 28.1, 29.9, 31.5, 32.8, 33.7, 34.0, 33.9, 33.6,
    33.0, 32.3, 31.5, 30.5, 29.5, 28.5, 27.5,
  ]),
};

export const AMBIENT_PROFILE_NAMES = Object.keys(AMBIENT_PROFILES);

export function unknownAmbientMessage(name: string): string {
  return `unknown ambient profile "${name}" (known: ${AMBIENT_PROFILE_NAMES.join(', ')})`;
}

const pointSchema = z.strictObject({
  at: z.string().regex(TIME_OF_DAY, 'must be a local time HH:MM (00:00–23:59)'),
  c: z.number().min(-40).max(80),
});
const pointsSchema = z
  .array(pointSchema)
  .min(1, 'needs at least one point')
  .refine((points) => new Set(points.map((p) => p.at)).size === points.length, {
    error: 'has two points at the same time',
  });

/**
 * An {@link AmbientSpec} in a config: `palembang-hot-day`, `30`, or `[{ at: '06:00', c: 24 }, …]`.
 * Written as one custom check so each form gets its own message rather than zod's "Invalid input".
 */
export const ambientSpecSchema = z.custom<AmbientSpec>().superRefine((value, ctx) => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < -40 || value > 80)
      ctx.addIssue({ code: 'custom', message: 'must be a temperature between -40 and 80 °C' });
  } else if (typeof value === 'string') {
    if (!Object.hasOwn(AMBIENT_PROFILES, value))
      ctx.addIssue({ code: 'custom', message: unknownAmbientMessage(value) });
  } else if (Array.isArray(value)) {
    const result = pointsSchema.safeParse(value);
    for (const issue of result.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as PropertyKey[] });
    }
  } else {
    ctx.addIssue({
      code: 'custom',
      message: `must be an ambient profile name (${AMBIENT_PROFILE_NAMES.join(', ')}), a temperature in °C, or a list of { at: HH:MM, c: °C } points`,
    });
  }
});

/**
 * The room temperature a spec describes, at local time of day in `timeZone` (IANA).
 * Throws `CONFIG_INVALID` for an unknown profile name.
 */
export function ambientFrom(spec: AmbientSpec, timeZone: string): BoundedAmbient {
  if (typeof spec === 'number') return bounded(() => spec, spec, spec);
  let points: readonly AmbientPoint[];
  if (typeof spec === 'string') {
    const profile = AMBIENT_PROFILES[spec];
    if (!profile) throw new CetakError('CONFIG_INVALID', unknownAmbientMessage(spec));
    points = profile;
  } else {
    points = spec;
  }
  const curve = dailyCurve(points);
  const values = points.map((p) => p.c);
  // Thermal steps chain end to start, so the room is asked for the same instant twice in a row.
  let lastMs = Number.NaN;
  let lastC = 0;
  return bounded(
    (epochMs) => {
      if (epochMs !== lastMs) {
        lastC = curve(localMsOfDay(epochMs, timeZone));
        lastMs = epochMs;
      }
      return lastC;
    },
    Math.min(...values),
    Math.max(...values),
  );
}

/** Linear interpolation over the day, wrapping from the last point to the first. */
function dailyCurve(points: readonly AmbientPoint[]): (msOfDay: number) => number {
  const sorted = points.map((p) => ({ ms: parseTimeOfDay(p.at), c: p.c })).sort((a, b) => a.ms - b.ms);
  const first = sorted[0];
  if (!first) throw new CetakError('CONFIG_INVALID', 'an ambient curve needs at least one point');
  // Knots cover [first - 1 day, last + 1 day] so every time of day lies between two of them.
  const last = sorted[sorted.length - 1] ?? first;
  const knots = [
    { ms: last.ms - 86_400_000, c: last.c },
    ...sorted,
    { ms: first.ms + 86_400_000, c: first.c },
  ];
  return (msOfDay) => {
    // The first knot after `msOfDay` (the last one at most), by bisection: the pacer asks for the
    // room millions of times a simulated day, and a scan walked half of 26 knots each time.
    let lo = 1;
    let hi = knots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((knots[mid] as { ms: number }).ms <= msOfDay) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    const a = knots[i - 1] as { ms: number; c: number };
    const b = knots[i] as { ms: number; c: number };
    if (b.ms === a.ms) return a.c;
    return a.c + ((b.c - a.c) * (msOfDay - a.ms)) / (b.ms - a.ms);
  };
}

function bounded(fn: Ambient, minC: number, maxC: number): BoundedAmbient {
  return Object.assign((epochMs: number) => fn(epochMs), { minC, maxC });
}
