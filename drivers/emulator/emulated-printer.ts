import type { DriverContext } from '../../src/drivers/driver.js';
import type { EmulatedPrinter } from '../../src/drivers/emulated-printer.js';
import { writeCardsTo } from './cards-dir.js';
import { machineFor } from './direct.js';
import { emulatorSchema, extensionsOf } from './emulator-schema.js';
import type { EmulatedMachine } from './machine.js';
import { machineChipEncoder } from './machine-chip-encoder.js';
import { actAtMachine } from './operator-hands.js';
import { serveProtocol } from './protocol-server.js';

/**
 * The emulator's half of the `emulator` driver: the machine a station's `emulator:` block
 * describes, answering the Evolis protocol on each link it is given. The registry joins it to the
 * protocol driver (`src/drivers/emulated-station.ts`); the machine outlives every reconnect.
 */
export function emulatedPrinter(
  context: DriverContext,
): EmulatedPrinter & { readonly machine: EmulatedMachine } {
  const machine = machineFor(context);
  const settings = emulatorSchema.parse(context.station.emulator ?? {});
  const extensions = extensionsOf(settings);
  const stopWriting = settings.cardsDir ? writeCardsTo(settings.cardsDir, machine, context.log) : undefined;
  return {
    machine,
    serial: () => machine.serial,
    chipEncoder: machineChipEncoder(machine),
    serve(link) {
      serveProtocol(machine, link, {
        clock: context.clock,
        log: context.log,
        extensions: extensions.any,
        reportsTemperatures: extensions.temperatures,
      });
    },
    operatorDid: (action, count) => actAtMachine(machine, action, count),
    dispose() {
      stopWriting?.();
      machine.dispose();
    },
  };
}
