import { z } from 'zod';
import { OPERATOR_ACTIONS } from '../drivers/driver.js';
import { CetakError, isCetakError } from '../errors.js';
import type { Station } from '../station/station.js';
import { parseBody } from './parse-body.js';

/** `POST /api/stations/:id/actions`: what the operator did at the printer. */
export const operatorActionSchema = z.strictObject({
  action: z.enum(OPERATOR_ACTIONS),
});

/** The commands take no arguments: an empty body, or `{}`. Anything else is a client mistake. */
const noArguments = z.strictObject({}).nullable();

export type StationCommand = 'pause' | 'resume' | 'warm' | 'standby' | 'relearn';
export const STATION_COMMANDS: readonly StationCommand[] = ['pause', 'resume', 'warm', 'standby', 'relearn'];

/** Forgets what a station has learnt of its printer's thermal figures (docs/thermal.md). */
export type Relearn = (stationId: string) => void;

/** Finds stations by id and carries out operators' commands on them. */
export class StationControls {
  readonly #stations: readonly Station[];
  readonly #relearn: Relearn;

  constructor(stations: readonly Station[], relearn: Relearn) {
    this.#stations = stations;
    this.#relearn = relearn;
  }

  station(id: string): Station {
    const station = this.#stations.find((s) => s.id === id);
    if (!station) {
      throw new CetakError(
        'STATION_NOT_FOUND',
        `no station "${id.slice(0, 64)}" (known: ${this.#stations.map((s) => s.id).join(', ')})`,
      );
    }
    return station;
  }

  async command(id: string, command: StationCommand, body: unknown): Promise<void> {
    const station = this.station(id);
    parseBody(noArguments, body, command);
    switch (command) {
      case 'pause':
        return station.pause();
      case 'resume':
        return station.resume();
      case 'warm':
        return station.warm();
      case 'standby':
        return station.standby();
      case 'relearn':
        return this.#relearn(station.id);
    }
  }

  async act(id: string, body: unknown): Promise<void> {
    const station = this.station(id);
    const { action } = parseBody(operatorActionSchema, body, 'operator action');
    await station.operatorDid(action);
  }

  /**
   * Blanks went into the feeder: the printer (an emulated one is filled) is re-read. A printer that
   * is offline is not an error here; the load is in the books all the same.
   */
  async blanksLoaded(id: string, count: number): Promise<void> {
    const station = this.station(id);
    await station.operatorDid('blanks-loaded', count).catch((error: unknown) => {
      if (!isCetakError(error, 'STATION_UNAVAILABLE')) throw error;
    });
  }
}
