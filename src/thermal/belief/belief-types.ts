import type { PriorSpread } from './particle-set.js';

/** The shapes of a printer's thermal belief as callers, the store and the API see them. */

export interface BeliefOptions {
  readonly particles?: number;
  readonly seed?: number;
  /** Plan against this quantile of the next card's predicted peak; default 0.9. */
  readonly quantile?: number;
  readonly spread?: PriorSpread;
  /**
   * The room is measured (`site.roomSensor`): what the hypotheses miss is not put down to the
   * room, and their room offsets stay near 0.
   */
  readonly roomKnown?: boolean;
}

export interface BeliefEvidence {
  /** Cards that ended without a shut-off. */
  readonly cards: number;
  readonly shutoffs: number;
  readonly returns: number;
  readonly readings: number;
  /** Shut-offs the belief gave less than a 10 % chance. */
  readonly surprises: number;
}

/** A figure as believed: the weighted mean and a 90 % band. */
export interface Estimate {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface BeliefSummary {
  readonly heatPerCardC: Estimate;
  readonly timeConstantMinutes: Estimate;
  readonly heaterOffsetC: Estimate;
  readonly roomOffsetC: Estimate;
  /** The inside now, °C, over the hypotheses. */
  readonly internalC: Estimate;
  readonly evidence: BeliefEvidence;
  /** Effective hypotheses carrying the weight (of `particles`). */
  readonly effectiveSize: number;
  readonly particles: number;
}

/** What is stored per printer serial so learning survives restarts (the inside is not: it cools). */
export interface StoredBelief {
  readonly version: 1;
  readonly particles: ReadonlyArray<readonly [number, number, number, number, number]>;
  readonly evidence: BeliefEvidence;
}

/**
 * Whether the printer has shut off or come back since `before`: the evidence that moves a belief
 * at once, where cards and readings move it slowly.
 */
export function struckSince(before: BeliefEvidence, now: BeliefEvidence): boolean {
  return now.shutoffs !== before.shutoffs || now.returns !== before.returns;
}

/** The weighted mean and 90 % band of a figure over the hypotheses. */
export function estimate(points: ReadonlyArray<{ v: number; w: number }>): Estimate {
  const sorted = [...points].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((s, p) => s + p.w, 0) || 1;
  const at = (q: number) => {
    let cumulative = 0;
    for (const p of sorted) {
      cumulative += p.w / total;
      if (cumulative >= q) return p.v;
    }
    return sorted.at(-1)?.v ?? 0;
  };
  const mean = sorted.reduce((s, p) => s + p.v * p.w, 0) / total;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { mean: round(mean), low: round(at(0.05)), high: round(at(0.95)) };
}
