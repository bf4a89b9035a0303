import type { Clock } from '../clock/clock.js';
import type { ProfileConfig } from '../config/profile-schema.js';
import type { PrinterStatus } from '../drivers/driver.js';
import type { Ambient } from '../thermal/ambient.js';
import { advanceThermal, type ThermalInputs, type ThermalState } from '../thermal/thermal-model.js';
import { elapsedMs } from '../util/elapsed.js';

/** Readings closer together than this carry too little signal to learn the room from. */
const MIN_LEARNING_INTERVAL_MS = 30_000;
/** How much of each new estimate of the room's offset is taken (the rest is the old belief). */
const LEARNING_GAIN = 0.5;
/** The room may be this far from the site's curve, no further (a broken sensor must not run away). */
const MAX_OFFSET_C = 15;

/**
 * The daemon's running estimate of one printer's temperatures. It dead-reckons with the thermal
 * model between status reports (heater on or off, a card inside or not) and, where the printer
 * reports its temperatures, takes the measured values instead (closed loop).
 *
 * It also learns the room: when a reading differs from what the model predicted since the last
 * one, the difference says how much warmer (or cooler) the room really is than the site config's
 * curve, and every later prediction uses the corrected room. A printer standing in a hotter room
 * than anyone wrote down is then paced for that room.
 */
export class PrinterModel {
  readonly profile: ProfileConfig;
  /** The room as the model believes it now: the site's curve plus what it has learnt. */
  readonly ambient: Ambient;
  readonly #siteAmbient: Ambient;
  readonly #clock: Clock;
  #state: ThermalState;
  #at: number;
  #inputs: ThermalInputs = { heaterOn: false, cardInPrinter: false };
  #measured = false;
  #lastReadingAt: number | undefined;
  #offsetC = 0;

  constructor(profile: ProfileConfig, siteAmbient: Ambient, clock: Clock) {
    this.profile = profile;
    this.#siteAmbient = siteAmbient;
    this.ambient = (epochMs) => this.#siteAmbient(epochMs) + this.#offsetC;
    this.#clock = clock;
    this.#at = clock.now();
    // Until the printer says otherwise, assume it stands cold in the room.
    const room = siteAmbient(this.#at);
    this.#state = { internalC: room, rollerC: room };
  }

  /** Folds a status report in: its state says heater and card; its temperatures, if any, are truth. */
  observe(status: PrinterStatus): void {
    this.#advance();
    const { internalC, rollerC } = status.temperatures;
    if (internalC !== undefined) {
      this.#learnRoom(internalC);
      this.#state = { internalC, rollerC: rollerC ?? this.#state.rollerC };
      this.#measured = true;
    }
    this.#inputs = {
      heaterOn: status.state === 'warming' || status.state === 'ready' || status.state === 'printing',
      cardInPrinter: status.state === 'printing',
    };
  }

  /** The estimate now. */
  state(): ThermalState {
    this.#advance();
    return this.#state;
  }

  /** Whether the printer has ever reported its own temperatures. */
  get measured(): boolean {
    return this.#measured;
  }

  /** How much warmer than the site's curve the room has turned out to be, °C. */
  get roomOffsetC(): number {
    return this.#offsetC;
  }

  /**
   * Newton cooling turns a room ΔA warmer into a reading ΔA·(1 − e^(−Δt/τ)) higher after Δt: the
   * surprise in a reading, divided by that factor, estimates ΔA.
   */
  #learnRoom(measuredC: number): void {
    const now = this.#clock.now();
    const since = this.#lastReadingAt;
    if (since !== undefined && elapsedMs(now, since) < MIN_LEARNING_INTERVAL_MS) return;
    this.#lastReadingAt = now;
    // After a clock set back there is no honest Δt: learning starts again from this reading.
    if (since === undefined || now < since || !this.#measured) return;
    const tauMs = this.profile.thermal.timeConstantMinutes * 60_000;
    const weight = 1 - Math.exp(-(now - since) / tauMs);
    const surprise = measuredC - this.#state.internalC;
    const estimate = this.#offsetC + surprise / weight;
    const next = this.#offsetC + LEARNING_GAIN * (estimate - this.#offsetC);
    this.#offsetC = Math.max(-MAX_OFFSET_C, Math.min(MAX_OFFSET_C, next));
  }

  #advance(): void {
    const now = this.#clock.now();
    if (now > this.#at)
      this.#state = advanceThermal(this.#state, this.#inputs, this.#at, now, this.profile, this.ambient);
    this.#at = Math.max(this.#at, now);
  }
}
