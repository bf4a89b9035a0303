import type { DriverContext, DriverFactory } from '../../src/drivers/driver.js';
import { createMachine } from './create-machine.js';
import { DirectDriver } from './direct-driver.js';
import { emulatorSchema, extensionsOf } from './emulator-schema.js';

/**
 * The `emulator-direct` driver factory: the machine behind the driver contract without bytes, for
 * fast simulation. Its settings come from the station's `emulator:` block.
 */
export function createDirectDriver(context: DriverContext, config?: unknown): DirectDriver {
  const settings = emulatorSchema.parse(config ?? context.station.emulator ?? {});
  return new DirectDriver(machineFor(context, settings), {
    reportsTemperatures: extensionsOf(settings).temperatures,
  });
}

/** The emulated machine a station's config describes. */
export function machineFor(context: DriverContext, config?: unknown) {
  return createMachine({
    clock: context.clock,
    profile: context.profile,
    serial: `EMU-${context.station.id}`,
    log: context.log,
    config: config ?? context.station.emulator,
    timeZone: context.site.timeZone,
    siteAmbient: context.site.ambient,
  });
}

const createEmulatorDirectDriver: DriverFactory = (context) => createDirectDriver(context);

export default createEmulatorDirectDriver;
