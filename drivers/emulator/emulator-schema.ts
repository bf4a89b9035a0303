import { z } from 'zod';
import { printerTruthSchema } from '../../src/config/printer-truth.js';
import { FAULT_NAMES } from '../../src/drivers/emulated-faults.js';
import { ambientSpecSchema } from '../../src/thermal/ambient.js';
import { TIME_OF_DAY } from '../../src/thermal/local-time.js';

/**
 * The emulator's own settings: a station's `emulator:` block, and the `--faults FILE.yaml` of
 * `scripts/emulator.ts`. What the printer model is comes from its profile; this says what the
 * room is like, what is loaded, and what goes wrong. The config reaches it through the driver
 * registry (`src/drivers/registry.ts`), which lists each driver's options block.
 */

export {
  FAULT_NAMES,
  type FaultName,
  isFaultName,
  isLinkFault,
  LINK_FAULTS,
  type LinkFault,
  PRINTER_FAULTS,
  type PrinterFault,
} from '../../src/drivers/emulated-faults.js';

const TRIGGERS = ['at', 'afterSeconds', 'atCard', 'probability'] as const;

/**
 * One fault and when it strikes: exactly one of
 * - `at`: the next time the site's local clock shows HH:MM (once);
 * - `afterSeconds`: that long after the emulator starts (once);
 * - `atCard`: the Nth blank fed since the emulator started;
 * - `probability`: per card for printer faults, per reply for link faults (seeded, repeatable).
 *
 * `seconds` says how long a fault lasts: `no-reply` stays silent that long (default 60),
 * `slow-reply` holds a reply back that long (default 5), `cover-open` closes itself again after it
 * (default: until the operator closes it). Other faults ignore it.
 */
export const faultSchema = z
  .strictObject({
    fault: z.enum(FAULT_NAMES),
    at: z.string().regex(TIME_OF_DAY, 'must be a local time HH:MM (00:00–23:59)').optional(),
    afterSeconds: z.number().nonnegative().optional(),
    atCard: z.int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
    seconds: z.number().positive().optional(),
  })
  .superRefine((fault, ctx) => {
    const given = TRIGGERS.filter((key) => fault[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? `needs one of ${TRIGGERS.join(', ')} to say when it strikes`
            : `give only one of ${given.join(', ')}`,
      });
    }
  });

export type Fault = z.output<typeof faultSchema>;

export const stockSchema = z.strictObject({
  /** Blank cards in the feeder at start; default: full. */
  feeder: z.int().nonnegative().optional(),
  /** Cards left on the ribbon; default: a new ribbon. */
  ribbon: z.int().nonnegative().optional(),
  /** Cards left on the film; default: a new film. */
  film: z.int().nonnegative().optional(),
  /** Cards already in the output hopper; default 0. */
  hopperUsed: z.int().nonnegative().optional(),
});

export type Stock = z.output<typeof stockSchema>;

/** How an emulated printer ends its replies (A5013 sections 3 and 5). */
export const REPLY_FORMS = ['cr', 'nul', 'ack-nack'] as const;

export const emulatorSchema = z.strictObject({
  /**
   * Answer Cetak's `X…` extensions (temperatures, heater, test hooks) besides the guide's
   * commands. Default false: like a printer that speaks only the Programming Guide A5013.
   */
  extensions: z.boolean().default(false),
  /** Replies end in CR (default), in NUL, or follow the guide's ACK/NACK protocol. */
  replies: z.enum(REPLY_FORMS).default('cr'),
  /** A folder each printed card's panels are written to (`<n>-k.pbm`, `<n>-y.pgm`…); default none. */
  cardsDir: z.string().min(1).optional(),
  /** Seed of every random choice (probabilistic faults, line noise); same seed, same run. */
  seed: z.int().default(1),
  /** The room's real temperature; default: the site's. */
  ambient: ambientSpecSchema.optional(),
  /**
   * How this printer really behaves where it differs from its profile (thermal and roller
   * figures, whether it reports temperatures). The daemon never reads it: it plans with the
   * profile and learns the difference.
   */
  printer: printerTruthSchema.optional(),
  /** The printer's inside and roller at start, °C; default: the room's temperature then. */
  initialC: z.number().min(-40).max(200).optional(),
  stock: stockSchema.default({}),
  faults: z.array(faultSchema).default([]),
});

export type EmulatorConfig = z.output<typeof emulatorSchema>;

/**
 * Which of Cetak's extensions the emulated printer answers: all of them with `extensions`; the
 * temperature read also when its `printer:` block says it reports temperatures, and never when it
 * says it does not.
 */
export function extensionsOf(settings: EmulatorConfig): {
  readonly any: boolean;
  readonly temperatures: boolean;
} {
  const temperatures = settings.printer?.reportsTemperatures ?? settings.extensions;
  return { any: settings.extensions || temperatures, temperatures };
}
