import type { Clock } from '../clock/clock.js';
import type { ProfileConfig } from '../config/profile-schema.js';
import type { PrinterStatus } from '../drivers/driver.js';
import type { Ambient } from '../thermal/ambient.js';
import { advanceThermal, type ThermalInputs, type ThermalState } from '../thermal/thermal-model.js';

/**
 * The daemon's running estimate of one printer's temperatures. It dead-reckons with the thermal
 * model between status reports (heater on or off, a card inside or not) and, where the printer
 * reports its temperatures, takes the measured values instead (closed loop): the model's errors —
 * a room hotter than the site config believes, a different machine — never accumulate.
 */
export class PrinterModel {
  readonly profile: ProfileConfig;
  readonly ambient: Ambient;
  readonly #clock: Clock;
  #state: ThermalState;
  #at: number;
  #inputs: ThermalInputs = { heaterOn: false, cardInPrinter: false };
  #measured = false;

  constructor(profile: ProfileConfig, ambient: Ambient, clock: Clock) {
    this.profile = profile;
    this.ambient = ambient;
    this.#clock = clock;
    this.#at = clock.now();
    // Until the printer says otherwise, assume it stands cold in the room.
    const room = ambient(this.#at);
    this.#state = { internalC: room, rollerC: room };
  }

  /** Folds a status report in: its state says heater and card; its temperatures, if any, are truth. */
  observe(status: PrinterStatus): void {
    this.#advance();
    const { internalC, rollerC } = status.temperatures;
    if (internalC !== undefined) {
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

  #advance(): void {
    const now = this.#clock.now();
    if (now > this.#at)
      this.#state = advanceThermal(this.#state, this.#inputs, this.#at, now, this.profile, this.ambient);
    this.#at = Math.max(this.#at, now);
  }
}
