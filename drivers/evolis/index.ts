import type { DriverFactory } from '../../src/drivers/driver.js';
import { CetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import { EvolisDriver } from './evolis-driver.js';
import { linkOptions } from './link-options.js';

/**
 * The `evolis` driver: a printer speaking the escape-command dialect (`PROTOCOL.md`) on the
 * station's `port` (serial, TCP, USB printer device).
 */
const createEvolisDriver: DriverFactory = (context) => {
  const { id, port } = context.station;
  if (!port) {
    throw new CetakError(
      'CONFIG_INVALID',
      `station "${id}": driver evolis needs a port, e.g. serial:/dev/ttyUSB0 or tcp://192.0.2.10:9100`,
    );
  }
  return new EvolisDriver(context, () => openLink(port), linkOptions(context));
};

export default createEvolisDriver;
