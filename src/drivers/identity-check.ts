import type { Clock } from '../clock/clock.js';
import type { PrinterIdentity } from './driver.js';

/** What `cetak doctor` learnt of the device on a station's port. */
export interface IdentityCheckResult {
  readonly passed: boolean;
  /** One plain sentence: who answered, or what was seen instead (never the word "ok" on failure). */
  readonly detail: string;
  readonly identity?: PrinterIdentity;
}

export interface IdentityCheckOptions {
  readonly clock: Clock;
  /** How long each identity read may wait for its reply. */
  readonly timeoutMs: number;
  /** How many times the identity is read; every read must give the same well-formed answers. */
  readonly rounds: number;
}

/**
 * A hardware driver's proof that a printer of its kind is on `port`: it opens the port itself,
 * reads the printer's identity several times and judges what came back. Optional: a driver
 * without one is checked by connecting.
 */
export type IdentityCheck = (port: string, options: IdentityCheckOptions) => Promise<IdentityCheckResult>;
