import { createHmac } from 'node:crypto';

/** Bytes of an install secret. */
export const SECRET_BYTES = 32;

/**
 * Keyed hashes (HMAC-SHA256) of the identifiers the store must recognise after a job has ended: a
 * NIK (the printed-once lock, reprints, the ledger, `cetak jobs --nik`) and a request id (a
 * re-sent submission). Without the install's secret, a hash cannot be tested against guessed NIKs,
 * which a plain SHA-256 of a 16-digit NIK could be in minutes: that is why it is keyed.
 */
export class PersonalKey {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    if (secret.length !== SECRET_BYTES) {
      throw new Error(`an install secret is ${SECRET_BYTES} bytes, not ${secret.length}`);
    }
    this.#secret = Buffer.from(secret);
  }

  /** 64 hex digits standing for one NIK under this install's secret. */
  nik(nik: string): string {
    return this.#hmac('nik', nik);
  }

  /** 64 hex digits standing for one request id (which a client may have built from a NIK). */
  requestId(requestId: string): string {
    return this.#hmac('request-id', requestId);
  }

  /**
   * Names the secret without revealing it: the store records the fingerprint it was made with, so
   * a lost or swapped secret is caught at start instead of silently unlocking every printed NIK.
   */
  get fingerprint(): string {
    return this.#hmac('fingerprint', '').slice(0, 16);
  }

  /** The purpose goes into the MAC too, so a NIK's hash can never match a request id's. */
  #hmac(purpose: string, value: string): string {
    return createHmac('sha256', this.#secret).update(`${purpose}\u0000${value}`).digest('hex');
  }
}
