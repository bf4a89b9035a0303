import { pino } from 'pino';
import type { Clock } from '../../src/clock/clock.js';
import { type ProfileConfig, profileSchema, stationSchema } from '../../src/config/schema.js';
import type { DriverContext } from '../../src/drivers/driver.js';
import type { Logger } from '../../src/log/logger.js';
import type { AmbientSpec } from '../../src/thermal/ambient.js';

export interface DriverContextOptions {
  readonly clock: Clock;
  /** Raw station config, validated (and defaulted) like a config file's. */
  readonly station?: Record<string, unknown>;
  readonly profile?: ProfileConfig;
  readonly log?: Logger;
  /** The site's room; 30 °C (the reference profile's room) unless a test says otherwise. */
  readonly ambient?: AmbientSpec;
}

/** A driver context as the daemon builds one, for driver-level tests. */
export function driverContext(options: DriverContextOptions): DriverContext {
  return {
    clock: options.clock,
    log: options.log ?? pino({ level: 'silent' }),
    station: stationSchema.parse({ id: 'x', driver: 'emulator', ...options.station }),
    profile: options.profile ?? profileSchema.parse({}),
    site: { timeZone: 'Asia/Jakarta', ambient: options.ambient ?? 30 },
  };
}
