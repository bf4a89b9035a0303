import type {
  CardToPrint,
  PrinterDriver,
  PrinterFix,
  PrinterIdentity,
  PrinterStatus,
  PrintOutcome,
  SpoilReason,
  StatusListener,
} from '../../src/drivers/driver.js';
import { isBlockingProblem } from '../../src/drivers/driver.js';
import { CetakError } from '../../src/errors.js';
import { ListenerSet } from '../../src/util/listener-set.js';
import type { EmulatedMachine } from './machine.js';
import type { ErrorReason, Outcome, Silence } from './machine-types.js';
import { actAtMachine } from './operator-hands.js';

const SPOIL_FOR: Partial<Record<ErrorReason | Silence, SpoilReason>> = {
  overheat: 'overheat',
  TIMEOUT: 'card-jam',
  CHIP: 'chip-error',
  RIBBON: 'ribbon-break',
  reset: 'printer-reset',
  off: 'printer-reset',
};

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The `emulator-direct` driver: the driver contract straight onto an emulated machine, no bytes
 * in between, for fast whole-fleet simulation. It calls the machine's steps as the protocol
 * driver sends commands, so the same card takes the same time and meets the same faults. Link
 * faults (other than `printer-reset`, which is the machine's) have nothing to act on here.
 */
export class DirectDriver implements PrinterDriver {
  readonly machine: EmulatedMachine;
  readonly #listeners = new ListenerSet<PrinterStatus>();
  readonly #closing = new ListenerSet<void>();
  #connected = false;
  #closed = false;
  #cardInside = false;
  #standbyAfterCard = false;
  #reported = '';
  readonly #reportsTemperatures: boolean;

  /**
   * `reportsTemperatures: false` (a printer that speaks only the guide) keeps the machine's
   * temperatures from the daemon, as the protocol driver would never learn them either.
   */
  constructor(machine: EmulatedMachine, options: { readonly reportsTemperatures: boolean }) {
    this.machine = machine;
    this.#reportsTemperatures = options.reportsTemperatures;
    // State and problems change on `status`, consumables when a card leaves; temperatures are
    // read fresh by `status()` and are not worth an event of their own.
    machine.onEvent((event) => {
      if (event.type === 'status' || event.type === 'card-out') this.#report();
    });
  }

  async connect(): Promise<PrinterIdentity> {
    this.#assertOpen();
    this.#connected = true;
    this.#report();
    return { model: this.machine.model, serial: this.machine.serial, firmware: this.machine.firmware };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connected = false;
    this.machine.dispose();
    this.#closing.emit();
    this.#report();
  }

  status(): PrinterStatus {
    if (!this.#connected) return { state: 'off', problems: [], temperatures: {}, consumables: {} };
    const s = this.machine.status();
    return {
      state: s.state,
      problems: s.problems,
      temperatures: this.#reportsTemperatures
        ? { internalC: round1(s.internalC), rollerC: round1(s.rollerC) }
        : {},
      consumables: {
        ribbonRemaining: s.counters.ribbon,
        filmRemaining: s.counters.film,
        blanksRemaining: s.counters.feeder,
        hopperSpace: s.counters.hopper,
      },
    };
  }

  /** The machine's own count of blanks fed (its `Rco;c`). */
  async cardCounter(): Promise<number | undefined> {
    this.#assertOpen();
    return this.#connected ? this.machine.cardsInserted : undefined;
  }

  onStatus(listener: StatusListener): () => void {
    return this.#listeners.add(listener);
  }

  async warmUp(signal?: AbortSignal): Promise<void> {
    this.#assertOpen();
    this.#standbyAfterCard = false;
    const blocking = this.machine.status().problems.filter(isBlockingProblem);
    if (blocking.length > 0) throw notReady(`printer cannot warm up: ${blocking.join(', ')}`);
    const switched = this.machine.setHeater(true);
    if (!switched.ok) throw notReady(`printer is ${this.machine.state}`);
    if (this.machine.state === 'ready') return;
    if (this.machine.state === 'printing' && !this.#cardInside)
      throw notReady('a card was left in the printer');
    await new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown) => {
        unsubscribe();
        unsubscribeClose();
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = () => finish(signal?.reason);
      const unsubscribe = this.machine.onEvent((event) => {
        if (event.type !== 'status') return;
        else if (event.status.state === 'ready') finish();
        else if (event.status.state !== 'warming' && !(event.status.state === 'printing' && this.#cardInside))
          finish(notReady(`printer went ${event.status.state} before it was ready`));
      });
      const unsubscribeClose = this.#closing.add(() =>
        finish(new CetakError('DRIVER_CLOSED', 'printer link closed before it was ready')),
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async standby(): Promise<void> {
    this.#assertOpen();
    if (this.#cardInside) {
      this.#standbyAfterCard = true; // the heater goes off once the card is out
      return;
    }
    this.machine.setHeater(false);
  }

  async operatorDid(action: PrinterFix, count?: number): Promise<void> {
    this.#assertOpen();
    actAtMachine(this.machine, action, count);
    this.#report();
  }

  async printCard(_card: CardToPrint, signal?: AbortSignal): Promise<PrintOutcome> {
    this.#assertOpen();
    if (signal?.aborted) return { result: 'not-started', reason: 'aborted' };
    const machine = this.machine;
    // The card's text stays with the host: the emulator prints its bitmaps as they are (white).
    // The chip goes first, as with the protocol driver: card to the contactless station, chip
    // personalised, then printed and ejected.
    // One card at a time: a card inside is another call's (the machine would take it as its own).
    if (machine.card) return { result: 'not-started', reason: 'busy' };
    const fed = machine.insert();
    if (!fed.ok) return { result: 'not-started', reason: describe(fed.reason) };
    this.#cardInside = true;
    try {
      const moved = machine.toStation('contactless');
      if (!moved.ok) return this.#spoiled(moved);
      const encoded = await machine.encodeChip();
      if (!encoded.ok) return this.#spoiled(encoded);
      const printed = await machine.printCard();
      if (!printed.ok) return this.#spoiled(printed, encoded.value);
      return { result: 'printed', chipUid: encoded.value };
    } finally {
      this.#cardInside = false;
      if (this.#standbyAfterCard && !this.#closed) {
        this.#standbyAfterCard = false;
        machine.setHeater(false);
      }
    }
  }

  #spoiled(failed: Outcome, chipUid?: string): PrintOutcome {
    if (failed.ok) throw new Error('not a failure');
    // Closed under the card: whether it came out is for the operator to judge.
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'printer link closed with a card inside');
    // The card that failed: still inside (a jammed one stays there), or already out by itself.
    // Not `lastCard` alone: with a jammed card inside, that is the card before, with its own reason.
    const card = this.machine.card ?? this.machine.lastCard;
    this.machine.reject();
    const reason = card?.spoiledBy ?? SPOIL_FOR[failed.reason] ?? 'printer-error';
    return { result: 'spoiled', reason, ...(chipUid !== undefined && { chipUid }) };
  }

  #report(): void {
    const status = this.status();
    const key = JSON.stringify([status.state, status.problems, status.consumables]);
    if (key === this.#reported) return;
    this.#reported = key;
    this.#listeners.emit(status);
  }

  #assertOpen(): void {
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'printer link is closed');
  }
}

function notReady(message: string): CetakError {
  return new CetakError('DRIVER_NOT_READY', message);
}

function describe(reason: ErrorReason | Silence): string {
  return reason === 'off' || reason === 'reset' || reason === 'overheat'
    ? `printer ${reason}`
    : reason.toLowerCase();
}
