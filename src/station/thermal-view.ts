import type { ProfileConfig } from '../config/profile-schema.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { BeliefEvidence, BeliefSummary, Estimate } from '../thermal/belief/thermal-belief.js';

/** The figures Cetak learns, each beside what the profile says. */
const LEARNT = ['heatPerCardC', 'timeConstantMinutes', 'heaterOffsetC'] as const;
type Learnt = (typeof LEARNT)[number];

/** A learnt figure this far from the datasheet, and sure of it, is worth a technician's look. */
const ATTENTION_SHARE = 0.2;

export interface LearntFigure extends Estimate {
  /** What the profile (the model's datasheet) says. */
  readonly profile: number;
}

/** A station's thermal picture as its snapshot shows it (`thermalSnapshotSchema`). */
export interface ThermalView {
  readonly inside:
    | { readonly source: 'measured'; readonly c: number }
    | { readonly source: 'estimated'; readonly c: number; readonly low: number; readonly high: number };
  readonly learnt: Readonly<Record<Learnt, LearntFigure>>;
  /** How much warmer than the site's curve the room is believed to be, °C. */
  readonly roomOffsetC: Estimate;
  readonly evidence: BeliefEvidence;
  readonly attention: readonly string[];
  /** The inside at which the printer shuts itself off (its profile's: the cut-off is not learnt). */
  readonly cutOffC: number;
}

/**
 * A station's thermal picture for operators: the inside as measured (the printer reports it) or
 * as estimated (with its 90 % band), what has been learnt of the printer against its profile,
 * what that rests on, and which figures are far enough off to look at.
 *
 * Readers look at one part or another (the learning watch at the evidence on every station change,
 * the chart at the inside every half minute, `/api/status` at all), so the evidence and the cut-off
 * are read at once and the rest when first read (enumerable getters: spreading and JSON see plain
 * fields), once. What was learnt is read from the belief's hypotheses without solving anything
 * forward, and kept until the evidence changes (below): after every card the learning watch looks
 * at the evidence alone. The inside is solved forward to the snapshot's instant, which a reader
 * that does not look at it must not cause: where the belief is solved to splits its integration of
 * the room, and so moves what the scheduler decides.
 */
export function thermalView(model: PrinterModel, measuredC: number | undefined, nowMs: number): ThermalView {
  let inside: ThermalView['inside'] | undefined;
  let learning: Learning | undefined;
  const learnt = () => {
    learning ??= learningOf(model);
    return learning;
  };
  return {
    get inside() {
      inside ??=
        measuredC !== undefined
          ? { source: 'measured', c: measuredC }
          : { source: 'estimated', c: model.estimatedInsideC(), ...insideBand(model, nowMs) };
      return inside;
    },
    get learnt() {
      return learnt().learnt;
    },
    get roomOffsetC() {
      return learnt().roomOffsetC;
    },
    evidence: model.evidence,
    get attention() {
      return learnt().attention;
    },
    cutOffC: model.datasheet.thermal.cutoffC,
  };
}

/**
 * What has been learnt moves only with evidence (a card, an anchoring reading, a shut-off or a
 * return: the belief replaces its evidence record at each, and a relearn replaces the belief), so
 * each model's part is kept until its evidence changes: snapshots are taken many times a minute
 * on a busy fleet. The band of the estimated inside also drifts with time: it is kept until the
 * evidence changes and at most this long (its mean is read fresh: it is cheap, and the gauges and
 * the chart read it).
 */
const BAND_FRESH_MS = 60_000;
const learningCache = new WeakMap<PrinterModel, Learning>();
const bandCache = new WeakMap<PrinterModel, Band>();

interface Band {
  readonly atMs: number;
  readonly evidence: BeliefEvidence;
  readonly low: number;
  readonly high: number;
}

interface Learning {
  readonly evidence: BeliefEvidence;
  readonly learnt: Record<Learnt, LearntFigure>;
  readonly roomOffsetC: Estimate;
  readonly attention: string[];
}

function learningOf(model: PrinterModel): Learning {
  const held = learningCache.get(model);
  if (held && held.evidence === model.evidence) return held;
  const belief = model.learnt();
  const learnt = learntFigures(belief, model.datasheet);
  const learning = {
    evidence: belief.evidence,
    learnt,
    roomOffsetC: belief.roomOffsetC,
    attention: attentionFor(learnt, model.datasheet),
  };
  learningCache.set(model, learning);
  return learning;
}

function insideBand(model: PrinterModel, nowMs: number): { readonly low: number; readonly high: number } {
  const held = bandCache.get(model);
  const fresh = held && nowMs >= held.atMs && nowMs - held.atMs < BAND_FRESH_MS;
  if (held && fresh && held.evidence === model.evidence) return { low: held.low, high: held.high };
  const { low, high } = model.estimatedInside();
  bandCache.set(model, { atMs: nowMs, evidence: model.evidence, low, high });
  return { low, high };
}

function learntFigures(
  belief: Omit<BeliefSummary, 'internalC'>,
  datasheet: ProfileConfig,
): Record<Learnt, LearntFigure> {
  return Object.fromEntries(
    LEARNT.map((key) => [key, { ...belief[key], profile: datasheet.thermal[key] }]),
  ) as Record<Learnt, LearntFigure>;
}

/** Plain words for each learnt figure far from the datasheet (and not merely unsure). */
export function attentionFor(learnt: Record<Learnt, LearntFigure>, datasheet: ProfileConfig): string[] {
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
