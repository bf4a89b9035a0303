import type { Clock } from '../clock/clock.js';
import type { Config, KecamatanConfig } from '../config/schema.js';
import { loadDriver } from '../drivers/registry.js';
import type { Logger } from '../log/logger.js';
import type { CardWork } from '../render/card-work.js';
import { stationScheduling } from '../scheduler/station-scheduling.js';
import type { JobStore } from '../store/job-store.js';
import type { RoomSensor } from '../thermal/room-sensor.js';
import { Station } from './station.js';

export interface FleetParts {
  readonly config: Readonly<Config>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly jobs: JobStore;
  readonly cardWork: CardWork;
  readonly room: RoomSensor | undefined;
}

/** Every station of the config, in its order, each with its driver loaded by name. */
export async function assembleStations({ config, clock, log, jobs, cardWork, room }: FleetParts) {
  const stations: Station[] = [];
  let index = 0;
  for (const kecamatan of config.kecamatan) {
    for (const station of kecamatan.stations) {
      const profile = config.profiles[station.profile];
      if (!profile) throw new Error(`profile ${station.profile} vanished after validation`);
      const createDriver = await loadDriver(station.driver);
      const stationLog = log.child({ station: station.id });
      stations.push(
        new Station({
          config: station,
          kecamatan: kecamatan.id,
          serves: servedBy(config, kecamatan),
          driverName: station.driver,
          driver: createDriver({
            clock,
            log: stationLog,
            station,
            profile,
            site: { timeZone: config.site.timezone, ambient: config.site.ambient },
          }),
          store: jobs,
          clock,
          log,
          timeZone: config.site.timezone,
          render: (card, issue) => cardWork.render(card, issue),
          ...stationScheduling(config, kecamatan, profile, index++, clock, room),
        }),
      );
    }
  }
  return stations;
}

/** A kecamatan's stations print for it and for every kecamatan that names it as parent. */
function servedBy(config: Readonly<Config>, kecamatan: KecamatanConfig): string[] {
  return [kecamatan.id, ...config.kecamatan.filter((k) => k.parent === kecamatan.id).map((k) => k.id)];
}
