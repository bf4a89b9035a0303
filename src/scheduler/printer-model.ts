import type { Clock } from '../clock/clock.js';
import type { ProfileConfig } from '../config/profile-schema.js';
import type { PrinterState, PrinterStatus } from '../drivers/driver.js';
import type { Ambient } from '../thermal/ambient.js';
import type { ParticleParams } from '../thermal/belief/particle-set.js';
import {
  type BeliefEvidence,
  type BeliefOptions,
  type BeliefSummary,
  type Estimate,
  type StoredBelief,
  ThermalBelief,
} from '../thermal/belief/thermal-belief.js';
import { advanceThermal, type ThermalInputs, type ThermalState } from '../thermal/thermal-model.js';

interface Planning {
  readonly profile: ProfileConfig;
  readonly internalC: number;
}

/**
 * The daemon's running estimate of one printer's temperatures, and what it has learnt of the
 * printer (docs/thermal.md).
 *
 * The inside is a belief (`ThermalBelief`): many hypotheses of the printer's figures and the
 * room, weighed by the cards that ended, the shut-offs, the returns and, where the printer gives
 * them, its readings. What the scheduler reads here (`profile`, `ambient`, `state()`) is the
 * hypothesis to plan with: the profile with the figures of a cautious quantile of the belief.
 * The roller is not learnt: it follows the datasheet, or the printer's reading where there is one.
 */
export class PrinterModel {
  /** The printer model's figures as configured. */
  readonly datasheet: ProfileConfig;
  /** The room as planned for now: the site's curve plus the planning hypothesis's offset. */
  readonly ambient: Ambient;
  readonly #siteAmbient: Ambient;
  readonly #clock: Clock;
  readonly #options: BeliefOptions;
  #belief: ThermalBelief;
  #roller: ThermalState;
  #rollerAt: number;
  #inputs: ThermalInputs = { heaterOn: false, cardInPrinter: false };
  #lastState: PrinterState | undefined;
  /** The profile built from the belief's planning hypothesis, kept while it hands back the same one. */
  #planned: { readonly from: ParticleParams; readonly profile: ProfileConfig } | undefined;
  #roomOffsetC = 0;

  constructor(datasheet: ProfileConfig, siteAmbient: Ambient, clock: Clock, options: BeliefOptions = {}) {
    this.datasheet = datasheet;
    this.#siteAmbient = siteAmbient;
    this.#clock = clock;
    this.#options = options;
    // The hot path of every pacing decision: the offset is the one `#plan()` last chose (the
    // scheduler reads `profile` or `state()` first, which choose it for this instant).
    this.ambient = (epochMs) => this.#siteAmbient(epochMs) + this.#roomOffsetC;
    this.#rollerAt = clock.now();
    // Until the printer says otherwise, assume it stands cold in the room.
    const room = siteAmbient(this.#rollerAt);
    this.#roller = { internalC: room, rollerC: room };
    this.#belief = new ThermalBelief(datasheet, siteAmbient, this.#rollerAt, options);
  }

  /** The profile to plan with: the datasheet with the planning hypothesis's thermal figures. */
  get profile(): ProfileConfig {
    return this.#plan().profile;
  }

  /** Folds a status report in: its state says heater, card, shut-off and return; its temperatures are readings. */
  observe(status: PrinterStatus): void {
    const now = this.#clock.now();
    this.#advanceRoller(now);
    this.#belief.advanceTo(now);
    this.#learnFromTransition(this.#lastState, status.state, now);
    this.#lastState = status.state;
    const { internalC, rollerC } = status.temperatures;
    if (internalC !== undefined) this.#belief.reading(now, internalC);
    if (rollerC !== undefined) this.#roller = { internalC: internalC ?? this.#roller.internalC, rollerC };
    this.#inputs = {
      heaterOn: status.state === 'warming' || status.state === 'ready' || status.state === 'printing',
      cardInPrinter: status.state === 'printing',
    };
    this.#belief.setInputs(now, this.#inputs);
  }

  /** The estimate now: the planning hypothesis's inside, and the roller. */
  state(): ThermalState {
    const now = this.#clock.now();
    this.#advanceRoller(now);
    return { internalC: this.#plan().internalC, rollerC: this.#roller.rollerC };
  }

  /** How much warmer than the site's curve the room is believed to be, °C (the belief's mean). */
  get roomOffsetC(): number {
    return this.belief().roomOffsetC.mean;
  }

  /** What the belief rests on: cards, shut-offs, returns and readings seen. */
  get evidence(): BeliefEvidence {
    return this.#belief.evidence;
  }

  /** The estimated inside now (the hypotheses' weighted mean), cheap enough for every scrape. */
  estimatedInsideC(): number {
    return this.#belief.meanInsideC(this.#clock.now());
  }

  /** What is believed of the printer now, with bands and the evidence behind it. */
  belief(): BeliefSummary {
    return this.#belief.summary(this.#clock.now());
  }

  /** What has been learnt of the printer: `belief()` without the inside, unchanged until the evidence is. */
  learnt(): Omit<BeliefSummary, 'internalC'> {
    return this.#belief.learnt();
  }

  /** The estimated inside now with its 90 % band (`belief().internalC`, without the rest). */
  estimatedInside(): Estimate {
    return this.#belief.insideEstimate(this.#clock.now());
  }

  /** The belief to keep for this printer's serial. */
  toStored(): StoredBelief {
    return this.#belief.toStored();
  }

  /** Takes up what was learnt of this printer before (a restart, the next day). */
  restore(stored: StoredBelief): void {
    this.#belief.restore(stored, this.#clock.now());
  }

  /** Forgets what was learnt: the printer was moved or serviced. Starts again from the datasheet. */
  relearn(): void {
    const now = this.#clock.now();
    this.#belief = new ThermalBelief(this.datasheet, this.#siteAmbient, now, this.#options);
    this.#belief.setInputs(now, this.#inputs);
  }

  #learnFromTransition(from: PrinterState | undefined, to: PrinterState, now: number): void {
    if (from === to || from === undefined) return;
    if (from === 'printing' && to === 'overheated') this.#belief.shutOff(now);
    else if (from === 'printing' && to !== 'off') this.#belief.cardEnded(now);
    else if (from === 'overheated' && to !== 'off') this.#belief.returned(now);
  }

  #plan(): Planning {
    const { params, internalC } = this.#belief.planning(this.#clock.now());
    // The belief hands back the same hypothesis until it has news: so is the profile built from it.
    if (this.#planned?.from !== params) {
      const { roomOffsetC: _room, ...thermal } = params;
      const profile = { ...this.datasheet, thermal: { ...this.datasheet.thermal, ...thermal } };
      this.#planned = { from: params, profile };
    }
    this.#roomOffsetC = params.roomOffsetC;
    return { profile: this.#planned.profile, internalC };
  }

  #advanceRoller(now: number): void {
    if (now > this.#rollerAt)
      this.#roller = advanceThermal(
        this.#roller,
        this.#inputs,
        this.#rollerAt,
        now,
        this.datasheet,
        this.#siteAmbient,
      );
    this.#rollerAt = Math.max(this.#rollerAt, now);
  }
}
