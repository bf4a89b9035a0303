import type { DriverFactory } from '../../src/drivers/driver.js';
import createEmulatorDirectDriver from './direct.js';

/**
 * The `emulator` driver: a software printer behind the driver contract, on the injected clock.
 * For now the direct driver (no bytes); the wire path is `serveProtocol` in `protocol-server.ts`.
 */
const createEmulatorDriver: DriverFactory = createEmulatorDirectDriver;

export default createEmulatorDriver;
