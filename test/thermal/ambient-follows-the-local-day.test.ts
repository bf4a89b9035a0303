import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../src/errors.js';
import { AMBIENT_PROFILES, ambientFrom, ambientSpecSchema } from '../../src/thermal/ambient.js';
import { localMsOfDay, nextLocalTime, utcOffsetMs } from '../../src/thermal/local-time.js';

/** Epoch ms of a Jakarta (UTC+7) wall time on 5 January 2026. */
const wib = (hour: number, minute = 0) => Date.UTC(2026, 0, 5, hour - 7, minute);

describe('ambient temperature', () => {
  const day = ambientFrom('palembang-hot-day', 'Asia/Jakarta');

  it('palembang-hot-day gives its hourly values at local whole hours', () => {
    const hours = AMBIENT_PROFILES['palembang-hot-day']?.map((p) => p.c);
    expect(hours).toHaveLength(24);
    expect(day(wib(0))).toBeCloseTo(26.5, 9);
    expect(day(wib(5))).toBeCloseTo(24.0, 9);
    expect(day(wib(14))).toBeCloseTo(34.0, 9);
    expect(day(wib(23))).toBeCloseTo(27.5, 9);
    expect([day.minC, day.maxC]).toEqual([24.0, 34.0]);
  });

  it('interpolates linearly, and wraps from 23:00 to the midnight value', () => {
    expect(day(wib(13, 30))).toBeCloseTo((33.7 + 34.0) / 2, 9);
    expect(day(wib(23, 30))).toBeCloseTo((27.5 + 26.5) / 2, 9);
    expect(day(wib(23, 45))).toBeCloseTo(27.5 - 0.75, 9);
  });

  it('reads the time of day in the given zone', () => {
    const utc = ambientFrom('palembang-hot-day', 'UTC');
    // 14:00 in Jakarta is 07:00 UTC.
    expect(utc(wib(14))).toBeCloseTo(25.2, 9);
    expect(utcOffsetMs(wib(14), 'Asia/Jakarta')).toBe(7 * 3_600_000);
    expect(localMsOfDay(wib(14, 30), 'Asia/Jakarta')).toBe(14.5 * 3_600_000);
    // A zone with daylight saving: New York is UTC−5 in January, UTC−4 in July.
    expect(utcOffsetMs(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(utcOffsetMs(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('takes a constant, or points of its own that wrap around midnight', () => {
    expect(ambientFrom(30, 'Asia/Jakarta')(wib(3))).toBe(30);
    const points = ambientFrom(
      [
        { at: '18:00', c: 30 },
        { at: '06:00', c: 20 },
      ],
      'Asia/Jakarta',
    );
    expect(points(wib(12))).toBeCloseTo(25, 9);
    expect(points(wib(0))).toBeCloseTo(25, 9);
    expect(points(wib(21))).toBeCloseTo(27.5, 9);
    expect(ambientFrom([{ at: '12:00', c: 22 }], 'UTC')(wib(4))).toBe(22);
  });

  it('finds the next local occurrence of a time of day', () => {
    expect(nextLocalTime(wib(7), '14:30', 'Asia/Jakarta')).toBe(wib(14, 30));
    expect(nextLocalTime(wib(15), '14:30', 'Asia/Jakarta')).toBe(wib(14, 30) + 86_400_000);
    expect(nextLocalTime(wib(14, 30), '14:30', 'Asia/Jakarta')).toBe(wib(14, 30));
  });

  it('validates config specs, naming unknown profiles and the known ones', () => {
    expect(ambientSpecSchema.parse('palembang-hot-day')).toBe('palembang-hot-day');
    expect(ambientSpecSchema.parse(31.5)).toBe(31.5);
    expect(ambientSpecSchema.parse([{ at: '07:00', c: 25 }])).toEqual([{ at: '07:00', c: 25 }]);
    const unknown = ambientSpecSchema.safeParse('palembang-cool');
    expect(unknown.error?.issues[0]?.message).toBe(
      'unknown ambient profile "palembang-cool" (known: palembang-hot-day)',
    );
    const badTime = ambientSpecSchema.safeParse([{ at: '24:00', c: 25 }]);
    expect(badTime.error?.issues[0]?.path).toEqual([0, 'at']);
    expect(ambientSpecSchema.safeParse([]).success).toBe(false);
    expect(ambientSpecSchema.safeParse(true).error?.issues[0]?.message).toContain('palembang-hot-day');
    let thrown: unknown;
    try {
      ambientFrom('nowhere', 'UTC');
    } catch (error) {
      thrown = error;
    }
    expect(isCetakError(thrown, 'CONFIG_INVALID')).toBe(true);
  });
});
