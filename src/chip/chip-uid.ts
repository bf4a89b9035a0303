import { createHash } from 'node:crypto';

/**
 * A 7-byte chip UID in the shape of an NXP card's (manufacturer byte 0x04 first), derived from the
 * printer's serial and the card (its count in the emulator, its job for the emulated encoder) so
 * that a replayed simulation issues the same UIDs.
 */
export function chipUid(printerSerial: string, card: number | string): string {
  const digest = createHash('sha256').update(`${printerSerial}:${card}`).digest();
  return `04${digest.subarray(0, 6).toString('hex')}`.toUpperCase();
}
