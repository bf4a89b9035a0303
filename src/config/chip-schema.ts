import { z } from 'zod';

/**
 * A station's `chip:` block: what personalises the contactless chip while the card sits at the
 * printer's contactless station, before it is printed. See `docs/chip.md`.
 */

export const CHIP_ENCODERS = ['none', 'emulated', 'command'] as const;

const commandChipSchema = z.strictObject({
  /** Run a program per card (PC/SC personalisation software); its exit code says how it went. */
  encoder: z.literal('command'),
  /** The program's path. It is run directly, without a shell. */
  program: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required when encoder is command' : undefined),
    })
    .min(1, 'must not be empty'),
  /** Arguments passed to the program as they are (no shell quoting or expansion). Default none. */
  args: z.array(z.string()).default([]),
  /** How long the program may take for one card before it is stopped and the card spoiled. */
  timeoutSeconds: z.number().positive().default(30),
});

export const chipSchema = z.discriminatedUnion(
  'encoder',
  [
    /** No chip encoding: the chip is personalised elsewhere, or not at all. The default. */
    z.strictObject({ encoder: z.literal('none') }),
    /** A software encoder for training and CI: takes the profile's `encodeSeconds`, issues a made-up UID. */
    z.strictObject({ encoder: z.literal('emulated') }),
    commandChipSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `must be one of ${CHIP_ENCODERS.join(', ')}` : undefined,
  },
);

export type ChipConfig = z.output<typeof chipSchema>;
