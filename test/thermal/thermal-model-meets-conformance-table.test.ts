import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/config/profile-schema.js';
import { ambientFrom } from '../../src/thermal/ambient.js';
import {
  advanceThermal,
  rollerHeatingMs,
  steadyInternalC,
  type ThermalState,
  timeUntil,
} from '../../src/thermal/thermal-model.js';

// The conformance table every implementation of the reference printer's physics must meet.
const profile = profileSchema.parse({});
const room = ambientFrom(30, 'Asia/Jakarta');
const T0 = Date.UTC(2026, 0, 5, 6, 0, 0);
const HOUR = 3_600_000;
const heaterOn = { heaterOn: true, cardInPrinter: false };
const working = { heaterOn: true, cardInPrinter: true };
const cooling = { heaterOn: false, cardInPrinter: false };
const { cutoffC, resumeBelowC } = profile.thermal;
const hot = (s: ThermalState) => s.internalC >= cutoffC;

describe('thermal model conformance (reference profile, 30 °C room)', () => {
  it('heater on, idle: the inside settles at 35.0 °C', () => {
    const settled = advanceThermal(
      { internalC: 30, rollerC: 30 },
      heaterOn,
      T0,
      T0 + 8 * HOUR,
      profile,
      room,
    );
    expect(settled.internalC).toBeCloseTo(35.0, 2);
    expect(steadyInternalC(30, heaterOn, profile)).toBe(35);
  });

  it('from 35.0 °C, 10 cards back to back: 51.2 °C (± 0.3) after 650 s', () => {
    const after = advanceThermal({ internalC: 35, rollerC: 165 }, working, T0, T0 + 650_000, profile, room);
    expect(Math.abs(after.internalC - 51.2)).toBeLessThanOrEqual(0.3);
    expect(after.rollerC).toBe(165);
  });

  it('back to back until it stops: cut-off during card 15, at ≈ 910 s (± 10 s)', () => {
    const ms = timeUntil({ internalC: 35, rollerC: 165 }, working, T0, profile, room, hot, HOUR);
    expect(ms).toBeDefined();
    expect(Math.abs((ms as number) - 910_000)).toBeLessThanOrEqual(10_000);
    expect(Math.floor((ms as number) / 65_000) + 1).toBe(15);
  });

  it('after that shut-off, heater off: back to 45 °C after ≈ 825 s (± 10 s)', () => {
    const cutoffAt =
      T0 + (timeUntil({ internalC: 35, rollerC: 165 }, working, T0, profile, room, hot, HOUR) ?? 0);
    const atCutoff = advanceThermal({ internalC: 35, rollerC: 165 }, working, T0, cutoffAt, profile, room);
    expect(atCutoff.internalC).toBeGreaterThanOrEqual(cutoffC);
    const ms = timeUntil(
      atCutoff,
      cooling,
      cutoffAt,
      profile,
      room,
      (s) => s.internalC <= resumeBelowC,
      HOUR,
    );
    expect(Math.abs((ms as number) - 825_000)).toBeLessThanOrEqual(10_000);
  });

  it('roller from 30 °C, heater on: ready (160 °C) after 162.5 s (± 1 s)', () => {
    const ready = (s: ThermalState) => s.rollerC >= profile.roller.readyMinC;
    const ms = timeUntil({ internalC: 30, rollerC: 30 }, heaterOn, T0, profile, room, ready, HOUR);
    expect(Math.abs((ms as number) - 162_500)).toBeLessThanOrEqual(1_000);
    expect(rollerHeatingMs(30, profile.roller.readyMinC, true, profile)).toBe(162_500);
    expect(rollerHeatingMs(30, profile.roller.readyMinC, false, profile)).toBeUndefined();
  });

  it('a roller left alone cools towards the inside and holds its set point while heated', () => {
    const held = advanceThermal({ internalC: 35, rollerC: 30 }, heaterOn, T0, T0 + HOUR, profile, room);
    expect(held.rollerC).toBe(profile.roller.setPointC);
    const cooled = advanceThermal(held, cooling, T0 + HOUR, T0 + 4 * HOUR, profile, room);
    expect(cooled.rollerC).toBeGreaterThan(cooled.internalC);
    expect(cooled.rollerC - cooled.internalC).toBeLessThan(0.5);
    // One roller time constant (10 min) takes ~63 % of the gap.
    const tenMin = advanceThermal({ internalC: 30, rollerC: 165 }, cooling, T0, T0 + 600_000, profile, room);
    expect(tenMin.rollerC).toBeCloseTo(30 + 135 * Math.exp(-1), 0);
  });
});
