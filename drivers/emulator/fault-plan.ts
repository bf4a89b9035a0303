import type { Clock } from '../../src/clock/clock.js';
import { nextLocalTime } from '../../src/thermal/local-time.js';
import { unitFrom } from '../../src/util/prng.js';
import { type Fault, type FaultName, isLinkFault } from './emulator-schema.js';
import type { NamedTimers } from './timers.js';

/** A fault that has struck: its name and how long it lasts, if it lasts. */
export interface Strike {
  readonly fault: FaultName;
  readonly seconds?: number;
}

const CARD_STREAM = 0x63617264;
const REPLY_STREAM = 0x7265706c;

/**
 * When the configured faults strike. Timed ones (`at`, `afterSeconds`) get one timer each;
 * `atCard` and `probability` are asked about as cards are fed and replies sent.
 *
 * A probabilistic roll depends only on the seed, the fault's place in the list and the card's (or
 * reply's) number, so one fault's rolls never shift another's and a seed repeats exactly.
 */
export class FaultPlan {
  readonly #faults: readonly Fault[];
  readonly #seed: number;

  constructor(faults: readonly Fault[], seed: number) {
    this.#faults = faults;
    this.#seed = seed;
  }

  /** Sets a timer for each timed fault, counted from now. */
  schedule(clock: Clock, timers: NamedTimers, timeZone: string, strike: (s: Strike) => void): void {
    const now = clock.now();
    this.#faults.forEach((fault, index) => {
      let delayMs: number | undefined;
      if (fault.afterSeconds !== undefined) delayMs = fault.afterSeconds * 1000;
      else if (fault.at !== undefined) delayMs = nextLocalTime(now, fault.at, timeZone) - now;
      if (delayMs !== undefined) timers.set(`fault-${index}`, delayMs, () => strike(strikeOf(fault)));
    });
  }

  /** Faults that strike card `number`: printer faults by `atCard` or per-card probability, link faults by `atCard`. */
  forCard(number: number): Strike[] {
    return this.#pick(number, CARD_STREAM, (fault) => !isLinkFault(fault.fault));
  }

  /** Link faults that strike reply `number` by per-reply probability. */
  forReply(number: number): Strike[] {
    return this.#pick(number, REPLY_STREAM, (fault) => isLinkFault(fault.fault), false);
  }

  #pick(number: number, stream: number, rolledPerThis: (f: Fault) => boolean, byCard = true): Strike[] {
    const hits: Strike[] = [];
    this.#faults.forEach((fault, index) => {
      if (byCard && fault.atCard === number) hits.push(strikeOf(fault));
      else if (
        fault.probability !== undefined &&
        rolledPerThis(fault) &&
        unitFrom(this.#seed, stream, index, number) < fault.probability
      )
        hits.push(strikeOf(fault));
    });
    return hits;
  }
}

function strikeOf(fault: Fault): Strike {
  return fault.seconds === undefined
    ? { fault: fault.fault }
    : { fault: fault.fault, seconds: fault.seconds };
}
