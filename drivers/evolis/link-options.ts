import type { DriverContext } from '../../src/drivers/driver.js';
import type { EvolisDriverOptions } from './evolis-driver.js';

/** The protocol driver's timing, from the station's `link` settings. */
export function linkOptions(context: DriverContext): EvolisDriverOptions {
  const { link } = context.station;
  return {
    commandTimeoutMs: link.commandTimeoutSeconds * 1000,
    jobTimeoutMs: link.jobTimeoutSeconds * 1000,
    pollIntervalMs: link.pollSeconds * 1000,
  };
}
