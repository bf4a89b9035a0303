import { chipUid } from '../../src/chip/chip-uid.js';
import type { Clock } from '../../src/clock/clock.js';
import type { ProfileConfig } from '../../src/config/profile-schema.js';
import type { PanelName } from '../evolis/protocol/index.js';
import type { BitmapMemory } from './bitmaps.js';
import type { PrinterFault } from './emulator-schema.js';
import {
  type CardFate,
  type CardRecord,
  type ChipStation,
  fail,
  type Outcome,
  ok,
  PROBLEM_REASON,
  type Problem,
  type Silence,
} from './machine-types.js';
import type { Physics } from './physics.js';
import type { Supplies } from './supplies.js';
import type { NamedTimers } from './timers.js';

/** What the card path needs from the machine around it. */
export interface CardPathHost {
  readonly clock: Clock;
  readonly timers: NamedTimers;
  readonly profile: ProfileConfig;
  readonly physics: Physics;
  readonly supplies: Supplies;
  readonly bitmaps: BitmapMemory;
  readonly serial: string;
  /** Why no step may run now: the printer is off, or shut off to cool. */
  refusal(): Silence | undefined;
  /** A blank was fed; returns the printer faults due to strike it. */
  cardFed(card: CardRecord): PrinterFault[];
  cardOut(card: CardRecord): void;
  /** Called after every change, so the machine re-predicts and reports. */
  changed(): void;
}

interface RunningStep {
  readonly kind: 'print' | 'encode';
  readonly dueAtMs: number;
  readonly resolve: (outcome: Outcome) => void;
}

/** Faults that strike halfway through the print, in the order they are checked. */
const MID_PRINT: readonly PrinterFault[] = ['card-jam', 'ribbon-break', 'cover-open'];
/** A blank is not fed while any of these stands: no blank is used on a card that cannot print. */
const FEED_BLOCKERS: readonly Problem[] = [
  'feeder-empty',
  'cover-open',
  'card-jam',
  'ribbon-out',
  'film-out',
  'hopper-full',
];
const PRINT_BLOCKERS: readonly Problem[] = ['cover-open', 'card-jam', 'ribbon-out', 'film-out'];
const MOVE_BLOCKERS: readonly Problem[] = ['cover-open', 'card-jam'];

/**
 * The card's way through the machine, in the guide's sequence (A5013, `S` pages): a blank is fed
 * by `Ss` (or `Si`, `Sic`, `Sis`), may wait at a chip station, is printed from the bitmaps and
 * ejected to the output hopper by `Se`, or to the reject box by `Ser`. Holds the card inside and
 * the last one out, and applies the printer faults that strike a card.
 */
export class CardPath {
  readonly #host: CardPathHost;
  /** Faults waiting for the next card to reach the step where they happen. */
  readonly #pending = new Set<PrinterFault>();
  /** Faults that will strike the card inside. */
  readonly #cardFaults = new Set<PrinterFault>();
  #card: CardRecord | undefined;
  #last: CardRecord | undefined;
  #step: RunningStep | undefined;
  #fed = 0;
  #panelsPrinted = 0;
  /** The last card out went to the reject box by the printer's own doing (shut-off, reboot). */
  #rejectedItself = false;

  constructor(host: CardPathHost) {
    this.#host = host;
  }

  get card(): Readonly<CardRecord> | undefined {
    return this.#card;
  }

  get lastCard(): Readonly<CardRecord> | undefined {
    return this.#last;
  }

  /** Blanks fed since the machine started. */
  get cardsFed(): number {
    return this.#fed;
  }

  /** Panels printed since the machine started (`Rco;p`). */
  get panelsPrinted(): number {
    return this.#panelsPrinted;
  }

  /** When the running step ends or is struck, if one runs: heat flows until then. */
  get stepDueAtMs(): number | undefined {
    return this.#step?.dueAtMs;
  }

  /** Feeds a blank unless a card is already inside (one inserted for its chip, say). */
  insert(): Outcome {
    const host = this.#host;
    const refusal = host.refusal();
    if (refusal) return fail(refusal);
    if (this.#card) return this.#card.jammed ? fail('TIMEOUT') : ok('OK');
    host.supplies.clear('chip-error'); // per card: the next card gets a fresh try
    const problem = host.supplies.first(FEED_BLOCKERS);
    if (problem) return fail(PROBLEM_REASON[problem]);
    host.supplies.takeBlank();
    const card: CardRecord = {
      number: ++this.#fed,
      fedAtMs: host.clock.now(),
      printed: false,
      jammed: false,
      panels: new Map(),
    };
    this.#card = card;
    for (const fault of this.#pending) this.#cardFaults.add(fault);
    this.#pending.clear();
    for (const fault of host.cardFed(card)) this.#cardFaults.add(fault);
    host.changed();
    return ok('OK');
  }

  /** `Sis` / `Sic` after the card is in: it moves to that chip station. */
  toStation(station: ChipStation): Outcome {
    const blocked = this.#stepRefusal(MOVE_BLOCKERS);
    if (blocked) return blocked;
    (this.#card as CardRecord).station = station;
    return ok('OK');
  }

  /** The emulated chip station personalises the card's chip; resolves with its UID. */
  encodeChip(): Promise<Outcome> {
    const blocked = this.#stepRefusal(MOVE_BLOCKERS);
    if (blocked) return Promise.resolve(blocked);
    if (this.#card?.station === undefined) return Promise.resolve(fail('NO CARD'));
    return this.#run('encode', this.#host.profile.encodeSeconds);
  }

  /**
   * `Se`: prints `panels` from the bitmaps (the machine has waited for the roller) and ejects the
   * card to the output hopper. Resolves when the card is out, or with why it is not.
   */
  printAndEject(panels: readonly PanelName[]): Promise<Outcome> {
    const blocked = this.#stepRefusal(PRINT_BLOCKERS);
    if (blocked) return Promise.resolve(blocked);
    const card = this.#card as CardRecord;
    card.station = undefined;
    card.panels = this.#host.bitmaps.snapshot(panels);
    const seconds = this.#host.profile.printSeconds;
    const struck = MID_PRINT.find((f) => this.#cardFaults.has(f));
    if (struck) this.#cardFaults.delete(struck);
    return this.#run('print', struck ? seconds / 2 : seconds, struck);
  }

  /** Why `Se` would be refused now (no card, a problem), before it waits for the roller. */
  printRefusal(): Outcome | undefined {
    return this.#stepRefusal(PRINT_BLOCKERS);
  }

  /** `Ser`. Answers `OK` again for a card the printer already rejected by itself (overheat, reset). */
  reject(): Outcome {
    const refusal = this.#host.refusal();
    if (refusal) return fail(refusal);
    // Only for a card the printer rejected itself: one the host already rejected is not there to reject again.
    if (!this.#card) return this.#rejectedItself ? ok('OK') : fail('NO CARD');
    if (this.#card.jammed) return fail('TIMEOUT');
    if (this.#step) return fail('TIMEOUT');
    this.#out('reject');
    return ok('OK');
  }

  /**
   * A printer fault strikes now. It hits the running step if it can happen there, else the card
   * inside when it reaches the step where it can, else the next card.
   */
  strike(fault: PrinterFault, seconds?: number): void {
    const { supplies, timers } = this.#host;
    const card = this.#card;
    const step = this.#step;
    if (fault === 'cover-open') {
      supplies.latch('cover-open');
      if (seconds !== undefined)
        timers.set('cover-close', seconds * 1000, () => {
          supplies.clear('cover-open');
          this.#host.changed();
        });
      if (card && step) this.#spoil(card, 'printer-error', 'COVER OPEN');
    } else if (fault === 'card-jam') {
      if (!card) this.#pending.add(fault);
      else {
        supplies.latch('card-jam');
        card.jammed = true;
        this.#spoil(card, 'card-jam', 'TIMEOUT');
      }
    } else if (fault === 'ribbon-break') {
      if (card && step?.kind === 'print') {
        supplies.breakRibbon();
        this.#spoil(card, 'ribbon-break', 'RIBBON');
      } else if (card && !card.printed) this.#cardFaults.add(fault);
      else this.#pending.add(fault);
    } else if (card && step?.kind === 'encode') {
      supplies.latch('chip-error');
      this.#spoil(card, 'chip-error', 'CHIP');
    } else if (card && card.chipUid === undefined && !card.printed) this.#cardFaults.add(fault);
    else this.#pending.add(fault);
    this.#host.changed();
  }

  /** Shut-off or reboot: the card inside goes to the reject box by itself (unless jammed). */
  abort(cause: Silence): void {
    const card = this.#card;
    if (card && !card.jammed) {
      card.spoiledBy ??= cause === 'overheat' ? 'overheat' : 'printer-reset';
      this.#out('reject');
      this.#rejectedItself = true;
    }
    if (this.#step) this.#end(fail(cause));
  }

  /** The operator takes a jammed card out. */
  clearJam(): void {
    this.#host.supplies.clear('card-jam');
    if (this.#card?.jammed) this.#out('operator');
  }

  #stepRefusal(blockers: readonly Problem[]): Outcome | undefined {
    const refusal = this.#host.refusal();
    if (refusal) return fail(refusal);
    if (!this.#card) return fail('NO CARD');
    if (this.#step || this.#card.jammed) return fail('TIMEOUT');
    const problem = this.#host.supplies.first(blockers);
    return problem ? fail(PROBLEM_REASON[problem]) : undefined;
  }

  #run(kind: RunningStep['kind'], seconds: number, struck?: PrinterFault): Promise<Outcome> {
    const { clock, physics, timers } = this.#host;
    return new Promise((resolve) => {
      const now = clock.now();
      this.#step = { kind, dueAtMs: now + seconds * 1000, resolve };
      physics.set(now, { cardInPrinter: true });
      timers.set('step', seconds * 1000, () => (struck ? this.strike(struck) : this.#complete()));
      this.#host.changed();
    });
  }

  #complete(): void {
    const card = this.#card as CardRecord;
    if (this.#step?.kind === 'print') {
      this.#host.supplies.usePrint();
      this.#host.supplies.fillHopper();
      this.#panelsPrinted += card.panels.size;
      card.printed = true;
      this.#end(ok('OK'));
      this.#out('hopper');
    } else if (this.#cardFaults.delete('chip-error')) {
      this.#host.supplies.latch('chip-error');
      this.#spoil(card, 'chip-error', 'CHIP');
    } else {
      card.chipUid = chipUid(this.#host.serial, card.number);
      this.#end(ok(card.chipUid));
    }
  }

  #spoil(card: CardRecord, reason: NonNullable<CardRecord['spoiledBy']>, answer: Parameters<typeof fail>[0]) {
    card.spoiledBy ??= reason;
    if (this.#step) this.#end(fail(answer));
  }

  #end(outcome: Outcome): void {
    const step = this.#step;
    if (!step) return;
    this.#step = undefined;
    this.#host.timers.clear('step');
    this.#host.physics.set(this.#host.clock.now(), { cardInPrinter: false });
    this.#host.changed();
    step.resolve(outcome);
  }

  #out(fate: CardFate): void {
    const card = this.#card;
    if (!card) return;
    this.#rejectedItself = false;
    card.fate = fate;
    card.outAtMs = this.#host.clock.now();
    this.#cardFaults.clear();
    this.#last = card;
    this.#card = undefined;
    this.#host.cardOut(card);
    this.#host.changed();
  }
}
