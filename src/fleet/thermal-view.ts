import type { ProfileConfig } from '../config/profile-schema.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { BeliefSummary, Estimate } from '../thermal/belief/thermal-belief.js';

/** The figures Cetak learns, each beside what the profile says. */
const LEARNT = ['heatPerCardC', 'timeConstantMinutes', 'heaterOffsetC'] as const;
type Learnt = (typeof LEARNT)[number];

/** A learnt figure this far from the datasheet, and sure of it, is worth a technician's look. */
const ATTENTION_SHARE = 0.2;

export interface LearntFigure extends Estimate {
  /** What the profile (the model's datasheet) says. */
  readonly profile: number;
}

/**
 * A station's thermal picture for operators: the inside as measured (the printer reports it) or
 * as estimated (with its 90 % band), what has been learnt of the printer against its profile,
 * what that rests on, and which figures are far enough off to look at.
 */
export function thermalView(model: PrinterModel, measuredC: number | undefined) {
  const belief = model.belief();
  const learnt = learntFigures(belief, model.datasheet);
  return {
    inside:
      measuredC !== undefined
        ? { source: 'measured' as const, c: measuredC }
        : {
            source: 'estimated' as const,
            c: belief.internalC.mean,
            low: belief.internalC.low,
            high: belief.internalC.high,
          },
    learnt,
    /** How much warmer than the site's curve the room is believed to be, °C. */
    roomOffsetC: belief.roomOffsetC,
    evidence: belief.evidence,
    attention: attentionFor(learnt, model.datasheet),
  };
}

export type ThermalView = ReturnType<typeof thermalView>;

/** What a technician should look at on this printer now, in plain words (empty: nothing). */
export function thermalAttention(model: PrinterModel): string[] {
  return attentionFor(learntFigures(model.belief(), model.datasheet), model.datasheet);
}

function learntFigures(belief: BeliefSummary, datasheet: ProfileConfig): Record<Learnt, LearntFigure> {
  return Object.fromEntries(
    LEARNT.map((key) => [key, { ...belief[key], profile: datasheet.thermal[key] }]),
  ) as Record<Learnt, LearntFigure>;
}

/** Plain words for each learnt figure far from the datasheet (and not merely unsure). */
function attentionFor(learnt: Record<Learnt, LearntFigure>, datasheet: ProfileConfig): string[] {
  const words: Record<Learnt, [string, string]> = {
    heatPerCardC: ['heats more per card than its profile says', 'heats less per card than its profile says'],
    timeConstantMinutes: [
      'cools more slowly than its profile says (dust, a failing fan?)',
      'cools faster than its profile says',
    ],
    heaterOffsetC: ['runs hotter at idle than its profile says', 'runs cooler at idle than its profile says'],
  };
  return LEARNT.flatMap((key) => {
    const { mean, low, high } = learnt[key];
    const rated = datasheet.thermal[key];
    if (rated <= 0 || Math.abs(mean - rated) / rated < ATTENTION_SHARE) return [];
    if (low <= rated && rated <= high) return [];
    const [hotter, cooler] = words[key];
    return [`${mean > rated ? hotter : cooler}: ${mean} against ${rated}`];
  });
}
