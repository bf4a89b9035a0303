import { parseConfig } from '../config/load-config.js';
import { mergeTruth } from '../config/printer-truth.js';
import type { Config, KecamatanConfig, ServiceHours, StationConfig } from '../config/schema.js';
import type { AmbientSpec } from '../thermal/ambient.js';
import type { Scenario } from './scenario.js';

export type Policy = Config['scheduler']['policy'];

/**
 * How the simulated daemon reaches its emulated printers: `emulator-direct` calls the machine
 * straight (fast, no link faults); `emulator` runs the real Evolis protocol driver over an
 * in-memory byte link, so link faults make it time out, reconnect and leave jobs `uncertain`.
 */
export type SimDriver = 'emulator-direct' | 'emulator';
export const SIM_DRIVERS: readonly SimDriver[] = ['emulator-direct', 'emulator'];

/**
 * The room a station's printer really stands in: the scenario's, else the station's own
 * `emulator.ambient`, else the site's (what the daemon plans with).
 */
export function realAmbient(
  config: Readonly<Config>,
  stationConfig: StationConfig,
  scenario: Scenario,
): AmbientSpec {
  return scenario.ambient ?? stationConfig.emulator?.ambient ?? config.site.ambient;
}

/** A kecamatan's service hours: its own, else the site's. */
export function serviceHoursOf(config: Readonly<Config>, kecamatan: KecamatanConfig): ServiceHours {
  return kecamatan.serviceHours ?? config.site.serviceHours;
}

/**
 * The config the simulated daemon runs: every station on `driver` (default `emulator-direct`, the
 * machine without the wire protocol), its `emulator:` block kept with the room set to the
 * scenario's and the scenario's `printer:` laid over its own, and the policy under test. Validated again like any config.
 */
export function simulationConfig(
  config: Readonly<Config>,
  scenario: Scenario,
  policy?: Policy,
  driver: SimDriver = 'emulator-direct',
): Readonly<Config> {
  const raw = {
    ...config,
    scheduler: { ...config.scheduler, ...(policy && { policy }) },
    kecamatan: config.kecamatan.map((kecamatan) => ({
      ...kecamatan,
      stations: kecamatan.stations.map((stationConfig) => {
        const { port: _port, ...rest } = stationConfig;
        const printer = mergeTruth(stationConfig.emulator?.printer, scenario.printer);
        return {
          ...rest,
          driver,
          emulator: {
            ...stationConfig.emulator,
            ambient: realAmbient(config, stationConfig, scenario),
            ...(printer && { printer }),
          },
        };
      }),
    })),
  };
  return parseConfig(raw, 'simulation config');
}
