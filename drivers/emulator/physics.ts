import type { ProfileConfig } from '../../src/config/profile-schema.js';
import type { Ambient } from '../../src/thermal/ambient.js';
import {
  advanceThermal,
  rollerHeatingMs,
  steadyInternalC,
  type ThermalInputs,
  type ThermalState,
  timeUntil,
} from '../../src/thermal/thermal-model.js';

/**
 * The printer's temperatures, computed lazily: the state is solved forward only when it is read
 * or an input changes, and future crossings are predicted so the machine can set one timer for
 * each instead of ticking.
 */
export class Physics {
  readonly #profile: ProfileConfig;
  readonly #ambient: Ambient;
  #state: ThermalState;
  #atMs: number;
  #inputs: ThermalInputs = { heaterOn: false, cardInPrinter: false };

  constructor(profile: ProfileConfig, ambient: Ambient, nowMs: number, initialC?: number) {
    this.#profile = profile;
    this.#ambient = ambient;
    const startC = initialC ?? ambient(nowMs);
    this.#state = { internalC: startC, rollerC: startC };
    this.#atMs = nowMs;
  }

  get inputs(): ThermalInputs {
    return this.#inputs;
  }

  /** The temperatures at `nowMs` (not before the last read). */
  read(nowMs: number): ThermalState {
    if (nowMs > this.#atMs) {
      this.#state = advanceThermal(
        this.#state,
        this.#inputs,
        this.#atMs,
        nowMs,
        this.#profile,
        this.#ambient,
      );
      this.#atMs = nowMs;
    }
    return this.#state;
  }

  /** Changes the inputs from `nowMs` on. */
  set(nowMs: number, inputs: Partial<ThermalInputs>): void {
    this.read(nowMs);
    this.#inputs = { ...this.#inputs, ...inputs };
  }

  /** Milliseconds until `predicate` holds with the present inputs, within `horizonMs`. */
  msUntil(nowMs: number, predicate: (state: ThermalState) => boolean, horizonMs: number): number | undefined {
    const state = this.read(nowMs);
    return timeUntil(state, this.#inputs, nowMs, this.#profile, this.#ambient, predicate, horizonMs);
  }

  /** Milliseconds until the heating roller reaches the bottom of its printing band. */
  msUntilRollerReady(nowMs: number): number | undefined {
    const { rollerC } = this.read(nowMs);
    return rollerHeatingMs(rollerC, this.#profile.roller.readyMinC, this.#inputs.heaterOn, this.#profile);
  }

  rollerInBand(nowMs: number): boolean {
    const { rollerC } = this.read(nowMs);
    const { readyMinC, readyMaxC } = this.#profile.roller;
    return rollerC >= readyMinC - EPSILON_C && rollerC <= readyMaxC + EPSILON_C;
  }

  /**
   * Whether the inside could ever reach `limitC` with the present inputs: never if both it and the
   * warmest room it can see settle below. Without a known room maximum, assume it could.
   */
  couldReach(nowMs: number, limitC: number): boolean {
    const maxRoomC = (this.#ambient as Partial<{ maxC: number }>).maxC ?? Infinity;
    const ceiling = Math.max(
      this.read(nowMs).internalC,
      steadyInternalC(maxRoomC, this.#inputs, this.#profile),
    );
    return ceiling >= limitC - EPSILON_C;
  }
}

/** Float slack for threshold comparisons (°C). */
export const EPSILON_C = 1e-6;
