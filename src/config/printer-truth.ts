import { z } from 'zod';
import type { ProfileConfig } from './profile-schema.js';

/**
 * How an emulated printer really behaves where it differs from its model's profile: the `printer:`
 * block of an emulator's settings and of a simulator scenario. Only the emulator and the
 * simulator's referee (the thermal bound, the report) read it; the daemon keeps planning with the
 * profile and learns the difference from what it sees, as it must with a real printer.
 */
export const printerTruthSchema = z.strictObject({
  thermal: z
    .strictObject({
      heatPerCardC: z.number().nonnegative().optional(),
      timeConstantMinutes: z.number().positive().optional(),
      heaterOffsetC: z.number().nonnegative().optional(),
      cutoffC: z.number().optional(),
      resumeBelowC: z.number().optional(),
    })
    .optional(),
  roller: z
    .strictObject({
      setPointC: z.number().optional(),
      readyMinC: z.number().optional(),
      readyMaxC: z.number().optional(),
      heatRatePerSecond: z.number().positive().optional(),
      coolTimeConstantMinutes: z.number().positive().optional(),
    })
    .optional(),
  /**
   * Whether the printer answers Cetak's temperature extension (`Xt`). Default: as `extensions`
   * says, which is off, like a printer that speaks only the Programming Guide.
   */
  reportsTemperatures: z.boolean().optional(),
});

export type PrinterTruth = z.output<typeof printerTruthSchema>;

/** The profile with the printer's real figures laid over it; the profile itself when there are none. */
export function trueProfile(profile: ProfileConfig, truth: PrinterTruth | undefined): ProfileConfig {
  if (truth?.thermal === undefined && truth?.roller === undefined) return profile;
  return {
    ...profile,
    thermal: { ...profile.thermal, ...definedOnly(truth.thermal) },
    roller: { ...profile.roller, ...definedOnly(truth.roller) },
  };
}

/** Two blocks as one: keys of `over` win, key by key. */
export function mergeTruth(
  under: PrinterTruth | undefined,
  over: PrinterTruth | undefined,
): PrinterTruth | undefined {
  if (under === undefined) return over;
  if (over === undefined) return under;
  const reports = over.reportsTemperatures ?? under.reportsTemperatures;
  return {
    thermal: { ...under.thermal, ...definedOnly(over.thermal) },
    roller: { ...under.roller, ...definedOnly(over.roller) },
    ...(reports !== undefined && { reportsTemperatures: reports }),
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
