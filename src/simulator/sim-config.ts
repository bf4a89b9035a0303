import { parseConfig } from '../config/load-config.js';
import type { Config, KecamatanConfig, ServiceHours, StationConfig } from '../config/schema.js';
import type { AmbientSpec } from '../thermal/ambient.js';
import type { Scenario } from './scenario.js';

export type Policy = Config['scheduler']['policy'];

/**
 * The room a station's printer really stands in: the scenario's, else the station's own
 * `emulator.ambient`, else the site's (what the daemon plans with).
 */
export function realAmbient(
  config: Readonly<Config>,
  station: StationConfig,
  scenario: Scenario,
): AmbientSpec {
  return scenario.ambient ?? station.emulator?.ambient ?? config.site.ambient;
}

/** A kecamatan's service hours: its own, else the site's. */
export function serviceHoursOf(config: Readonly<Config>, kecamatan: KecamatanConfig): ServiceHours {
  return kecamatan.serviceHours ?? config.site.serviceHours;
}

/**
 * The config the simulated daemon runs: every station on `emulator-direct` (the machine without
 * the wire protocol), its `emulator:` block kept with the room set to the scenario's, and the
 * policy under test. Validated again like any config.
 */
export function simulationConfig(
  config: Readonly<Config>,
  scenario: Scenario,
  policy?: Policy,
): Readonly<Config> {
  const raw = {
    ...config,
    scheduler: { ...config.scheduler, ...(policy && { policy }) },
    kecamatan: config.kecamatan.map((kecamatan) => ({
      ...kecamatan,
      stations: kecamatan.stations.map((station) => {
        const { port: _port, ...rest } = station;
        return {
          ...rest,
          driver: 'emulator-direct',
          emulator: { ...station.emulator, ambient: realAmbient(config, station, scenario) },
        };
      }),
    })),
  };
  return parseConfig(raw, 'simulation config');
}
