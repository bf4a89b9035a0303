import type { Clock } from '../clock/clock.js';
import { CHIP_ENCODERS, type ChipConfig } from '../config/chip-schema.js';
import { CetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { ChipEncoder } from './chip-encoder.js';
import { commandEncoder } from './command-encoder.js';
import { emulatedEncoder } from './emulated-encoder.js';
import { noneEncoder } from './none-encoder.js';

/** Host services a chip encoder may use; encoders reach for nothing global. */
export interface ChipEncoderHost {
  readonly clock: Clock;
  readonly log: Logger;
  readonly stationId: string;
  /** The connected printer's serial, once known. */
  readonly printerSerial?: (() => string | undefined) | undefined;
  /** How long an emulated encoding takes (the profile's `encodeSeconds`). */
  readonly encodeSeconds: number;
  /** An emulated printer's chip faults: a reason to fail this job's chip with (emulated only). */
  readonly fails?: ((jobId: string) => string | undefined) | undefined;
}

/** Builds the encoder a station's validated `chip` block names. The one place that switches on it. */
export function createChipEncoder(config: ChipConfig, host: ChipEncoderHost): ChipEncoder {
  switch (config.encoder) {
    case 'none':
      return noneEncoder();
    case 'emulated':
      return emulatedEncoder({
        clock: host.clock,
        encodeSeconds: host.encodeSeconds,
        stationId: host.stationId,
        printerSerial: host.printerSerial,
        fails: host.fails,
      });
    case 'command':
      return commandEncoder({
        program: config.program,
        args: config.args,
        timeoutSeconds: config.timeoutSeconds,
        clock: host.clock,
        log: host.log,
        stationId: host.stationId,
        printerSerial: host.printerSerial,
      });
    default: {
      // Unreachable for a validated config; a hand-built one still gets the list.
      const name = String((config as { encoder?: unknown }).encoder);
      throw new CetakError(
        'CONFIG_INVALID',
        `unknown chip encoder "${name}" (known: ${CHIP_ENCODERS.join(', ')})`,
      );
    }
  }
}
