import type { TimerHandle } from '../../src/clock/clock.js';
import { cycleSeconds, type ProfileConfig } from '../../src/config/profile-schema.js';
import type {
  CardToPrint,
  DriverContext,
  PrinterDriver,
  PrinterIdentity,
  PrinterState,
  PrinterStatus,
  PrintOutcome,
  StatusListener,
} from '../../src/drivers/driver.js';
import { CetakError } from '../../src/errors.js';
import { ListenerSet } from '../../src/util/listener-set.js';
import { chipUid } from './chip-uid.js';

/**
 * A first, simple emulated printer: the roller warms for the profile's warm-up time, each card
 * takes one card cycle, and the heater turns itself off when left idle. Thermal physics, wire
 * protocol and faults come with the full emulator.
 */
export class EmulatedPrinter implements PrinterDriver {
  readonly #context: DriverContext;
  readonly #listeners = new ListenerSet<PrinterStatus>();
  readonly #identity: PrinterIdentity;
  #state: PrinterState = 'off';
  #connected = false;
  #cardsPrinted = 0;
  #warmTimer: TimerHandle | undefined;
  #idleTimer: TimerHandle | undefined;
  #standbyAfterCard = false;
  #readyWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(context: DriverContext) {
    this.#context = context;
    this.#identity = {
      model: `Cetak emulator (${context.station.profile})`,
      serial: `EMU-${context.station.id}`,
      firmware: 'emu-1',
    };
  }

  async connect(): Promise<PrinterIdentity> {
    this.#connected = true;
    this.#setState('standby');
    return this.#identity;
  }

  async close(): Promise<void> {
    this.#connected = false;
    this.#cancelTimers();
    this.#setState('off');
  }

  status(): PrinterStatus {
    return { state: this.#state, problems: [], temperatures: {}, consumables: {} };
  }

  onStatus(listener: StatusListener): () => void {
    return this.#listeners.add(listener);
  }

  async warmUp(signal?: AbortSignal): Promise<void> {
    this.#assertConnected();
    this.#standbyAfterCard = false;
    this.#armIdleTimer();
    if (this.#state === 'ready') return;
    if (this.#state === 'standby') {
      this.#setState('warming');
      this.#warmTimer = this.#context.clock.setTimeout(() => {
        this.#warmTimer = undefined;
        this.#setState('ready');
        this.#armIdleTimer();
      }, coldWarmUpSeconds(this.#context.profile) * 1000);
    }
    await this.#untilReady(signal);
  }

  async standby(): Promise<void> {
    this.#assertConnected();
    if (this.#state === 'printing') {
      this.#standbyAfterCard = true; // the heater goes off once the card is out
      return;
    }
    this.#cancelTimers();
    this.#setState('standby');
  }

  async printCard(_card: CardToPrint): Promise<PrintOutcome> {
    this.#assertConnected();
    if (this.#state !== 'ready') {
      throw new CetakError('DRIVER_NOT_READY', `printer is ${this.#state}, not ready`);
    }
    this.#clearIdleTimer();
    this.#setState('printing');
    // A card, once fed, runs its cycle to the end whatever the host does meanwhile.
    await this.#context.clock.sleep(cycleSeconds(this.#context.profile) * 1000);
    this.#cardsPrinted += 1;
    const uid = chipUid(this.#identity.serial, this.#cardsPrinted);
    if (this.#connected && this.#standbyAfterCard) {
      this.#standbyAfterCard = false;
      this.#setState('standby');
    } else if (this.#connected) {
      this.#setState('ready');
      this.#armIdleTimer();
    }
    return { result: 'printed', chipUid: uid };
  }

  #untilReady(signal?: AbortSignal): Promise<void> {
    if (this.#state === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        this.#readyWaiters = this.#readyWaiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#readyWaiters.push(waiter);
    });
  }

  #setState(state: PrinterState): void {
    if (state === this.#state) return;
    this.#state = state;
    if (state === 'ready' || state === 'standby' || state === 'off') {
      const waiters = this.#readyWaiters;
      this.#readyWaiters = [];
      const error = new CetakError('DRIVER_NOT_READY', `printer went ${state} before it was ready`);
      for (const waiter of waiters) {
        if (state === 'ready') waiter.resolve();
        else waiter.reject(error);
      }
    }
    this.#listeners.emit(this.status());
  }

  /** The heater switches itself off after a spell without cards, as the real machine does. */
  #armIdleTimer(): void {
    this.#clearIdleTimer();
    this.#idleTimer = this.#context.clock.setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#state === 'ready' || this.#state === 'warming') {
        this.#cancelTimers();
        this.#setState('standby');
      }
    }, this.#context.profile.heaterIdleOffMinutes * 60_000);
  }

  #clearIdleTimer(): void {
    if (this.#idleTimer) this.#context.clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #cancelTimers(): void {
    this.#clearIdleTimer();
    if (this.#warmTimer) this.#context.clock.clearTimeout(this.#warmTimer);
    this.#warmTimer = undefined;
  }

  #assertConnected(): void {
    if (!this.#connected) throw new CetakError('DRIVER_CLOSED', 'printer link is closed');
  }
}

/** From a roller at a 30 °C room to the bottom of the printing band. */
function coldWarmUpSeconds(profile: ProfileConfig): number {
  return (profile.roller.readyMinC - 30) / profile.roller.heatRatePerSecond;
}
