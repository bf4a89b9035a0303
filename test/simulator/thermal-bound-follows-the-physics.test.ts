import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES, type ProfileConfig } from '../../src/config/profile-schema.js';
import { localInstant } from '../../src/simulator/local-times.js';
import { thermalBound } from '../../src/simulator/thermal-bound.js';
import { type AmbientSpec, ambientFrom } from '../../src/thermal/ambient.js';
import { advanceThermal } from '../../src/thermal/thermal-model.js';

const profile = BUILT_IN_PROFILES['retransfer-ref'] as ProfileConfig;
const ZONE = 'Asia/Jakarta';
const at = (hhmm: string) => localInstant('2026-08-03', hhmm, ZONE);
const cycleMs = (profile.printSeconds + profile.encodeSeconds) * 1000;

function boundOn(spec: AmbientSpec) {
  const ambient = ambientFrom(spec, ZONE);
  const bound = thermalBound({
    profile,
    ambient,
    coldAtMs: at('07:00'),
    openMs: at('08:00'),
    closeMs: at('16:00'),
  });
  return { ambient, bound };
}

/**
 * What the physics allows, worked out independently of the greedy search. At the cut-off the
 * inside loses (cutoff − heater offset − room)/τ °C a second and each card brings heatPerCard, so
 * a printer held at its limit prints (cutoff − offset − room)/(heatPerCard·τ) cards a second.
 * Integrated over the service hours that is the steady pace; a printer that opens cool may also
 * spend its heat budget, (cutoff − inside at opening)/heatPerCard cards, once.
 */
function physicsRange(ambient: (ms: number) => number) {
  const { cutoffC, heaterOffsetC, heatPerCardC, timeConstantMinutes } = profile.thermal;
  let steady = 0;
  for (let t = at('08:00'); t < at('16:00'); t += 1000)
    steady += (cutoffC - heaterOffsetC - ambient(t)) / (heatPerCardC * timeConstantMinutes * 60);
  const budget = (cutoffC - ambient(at('08:00'))) / heatPerCardC;
  return { low: Math.floor(steady), high: Math.ceil(steady + budget) };
}

describe('the thermal bound', () => {
  it('is about 186 on the reference hot day, inside what the physics allows', () => {
    const { ambient, bound } = boundOn('palembang-hot-day');
    // Steady pace ≈ 185 cards over 08:00–16:00 on this curve, plus at most ≈ 15 from opening cool.
    const { low, high } = physicsRange(ambient);
    expect(bound.cards).toBeGreaterThanOrEqual(low);
    expect(bound.cards).toBeLessThanOrEqual(high);
    expect(bound.cards).toBeGreaterThanOrEqual(180);
    expect(bound.cards).toBeLessThanOrEqual(195);
  });

  it('is higher on a cooler day: a constant 26 °C room', () => {
    const hot = boundOn('palembang-hot-day').bound.cards;
    const { ambient, bound } = boundOn(26);
    const { low, high } = physicsRange(ambient);
    expect(bound.cards).toBeGreaterThan(hot + 30);
    expect(bound.cards).toBeGreaterThanOrEqual(low);
    expect(bound.cards).toBeLessThanOrEqual(high);
  });

  it('is a schedule that really never reaches the cut-off, inside the service hours', () => {
    const { ambient, bound } = boundOn('palembang-hot-day');
    const working = { heaterOn: true, cardInPrinter: true };
    const idle = { heaterOn: true, cardInPrinter: false };
    // Replay it from 07:00, the heater on when the bound switched it on, and watch every card's end.
    const heaterOnMs = bound.heaterOnMs ?? 0;
    expect(heaterOnMs).toBeGreaterThan(at('07:55'));
    let state = { internalC: ambient(at('07:00')), rollerC: ambient(at('07:00')) };
    state = advanceThermal(
      state,
      { heaterOn: false, cardInPrinter: false },
      at('07:00'),
      heaterOnMs,
      profile,
      ambient,
    );
    let t = heaterOnMs;
    let peak = 0;
    for (const start of bound.startsMs) {
      expect(start).toBeGreaterThanOrEqual(t);
      state = advanceThermal(state, idle, t, start, profile, ambient);
      state = advanceThermal(state, working, start, start + cycleMs, profile, ambient);
      peak = Math.max(peak, state.internalC);
      t = start + cycleMs;
    }
    expect(peak).toBeLessThan(profile.thermal.cutoffC);
    // …and runs at the limit: a greedy schedule has nothing to spare.
    expect(peak).toBeGreaterThan(profile.thermal.cutoffC - 0.5);
    expect(bound.startsMs[0]).toBe(at('08:00'));
    expect(bound.startsMs.at(-1)).toBeLessThan(at('16:00'));
  });
});
