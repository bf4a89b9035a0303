import { z } from 'zod';
import { isDriverName, unknownDriverMessage } from '../drivers/registry.js';

/**
 * The configuration schema: the single source of the config's types, defaults and checks.
 * Every object is strict, so a misspelt key is an error rather than a silently ignored setting.
 */

const slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be lower-case letters, digits and dashes, starting with a letter or digit',
  );

/** Printer model parameters. The emulator follows them; the scheduler predicts with them. */
export const profileSchema = z.strictObject({
  description: z.string().optional(),
  /** Seconds from a cold roller to ready. */
  warmUpSeconds: z.number().positive().default(162.5),
  /** Seconds one card spends in the printer (print + chip encode). */
  cycleSeconds: z.number().positive().default(65),
  /** The printer turns its heater off after this long without a card unless kept warm. */
  heaterIdleOffMinutes: z.number().positive().default(15),
});

/** The reference retransfer printer, always available as `retransfer-ref`. */
export const BUILT_IN_PROFILES = {
  'retransfer-ref': profileSchema.parse({
    description: 'Reference retransfer card printer (assumed values; no vendor publishes them)',
  }),
} as const;

export const stationSchema = z.strictObject({
  id: slug,
  driver: z.string().refine(isDriverName, { error: (issue) => unknownDriverMessage(String(issue.input)) }),
  profile: slug.default('retransfer-ref'),
  /** Where the printer is attached, e.g. `serial:/dev/ttyUSB0`, `tcp://10.0.0.5:9100`. */
  port: z.string().min(1).optional(),
});

export const kecamatanSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  /** Cards a day each station of this kecamatan aims for; defaults to the site's. */
  dailyTarget: z.int().positive().optional(),
  /** A kecamatan without printers sends its residents' cards to this kecamatan's stations. */
  parent: slug.optional(),
  stations: z.array(stationSchema).default([]),
});

const baseConfigSchema = z.strictObject({
  site: z
    .strictObject({
      name: z.string().min(1).default('Cetak'),
      /** IANA time zone for "today" in the daily counts. Palembang is on WIB. */
      timezone: z
        .string()
        .refine(isTimeZone, { error: (issue) => `unknown time zone "${String(issue.input)}"` })
        .default('Asia/Jakarta'),
      dailyTarget: z.int().positive().default(160),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.int().min(0).max(65535).default(8787),
    })
    .prefault({}),
  daemon: z
    .strictObject({
      /** How long a shutdown waits for a card in progress before giving up on it. */
      shutdownGraceSeconds: z.number().positive().default(90),
    })
    .prefault({}),
  profiles: z.record(slug, profileSchema).default({}),
  kecamatan: z.array(kecamatanSchema).min(1, 'at least one kecamatan is needed'),
});

export const configSchema = baseConfigSchema.superRefine(checkReferences).transform((config) => ({
  ...config,
  profiles: { ...BUILT_IN_PROFILES, ...config.profiles } as Record<string, ProfileConfig>,
}));

export type Config = z.output<typeof configSchema>;
export type StationConfig = z.output<typeof stationSchema>;
export type KecamatanConfig = z.output<typeof kecamatanSchema>;
export type ProfileConfig = z.output<typeof profileSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type RawConfig = z.output<typeof baseConfigSchema>;

/** Checks that need the whole config: unique ids and references that must resolve. */
function checkReferences(config: RawConfig, ctx: z.RefinementCtx): void {
  const profileNames = [...new Set([...Object.keys(BUILT_IN_PROFILES), ...Object.keys(config.profiles)])];
  const kecamatanIds = config.kecamatan.map((k) => k.id);
  const seenKecamatan = new Set<string>();
  const seenStations = new Set<string>();

  config.kecamatan.forEach((kecamatan, k) => {
    if (seenKecamatan.has(kecamatan.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kecamatan', k, 'id'],
        message: `duplicate kecamatan id "${kecamatan.id}"`,
      });
    }
    seenKecamatan.add(kecamatan.id);

    if (kecamatan.parent !== undefined) {
      const parent = config.kecamatan.find((p) => p.id === kecamatan.parent);
      if (!parent) {
        ctx.addIssue({
          code: 'custom',
          path: ['kecamatan', k, 'parent'],
          message: `unknown kecamatan "${kecamatan.parent}" (known: ${kecamatanIds.join(', ')})`,
        });
      } else if (parent.stations.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['kecamatan', k, 'parent'],
          message: `parent "${kecamatan.parent}" has no stations to print at`,
        });
      }
      if (kecamatan.stations.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['kecamatan', k, 'parent'],
          message: 'a kecamatan with its own stations cannot also print at a parent',
        });
      }
    } else if (kecamatan.stations.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['kecamatan', k, 'stations'],
        message: 'needs at least one station, or a parent kecamatan to print at',
      });
    }

    kecamatan.stations.forEach((station, s) => {
      if (seenStations.has(station.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['kecamatan', k, 'stations', s, 'id'],
          message: `duplicate station id "${station.id}"`,
        });
      }
      seenStations.add(station.id);
      if (!profileNames.includes(station.profile)) {
        ctx.addIssue({
          code: 'custom',
          path: ['kecamatan', k, 'stations', s, 'profile'],
          message: `unknown profile "${station.profile}" (known: ${profileNames.join(', ')})`,
        });
      }
    });
  });
}
