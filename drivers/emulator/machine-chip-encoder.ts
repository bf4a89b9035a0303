import type { ChipEncoder, ChipResult } from '../../src/chip/chip-encoder.js';
import type { EmulatedMachine } from '../emulator/machine.js';

/**
 * `chip.encoder: emulated` on an emulated printer: the machine's own contactless station does
 * the personalising, so its chip faults (`chip-error` in the emulator's catalogue) spoil cards
 * and its encoding time heats the printer as the profile says.
 */
export function machineChipEncoder(machine: EmulatedMachine): ChipEncoder {
  return {
    kind: 'emulated',
    async encode(): Promise<ChipResult> {
      const outcome = await machine.encodeChip();
      if (outcome.ok) return { ok: true, uid: outcome.value };
      return {
        ok: false,
        reason:
          outcome.reason === 'CHIP' ? 'emulated chip fault' : `emulated chip station: ${outcome.reason}`,
      };
    },
  };
}
