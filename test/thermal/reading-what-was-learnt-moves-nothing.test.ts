import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/config/profile-schema.js';
import { ThermalBelief } from '../../src/thermal/belief/thermal-belief.js';

// A room that is not linear over minutes: where the belief is solved forward to splits its
// integration of the room, so a read that solved it forward would move what the scheduler plans with.
const room = (ms: number) => 28 + 4 * Math.sin(ms / 3_600_000);
const HEATER = { heaterOn: true, cardInPrinter: false } as const;
const CARD = { heaterOn: true, cardInPrinter: true } as const;
const profile = profileSchema.parse({
  printSeconds: 45,
  encodeSeconds: 20,
  thermal: { timeConstantMinutes: 25, heaterOffsetC: 5, heatPerCardC: 2, cutoffC: 56, resumeBelowC: 45 },
});

/** Cards every 2 minutes for an hour; `look` is called every 7 s in between. */
function day(look: (belief: ThermalBelief, nowMs: number) => void): ThermalBelief {
  const belief = new ThermalBelief(profile, room, 0, { seed: 3 });
  belief.setInputs(0, HEATER);
  for (let ms = 0; ms < 3_600_000; ms += 7_000) {
    if (ms % 120_000 === 0) belief.setInputs(ms, CARD);
    if (ms % 120_000 === 70_000) {
      belief.cardEnded(ms);
      belief.setInputs(ms, HEATER);
    }
    look(belief, ms);
  }
  return belief;
}

describe('reading what a belief has learnt', () => {
  it('solves nothing forward: a belief read every few seconds plans as one never read', () => {
    const read = day((belief) => belief.learnt());
    const unread = day(() => undefined);
    const end = 3_600_000;
    expect(read.planning(end)).toEqual(unread.planning(end));
    expect(read.summary(end)).toEqual(unread.summary(end));
  });

  it('is what the summary says of the printer, without the inside', () => {
    const belief = day(() => undefined);
    const { internalC, ...learnt } = belief.summary(3_600_000);
    expect(belief.learnt()).toEqual(learnt);
    expect(internalC).toEqual(belief.insideEstimate(3_600_000));
  });
});
