import type { Logger } from 'pino';
import type { Clock } from '../../src/clock/clock.js';
import { trueProfile } from '../../src/config/printer-truth.js';
import type { ProfileConfig } from '../../src/config/profile-schema.js';
import { type AmbientSpec, ambientFrom } from '../../src/thermal/ambient.js';
import { type EmulatorConfig, emulatorSchema } from './emulator-schema.js';
import { EmulatedMachine } from './machine.js';

/**
 * The room an emulated printer stands in when neither its `emulator:` block nor the site says:
 * a constant 30 °C, the room the reference profile's numbers are quoted for.
 */
export const DEFAULT_ROOM: AmbientSpec = 30;
/** The site's zone when none is given (Cetak's default site is in Palembang, on WIB). */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export interface MachineSetup {
  readonly clock: Clock;
  /** The printer model's figures; the settings' `printer:` block overrides them for the machine. */
  readonly profile: ProfileConfig;
  readonly serial: string;
  readonly log?: Logger;
  /** A station's `emulator:` block (validated here); default: all defaults. */
  readonly config?: EmulatorConfig | unknown;
  /** The site's time zone and room temperature, used where the block says nothing. */
  readonly timeZone?: string;
  readonly siteAmbient?: AmbientSpec;
}

/** Builds a machine from config: the one place the emulator's defaults are applied. */
export function createMachine(setup: MachineSetup): EmulatedMachine {
  const config = emulatorSchema.parse(setup.config ?? {});
  const timeZone = setup.timeZone ?? DEFAULT_TIME_ZONE;
  return new EmulatedMachine({
    clock: setup.clock,
    // The machine runs on its real figures; the daemon keeps planning with `setup.profile`.
    profile: trueProfile(setup.profile, config.printer),
    serial: setup.serial,
    timeZone,
    ambient: ambientFrom(config.ambient ?? setup.siteAmbient ?? DEFAULT_ROOM, timeZone),
    seed: config.seed,
    faults: config.faults,
    stock: config.stock,
    replyStyle: config.replies,
    ...(config.initialC !== undefined && { initialC: config.initialC }),
    ...(setup.log && { log: setup.log }),
  });
}
