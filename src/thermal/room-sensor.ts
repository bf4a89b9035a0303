import { execFile } from 'node:child_process';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { RoomSensorConfig } from '../config/room-sensor-schema.js';
import type { Logger } from '../log/logger.js';
import { errorMessage } from '../util/error-message.js';
import type { Ambient } from './ambient.js';

/** Reads the room's temperature once, in °C. Rejects with a reason an IT staffer can act on. */
export type RoomReader = (signal: AbortSignal) => Promise<number>;

/** The room as the sensor last read it. */
export interface RoomReading {
  readonly c: number;
  readonly atMs: number;
}

/** A reading older than this many polls is not trusted any more: the site's curve takes over. */
const STALE_AFTER_POLLS = 3;
/** Rooms are between these; anything else is a broken sensor or a wrong field. */
const PLAUSIBLE_C = [0, 60] as const;

/**
 * Polls `site.roomSensor` on the injected clock and offers the room as the scheduler should see
 * it: the site's curve, moved to pass through the latest reading (so the afternoon still warms
 * as the curve says, from where the room really is). A failed or stale sensor falls back to the
 * curve, and says so in the log once per failure spell.
 */
export class RoomSensor {
  readonly #clock: Clock;
  readonly #read: RoomReader;
  readonly #everyMs: number;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  #latest: RoomReading | undefined;
  #timer: TimerHandle | undefined;
  #failing = false;
  #stopped = false;
  readonly #abort = new AbortController();

  constructor(options: {
    readonly clock: Clock;
    readonly read: RoomReader;
    readonly everySeconds: number;
    readonly timeoutSeconds: number;
    readonly log: Logger;
  }) {
    this.#clock = options.clock;
    this.#read = options.read;
    this.#everyMs = options.everySeconds * 1000;
    this.#timeoutMs = options.timeoutSeconds * 1000;
    this.#log = options.log;
  }

  /** The last trusted reading, if it is fresh. */
  latest(): RoomReading | undefined {
    const reading = this.#latest;
    if (!reading || this.#clock.now() - reading.atMs > STALE_AFTER_POLLS * this.#everyMs) return undefined;
    return reading;
  }

  /** The room to plan with: `curve` shifted through the latest fresh reading, else `curve`. */
  ambient(curve: Ambient): Ambient {
    return (epochMs) => {
      const reading = this.latest();
      return reading ? curve(epochMs) + (reading.c - curve(reading.atMs)) : curve(epochMs);
    };
  }

  start(): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = this.#clock.setTimeout(() => void this.#poll(), 0);
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** One reading now (tests, `cetak doctor`); also what the poll does. */
  async readNow(): Promise<number> {
    const timeout = new AbortController();
    const timer = this.#clock.setTimeout(
      () => timeout.abort(new Error('no answer in time')),
      this.#timeoutMs,
    );
    try {
      const c = await this.#read(AbortSignal.any([timeout.signal, this.#abort.signal]));
      if (!Number.isFinite(c) || c < PLAUSIBLE_C[0] || c > PLAUSIBLE_C[1])
        throw new Error(
          `read ${c} °C, not a room temperature (expected ${PLAUSIBLE_C[0]}–${PLAUSIBLE_C[1]})`,
        );
      return c;
    } finally {
      this.#clock.clearTimeout(timer);
    }
  }

  async #poll(): Promise<void> {
    try {
      const c = await this.readNow();
      this.#latest = { c, atMs: this.#clock.now() };
      if (this.#failing) this.#log.info({ roomC: c }, 'room sensor reads again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing && !this.#stopped)
        this.#log.warn({ err: errorMessage(error) }, 'room sensor not read; planning with site.ambient');
      this.#failing = true;
    }
    if (!this.#stopped) this.#timer = this.#clock.setTimeout(() => void this.#poll(), this.#everyMs);
  }
}

/** The reader `site.roomSensor` describes. */
export function roomReader(config: RoomSensorConfig): RoomReader {
  if (config.command) return commandReader(config.command);
  if (config.url) return urlReader(config.url, config.field);
  throw new Error('site.roomSensor needs command or url');
}

function commandReader([program, ...args]: readonly string[]): RoomReader {
  return (signal) =>
    new Promise((resolve, reject) => {
      execFile(program as string, args, { signal, windowsHide: true }, (error, stdout) => {
        if (error) return reject(new Error(`${program} failed: ${errorMessage(error)}`));
        const match = /-?\d+(?:[.,]\d+)?/.exec(String(stdout));
        if (!match) return reject(new Error(`${program} printed no number`));
        resolve(Number(match[0].replace(',', '.')));
      });
    });
}

function urlReader(url: string, field: string | undefined): RoomReader {
  return async (signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    let value: unknown = await response.json();
    for (const key of field?.split('.') ?? []) value = (value as Record<string, unknown> | null)?.[key];
    const c = typeof value === 'string' ? Number(value) : value;
    if (typeof c !== 'number') throw new Error(`${url}: no number at ${field ?? 'the body'}`);
    return c;
  };
}
