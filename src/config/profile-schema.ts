import { z } from 'zod';

/**
 * Printer model parameters (`profiles.<name>`). The emulator behaves by them and the daemon's
 * thermal model predicts with them, so another printer model is a config change. The reference
 * values are assumptions — no vendor publishes them — tuned to what kecamatan staff report: a
 * printer that stops itself in the afternoon heat and must heat its roller first when cold.
 */
export const profileSchema = z.strictObject({
  description: z.string().optional(),
  /** Seconds the print (ribbon to film, film to card) takes. */
  printSeconds: z.number().positive().default(45),
  /** Seconds the chip personalisation takes after printing. */
  encodeSeconds: z.number().nonnegative().default(20),
  thermal: z
    .strictObject({
      /** Newton cooling time constant of the printer's inside towards the room. */
      timeConstantMinutes: z.number().positive().default(25),
      /** How far above the room the inside settles while the roller heater is on. */
      heaterOffsetC: z.number().nonnegative().default(5),
      /** Heat one card adds, spread evenly over its cycle. */
      heatPerCardC: z.number().nonnegative().default(2),
      /** The printer shuts itself off when its inside reaches this. */
      cutoffC: z.number().default(56),
      /** After a shut-off it cannot be powered on until its inside is at or below this. */
      resumeBelowC: z.number().default(45),
    })
    .prefault({}),
  roller: z
    .strictObject({
      setPointC: z.number().default(165),
      /** Printing is refused outside [readyMinC, readyMaxC]. */
      readyMinC: z.number().default(160),
      readyMaxC: z.number().default(170),
      /** Heating rate with the heater on, °C per second. */
      heatRatePerSecond: z.number().positive().default(0.8),
      /** With the heater off the roller cools towards the printer's inside with this time constant. */
      coolTimeConstantMinutes: z.number().positive().default(10),
    })
    .prefault({}),
  /** The heater switches itself off after this long without a card unless the host keeps it warm. */
  heaterIdleOffMinutes: z.number().positive().default(15),
  /** Capacities of the consumables, in cards. */
  capacity: z
    .strictObject({
      ribbon: z.int().positive().default(500),
      film: z.int().positive().default(1000),
      feeder: z.int().positive().default(100),
      hopper: z.int().positive().default(100),
    })
    .prefault({}),
});

export type ProfileConfig = z.output<typeof profileSchema>;

/** Seconds one card spends in the printer. */
export function cycleSeconds(profile: ProfileConfig): number {
  return profile.printSeconds + profile.encodeSeconds;
}

/** The reference retransfer printer, always available as `retransfer-ref`. */
export const BUILT_IN_PROFILES: Readonly<Record<string, ProfileConfig>> = {
  'retransfer-ref': profileSchema.parse({
    description: 'Reference retransfer card printer (assumed values; no vendor publishes them)',
  }),
};
