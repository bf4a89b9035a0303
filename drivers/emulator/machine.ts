import type { Logger } from 'pino';
import type { Clock } from '../../src/clock/clock.js';
import type { ProfileConfig } from '../../src/config/profile-schema.js';
import type { Ambient } from '../../src/thermal/ambient.js';
import { ListenerSet } from '../../src/util/listener-set.js';
import { createPrng, mix32 } from '../../src/util/prng.js';
import type { PanelName, ReplyStyle } from '../evolis/protocol/index.js';
import { BitmapMemory } from './bitmaps.js';
import { CardPath } from './card-path.js';
import {
  type Fault,
  type FaultName,
  isLinkFault,
  type LinkFault,
  type PrinterFault,
  type Stock,
} from './emulator-schema.js';
import { FaultPlan, type Strike } from './fault-plan.js';
import {
  type CardRecord,
  type ChipStation,
  fail,
  type MachineEvent,
  type MachineState,
  type MachineStatus,
  type OperatorAction,
  type Outcome,
  ok,
  type Silence,
} from './machine-types.js';
import { Physics } from './physics.js';
import { ribbonPanels } from './ribbons.js';
import { Supplies } from './supplies.js';
import { type ThermalEvents, watchThermal } from './thermal-watch.js';
import { NamedTimers } from './timers.js';
import { WireMemory } from './wire-memory.js';

export interface MachineOptions {
  readonly clock: Clock;
  readonly profile: ProfileConfig;
  /** The room's real temperature. */
  readonly ambient: Ambient;
  /** IANA zone of the site, for `at: 'HH:MM'` faults. */
  readonly timeZone: string;
  readonly serial: string;
  /** Seed of every random choice; default 1. */
  readonly seed?: number;
  readonly faults?: readonly Fault[];
  /** Inside and roller temperature at start; default: the room's. */
  readonly initialC?: number;
  readonly stock?: Stock;
  readonly log?: Logger;
  /** How replies end: CR (default), NUL, or the ACK/NACK protocol. */
  readonly replyStyle?: ReplyStyle;
}

/**
 * The emulated retransfer printer, without bytes: physics, consumables, the card path and faults,
 * all on the injected clock. Event-driven: a timer is set only for the next thing that will
 * happen (warm-up done, step done, cut-off, cooled, idle-off, a timed fault), and temperatures are
 * solved when read. The protocol server and the direct driver both drive it.
 */
export class EmulatedMachine {
  readonly serial: string;
  readonly model = 'Cetak Retransfer Emulator';
  readonly firmware = 'EMU-2.0';
  readonly profile: ProfileConfig;
  readonly #clock: Clock;
  readonly #log: Logger | undefined;
  readonly #timers: NamedTimers;
  readonly #physics: Physics;
  readonly #supplies: Supplies;
  readonly #path: CardPath;
  readonly #plan: FaultPlan;
  readonly #events = new ListenerSet<MachineEvent>();
  readonly #noise: () => number;
  readonly bitmaps = new BitmapMemory();
  /** Settings, reply form and last answer: what any host connecting finds (`wire-memory.ts`). */
  readonly wire: WireMemory;
  readonly #rollerWaits = new Set<(outcome: Outcome) => void>();
  /** What a thermal prediction calls back: made once, as every status change predicts again. */
  readonly #thermalEvents: ThermalEvents = {
    becameReady: () => this.#becameReady(),
    cutOff: () => this.#cutOff(),
    cooled: () => this.#cooled(),
    recheck: () => this.#changed(),
  };
  #powered = true;
  #overheated = false;
  #ribbonType = 'ymcko';
  #replies = 0;
  #reported = '';
  #disposed = false;

  constructor(options: MachineOptions) {
    const { clock, profile } = options;
    this.serial = options.serial;
    this.profile = profile;
    this.wire = new WireMemory(options.replyStyle ?? 'cr');
    this.#clock = clock;
    this.#log = options.log;
    this.#timers = new NamedTimers(clock);
    this.#physics = new Physics(profile, options.ambient, clock.now(), options.initialC);
    this.#supplies = new Supplies(profile.capacity, options.stock);
    this.#plan = new FaultPlan(options.faults ?? [], options.seed ?? 1);
    this.#noise = createPrng(mix32(options.seed ?? 1, 0x6e6f6973));
    this.#path = new CardPath({
      clock,
      profile,
      timers: this.#timers,
      physics: this.#physics,
      supplies: this.#supplies,
      bitmaps: this.bitmaps,
      serial: this.serial,
      refusal: () => this.silence,
      cardFed: (card) => this.#cardFed(card),
      cardOut: (card) => this.#cardOut(card),
      changed: () => this.#changed(),
    });
    this.#plan.schedule(clock, this.#timers, options.timeZone, (s) => this.trigger(s.fault, s.seconds));
    this.#changed();
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** Why the printer says nothing now: off, or shut off to cool. */
  get silence(): Silence | undefined {
    return !this.#powered ? 'off' : this.#overheated ? 'overheat' : undefined;
  }

  get ribbonType(): string {
    return this.#ribbonType;
  }

  /** The card inside, if any. */
  get card(): Readonly<CardRecord> | undefined {
    return this.#path.card;
  }

  /** The last card that left the machine, with the panels it was printed from. */
  get lastCard(): Readonly<CardRecord> | undefined {
    return this.#path.lastCard;
  }

  get state(): MachineState {
    if (!this.#powered) return 'off';
    if (this.#overheated) return 'overheated';
    if (this.#path.card) return 'printing';
    if (!this.#physics.inputs.heaterOn) return 'standby';
    return this.#physics.rollerInBand(this.#clock.now()) ? 'ready' : 'warming';
  }

  status(): MachineStatus {
    const { internalC, rollerC } = this.#physics.read(this.#clock.now());
    return {
      state: this.state,
      problems: this.#supplies.problems,
      internalC,
      rollerC,
      heaterOn: this.#physics.inputs.heaterOn,
      counters: this.#supplies.counters,
    };
  }

  onEvent(listener: (event: MachineEvent) => void): () => void {
    return this.#events.add(listener);
  }

  /** `Xh;1` / `Xh;0`. Switching on also restarts the idle timer. */
  setHeater(on: boolean): Outcome {
    if (!this.#powered) return fail('off');
    if (on && this.#overheated) return fail('overheat');
    this.#physics.set(this.#clock.now(), { heaterOn: on });
    if (on && !this.#path.card) this.#armIdleOff();
    if (!on) this.#timers.clear('idle-off');
    this.#changed();
    return ok('OK');
  }

  /** `Pr;<type>`: the ribbon loaded, which says which panels a card is printed with. */
  selectRibbon(type: string): Outcome {
    if (!this.#powered) return fail('off');
    if (ribbonPanels(type) === undefined) return fail('PARAM');
    this.#ribbonType = type.toLowerCase();
    return ok('OK');
  }

  /** The panels the loaded ribbon prints. */
  get printedPanels(): readonly PanelName[] {
    return ribbonPanels(this.#ribbonType) ?? ['k'];
  }

  // The card sequence (A5013 `S` pages). `printCard` and `encodeChip` resolve when the step is
  // done or cut short; `encodeChip` resolves with the chip's UID.
  /** `Ss`, `Si`, `Sic`, `Sis`: feeds a blank unless a card is inside. */
  readonly insert = (): Outcome => this.#path.insert();
  readonly toStation = (station: ChipStation): Outcome => this.#path.toStation(station);
  readonly encodeChip = (): Promise<Outcome> => this.#path.encodeChip();
  readonly reject = (): Outcome => this.#path.reject();

  /**
   * `Se`: waits for the roller (switching the heater on if it is off: a printer heats when a card
   * needs it), prints with the loaded ribbon and ejects the card. A refusal for a problem comes at
   * once; the wait for the roller is the reply held back, as a real printer buffers the sequence.
   */
  async printCard(): Promise<Outcome> {
    const refused = this.#path.printRefusal();
    if (refused) return refused;
    const ready = await this.waitForRoller();
    if (!ready.ok) return ready;
    return this.#path.printAndEject(this.printedPanels);
  }

  /** Resolves once the roller is in its band (heater switched on), or with why it never will be. */
  waitForRoller(): Promise<Outcome> {
    const silence = this.silence;
    if (silence) return Promise.resolve(fail(silence));
    if (!this.#physics.inputs.heaterOn) this.setHeater(true);
    if (this.#physics.rollerInBand(this.#clock.now())) return Promise.resolve(ok('OK'));
    return new Promise((resolve) => this.#rollerWaits.add(resolve));
  }

  /** Blanks fed since the emulator started (`Rco;c`). */
  get cardsInserted(): number {
    return this.#path.cardsFed;
  }

  /** Panels printed since the emulator started (`Rco;p`). */
  get panelsPrinted(): number {
    return this.#path.panelsPrinted;
  }

  /** `Scp` finished. */
  readonly cleaned = (): void => this.#supplies.cleaned();

  /** `Srs`: a software reset, as if the printer were switched off and on. */
  restart(): void {
    if (!this.#powered || this.#overheated) return;
    this.#reboot('reset');
    this.#changed();
  }

  /** What the operator does at the machine: `Xop`, the emulator's console, or a test. */
  operate(action: OperatorAction, count?: number): Outcome {
    switch (action) {
      case 'close-cover':
        this.#timers.clear('cover-close');
        this.#supplies.clear('cover-open');
        break;
      case 'clear-jam':
        this.#path.clearJam();
        break;
      case 'power-on':
        if (this.#overheated) return fail('overheat');
        this.#powered = true;
        break;
      case 'power-off':
        if (this.#powered) this.#reboot('off');
        this.#powered = false;
        break;
      default:
        this.#supplies.restock(action, count);
    }
    this.#changed();
    return ok('OK');
  }

  /** Makes a fault from the catalogue strike now (run-time trigger; `Xdbg` over the wire). */
  trigger(fault: FaultName, seconds?: number): void {
    if (this.#disposed) return;
    this.#log?.info({ fault, seconds }, 'emulated fault');
    if (!isLinkFault(fault)) this.#path.strike(fault, seconds);
    else if (fault === 'printer-reset') {
      if (this.#powered) this.#reboot('reset');
      this.#changed();
    } else this.#events.emit({ type: 'link-fault', fault, ...(seconds !== undefined && { seconds }) });
  }

  /** Rolls the per-reply link faults for the next reply a protocol server sends. */
  replyFaults(): Strike[] {
    this.#replies += 1;
    return this.#plan.forReply(this.#replies);
  }

  /** The seeded random source for line noise. */
  noise(): number {
    return this.#noise();
  }

  /** Stops every timer; a step in progress ends unanswered. */
  dispose(): void {
    this.#disposed = true;
    this.#path.abort('off');
    this.#timers.clearAll();
  }

  #reboot(cause: 'reset' | 'off'): void {
    this.#log?.warn({ cause }, 'printer restarting');
    this.wire.restarted(this.#path.card !== undefined);
    this.#timers.clear('idle-off');
    this.#physics.set(this.#clock.now(), { heaterOn: false });
    this.#supplies.clear('chip-error');
    this.#path.abort(cause);
    this.bitmaps.forget();
    this.#settleRollerWaits(fail(cause));
    this.#events.emit({ type: 'reset' });
  }

  #cardFed(card: CardRecord): PrinterFault[] {
    this.#timers.clear('idle-off');
    const printer: PrinterFault[] = [];
    for (const strike of this.#plan.forCard(card.number)) {
      if (isLinkFault(strike.fault)) {
        // After the feed returns, so a reset or dropped link strikes with the card inside.
        const { fault, seconds } = strike as { fault: LinkFault; seconds?: number };
        queueMicrotask(() => this.trigger(fault, seconds));
      } else printer.push(strike.fault);
    }
    return printer;
  }

  #cardOut(card: CardRecord): void {
    if (card.spoiledBy) this.#log?.info({ card: card.number, reason: card.spoiledBy }, 'card spoiled');
    if (this.#physics.inputs.heaterOn) this.#armIdleOff();
    this.#events.emit({ type: 'card-out', card });
  }

  #armIdleOff(): void {
    this.#timers.set('idle-off', this.profile.heaterIdleOffMinutes * 60_000, () => {
      if (this.#path.card || !this.#physics.inputs.heaterOn) return;
      this.#physics.set(this.#clock.now(), { heaterOn: false });
      this.#changed();
    });
  }

  /** Re-predicts the next thermal events and reports a change of state or problems. */
  #changed(): void {
    if (this.#disposed) return;
    watchThermal(
      this.#physics,
      this.#timers,
      this.profile,
      this.#clock.now(),
      { overheated: this.#overheated, powered: this.#powered, stepDueAtMs: this.#path.stepDueAtMs },
      this.#thermalEvents,
    );
    const status = this.status();
    const key = `${status.state}|${status.problems.join(',')}`;
    if (key === this.#reported) return;
    this.#reported = key;
    this.#events.emit({ type: 'status', status });
  }

  /** The idle time counts from when the printer could first have taken a card. */
  #becameReady(): void {
    if (!this.#path.card) this.#armIdleOff();
    this.#changed();
    if (this.#physics.rollerInBand(this.#clock.now())) this.#settleRollerWaits(ok('OK'));
  }

  #settleRollerWaits(outcome: Outcome): void {
    const waits = [...this.#rollerWaits];
    this.#rollerWaits.clear();
    for (const resolve of waits) resolve(outcome);
  }

  #cutOff(): void {
    const { internalC } = this.#physics.read(this.#clock.now());
    if (internalC < this.profile.thermal.cutoffC - 1e-3) {
      this.#changed(); // predicted from other step boundaries; predict again
      return;
    }
    this.#log?.warn({ internalC }, 'printer shut itself off to cool');
    this.wire.restarted(this.#path.card !== undefined);
    this.#overheated = true;
    this.#timers.clear('idle-off');
    this.#physics.set(this.#clock.now(), { heaterOn: false });
    this.#path.abort('overheat');
    // It powers down to cool: what was downloaded is lost, as at any restart.
    this.bitmaps.forget();
    this.#settleRollerWaits(fail('overheat'));
    this.#events.emit({ type: 'shut-off' });
    this.#changed();
  }

  #cooled(): void {
    this.#overheated = false;
    this.#log?.info('printer cooled down; in standby');
    this.#events.emit({ type: 'back-on' });
    this.#changed();
  }
}
