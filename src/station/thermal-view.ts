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
export function thermalView(model: PrinterModel, measuredC: number | undefined, nowMs: number) {
  const learning = learningOf(model, nowMs);
  // The mean is read now (it is cheap: the gauges and the chart read it at every scrape); its band,
  // which moves slowly, may be up to a minute old.
  const inside =
    measuredC !== undefined
      ? { source: 'measured' as const, c: measuredC }
      : { ...learning.estimated, c: model.estimatedInsideC() };
  return { inside, ...learning.view };
}

export type ThermalView = ReturnType<typeof thermalView>;

/**
 * Snapshots are taken after every job and station change, many times a minute on a busy fleet,
 * while what has been learnt moves only with evidence (a card, a reading, a shut-off or a return):
 * each model's part is kept until its evidence changes (the belief replaces its evidence record at
 * each piece, and a relearn replaces the belief), and the band of the estimated inside, which drifts
 * with time alone, at most this long.
 */
const BAND_FRESH_MS = 60_000;
const learningCache = new WeakMap<PrinterModel, { readonly atMs: number; readonly learning: Learning }>();

type Learning = ReturnType<typeof freshLearning>;

function learningOf(model: PrinterModel, nowMs: number): Learning {
  const held = learningCache.get(model);
  const fresh = held && nowMs >= held.atMs && nowMs - held.atMs < BAND_FRESH_MS;
  if (held && fresh && held.learning.view.evidence === model.evidence) return held.learning;
  const learning = freshLearning(model);
  learningCache.set(model, { atMs: nowMs, learning });
  return learning;
}

function freshLearning(model: PrinterModel) {
  const belief = model.belief();
  const learnt = learntFigures(belief, model.datasheet);
  return {
    estimated: {
      source: 'estimated' as const,
      c: belief.internalC.mean,
      low: belief.internalC.low,
      high: belief.internalC.high,
    },
    view: {
      learnt,
      /** How much warmer than the site's curve the room is believed to be, °C. */
      roomOffsetC: belief.roomOffsetC,
      evidence: belief.evidence,
      attention: attentionFor(learnt, model.datasheet),
    },
  };
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
