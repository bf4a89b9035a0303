import { z } from 'zod';
import { CetakError, isCetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { StationHandle } from '../station/station-view.js';
import {
  describeAction,
  legacyPrinterFixSchema,
  OPERATOR_ACTION_KINDS,
  type OperatorAction,
  type OperatorActionKind,
  operatorActionSchema,
  PLAIN_ACTIONS,
  type PlainAction,
} from './operator-action.js';
import { parseBody } from './parse-body.js';

/** The plain actions take no arguments: an empty body, or `{}`. Anything else is a client mistake. */
const noArguments = z.strictObject({}).nullable();

export type StationCommand = PlainAction;
/** The actions that are a route of their own. */
export const STATION_COMMANDS: readonly StationCommand[] = PLAIN_ACTIONS;

/** Forgets what a station has learnt of its printer's thermal figures (docs/thermal.md). */
export type Relearn = (stationId: string) => void;

type Handlers = {
  readonly [K in OperatorActionKind]: (
    station: StationHandle,
    action: Extract<OperatorAction, { kind: K }>,
  ) => void | Promise<void>;
};

/** Finds stations by id and carries out operators' actions on them: one handler per action. */
export class StationControls {
  readonly #stations: readonly StationHandle[];
  readonly #log: Logger | undefined;
  readonly #handlers: Handlers;

  constructor(stations: readonly StationHandle[], relearn: Relearn, log?: Logger) {
    this.#stations = stations;
    this.#log = log;
    this.#handlers = {
      pause: (station) => station.pause(),
      resume: (station) => station.resume(),
      warm: (station) => station.warm(),
      standby: (station) => station.standby(),
      relearn: (station) => relearn(station.id),
      'at-printer': (station, action) => station.operatorDid(action.did, action.count),
    };
  }

  station(id: string): StationHandle {
    const station = this.#stations.find((s) => s.id === id);
    if (!station) {
      throw new CetakError(
        'STATION_NOT_FOUND',
        `no station "${id.slice(0, 64)}" (known: ${this.#stations.map((s) => s.id).join(', ')})`,
      );
    }
    return station;
  }

  /** Carries out one action and writes it to the audit log (the daemon's log: who acted is not known here). */
  async perform(id: string, action: OperatorAction): Promise<void> {
    const station = this.station(id);
    const handler = this.#handlers[action.kind] as (
      s: StationHandle,
      a: OperatorAction,
    ) => void | Promise<void>;
    this.#log?.info({ station: station.id, action: describeAction(action) }, 'operator action');
    await handler(station, action);
  }

  /** `POST /api/stations/:id/<kind>`: a plain action, with an empty body. */
  async command(id: string, command: StationCommand, body: unknown): Promise<void> {
    this.station(id);
    parseBody(noArguments, body, command);
    await this.perform(id, { kind: command });
  }

  /** `POST /api/stations/:id/actions`: any action, or the deprecated `{ action: <fix> }`. */
  async act(id: string, body: unknown): Promise<void> {
    this.station(id);
    await this.perform(id, parseAction(body));
  }

  /**
   * Blanks went into the feeder: the printer (an emulated one is filled) is re-read. A printer that
   * is offline is not an error here; the load is in the books all the same.
   */
  async blanksLoaded(id: string, count: number): Promise<void> {
    await this.perform(id, { kind: 'at-printer', did: 'blanks-loaded', count }).catch((error: unknown) => {
      if (!isCetakError(error, 'STATION_UNAVAILABLE')) throw error;
    });
  }
}

/** An action body; the old `{ action }` form is read as `at-printer` (errors name the form the client sent). */
export function parseAction(body: unknown): OperatorAction {
  if (body !== null && typeof body === 'object' && 'action' in body && !('kind' in body)) {
    const { action } = parseBody(legacyPrinterFixSchema, body, 'operator action');
    return { kind: 'at-printer', did: action };
  }
  // Without a kind the union can only say the kind is wrong: this names every stray field too.
  if (body === null || typeof body !== 'object' || !('kind' in body))
    parseBody(kindOnly, body, 'operator action');
  return parseBody(operatorActionSchema, body, 'operator action');
}

const kindOnly = z.strictObject({ kind: z.enum(OPERATOR_ACTION_KINDS) });
