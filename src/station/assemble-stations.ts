import type { Clock } from '../clock/clock.js';
import type { Config, KecamatanConfig } from '../config/schema.js';
import { loadDriver } from '../drivers/registry.js';
import type { Logger } from '../log/logger.js';
import type { CardWork } from '../render/card-work.js';
import { stationScheduling } from '../scheduler/station-scheduling.js';
import type { BeliefStore } from '../store/belief-store.js';
import type { JobStore } from '../store/job-store.js';
import type { RoomSensor } from '../thermal/room-sensor.js';
import { BeliefKeeper } from './belief-keeper.js';
import { Station } from './station.js';

export interface FleetParts {
  readonly config: Readonly<Config>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly jobs: JobStore;
  readonly cardWork: CardWork;
  readonly room: RoomSensor | undefined;
  /** Where what each station learns of its printer is kept across restarts. */
  readonly beliefs: BeliefStore;
}

/**
 * Every station of the config, in its order, each with its driver loaded by name, and beside each
 * the keeper of what it learns of its printer (it shares the station's thermal model, which no one
 * else outside the station sees).
 */
export async function assembleStations({ config, clock, log, jobs, cardWork, room, beliefs }: FleetParts) {
  const stations: Station[] = [];
  const learning = new Map<string, BeliefKeeper>();
  let index = 0;
  for (const kecamatan of config.kecamatan) {
    for (const stationConfig of kecamatan.stations) {
      const profile = config.profiles[stationConfig.profile];
      if (!profile) throw new Error(`profile ${stationConfig.profile} vanished after validation`);
      const createDriver = await loadDriver(stationConfig.driver);
      const stationLog = log.child({ station: stationConfig.id });
      const scheduling = stationScheduling(config, kecamatan, profile, index++, clock, room);
      const station = new Station({
        config: stationConfig,
        kecamatan: kecamatan.id,
        serves: servedBy(config, kecamatan),
        driverName: stationConfig.driver,
        driver: createDriver({
          clock,
          log: stationLog,
          station: stationConfig,
          profile,
          site: { timeZone: config.site.timezone, ambient: config.site.ambient },
        }),
        store: jobs,
        clock,
        log,
        timeZone: config.site.timezone,
        render: (card, issue) => cardWork.render(card, issue),
        ...scheduling,
      });
      stations.push(station);
      const learner = {
        id: station.id,
        model: scheduling.model,
        serial: () => station.identity?.serial,
        onChange: (listener: () => void) => station.onChange(listener),
      };
      learning.set(station.id, new BeliefKeeper(learner, beliefs, clock, log));
    }
  }
  return { stations, learning };
}

/** A kecamatan's stations print for it and for every kecamatan that names it as parent. */
function servedBy(config: Readonly<Config>, kecamatan: KecamatanConfig): string[] {
  return [kecamatan.id, ...config.kecamatan.filter((k) => k.parent === kecamatan.id).map((k) => k.id)];
}
