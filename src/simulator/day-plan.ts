import { trueProfile } from '../config/printer-truth.js';
import type { Config, ProfileConfig } from '../config/schema.js';
import type { FaultName } from '../drivers/emulated-faults.js';
import { type AmbientSpec, ambientFrom, type BoundedAmbient } from '../thermal/ambient.js';
import { utcOffsetMs } from '../thermal/local-time.js';
import { localInstant } from './local-times.js';
import type { Scenario } from './scenario.js';
import { serviceHoursOf } from './sim-config.js';
import { type ThermalBound, thermalBound } from './thermal-bound.js';
import { walkInArrivals } from './walk-in-arrivals.js';

export interface StationDayPlan {
  readonly stationId: string;
  readonly kecamatan: string;
  /** The printer's real figures: its profile with its `emulator.printer` block laid over. */
  readonly profile: ProfileConfig;
  /** The room the printer really stands in. */
  readonly ambient: BoundedAmbient;
  readonly openMs: number;
  readonly closeMs: number;
  readonly bound: ThermalBound;
}

export interface DayPlan {
  readonly date: string;
  /** `DAY_START` local: printers cold, backlog queued. */
  readonly startMs: number;
  /** `DAY_END` local, or the latest closing if later. */
  readonly endMs: number;
  /** The day is cut off here even if a walk-in still waits: 06:00 the next morning. */
  readonly cutOffMs: number;
  /** Kecamatan with stations of their own, in config order. */
  readonly printingKecamatan: readonly string[];
  readonly stations: readonly StationDayPlan[];
  readonly arrivals: ReadonlyArray<{ readonly atMs: number; readonly kecamatan: string }>;
  readonly faults: ReadonlyArray<{
    readonly atMs: number;
    readonly station: string;
    readonly fault: FaultName;
    readonly seconds?: number;
  }>;
}

const DAY_MS = 86_400_000;
/** Printers stand cold at room temperature at this local time; the backlog is queued then. */
export const DAY_START = '07:00';
/** The simulated day runs at least to this local time. */
export const DAY_END = '17:00';
const boundCache = new Map<string, ThermalBound>();

/**
 * What happens on one simulated day, worked out before it runs. `config` is the simulation config
 * (`simulationConfig`): each station's `emulator.ambient` is the room it really stands in.
 */
export function planDay(config: Readonly<Config>, scenario: Scenario, date: string, day: number): DayPlan {
  const timeZone = config.site.timezone;
  const at = (hhmm: string) => localInstant(date, hhmm, timeZone);
  const startMs = at(DAY_START);
  const stations: StationDayPlan[] = [];
  let latestClose = at(DAY_END);
  for (const kecamatan of config.kecamatan) {
    const hours = serviceHoursOf(config, kecamatan);
    const openMs = at(hours.open);
    const closeMs = at(hours.close);
    latestClose = Math.max(latestClose, closeMs);
    for (const stationConfig of kecamatan.stations) {
      const believed = config.profiles[stationConfig.profile];
      if (!believed) throw new Error(`profile ${stationConfig.profile} vanished after validation`);
      // The referee judges by the printer's real physics, which the daemon only learns.
      const profile = trueProfile(believed, stationConfig.emulator?.printer);
      const spec: AmbientSpec = stationConfig.emulator?.ambient ?? config.site.ambient;
      const ambient = ambientFrom(spec, timeZone);
      const bound = cachedBound(profile, spec, timeZone, startMs, openMs, closeMs, ambient);
      stations.push({
        stationId: stationConfig.id,
        kecamatan: kecamatan.id,
        profile,
        ambient,
        openMs,
        closeMs,
        bound,
      });
    }
  }
  const printingKecamatan = config.kecamatan.filter((k) => k.stations.length > 0).map((k) => k.id);
  const walkIns = scenario.walkIns;
  const arrivals = walkIns
    ? walkInArrivals({
        perHour: walkIns.perHour,
        fromMs: at(walkIns.from),
        toMs: at(walkIns.to),
        seed: walkIns.seed,
        day,
      }).map((atMs, i) => ({
        atMs,
        kecamatan: walkIns.kecamatan ?? (printingKecamatan[i % printingKecamatan.length] as string),
      }))
    : [];
  const faults = scenario.faults
    .map((f) => ({
      atMs: at(f.at),
      station: f.station,
      fault: f.fault,
      ...(f.seconds !== undefined && { seconds: f.seconds }),
    }))
    .filter((f) => f.atMs >= startMs)
    .sort((a, b) => a.atMs - b.atMs);
  return {
    date,
    startMs,
    endMs: latestClose,
    cutOffMs: startMs + DAY_MS - 3_600_000,
    printingKecamatan,
    stations,
    arrivals,
    faults,
  };
}

/**
 * The bound depends only on the printer, the room and the hours by local time of day, so one
 * computation serves every station and day alike (shifted to the day).
 */
function cachedBound(
  profile: ProfileConfig,
  spec: AmbientSpec,
  timeZone: string,
  coldAtMs: number,
  openMs: number,
  closeMs: number,
  ambient: BoundedAmbient,
): ThermalBound {
  const key = JSON.stringify([
    profile,
    spec,
    timeZone,
    utcOffsetMs(coldAtMs, timeZone),
    utcOffsetMs(closeMs, timeZone),
    openMs - coldAtMs,
    closeMs - coldAtMs,
  ]);
  let relative = boundCache.get(key);
  if (!relative) {
    const bound = thermalBound({ profile, ambient, coldAtMs, openMs, closeMs });
    relative = {
      cards: bound.cards,
      startsMs: bound.startsMs.map((t) => t - coldAtMs),
      ...(bound.heaterOnMs !== undefined && { heaterOnMs: bound.heaterOnMs - coldAtMs }),
    };
    if (boundCache.size > 1000) boundCache.clear();
    boundCache.set(key, relative);
  }
  return {
    cards: relative.cards,
    startsMs: relative.startsMs.map((t) => t + coldAtMs),
    ...(relative.heaterOnMs !== undefined && { heaterOnMs: relative.heaterOnMs + coldAtMs }),
  };
}
