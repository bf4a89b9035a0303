import type { DriverContext, DriverFactory } from '../../src/drivers/driver.js';
import { createMachine } from './create-machine.js';
import { DirectDriver } from './direct-driver.js';

/**
 * The `emulator-direct` driver factory. The machine's settings come from the station's
 * `emulator:` block when the config has one (read loosely until the main schema carries it).
 */
export function createDirectDriver(context: DriverContext, config?: unknown): DirectDriver {
  const block = config ?? (context.station as { emulator?: unknown }).emulator;
  const machine = createMachine({
    clock: context.clock,
    profile: context.profile,
    serial: `EMU-${context.station.id}`,
    log: context.log,
    config: block,
  });
  return new DirectDriver(machine);
}

const createEmulatorDirectDriver: DriverFactory = (context) => createDirectDriver(context);

export default createEmulatorDirectDriver;
