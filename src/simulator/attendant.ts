import type { Clock } from '../clock/clock.js';
import type { PrinterFix, ProblemReason } from '../drivers/driver.js';
import type { LedgerItem, LedgerStore } from '../store/ledger-store.js';
import { localDay } from '../util/local-day.js';
import type { MachineButton, MachineHandle } from './machine-handle.js';

/** Top a consumable up when this few cards' worth is left. */
const LOW = 10;

type Counter = 'feeder' | 'hopper' | 'ribbon' | 'film';

const TOP_UP: ReadonlyArray<{
  counter: Counter;
  action: MachineButton;
  item?: LedgerItem;
}> = [
  { counter: 'feeder', action: 'load-blanks', item: 'blanks' },
  { counter: 'hopper', action: 'empty-hopper' },
  { counter: 'ribbon', action: 'replace-ribbon', item: 'ribbon' },
  { counter: 'film', action: 'replace-film', item: 'film' },
];

/** Problems only a person clears, and what they do about each. */
const FIXES: Readonly<Partial<Record<ProblemReason, MachineButton>>> = {
  'card-jam': 'clear-jam',
  'cover-open': 'close-cover',
  'ribbon-out': 'replace-ribbon',
  'film-out': 'replace-film',
  'feeder-empty': 'load-blanks',
  'hopper-full': 'empty-hopper',
};

/** The dashboard's word for each fix, which the attendant presses after acting at the printer. */
const BUTTON: Readonly<Partial<Record<MachineButton, PrinterFix>>> = {
  'clear-jam': 'jam-cleared',
  'close-cover': 'cover-closed',
  'replace-ribbon': 'ribbon-replaced',
  'replace-film': 'film-replaced',
  'load-blanks': 'blanks-loaded',
  'empty-hopper': 'hopper-emptied',
};

export interface AttendantOptions {
  readonly clock: Clock;
  readonly stationId: string;
  readonly machine: MachineHandle;
  /** Where loads are booked, as an operator's are. */
  readonly ledger: LedgerStore;
  readonly timeZone: string;
  /** How long until the attendant clears a jam, replaces a broken ribbon or closes a cover. */
  readonly reactMs: number;
  /**
   * Tells the station what was fixed, as an operator presses the dashboard's button: a printer
   * that speaks only the guide cannot be asked whether its cover is closed again.
   */
  readonly tellStation?: (action: PrinterFix) => Promise<void>;
}

/**
 * The person at the printer. Keeps consumables topped up between cards (a 100-card feeder would
 * otherwise stop every station mid-morning, which is not what the simulation measures), booking
 * what they load in the ledger, and clears the problems that faults latch after `reactMs`, then
 * presses the dashboard's button for what they fixed.
 */
export class Attendant {
  readonly #options: AttendantOptions;
  readonly #pending = new Set<ProblemReason>();
  readonly #unsubscribe: () => void;
  #coverClosesItselfUntil = 0;

  constructor(options: AttendantOptions) {
    this.#options = options;
    this.#unsubscribe = options.machine.onEvent((event) => {
      // After the machine has finished reacting to its own event.
      if (event.type === 'card-out') queueMicrotask(() => this.topUp());
      else if (event.type === 'status') queueMicrotask(() => this.#lookForProblems());
    });
  }

  /** A scenario's `cover-open` with `seconds` closes by itself; leave it to do so. */
  coverClosesItselfFor(ms: number): void {
    this.#coverClosesItselfUntil = this.#options.clock.now() + ms;
  }

  /** Refills what is low, unless a fault's problem is latched on it (that waits for `reactMs`). */
  topUp(): void {
    const { machine } = this.#options;
    const { counters, problems } = machine.status();
    for (const { counter, action, item } of TOP_UP) {
      const latched = problems.some((p) => FIXES[p] === action);
      if (counters[counter] <= LOW && !(latched && counter === 'ribbon')) this.#act(action, item, counter);
    }
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #lookForProblems(): void {
    const { clock, machine, reactMs } = this.#options;
    for (const problem of machine.status().problems) {
      const action = FIXES[problem];
      if (!action || this.#pending.has(problem)) continue;
      if (problem === 'cover-open' && clock.now() < this.#coverClosesItselfUntil) continue;
      // Running out of stock is seen to at once; a fault takes the attendant a while.
      const delay = problem === 'feeder-empty' || problem === 'hopper-full' ? 0 : reactMs;
      this.#pending.add(problem);
      clock.setTimeout(() => {
        this.#pending.delete(problem);
        if (machine.status().problems.includes(problem)) {
          const entry = TOP_UP.find((t) => t.action === action);
          this.#act(action, entry?.item, entry?.counter);
        }
        // Pressed even when the printer shows no problem any more: the station may still hold it.
        const button = BUTTON[action];
        if (button) this.#options.tellStation?.(button).catch(() => undefined);
      }, delay);
    }
  }

  #act(action: MachineButton, item: LedgerItem | undefined, counter?: Counter): void {
    const { machine, ledger, stationId, clock, timeZone } = this.#options;
    const before = counter ? machine.status().counters[counter] : 0;
    machine.operate(action);
    const added = counter ? machine.status().counters[counter] - before : 0;
    // Straight into the ledger: the stock keeper's `load` also sums the station's books, which a
    // day of refills would pay for over and over.
    const now = clock.now();
    if (item && added > 0)
      ledger.recordLoad(stationId, item, added, 'simulation', now, localDay(now, timeZone));
  }
}
