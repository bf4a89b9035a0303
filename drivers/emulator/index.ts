import type { DriverContext, DriverFactory, OperatorAction } from '../../src/drivers/driver.js';
import { memoryLinkPair } from '../../src/transport/memory-link.js';
import { EvolisDriver } from '../evolis/evolis-driver.js';
import { linkOptions } from '../evolis/link-options.js';
import { machineFor } from './direct.js';
import type { EmulatedMachine } from './machine.js';
import { actAtMachine } from './operator-hands.js';
import { serveProtocol } from './protocol-server.js';

/**
 * The `emulator` driver: the escape-command protocol driver talking, over an in-memory byte link,
 * to an emulated printer in this process. The default fleet runs exactly the code a real printer
 * gets; only the transport differs.
 */
export class EmulatedEvolisDriver extends EvolisDriver {
  /** The emulated printer itself, for tests and operator training. */
  readonly machine: EmulatedMachine;

  constructor(context: DriverContext, machine: EmulatedMachine) {
    super(
      context,
      async () => {
        // A fresh pair per connection, as a re-plugged cable would give.
        const [host, printer] = memoryLinkPair(`memory:${context.station.id}`);
        serveProtocol(machine, printer, { clock: context.clock, log: context.log });
        return host;
      },
      linkOptions(context),
    );
    this.machine = machine;
  }

  override async operatorDid(action: OperatorAction, count?: number): Promise<void> {
    actAtMachine(this.machine, action, count);
    await super.operatorDid(action, count);
  }

  override async close(): Promise<void> {
    await super.close();
    this.machine.dispose();
  }
}

const createEmulatorDriver: DriverFactory = (context) =>
  new EmulatedEvolisDriver(context, machineFor(context));

export default createEmulatorDriver;
