import type { Consumables, PrinterState, PrinterStatus, ProblemReason } from '../../src/drivers/driver.js';
import { isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { CommandChannel } from './command-channel.js';
import {
  type Counters,
  describeReply,
  parseCounters,
  parseProblems,
  parseState,
  parseTemperatures,
} from './reply.js';

/** A status, frozen, in one key order (so statuses compare), with unknown fields left out. */
export function makeStatus(
  state: PrinterState,
  problems: readonly ProblemReason[],
  temperatures: PrinterStatus['temperatures'] = {},
  consumables: Consumables = {},
): PrinterStatus {
  return Object.freeze({
    state,
    problems: Object.freeze([...new Set(problems)].sort()),
    temperatures: known({ internalC: temperatures.internalC, rollerC: temperatures.rollerC }),
    consumables: known({
      ribbonRemaining: consumables.ribbonRemaining,
      filmRemaining: consumables.filmRemaining,
      blanksRemaining: consumables.blanksRemaining,
      hopperSpace: consumables.hopperSpace,
    }),
  });
}

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  const canonical = (s: PrinterStatus) =>
    JSON.stringify(makeStatus(s.state, s.problems, s.temperatures, s.consumables));
  return canonical(a) === canonical(b);
}

function known<T extends object>(fields: T): Readonly<T> {
  return Object.freeze(
    Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  ) as Readonly<T>;
}

function consumablesFrom(counters: Counters): Consumables {
  return {
    ribbonRemaining: counters.ribbon,
    filmRemaining: counters.film,
    blanksRemaining: counters.feeder,
    hopperSpace: counters.hopper,
  };
}

/**
 * Reads the printer's status with `Rst`, `Rpb`, `Rco` and (with extensions) `Xt`. A reply it
 * cannot understand keeps that part of the previous status and is logged when it first appears;
 * only link failures reject, because then there is no status to give.
 */
export class StatusReader {
  readonly #log: Logger;
  readonly #loggedTokens = new Set<string>();
  readonly #lastWarning = new Map<string, string>();

  constructor(log: Logger) {
    this.#log = log;
  }

  async read(channel: CommandChannel, extensions: boolean, previous: PrinterStatus): Promise<PrinterStatus> {
    const state = await this.#value(channel, 'Rst', parseState);
    const problems = await this.#value(channel, 'Rpb', (text) => this.#problems(text));
    const counters = await this.#value(channel, 'Rco', parseCounters);
    const temperatures = extensions ? await this.#value(channel, 'Xt', parseTemperatures) : {};
    return makeStatus(
      state ?? previous.state,
      problems ?? previous.problems.filter((problem) => problem !== 'link-lost'),
      temperatures ?? previous.temperatures,
      counters ? consumablesFrom(counters) : previous.consumables,
    );
  }

  /** `Rst` alone; `undefined` when its reply cannot be understood. */
  readState(channel: CommandChannel): Promise<PrinterState | undefined> {
    return this.#value(channel, 'Rst', parseState);
  }

  async #value<T>(
    channel: CommandChannel,
    command: string,
    parse: (text: string) => T,
  ): Promise<T | undefined> {
    const reply = await channel.send(command);
    try {
      if (reply.kind !== 'value') {
        this.#warn(command, `unexpected reply ${describeReply(reply)}`);
        return undefined;
      }
      const value = parse(reply.text);
      this.#lastWarning.delete(command);
      return value;
    } catch (error) {
      if (!isCetakError(error, 'REPLY_INVALID')) throw error;
      this.#warn(command, error.message);
      return undefined;
    }
  }

  #problems(text: string): readonly ProblemReason[] {
    const { problems, unknown } = parseProblems(text);
    for (const token of unknown) {
      if (this.#loggedTokens.has(token)) continue;
      this.#loggedTokens.add(token);
      this.#log.warn({ token }, 'printer reports a problem this driver does not know; ignored');
    }
    return problems;
  }

  /** A reply that stays bad is logged once, not at every poll. */
  #warn(command: string, message: string): void {
    if (this.#lastWarning.get(command) === message) return;
    this.#lastWarning.set(command, message);
    this.#log.warn({ command, reply: message }, 'status reply not understood; keeping the last known value');
  }
}
