import type { DriverFactory } from '../../src/drivers/driver.js';
import { EmulatedPrinter } from './emulated-printer.js';

/** The `emulator` driver: a software printer behind the driver contract, on the injected clock. */
const createEmulatorDriver: DriverFactory = (context) => new EmulatedPrinter(context);

export default createEmulatorDriver;
