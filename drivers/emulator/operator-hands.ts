import type { PrinterFix } from '../../src/drivers/driver.js';
import type { EmulatedMachine } from './machine.js';
import type { OperatorAction as MachineAction } from './machine-types.js';

const AT_THE_MACHINE: Record<PrinterFix, MachineAction> = {
  'blanks-loaded': 'load-blanks',
  'ribbon-replaced': 'replace-ribbon',
  'film-replaced': 'replace-film',
  'hopper-emptied': 'empty-hopper',
  'jam-cleared': 'clear-jam',
  'cover-closed': 'close-cover',
};

/**
 * An emulated printer has no operator standing beside it: what the counter reports doing, the
 * emulator does, so the dashboard's buttons train operators on the real sequence.
 */
export function actAtMachine(machine: EmulatedMachine, action: PrinterFix, count?: number): void {
  machine.operate(AT_THE_MACHINE[action], count);
}
