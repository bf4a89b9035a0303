import type { ProblemReason } from '../../src/drivers/driver.js';
import type { Logger } from '../../src/log/logger.js';
import { readPresence } from './card-presence.js';
import type { CommandChannel } from './command-channel.js';
import { problemFor } from './printer-errors.js';
import { describeReply, type Reply } from './protocol/index.js';

/** What one status read found; a field the printer did not give is left out. */
export interface Reading {
  /** `Rco;l`: cards the ribbon still has (the guide says "not accurate"). */
  readonly ribbonLeft?: number;
  /** Extension `Xt`. */
  readonly internalC?: number;
  readonly rollerC?: number;
  readonly heaterOn?: boolean;
  /** Extension `Xco`: stock the printer counts itself. */
  readonly stock?: {
    readonly feeder?: number;
    readonly hopper?: number;
    readonly ribbon?: number;
    readonly film?: number;
  };
  /** Problems the reads show now (a ribbon at its end, an empty count). */
  readonly shown: readonly ProblemReason[];
  /** Problems latched from earlier refusals that the reads show fixed. */
  readonly cleared: readonly ProblemReason[];
}

/** The stock counts (`Xco`) whose reaching 0 is a problem, and that problem. */
const STOCK_PROBLEMS = { feeder: 'feeder-empty', hopper: 'hopper-full', film: 'film-out' } as const;

/** A count a read answers (`Rco;l`, `Rco;c`…), or `undefined` when the reply is not one. */
export function countOf(reply: Reply): number | undefined {
  return reply.kind === 'value' && /^\s*\d{1,12}\s*$/.test(reply.text) ? Number(reply.text) : undefined;
}

/**
 * Reads what a printer tells about itself without printing (A5013 `R` pages): `Rcr` (ribbon
 * end) and `Rco;l` (ribbon left), and with the extensions `Xt` (temperatures and heater). The
 * guide has no state or problem read; the driver learns problems from the answers to its card
 * steps and latches them. While one is latched, the read that can show it fixed is asked too:
 * `Rcr` for the ribbon, `Sk;f` (the feeder's finish sensor) for the feeder, `Rlr;p` (no card in
 * the printing module) for a jam. An open cover has no such read: the operator says when it is
 * closed. With the extensions, `Xco`'s stock counts show an empty feeder, a full hopper or no
 * film, and their end. A reply it cannot understand leaves that field out and is logged when it first appears;
 * only link failures reject.
 */
export class StatusReader {
  readonly #log: Logger;
  readonly #lastWarning = new Map<string, string>();

  constructor(log: Logger) {
    this.#log = log;
  }

  async read(
    channel: CommandChannel,
    extensions: boolean,
    latched: ReadonlySet<ProblemReason> = new Set(),
  ): Promise<Reading> {
    const shown: ProblemReason[] = [];
    const cleared: ProblemReason[] = [];
    const seen = (problem: ProblemReason, present: boolean | undefined) => {
      if (present === true) shown.push(problem);
      else if (present === false) cleared.push(problem);
    };
    seen('ribbon-out', this.#ribbonAtEnd(await channel.send('Rcr')));
    const left = await channel.send('Rco', ['l']);
    const ribbonLeft = countOf(left);
    if (ribbonLeft === undefined) this.#warn('Rco;l', `unexpected reply ${describeReply(left)}`);
    const temperatures = extensions ? this.#temperatures(await channel.send('Xt')) : {};
    const stock = extensions ? this.#stock(await channel.send('Xco')) : undefined;
    for (const [count, problem] of Object.entries(STOCK_PROBLEMS)) {
      const left = stock?.[count as keyof typeof STOCK_PROBLEMS];
      if (left !== undefined) seen(problem, left === 0);
    }
    if (latched.has('feeder-empty')) {
      const feeder = await channel.send('Sk', ['f']);
      if (feeder.kind === 'value' && feeder.text.trim() === '0') cleared.push('feeder-empty');
    }
    if (latched.has('card-jam') && (await readPresence(channel)) === 'empty') cleared.push('card-jam');
    return {
      ...(ribbonLeft !== undefined && { ribbonLeft }),
      ...temperatures,
      ...(stock && { stock }),
      shown,
      cleared,
    };
  }

  /** `Rcr`: OK off the ribbon's end mark, an error at it; `undefined` when it says neither. */
  #ribbonAtEnd(reply: Reply): boolean | undefined {
    if (reply.kind === 'ok') return false;
    if (reply.kind === 'error' && problemFor(reply.reason) === 'ribbon-out') return true;
    this.#warn('Rcr', `unexpected reply ${describeReply(reply)}`);
    return undefined;
  }

  /** `feeder=88;hopper=12;ribbon=412;film=912`, keys in any order, any left out. */
  #stock(reply: Reply): Reading['stock'] {
    if (reply.kind !== 'value') {
      this.#warn('Xco', `unexpected reply ${describeReply(reply)}`);
      return undefined;
    }
    const fields = keyValues(reply.text);
    const stock: Record<string, number> = {};
    for (const key of ['feeder', 'hopper', 'ribbon', 'film']) {
      const text = fields.get(key);
      if (text !== undefined && /^\d{1,7}$/.test(text)) stock[key] = Number(text);
    }
    return stock;
  }

  /** `internal=35.2;roller=165.0;heater=1` (°C; heater 0 or 1), keys in any order. */
  #temperatures(reply: Reply): Pick<Reading, 'internalC' | 'rollerC' | 'heaterOn'> {
    if (reply.kind !== 'value') {
      this.#warn('Xt', `unexpected reply ${describeReply(reply)}`);
      return {};
    }
    const fields = keyValues(reply.text);
    const number = (key: string) => {
      const text = fields.get(key);
      return text !== undefined && /^-?\d{1,4}(\.\d{1,3})?$/.test(text) ? Number(text) : undefined;
    };
    const internalC = number('internal');
    const rollerC = number('roller');
    const heater = fields.get('heater');
    if (internalC === undefined && rollerC === undefined)
      this.#warn('Xt', `no temperature in ${describeReply(reply)}`);
    return {
      ...(internalC !== undefined && { internalC }),
      ...(rollerC !== undefined && { rollerC }),
      ...((heater === '0' || heater === '1') && { heaterOn: heater === '1' }),
    };
  }

  /** A reply that stays bad is logged once, not at every poll. */
  #warn(command: string, message: string): void {
    if (this.#lastWarning.get(command) === message) return;
    this.#lastWarning.set(command, message);
    this.#log.warn({ command, reply: message }, 'status reply not understood; left out');
  }
}

function keyValues(text: string): Map<string, string> {
  return new Map(
    text.split(';').map((item) => {
      const eq = item.indexOf('=');
      return [item.slice(0, eq).trim().toLowerCase(), item.slice(eq + 1).trim()] as const;
    }),
  );
}
