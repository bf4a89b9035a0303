import type { Clock } from '../clock/clock.js';
import type { ChipCard, ChipEncoder, ChipResult } from './chip-encoder.js';
import { chipUid } from './chip-uid.js';

export interface EmulatedEncoderOptions {
  readonly clock: Clock;
  /** How long personalising one chip takes (the profile's `encodeSeconds`). */
  readonly encodeSeconds: number;
  /** Seeds the UIDs; without a serial the station id is used instead. */
  readonly stationId: string;
  readonly printerSerial?: (() => string | undefined) | undefined;
  /** Fault injection: a reason to fail this job's chip with, or undefined to succeed. */
  readonly fails?: ((jobId: string) => string | undefined) | undefined;
}

/**
 * `chip.encoder: emulated`: a software encoder for training and CI. It takes `encodeSeconds` of
 * the injected clock and issues a UID derived from the printer and the job, so a replayed
 * simulation issues the same UIDs.
 */
export function emulatedEncoder(options: EmulatedEncoderOptions): ChipEncoder {
  return {
    kind: 'emulated',
    async encode(card: ChipCard, signal?: AbortSignal): Promise<ChipResult> {
      await options.clock.sleep(options.encodeSeconds * 1000, signal);
      const reason = options.fails?.(card.jobId);
      if (reason !== undefined) return { ok: false, reason };
      const seed = options.printerSerial?.() ?? options.stationId;
      return { ok: true, uid: chipUid(seed, card.jobId) };
    },
  };
}
