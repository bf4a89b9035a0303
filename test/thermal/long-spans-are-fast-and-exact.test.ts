import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/config/profile-schema.js';
import { ambientFrom } from '../../src/thermal/ambient.js';
import { advanceThermal, type ThermalState, timeUntil } from '../../src/thermal/thermal-model.js';

const profile = profileSchema.parse({});
const day = ambientFrom('palembang-hot-day', 'Asia/Jakarta');
const MIDNIGHT_WIB = Date.UTC(2026, 0, 4, 17, 0, 0);
const DAY = 86_400_000;

describe('thermal model over long spans', () => {
  it('gives the same day in one call as in 1440 one-minute calls', () => {
    const inputs = { heaterOn: true, cardInPrinter: false };
    const start: ThermalState = { internalC: 28, rollerC: 28 };
    const whole = advanceThermal(start, inputs, MIDNIGHT_WIB, MIDNIGHT_WIB + DAY, profile, day);
    let pieces = start;
    for (let m = 0; m < 1440; m++) {
      pieces = advanceThermal(
        pieces,
        inputs,
        MIDNIGHT_WIB + m * 60_000,
        MIDNIGHT_WIB + (m + 1) * 60_000,
        profile,
        day,
      );
    }
    expect(whole.internalC).toBeCloseTo(pieces.internalC, 9);
    expect(whole.rollerC).toBeCloseTo(pieces.rollerC, 9);
  });

  it('follows the room: heater off all day, the inside lags the afternoon peak', () => {
    const inputs = { heaterOn: false, cardInPrinter: false };
    let state: ThermalState = { internalC: 26.5, rollerC: 26.5 };
    let peak = { at: 0, c: 0 };
    for (let m = 0; m < 1440; m++) {
      state = advanceThermal(
        state,
        inputs,
        MIDNIGHT_WIB + m * 60_000,
        MIDNIGHT_WIB + (m + 1) * 60_000,
        profile,
        day,
      );
      if (state.internalC > peak.c) peak = { at: m + 1, c: state.internalC };
    }
    // The room peaks at 34.0 °C at 14:00; a 25-minute time constant puts the inside's peak later and lower.
    expect(peak.c).toBeLessThan(34);
    expect(peak.c).toBeGreaterThan(33.5);
    expect(peak.at).toBeGreaterThan(14 * 60);
    expect(peak.at).toBeLessThan(15 * 60);
  });

  it('advances 30 printers through a day, minute by minute, in well under a second', () => {
    const inputs = { heaterOn: true, cardInPrinter: true };
    const started = performance.now();
    for (let p = 0; p < 30; p++) {
      let state: ThermalState = { internalC: 30, rollerC: 30 };
      for (let m = 0; m < 1440; m++) {
        state = advanceThermal(
          state,
          inputs,
          MIDNIGHT_WIB + m * 60_000,
          MIDNIGHT_WIB + (m + 1) * 60_000,
          profile,
          day,
        );
      }
      expect(state.internalC).toBeGreaterThan(60);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('finds a crossing to within 100 ms, and none beyond the horizon', () => {
    const inputs = { heaterOn: true, cardInPrinter: true };
    const start = { internalC: 35, rollerC: 165 };
    const room = ambientFrom(30, 'UTC');
    const hot = (s: ThermalState) => s.internalC >= 56;
    const ms = timeUntil(start, inputs, 0, profile, room, hot, 3_600_000) as number;
    expect(hot(advanceThermal(start, inputs, 0, ms, profile, room))).toBe(true);
    expect(hot(advanceThermal(start, inputs, 0, ms - 100, profile, room))).toBe(false);
    expect(timeUntil(start, inputs, 0, profile, room, hot, 600_000)).toBeUndefined();
    expect(timeUntil(start, inputs, 0, profile, room, () => true, 0)).toBe(0);
  });
});
