import { isDriverName, isHardwareDriver } from '../drivers/registry.js';
import { CetakError } from '../errors.js';
import type { Config } from './schema.js';

/** Sped-up time is for emulated fleets only: a real printer's card takes its own time. */
export function assertSpeedAllowed(config: Readonly<Config>, speed: number): void {
  if (speed === 1) return;
  for (const kecamatan of config.kecamatan) {
    for (const stationConfig of kecamatan.stations) {
      if (isDriverName(stationConfig.driver) && isHardwareDriver(stationConfig.driver)) {
        throw new CetakError(
          'SPEED_NOT_ALLOWED',
          `--speed ${speed} is only for emulated printers, but station "${stationConfig.id}" uses driver ` +
            `"${stationConfig.driver}", which talks to a real printer; start without --speed`,
        );
      }
    }
  }
}
