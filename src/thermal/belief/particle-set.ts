import { createPrng } from '../../util/prng.js';

/**
 * A weighted set of hypotheses about one printer's thermal figures (a particle filter over static
 * parameters). Each particle is a whole printer: heat per card, cooling time constant, heater
 * offset, how much warmer the room is than believed, and its own inside temperature. Stored as
 * parallel typed arrays: a day of updates on a fleet touches them millions of times.
 */
export interface ParticleParams {
  readonly heatPerCardC: number;
  readonly timeConstantMinutes: number;
  readonly heaterOffsetC: number;
  readonly roomOffsetC: number;
}

/** The spread of a first guess: the profile's figures are seldom off by more than a quarter. */
export interface PriorSpread {
  /** Standard deviation of log(heat per card), log(time constant), log(heater offset). */
  readonly logSigma: number;
  /** Standard deviation of the room's offset from the site's curve, °C. */
  readonly roomSigmaC: number;
}

export class ParticleSet {
  readonly size: number;
  readonly heat: Float64Array;
  readonly tau: Float64Array;
  readonly offset: Float64Array;
  readonly room: Float64Array;
  /** Log weights, kept normalised so that their exponentials sum to 1. */
  readonly logW: Float64Array;
  /** Each hypothesis's inside temperature now, °C. */
  readonly temp: Float64Array;
  /**
   * What each hypothesis's inside would be had the heater and the cards never run: the room's
   * share of `temp`. The rest grows in proportion to heat per card and heater offset, which is
   * what lets a shut-off say by how much they are too low.
   */
  readonly passive: Float64Array;
  /**
   * Measured minus predicted at the last reading, per hypothesis: corrects its inside between the
   * readings it is weighed by. Kept with the hypothesis, so a resample carries it along.
   */
  readonly gap: Float64Array;
  /** The heater's share of `temp` (what it would be above `passive` had no card run). */
  readonly heaterShare: Float64Array;
  /** `passive` as it was at the last shut-off: the room's share then, to time the cooling by. */
  readonly passiveAtShutoff: Float64Array;
  readonly #random: () => number;

  constructor(size: number, seed: number) {
    this.size = size;
    this.heat = new Float64Array(size);
    this.tau = new Float64Array(size);
    this.offset = new Float64Array(size);
    this.room = new Float64Array(size);
    this.logW = new Float64Array(size).fill(-Math.log(size));
    this.temp = new Float64Array(size);
    this.passive = new Float64Array(size);
    this.heaterShare = new Float64Array(size);
    this.gap = new Float64Array(size);
    this.passiveAtShutoff = new Float64Array(size);
    this.#random = createPrng(seed);
  }

  /** Spreads the particles around `centre` (deterministically for a seed), equally weighted. */
  drawPrior(centre: ParticleParams, spread: PriorSpread, tempC: number): void {
    for (let i = 0; i < this.size; i++) {
      this.heat[i] = centre.heatPerCardC * Math.exp(spread.logSigma * this.#normal());
      this.tau[i] = centre.timeConstantMinutes * Math.exp(spread.logSigma * this.#normal());
      this.offset[i] = centre.heaterOffsetC * Math.exp(spread.logSigma * this.#normal());
      this.room[i] = centre.roomOffsetC + spread.roomSigmaC * this.#normal();
      this.temp[i] = tempC;
      this.passive[i] = tempC;
    }
    this.logW.fill(-Math.log(this.size));
  }

  weight(i: number): number {
    return Math.exp(this.logW[i] ?? Number.NEGATIVE_INFINITY);
  }

  params(i: number): ParticleParams {
    return {
      heatPerCardC: this.heat[i] ?? 0,
      timeConstantMinutes: this.tau[i] ?? 1,
      heaterOffsetC: this.offset[i] ?? 0,
      roomOffsetC: this.room[i] ?? 0,
    };
  }

  /**
   * Multiplies each weight by `exp(logLikelihood(i))` and normalises. Returns the evidence's
   * probability under the set before the update (how expected it was), in [0, 1].
   */
  reweigh(logLikelihood: (i: number) => number): number {
    let max = Number.NEGATIVE_INFINITY;
    const next = new Float64Array(this.size);
    let expected = 0;
    for (let i = 0; i < this.size; i++) {
      const ll = logLikelihood(i);
      expected += this.weight(i) * Math.exp(ll);
      next[i] = (this.logW[i] ?? 0) + ll;
      if ((next[i] ?? 0) > max) max = next[i] ?? 0;
    }
    // Evidence no hypothesis explains: keep the old weights rather than divide by zero.
    if (!Number.isFinite(max)) return 0;
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += Math.exp((next[i] ?? 0) - max);
    const norm = max + Math.log(sum);
    for (let i = 0; i < this.size; i++) this.logW[i] = (next[i] ?? 0) - norm;
    return expected;
  }

  /** Effective number of particles: N when equally weighted, 1 when one carries everything. */
  effectiveSize(): number {
    let sumSq = 0;
    for (let i = 0; i < this.size; i++) sumSq += this.weight(i) ** 2;
    return sumSq > 0 ? 1 / sumSq : 0;
  }

  /**
   * Systematic resampling, then a Liu–West move: each copy is pulled towards the mean by `1 − a`
   * and jittered so the spread stays what it was (`widen` > 1 makes it wider, after a surprise).
   * Without the jitter a filter over fixed parameters collapses onto a few survivors. `widen` 0
   * copies without moving: after evidence that only rules hypotheses out (a card that did not
   * shut the printer off), a move would pull the survivors below the ruled-out ones a little
   * further each time, a ratchet that walks the belief cooler than the printer over days.
   */
  resample(widen = 1, shrink = 0.97, floorLogSigma = 0.02): void {
    if (widen === 0) this.#resampleWith(1, 0, 0);
    else this.#resampleWith(shrink, widen, floorLogSigma);
  }

  #resampleWith(shrink: number, widen: number, floorLogSigma: number): void {
    const n = this.size;
    const picks = new Int32Array(n);
    const step = 1 / n;
    let u = this.#random() * step;
    let cumulative = this.weight(0);
    let j = 0;
    for (let i = 0; i < n; i++) {
      while (u > cumulative && j < n - 1) cumulative += this.weight(++j);
      picks[i] = j;
      u += step;
    }
    const logs = [this.heat, this.tau, this.offset].map((values) => {
      const copied = Array.from(picks, (k) => Math.log(Math.max(1e-6, values[k] ?? 0)));
      return { values, moved: this.#liuWest(copied, widen, shrink, floorLogSigma) };
    });
    for (const { values, moved } of logs) for (let i = 0; i < n; i++) values[i] = Math.exp(moved[i] ?? 0);
    const rooms = this.#liuWest(
      Array.from(picks, (k) => this.room[k] ?? 0),
      widen,
      shrink,
      widen === 0 ? 0 : 0.1,
    );
    const temps = Array.from(picks, (k) => this.temp[k] ?? 0);
    const passives = Array.from(picks, (k) => this.passive[k] ?? 0);
    const atShutoff = Array.from(picks, (k) => this.passiveAtShutoff[k] ?? 0);
    const heaterShares = Array.from(picks, (k) => this.heaterShare[k] ?? 0);
    const gaps = Array.from(picks, (k) => this.gap[k] ?? 0);
    for (let i = 0; i < n; i++) {
      this.room[i] = rooms[i] ?? 0;
      this.temp[i] = temps[i] ?? 0;
      this.passive[i] = passives[i] ?? 0;
      this.passiveAtShutoff[i] = atShutoff[i] ?? 0;
      this.heaterShare[i] = heaterShares[i] ?? 0;
      this.gap[i] = gaps[i] ?? 0;
    }
    this.logW.fill(-Math.log(n));
  }

  #liuWest(values: readonly number[], widen: number, shrink: number, floorSigma: number): number[] {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    const sigma = Math.sqrt(Math.max(variance * widen, floorSigma ** 2) * (1 - shrink ** 2));
    if (sigma === 0) return [...values];
    return values.map((v) => shrink * v + (1 - shrink) * mean + sigma * this.#normal());
  }

  /** A standard normal draw (Box–Muller). */
  #normal(): number {
    const u = Math.max(1e-12, this.#random());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.#random());
  }
}
