import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/config/profile-schema.js';
import { ThermalBelief } from '../../src/thermal/belief/thermal-belief.js';

// Hand-worked Newton cooling: a card adds `heat` spread over its 65 s cycle, so over the cycle the
// inside rises by rate·τ·(1 − e^(−65/τ)) with rate = heat/65 °C/s.
const TAU_S = 25 * 60;
const CYCLE_S = 65;
const cardRise = (heat: number) => (heat / CYCLE_S) * TAU_S * (1 - Math.exp(-CYCLE_S / TAU_S));

const room = () => 30;
const HEATER = { heaterOn: true, cardInPrinter: false } as const;
const CARD = { heaterOn: true, cardInPrinter: true } as const;
const exact = { logSigma: 0, roomSigmaC: 0 };

function profile(cutoffC: number) {
  return profileSchema.parse({
    printSeconds: 45,
    encodeSeconds: 20,
    thermal: { timeConstantMinutes: 25, heaterOffsetC: 5, heatPerCardC: 2, cutoffC, resumeBelowC: 35 },
  });
}

describe('thermal belief', () => {
  it('runs every hypothesis on Newton cooling: one time constant of heater brings the room 5 °C up by 1 − 1/e', () => {
    const belief = new ThermalBelief(profile(56), room, 0, { spread: exact });
    belief.setInputs(0, HEATER);
    expect(belief.summary(TAU_S * 1000).internalC.mean).toBeCloseTo(30 + 5 * (1 - Math.exp(-1)), 1);
    expect(belief.summary(20 * TAU_S * 1000).internalC.mean).toBeCloseTo(35, 1);
  });

  it('a card heats by the worked rise and stops heating after its cycle however late its end is seen', () => {
    const belief = new ThermalBelief(profile(56), room, 0, { spread: exact });
    belief.setInputs(0, HEATER);
    const settled = 30 * TAU_S * 1000;
    belief.setInputs(settled, CARD);
    // Seen ending 10 minutes late: the heat stopped at 65 s, then it cooled back towards 35 °C.
    const rise = cardRise(2);
    const late = 600;
    const expected = 35 + rise * Math.exp(-(late - CYCLE_S) / TAU_S);
    expect(belief.summary(settled + late * 1000).internalC.mean).toBeCloseTo(expected, 1);
  });

  it('moves heat per card and heater offset so a shut-off it did not expect would have happened', () => {
    const belief = new ThermalBelief(profile(37.5), room, 0, { spread: exact });
    belief.setInputs(0, HEATER);
    const settled = 30 * TAU_S * 1000;
    belief.setInputs(settled, CARD);
    belief.shutOff(settled + CYCLE_S * 1000);
    // Inside at the card's end: 30 + 5 (heater) + rise (the card), 0.54 °C short of 37.5. Both
    // shares are linear in their figure, so whatever split each hypothesis takes,
    // (heat/2 − 1)·rise + (offset − 5) = the lack, and so does the mean of them.
    const rise = cardRise(2);
    const lack = 37.5 - 35 - rise;
    const after = belief.summary(settled + CYCLE_S * 1000);
    const { mean: heat } = after.heatPerCardC;
    const { mean: offset } = after.heaterOffsetC;
    expect((heat / 2 - 1) * rise + (offset - 5)).toBeCloseTo(lack, 1);
    expect(heat).toBeGreaterThan(2.05);
    expect(offset).toBeGreaterThan(5.05);
    expect(after.internalC.mean).toBeCloseTo(37.5, 5);
    // Half a degree short is within how late a shut-off may be seen: no surprise.
    expect(after.evidence).toMatchObject({ shutoffs: 1, surprises: 0 });
  });

  it('times its cooling by how long the printer took to come back after a shut-off', () => {
    const belief = new ThermalBelief(profile(40), room, 0, { spread: exact });
    belief.setInputs(0, HEATER);
    const settled = 30 * TAU_S * 1000;
    belief.setInputs(settled, CARD);
    const off = settled + CYCLE_S * 1000;
    belief.shutOff(off);
    belief.setInputs(off, { heaterOn: false, cardInPrinter: false });
    // Cooling from 40 towards the 30 °C room it reaches the resume point 35 after τ·ln(10/5);
    // it came back after 30 minutes, so τ = 30 / ln 2 = 43.3 min (the profile said 25).
    belief.returned(off + 30 * 60_000);
    expect(belief.summary(off + 30 * 60_000).timeConstantMinutes.mean).toBeCloseTo(30 / Math.LN2, 1);
  });

  it('a card that ends without a shut-off rules out the hypotheses that would have been past the cut-off', () => {
    const options = { spread: { logSigma: 0.2, roomSigmaC: 0 }, seed: 7 };
    const settled = 30 * TAU_S * 1000;
    const end = settled + CYCLE_S * 1000;
    // Twins from the same seed: one is told the card ended without a shut-off, one is not.
    const [belief, unaware] = [0, 1].map(() => {
      const twin = new ThermalBelief(profile(35.5), room, 0, options);
      twin.setInputs(0, HEATER);
      twin.setInputs(settled, CARD);
      return twin;
    }) as [ThermalBelief, ThermalBelief];
    belief.cardEnded(end);
    const before = unaware.summary(end);
    const after = belief.summary(end);
    // The settled inside is 30 + offset, the card adds ~0.98·heat: hypotheses more than 1.5 °C
    // past the cut-off are gone, so the offset's mean falls and the hottest prediction left is
    // at most the cut-off + 1.5.
    expect(after.heaterOffsetC.mean).toBeLessThan(before.heaterOffsetC.mean);
    expect(after.internalC.high).toBeLessThanOrEqual(35.5 + 1.5 + 0.1);
    expect(before.internalC.high).toBeGreaterThan(37.5);
  });

  it('plans against a cautious hypothesis: the next card runs hotter on it than on most of the others', () => {
    const belief = new ThermalBelief(profile(56), room, 0, {
      spread: { logSigma: 0.1, roomSigmaC: 0.5 },
      seed: 3,
    });
    belief.setInputs(0, HEATER);
    const now = 30 * TAU_S * 1000;
    const { params, internalC } = belief.planning(now);
    const peak = (offset: number, roomOffset: number, heat: number, tauMin: number, from: number) => {
      const tau = tauMin * 60;
      const settle = 30 + roomOffset + offset + (heat / CYCLE_S) * tau;
      return settle + (from - settle) * Math.exp(-CYCLE_S / tau);
    };
    const planned = peak(
      params.heaterOffsetC,
      params.roomOffsetC,
      params.heatPerCardC,
      params.timeConstantMinutes,
      internalC,
    );
    const s = belief.summary(now);
    const typical = peak(
      s.heaterOffsetC.mean,
      s.roomOffsetC.mean,
      s.heatPerCardC.mean,
      s.timeConstantMinutes.mean,
      s.internalC.mean,
    );
    expect(planned).toBeGreaterThan(typical);
  });

  it('keeps what it learnt through a store round trip', () => {
    const belief = new ThermalBelief(profile(40), room, 0, { spread: exact });
    belief.setInputs(0, HEATER);
    belief.setInputs(30 * TAU_S * 1000, CARD);
    belief.shutOff(30 * TAU_S * 1000 + CYCLE_S * 1000);
    const stored = JSON.parse(JSON.stringify(belief.toStored()));
    const again = new ThermalBelief(profile(40), room, 0, { spread: exact });
    again.restore(stored, 0);
    expect(again.summary(0).heatPerCardC.mean).toBeCloseTo(belief.summary(0).heatPerCardC.mean, 6);
    expect(again.evidence.shutoffs).toBe(1);
  });
});
