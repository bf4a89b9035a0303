import { hash } from 'node:crypto';

/**
 * A 7-byte chip UID in the shape of an NXP card's (manufacturer byte 0x04 first), derived from the
 * printer's serial and the card (its count in the emulator, its job for the emulated encoder) so
 * that a replayed simulation issues the same UIDs.
 */
export function chipUid(printerSerial: string, card: number | string): string {
  // One-shot `hash` rather than a `createHash` object per card (every emulated card gets a UID).
  const digest = hash('sha256', `${printerSerial}:${card}`, 'hex');
  return `04${digest.slice(0, 12)}`.toUpperCase();
}
