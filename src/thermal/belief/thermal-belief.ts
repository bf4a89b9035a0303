import { cycleSeconds, type ProfileConfig } from '../../config/profile-schema.js';
import type { Ambient } from '../ambient.js';
import type { ThermalInputs } from '../thermal-model.js';
import type { BeliefEvidence, BeliefOptions, BeliefSummary, Estimate, StoredBelief } from './belief-types.js';
import { estimate } from './belief-types.js';
import { logNormalCdf } from './normal.js';
import { type ParticleParams, ParticleSet, type PriorSpread } from './particle-set.js';

export type { BeliefEvidence, BeliefOptions, BeliefSummary, Estimate, StoredBelief } from './belief-types.js';
export { struckSince } from './belief-types.js';

export const DEFAULT_PRIOR: PriorSpread = { logSigma: 0.03, roomSigmaC: 0.3 };
const DEFAULT_PARTICLES = 64;
/** A measured room is still only one thermometer, somewhere in the room. */
const KNOWN_ROOM_SIGMA_C = 0.1;
/**
 * A card's survival rules out hypotheses that would have been past the cut-off by more than the
 * tolerance, and nothing below it. A softer test would count the same near miss against the true
 * printer on every card of a paced afternoon (the cards are not independent evidence) and drift
 * the belief cooler than the printer.
 */
const SURVIVAL_TOLERANCE_C = 1.5;
const SURVIVAL_SIGMA_C = 0.2;
/** A shut-off is seen a poll or a step timeout after it happened: a looser test, °C. */
const SHUTOFF_SIGMA_C = 1.5;
const RETURN_SIGMA_C = 1;
const READING_SIGMA_C = 0.4;
/**
 * Readings closer together than this carry too little to weigh hypotheses by: over a few polls
 * every hypothesis predicts nearly the same. Between anchors a reading only corrects the inside.
 */
const READING_ANCHOR_MS = 300_000;
/** How much of each reading's estimate of the room's offset is taken. */
const ROOM_GAIN = 0.8;
/** The room may be this far from the site's curve, no further (a broken sensor must not run away). */
const MAX_ROOM_OFFSET_C = 15;
/** The longest span each hypothesis is solved over in one piece (the room is linear in it). */
const SEGMENT_MS = 300_000;
const SURPRISE_BELOW = 0.1;
/** The planning hypothesis is ranked again after this long even without news. */
const RANK_AGAIN_AFTER_MS = 10_000;
/** A return later than this after a shut-off was not the printer's own: it says nothing of τ. */
const MAX_COOLING_MS = 4 * 3_600_000;
/** A learnt time constant stays within these multiples of the datasheet's. */
const TAU_RANGE = [0.5, 2] as const;
/** A shut-off moves a hypothesis's heat by at most this factor (a fault is not a printer twice as hot). */
const MAX_SHUTOFF_SCALE = 1.6;

/**
 * What Cetak believes about one printer's thermal figures, and how sure it is (docs/thermal.md).
 *
 * A particle filter over the figures the datasheet gives (heat per card, cooling time constant,
 * heater offset) and the room's offset from the site's curve. Every hypothesis runs the same
 * Newton model forward on the inputs Cetak knows (heater, a card heating for one cycle), and is
 * weighed, or moved, by what can be seen:
 * - a card that ends without a shut-off: hypotheses past the cut-off lose their weight;
 * - a shut-off: hypotheses still below the cut-off are moved so that they would have reached it,
 *   and the inside is known (it is at the cut-off);
 * - the printer answering again: how long it took to cool to its resume point gives τ;
 * - a temperature reading, where the printer gives them: each hypothesis by how far its prediction
 *   since the last one missed, and what all still miss is put down to the room.
 * The scheduler plans with the hypothesis at `quantile` of the next card's predicted peak, not
 * with the mean: the margin is as wide as the doubt, and narrows as evidence comes in.
 */
export class ThermalBelief {
  readonly datasheet: ProfileConfig;
  readonly #set: ParticleSet;
  readonly #siteAmbient: Ambient;
  readonly #quantile: number;
  readonly #roomKnown: boolean;
  readonly #cycleS: number;
  #atMs: number;
  #inputs: ThermalInputs = { heaterOn: false, cardInPrinter: false };
  /** A card heats for one cycle at most, however late its end is seen. */
  #cardUntilMs = Number.POSITIVE_INFINITY;
  #anchorMs: number | undefined;
  /** The planning hypothesis, until evidence or inputs change or it is a while old. */
  #chosen: { readonly index: number; readonly atMs: number; readonly params: ParticleParams } | undefined;
  #shutoffAtMs: number | undefined;
  #evidence: BeliefEvidence = { cards: 0, shutoffs: 0, returns: 0, readings: 0, surprises: 0 };

  constructor(datasheet: ProfileConfig, siteAmbient: Ambient, nowMs: number, options: BeliefOptions = {}) {
    this.datasheet = datasheet;
    this.#siteAmbient = siteAmbient;
    this.#quantile = options.quantile ?? 0.7;
    this.#roomKnown = options.roomKnown ?? false;
    this.#cycleS = cycleSeconds(datasheet);
    this.#set = new ParticleSet(options.particles ?? DEFAULT_PARTICLES, options.seed ?? 1);
    this.#atMs = nowMs;
    this.#set.drawPrior(
      { ...datasheet.thermal, roomOffsetC: 0 },
      options.spread ??
        (this.#roomKnown ? { ...DEFAULT_PRIOR, roomSigmaC: KNOWN_ROOM_SIGMA_C } : DEFAULT_PRIOR),
      siteAmbient(nowMs),
    );
  }

  get evidence(): BeliefEvidence {
    return this.#evidence;
  }

  /** Solves every hypothesis forward to `nowMs` with the inputs as they were. */
  advanceTo(nowMs: number): void {
    if (nowMs <= this.#atMs) return;
    const set = this.#set;
    const { heaterOn } = this.#inputs;
    for (let t = this.#atMs; t < nowMs; ) {
      const cardInPrinter = this.#inputs.cardInPrinter && t < this.#cardUntilMs;
      const next = Math.min(nowMs, t + SEGMENT_MS, cardInPrinter ? this.#cardUntilMs : nowMs);
      const dt = (next - t) / 1000;
      const a0 = this.#siteAmbient(t);
      const slope = (this.#siteAmbient(next) - a0) / dt;
      for (let i = 0; i < set.size; i++) {
        const tau = (set.tau[i] ?? 1) * 60;
        const decay = Math.exp(-dt / tau);
        const room = a0 + (set.room[i] ?? 0) - slope * tau;
        const alpha =
          room +
          (heaterOn ? (set.offset[i] ?? 0) : 0) +
          (cardInPrinter ? ((set.heat[i] ?? 0) / this.#cycleS) * tau : 0);
        set.temp[i] = alpha + slope * dt + ((set.temp[i] ?? 0) - alpha) * decay;
        set.passive[i] = room + slope * dt + ((set.passive[i] ?? 0) - room) * decay;
        const heater = heaterOn ? (set.offset[i] ?? 0) : 0;
        set.heaterShare[i] = heater + ((set.heaterShare[i] ?? 0) - heater) * decay;
      }
      t = next;
    }
    this.#atMs = nowMs;
  }

  /** The heater and the card from `nowMs` on. */
  setInputs(nowMs: number, inputs: ThermalInputs): void {
    this.advanceTo(nowMs);
    if (inputs.cardInPrinter && !this.#inputs.cardInPrinter) this.#cardUntilMs = nowMs + this.#cycleS * 1000;
    this.#inputs = inputs;
    this.#chosen = undefined;
  }

  /** A card ended and the printer did not shut off: it stayed below its cut-off. */
  cardEnded(nowMs: number): void {
    this.#chosen = undefined;
    this.advanceTo(nowMs);
    const cutoff = this.datasheet.thermal.cutoffC;
    this.#set.reweigh((i) =>
      logNormalCdf((cutoff + SURVIVAL_TOLERANCE_C - this.#temp(i)) / SURVIVAL_SIGMA_C),
    );
    this.#evidence = { ...this.#evidence, cards: this.#evidence.cards + 1 };
    this.#settle(0);
  }

  /**
   * The printer shut itself off to cool: it reached its cut-off, and is there now. Each hypothesis
   * still below it is moved so that it would have reached it: the lack is split between its heat
   * per card and its heater offset (the cards' and the heater's shares of the inside are linear in
   * them). They are weighed first, so the ones that needed the least moving count most.
   */
  shutOff(nowMs: number): void {
    this.#chosen = undefined;
    this.advanceTo(nowMs);
    const cutoff = this.datasheet.thermal.cutoffC;
    const set = this.#set;
    const expected = set.reweigh((i) => logNormalCdf((this.#temp(i) - cutoff) / SHUTOFF_SIGMA_C));
    for (let i = 0; i < set.size; i++) {
      const lacking = cutoff - this.#temp(i);
      const heaterShare = set.heaterShare[i] ?? 0;
      const cardShare = this.#temp(i) - (set.passive[i] ?? 0) - heaterShare;
      if (lacking <= 0) continue;
      // One shut-off cannot tell hotter cards from a hotter heater. Each hypothesis puts its own
      // share of the lack on the cards and the rest on the heater (shares spread evenly over the
      // set), so the set holds every split, and the cautious quantile the scheduler plans with
      // takes the split that is worst for the pace at hand. Putting it all on the cards paces
      // a hotter-carded printer faster but lets a hotter-heated one shut off twice
      // (docs/thermal.md).
      const onCards = cardShare > 0.05 ? (heaterShare > 0.05 ? blendOf(i) : 1) : 0;
      if (onCards > 0)
        set.heat[i] = (set.heat[i] ?? 0) * Math.min(MAX_SHUTOFF_SCALE, 1 + (onCards * lacking) / cardShare);
      if (onCards < 1 && heaterShare > 0.05)
        set.offset[i] =
          (set.offset[i] ?? 0) * Math.min(MAX_SHUTOFF_SCALE, 1 + ((1 - onCards) * lacking) / heaterShare);
    }
    const surprised = expected < SURPRISE_BELOW;
    this.#evidence = {
      ...this.#evidence,
      shutoffs: this.#evidence.shutoffs + 1,
      surprises: this.#evidence.surprises + (surprised ? 1 : 0),
    };
    this.#set.temp.fill(cutoff);
    this.#set.passiveAtShutoff.set(this.#set.passive);
    this.#shutoffAtMs = nowMs;
    this.#set.gap.fill(0);
    // A printer that surprises widens the doubt again, so the next days plan with more margin.
    if (surprised) this.#set.resample(2);
    else this.#settle(1);
  }

  /**
   * The printer answers again after a shut-off: it has cooled from its cut-off to its resume
   * point. It comes back on its own as soon as it may (as the reference printer does), so how long
   * that took times its cooling: with the heater off the heated share of the inside decays as
   * e^(−t/τ), so τ = Δt / ln((cut-off − room share then) / (resume − room share now)). A printer
   * switched on late by hand only makes τ look longer, which errs on the safe side.
   */
  returned(nowMs: number): void {
    this.#chosen = undefined;
    this.advanceTo(nowMs);
    const resume = this.datasheet.thermal.resumeBelowC;
    const cutoff = this.datasheet.thermal.cutoffC;
    const set = this.#set;
    const since = this.#shutoffAtMs === undefined ? undefined : nowMs - this.#shutoffAtMs;
    if (since !== undefined && since > 0 && since <= MAX_COOLING_MS) {
      const rated = this.datasheet.thermal.timeConstantMinutes;
      for (let i = 0; i < set.size; i++) {
        const from = cutoff - (set.passiveAtShutoff[i] ?? 0);
        const to = resume - (set.passive[i] ?? 0);
        if (from <= 0 || to <= 0 || from <= to) continue;
        const tau = since / 60_000 / Math.log(from / to);
        set.tau[i] = Math.max(rated * TAU_RANGE[0], Math.min(rated * TAU_RANGE[1], tau));
      }
    }
    this.#shutoffAtMs = undefined;
    this.#set.reweigh((i) => logNormalCdf((resume - this.#temp(i)) / RETURN_SIGMA_C));
    for (let i = 0; i < this.#set.size; i++) this.#set.temp[i] = Math.min(this.#set.temp[i] ?? 0, resume);
    this.#evidence = { ...this.#evidence, returns: this.#evidence.returns + 1 };
    this.#settle(1);
  }

  /** The printer's own reading of its inside. */
  reading(nowMs: number, internalC: number): void {
    this.#chosen = undefined;
    this.advanceTo(nowMs);
    const set = this.#set;
    if (
      this.#anchorMs === undefined ||
      nowMs < this.#anchorMs ||
      nowMs - this.#anchorMs >= READING_ANCHOR_MS
    ) {
      if (this.#anchorMs !== undefined && nowMs > this.#anchorMs) {
        set.reweigh((i) => -0.5 * (((set.temp[i] ?? 0) - internalC) / READING_SIGMA_C) ** 2);
        if (!this.#roomKnown) this.#moveRoom(nowMs - this.#anchorMs, internalC);
      }
      this.#anchorMs = nowMs;
      set.temp.fill(internalC);
      this.#set.gap.fill(0);
      this.#evidence = { ...this.#evidence, readings: this.#evidence.readings + 1 };
      this.#settle(1);
      return;
    }
    for (let i = 0; i < set.size; i++) this.#set.gap[i] = internalC - (set.temp[i] ?? 0);
  }

  /**
   * What every hypothesis still misses after the weighing is put down to the room: a room ΔA
   * warmer shows as a reading ΔA·(1 − e^(−Δt/τ)) higher after Δt, so the miss over that factor
   * estimates ΔA, and half of it is taken. With the heater on, a warmer room and a larger heater
   * offset look alike from readings; the room is the one that also moves every other prediction.
   */
  #moveRoom(sinceMs: number, internalC: number): void {
    const set = this.#set;
    for (let i = 0; i < set.size; i++) {
      const weight = 1 - Math.exp(-sinceMs / ((set.tau[i] ?? 1) * 60_000));
      const miss = internalC - (set.temp[i] ?? 0);
      const room = (set.room[i] ?? 0) + (ROOM_GAIN * miss) / weight;
      set.room[i] = Math.max(-MAX_ROOM_OFFSET_C, Math.min(MAX_ROOM_OFFSET_C, room));
    }
  }

  /**
   * The hypothesis to plan with now: the one at `quantile` of the next card's predicted peak.
   * Its inside is corrected by the last reading, where there are readings.
   */
  planning(nowMs: number): { readonly params: ParticleParams; readonly internalC: number } {
    this.advanceTo(nowMs);
    const held = this.#chosen;
    // The ranking moves only with evidence, inputs, or the room over minutes: a forecast that
    // asks hundreds of times in a second gets the same hypothesis, advanced to its instant.
    if (held && nowMs >= held.atMs && nowMs - held.atMs < RANK_AGAIN_AFTER_MS)
      return { params: held.params, internalC: this.#temp(held.index) };
    const index = this.#rank(nowMs);
    this.#chosen = { index, atMs: nowMs, params: this.#set.params(index) };
    return { params: this.#chosen.params, internalC: this.#temp(index) };
  }

  /** The hypothesis at `quantile` of the next card's predicted peak. */
  #rank(nowMs: number): number {
    const set = this.#set;
    const ambient = this.#siteAmbient(nowMs);
    const peaks: Array<{ i: number; peak: number }> = [];
    for (let i = 0; i < set.size; i++) {
      const tau = (set.tau[i] ?? 1) * 60;
      const settle =
        ambient + (set.room[i] ?? 0) + (set.offset[i] ?? 0) + ((set.heat[i] ?? 0) / this.#cycleS) * tau;
      const peak = settle + (this.#temp(i) - settle) * Math.exp(-this.#cycleS / tau);
      peaks.push({ i, peak });
    }
    peaks.sort((a, b) => a.peak - b.peak);
    let cumulative = 0;
    let chosen = peaks.at(-1)?.i ?? 0;
    for (const { i } of peaks) {
      cumulative += set.weight(i);
      if (cumulative >= this.#quantile) {
        chosen = i;
        break;
      }
    }
    return chosen;
  }

  /** The inside's weighted mean over the hypotheses now, °C: the cheap part of `summary`. */
  meanInsideC(nowMs: number): number {
    this.advanceTo(nowMs);
    let mean = 0;
    for (let i = 0; i < this.#set.size; i++) mean += this.#set.weight(i) * this.#temp(i);
    return mean;
  }

  summary(nowMs: number): BeliefSummary {
    const { evidence, effectiveSize, particles, ...figures } = this.learnt();
    return { ...figures, internalC: this.insideEstimate(nowMs), evidence, effectiveSize, particles };
  }

  /**
   * What has been learnt of the printer (its figures, the room's offset, the evidence): it moves
   * only with evidence, never with time, so reading it solves nothing forward.
   */
  learnt(): Omit<BeliefSummary, 'internalC'> {
    const set = this.#set;
    const of = (values: Float64Array) => estimate(Array.from(values, (v, i) => ({ v, w: set.weight(i) })));
    return {
      heatPerCardC: of(set.heat),
      timeConstantMinutes: of(set.tau),
      heaterOffsetC: of(set.offset),
      roomOffsetC: of(set.room),
      evidence: this.#evidence,
      effectiveSize: Math.round(set.effectiveSize() * 10) / 10,
      particles: set.size,
    };
  }

  /** The inside now over the hypotheses, with its 90 % band: the part of `summary` that moves with time. */
  insideEstimate(nowMs: number): Estimate {
    this.advanceTo(nowMs);
    const set = this.#set;
    return estimate(Array.from(set.temp, (_, i) => ({ v: this.#temp(i), w: set.weight(i) })));
  }

  toStored(): StoredBelief {
    const set = this.#set;
    return {
      version: 1,
      particles: Array.from({ length: set.size }, (_, i) => [
        set.heat[i] ?? 0,
        set.tau[i] ?? 0,
        set.offset[i] ?? 0,
        set.room[i] ?? 0,
        set.logW[i] ?? 0,
      ]),
      evidence: this.#evidence,
    };
  }

  /** Takes up a stored belief (same number of hypotheses); the insides stay this belief's own (after a restart: the room). */
  restore(stored: StoredBelief, nowMs: number): void {
    this.#chosen = undefined;
    const set = this.#set;
    if (stored.version !== 1 || stored.particles.length !== set.size) return;
    this.advanceTo(nowMs);
    stored.particles.forEach(([heat, tau, offset, room, logW], i) => {
      set.heat[i] = heat;
      set.tau[i] = tau;
      set.offset[i] = offset;
      set.room[i] = room;
      set.logW[i] = logW;
    });
    this.#evidence = stored.evidence;
  }

  #temp(i: number): number {
    return (this.#set.temp[i] ?? 0) + (this.#set.gap[i] ?? 0);
  }

  /** Resamples when the weight has gathered on too few hypotheses (`widen` 0: without moving them). */
  #settle(widen: number): void {
    if (this.#set.effectiveSize() < this.#set.size / 2) this.#set.resample(widen);
  }
}

/** Hypothesis i's share of a shut-off's lack put on its cards: spread evenly over [0, 1). */
function blendOf(i: number): number {
  return (i * 0.618_033_988_75) % 1;
}
