import { isDriverName, isHardwareDriver } from '../drivers/registry.js';
import { CetakError } from '../errors.js';
import type { Config } from './schema.js';

/** Sped-up time is for emulated fleets only: a real printer's card takes its own time. */
export function assertSpeedAllowed(config: Readonly<Config>, speed: number): void {
  if (speed === 1) return;
  for (const kecamatan of config.kecamatan) {
    for (const station of kecamatan.stations) {
      if (isDriverName(station.driver) && isHardwareDriver(station.driver)) {
        throw new CetakError(
          'SPEED_NOT_ALLOWED',
          `--speed ${speed} is only for emulated printers, but station "${station.id}" uses driver ` +
            `"${station.driver}", which talks to a real printer; start without --speed`,
        );
      }
    }
  }
}
