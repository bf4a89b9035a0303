import type { ChipEncoder } from '../../src/chip/chip-encoder.js';
import { createChipEncoder } from '../../src/chip/create-chip-encoder.js';
import { emulatorSchema, extensionsOf } from '../../src/config/emulator-schema.js';
import type { DriverContext, DriverFactory, PrinterFix } from '../../src/drivers/driver.js';
import { memoryLinkPair } from '../../src/transport/memory-link.js';
import { writeCardsTo } from '../emulator/cards-dir.js';
import { machineFor } from '../emulator/direct.js';
import type { EmulatedMachine } from '../emulator/machine.js';
import { actAtMachine } from '../emulator/operator-hands.js';
import { serveProtocol } from '../emulator/protocol-server.js';
import { EvolisDriver } from '../evolis/evolis-driver.js';
import { linkOptions } from '../evolis/link-options.js';
import { machineChipEncoder } from './machine-chip-encoder.js';

/**
 * The `emulator` driver: Cetak's protocol driver talking, over an in-memory byte link, to an
 * emulated printer in this process. The default fleet runs exactly the code a real printer gets;
 * only the transport differs. It lives apart from both halves so that the emulator never imports
 * the driver (each knows the other only through `drivers/evolis/protocol/`).
 */
export class EmulatedEvolisDriver extends EvolisDriver {
  /** The emulated printer itself, for tests and operator training. */
  readonly machine: EmulatedMachine;
  readonly #stopWriting: (() => void) | undefined;

  constructor(context: DriverContext, machine: EmulatedMachine) {
    const settings = emulatorSchema.parse(context.station.emulator ?? {});
    const extensions = extensionsOf(settings);
    super(
      context,
      async () => {
        // A fresh pair per connection, as a re-plugged cable would give.
        const [host, printer] = memoryLinkPair(`memory:${context.station.id}`);
        serveProtocol(machine, printer, {
          clock: context.clock,
          log: context.log,
          extensions: extensions.any,
          reportsTemperatures: extensions.temperatures,
        });
        return host;
      },
      { ...linkOptions(context), encoder: encoderFor(context, machine) },
    );
    this.machine = machine;
    this.#stopWriting = settings.cardsDir ? writeCardsTo(settings.cardsDir, machine, context.log) : undefined;
  }

  override async operatorDid(action: PrinterFix, count?: number): Promise<void> {
    actAtMachine(this.machine, action, count);
    await super.operatorDid(action, count);
  }

  override async close(): Promise<void> {
    await super.close();
    this.#stopWriting?.();
    this.machine.dispose();
  }
}

function encoderFor(context: DriverContext, machine: EmulatedMachine): ChipEncoder {
  const chip = context.station.chip ?? { encoder: 'none' };
  if (chip.encoder === 'emulated') return machineChipEncoder(machine);
  return createChipEncoder(chip, {
    clock: context.clock,
    log: context.log,
    stationId: context.station.id,
    printerSerial: () => machine.serial,
    encodeSeconds: context.profile.encodeSeconds,
  });
}

const createEmulatorDriver: DriverFactory = (context) =>
  new EmulatedEvolisDriver(context, machineFor(context));

export default createEmulatorDriver;
