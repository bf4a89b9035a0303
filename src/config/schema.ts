import { z } from 'zod';
import {
  DRIVER_OPTION_BLOCKS,
  type DriverName,
  isDriverName,
  isHardwareDriver,
  takesOptions,
  unknownDriverMessage,
} from '../drivers/registry.js';
import { CetakError } from '../errors.js';
import { ambientSpecSchema } from '../thermal/ambient.js';
import { TIME_OF_DAY } from '../thermal/local-time.js';
import { parsePort } from '../transport/port-url.js';
import { isTimeZone } from '../util/time-zone.js';
import { chipSchema } from './chip-schema.js';
import { linkSchema } from './link-schema.js';
import { privacySchema } from './privacy-schema.js';
import { BUILT_IN_PROFILES, type ProfileConfig, profileSchema } from './profile-schema.js';
import { roomSensorSchema } from './room-sensor-schema.js';

export { CHIP_ENCODERS, type ChipConfig, chipSchema } from './chip-schema.js';
export { BUILT_IN_PROFILES, type ProfileConfig, profileSchema } from './profile-schema.js';

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

const timeOfDay = z.string().regex(TIME_OF_DAY, 'must be a local time HH:MM');

/** A DNS name (labels of letters, digits and hyphens) or an IPv4 address. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export const serviceHoursSchema = z
  .strictObject({ open: timeOfDay.default('08:00'), close: timeOfDay.default('16:00') })
  .refine((hours) => hours.open < hours.close, { error: 'open must be before close' });

export const stationSchema = z.strictObject({
  id: slug,
  driver: z
    .string()
    .refine(isDriverName, { error: (issue) => unknownDriverMessage(String(issue.input)) })
    .transform((name) => name as DriverName),
  profile: slug.default('retransfer-ref'),
  /** Where the printer is attached: `serial:/dev/ttyUSB0?baud=115200`, `COM3`, `tcp://host:9100`, `usb:/dev/usb/lp0`. */
  port: z
    .string()
    .min(1)
    .superRefine((port, ctx) => {
      const problem = portProblem(port);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Link timing for protocol drivers. */
  link: linkSchema,
  /** Settings of an emulated printer (drivers `emulator`, `emulator-direct` only). */
  emulator: DRIVER_OPTION_BLOCKS.emulator.optional(),
  /**
   * What personalises the card's chip before it is printed: `none` (default), `emulated`, or
   * `command` with `program`, `args`, `timeoutSeconds` (`docs/chip.md`).
   */
  chip: chipSchema.default({ encoder: 'none' }),
});

export const kecamatanSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  /** Cards a day each station of this kecamatan aims for; defaults to the site's. */
  dailyTarget: z.int().positive().optional(),
  /** This kecamatan's own opening hours, when they differ from the site's. */
  serviceHours: serviceHoursSchema.optional(),
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
      /**
       * The room temperature over the day that the daemon plans with: a named profile, a constant
       * °C, or points `[{at: 'HH:MM', c}]`. Default: the reference hot Palembang day.
       */
      ambient: ambientSpecSchema.default('palembang-hot-day'),
      /** A thermometer in the print room, read instead of trusting `ambient` (optional). */
      roomSensor: roomSensorSchema.optional(),
      /** When residents are served; printers are warm by opening and rest after closing. */
      serviceHours: serviceHoursSchema.prefault({}),
    })
    .prefault({}),
  scheduler: z
    .strictObject({
      /** `thermal` paces cards so no printer overheats; `fifo` prints back to back like a plain spooler. */
      policy: z.enum(['thermal', 'fifo']).default('thermal'),
      /** Never plan a card whose predicted peak comes closer than this to the printer's cut-off. */
      marginC: z.number().nonnegative().max(10).default(0.3),
      /** How long a walk-in may wait for the printer to cool before its card starts (p95 target 180 s door to card). */
      walkInWaitSeconds: z.number().nonnegative().max(600).default(60),
      /**
       * Walk-ins in a row the backlog leaves thermal headroom for while walk-ins are arriving (two
       * minutes apart is common); one when none came in the last two hours.
       */
      walkInsReserved: z.int().min(0).max(5).default(2),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.int().min(0).max(65535).default(8787),
      /** The status port's bearer token; default: generated at first start into <data-dir>/token. */
      token: z.string().min(16, 'must be at least 16 characters').optional(),
      /** Lets `GET /metrics` be read, and nothing else (a city Prometheus); else `<data-dir>/scrape-token`. */
      scrapeToken: z.string().min(16, 'must be at least 16 characters').optional(),
      /**
       * The office's names for this PC (`cetak.kantor.local`), besides `localhost`, IP addresses
       * and the PC's own host name: the status port answers 421 to any other Host (DNS rebinding).
       */
      allowedHosts: z
        .array(
          z
            .string()
            .regex(HOST_NAME, 'must be a host name without scheme or port, e.g. cetak.kantor.local')
            .transform((name) => name.toLowerCase()),
        )
        .default([]),
    })
    .prefault({}),
  daemon: z
    .strictObject({
      /** How long a shutdown waits for a card in progress before giving up on it. */
      shutdownGraceSeconds: z.number().positive().default(90),
      /** How often a daemon waiting for disk space (it could not open its store) tries again. */
      storeRetrySeconds: z.number().min(1).max(3600).default(10),
      /**
       * Every this many cards a station has finished, its blank-card books are compared with the
       * printer's own card counter (`Rco;c`); also at each start. A difference raises `STOCK_MISMATCH`.
       */
      reconcileEveryCards: z.int().min(1).max(10_000).default(50),
      /**
       * Cards with big photos (over 250,000 pixels): libvips decodes and reduces them on libuv's
       * thread pool, off the event loop that runs the printers and the status port
       * (`docs/performance.md`).
       */
      cardWork: z
        .strictObject({
          /** Big photos decoded at once; each holds libvips' buffers and a libuv thread while it is decoded. */
          atOnce: z.int().min(1).max(4).default(1),
          /** Image checks that may wait; a submission beyond them gets HTTP 503. */
          queue: z.int().min(1).max(1000).default(32),
        })
        .prefault({}),
    })
    .prefault({}),
  privacy: privacySchema,
  profiles: z.record(slug, profileSchema).default({}),
  kecamatan: z.array(kecamatanSchema).min(1, 'at least one kecamatan is needed'),
});

export const configSchema = baseConfigSchema
  .superRefine((config, ctx) => {
    for (const issue of referenceIssues(config)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((config) => ({
    ...config,
    profiles: { ...BUILT_IN_PROFILES, ...config.profiles } as Record<string, ProfileConfig>,
  }));

export type Config = z.output<typeof configSchema>;
export type StationConfig = z.output<typeof stationSchema>;
export type KecamatanConfig = z.output<typeof kecamatanSchema>;
export type ServiceHours = z.output<typeof serviceHoursSchema>;

interface LooseKecamatan {
  id?: unknown;
  parent?: unknown;
  stations?: unknown;
}

export interface ReferenceIssue {
  readonly path: PropertyKey[];
  readonly message: string;
}

/**
 * Checks that need the whole config: unique ids and references that must resolve. zod skips
 * whole-object checks once a field is wrong, so the loader also runs this on the raw input to show
 * every problem at once; hence it reads the config defensively rather than trusting its types.
 */
export function referenceIssues(value: unknown): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const config = (value ?? {}) as { kecamatan?: unknown; profiles?: unknown };
  const profiles = typeof config.profiles === 'object' && config.profiles !== null ? config.profiles : {};
  const profileNames = [...new Set([...Object.keys(BUILT_IN_PROFILES), ...Object.keys(profiles)])];
  const kecamatan: LooseKecamatan[] = Array.isArray(config.kecamatan) ? config.kecamatan : [];
  const kecamatanIds = kecamatan.map((k) => k?.id).filter((id): id is string => typeof id === 'string');
  const stationsOf = (k: LooseKecamatan | undefined): Array<Record<string, unknown>> =>
    Array.isArray(k?.stations) ? k.stations : [];
  const problem = (path: PropertyKey[], message: string) => issues.push({ path, message });
  const seenKecamatan = new Set<unknown>();
  const seenStations = new Set<unknown>();

  kecamatan.forEach((k, index) => {
    if (typeof k !== 'object' || k === null) return;
    if (seenKecamatan.has(k.id))
      problem(['kecamatan', index, 'id'], `duplicate kecamatan id "${String(k.id)}"`);
    seenKecamatan.add(k.id);
    const stations = stationsOf(k);

    if (k.parent !== undefined) {
      const parent = kecamatan.find((p) => p?.id === k.parent);
      if (!parent) {
        problem(
          ['kecamatan', index, 'parent'],
          `unknown kecamatan "${String(k.parent)}" (known: ${kecamatanIds.join(', ')})`,
        );
      } else if (stationsOf(parent).length === 0) {
        problem(['kecamatan', index, 'parent'], `parent "${String(k.parent)}" has no stations to print at`);
      }
      if (stations.length > 0) {
        problem(
          ['kecamatan', index, 'parent'],
          'a kecamatan with its own stations cannot also print at a parent',
        );
      }
    } else if (stations.length === 0) {
      problem(
        ['kecamatan', index, 'stations'],
        'needs at least one station, or a parent kecamatan to print at',
      );
    }

    stations.forEach(
      (
        stationConfig: {
          id?: unknown;
          profile?: unknown;
          driver?: unknown;
          port?: unknown;
          emulator?: unknown;
        },
        s,
      ) => {
        if (typeof stationConfig !== 'object' || stationConfig === null) return;
        const path = ['kecamatan', index, 'stations', s];
        if (seenStations.has(stationConfig.id))
          problem([...path, 'id'], `duplicate station id "${String(stationConfig.id)}"`);
        seenStations.add(stationConfig.id);
        const driver =
          typeof stationConfig.driver === 'string' && isDriverName(stationConfig.driver)
            ? stationConfig.driver
            : undefined;
        if (driver && isHardwareDriver(driver) && stationConfig.port === undefined) {
          problem(
            [...path, 'port'],
            `driver ${driver} needs a port, e.g. serial:/dev/ttyUSB0, COM3 or tcp://192.0.2.10:9100`,
          );
        }
        if (driver && !takesOptions(driver, 'emulator') && stationConfig.emulator !== undefined) {
          problem(
            [...path, 'emulator'],
            `only emulated printers take an emulator block (driver is ${driver})`,
          );
        }
        const profile = stationConfig.profile ?? 'retransfer-ref';
        if (typeof profile === 'string' && !profileNames.includes(profile)) {
          problem([...path, 'profile'], `unknown profile "${profile}" (known: ${profileNames.join(', ')})`);
        }
      },
    );
  });
  return issues;
}

function portProblem(port: string): string | undefined {
  try {
    parsePort(port);
    return undefined;
  } catch (error) {
    if (error instanceof CetakError) return error.message;
    throw error;
  }
}
