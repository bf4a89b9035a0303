import { createChipEncoder } from '../../src/chip/create-chip-encoder.js';
import type { DriverFactory } from '../../src/drivers/driver.js';
import type { ProtocolDriverFactory } from '../../src/drivers/emulated-printer.js';
import { CetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import { EvolisDriver } from './evolis-driver.js';
import { linkOptions } from './link-options.js';

/**
 * The `evolis` driver: a printer speaking the Evolis escape-command protocol (Programming Guide
 * A5013, `PROTOCOL.md`) on the station's `port` (serial, TCP, USB printer device), with the chip
 * encoder its `chip:` block names.
 */
const createEvolisDriver: DriverFactory = (context) => {
  const { id, port } = context.station;
  if (!port) {
    throw new CetakError(
      'CONFIG_INVALID',
      `station "${id}": driver evolis needs a port, e.g. serial:/dev/ttyUSB0 or tcp://192.0.2.10:9100`,
    );
  }
  let driver: EvolisDriver | undefined;
  const encoder = createChipEncoder(context.station.chip ?? { encoder: 'none' }, {
    clock: context.clock,
    log: context.log,
    stationId: id,
    printerSerial: () => driver?.identity?.serial,
    encodeSeconds: context.profile.encodeSeconds,
  });
  driver = new EvolisDriver(context, () => openLink(port), { ...linkOptions(context), encoder });
  return driver;
};

export default createEvolisDriver;

/**
 * The same protocol driver over a link someone else opens: the registry's `emulator` driver gives
 * it an in-memory link to the emulator (`src/drivers/emulated-station.ts`).
 */
export const protocolDriver: ProtocolDriverFactory = (context, openLink, encoder) =>
  new EvolisDriver(context, openLink, { ...linkOptions(context), encoder });

export { checkIdentity } from './identity-check.js';
