import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log/logger.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { BeliefStore } from '../store/belief-store.js';
import { type BeliefEvidence, struckSince } from '../thermal/belief/thermal-belief.js';
import { errorMessage } from '../util/error-message.js';

/** The station whose learning is kept: its id, its printer's serial, its thermal model and its changes. */
export interface LearningStation {
  readonly id: string;
  readonly serial: () => string | undefined;
  readonly model: PrinterModel;
  onChange(listener: () => void): () => void;
}

/** Cards alone change a belief slowly: saving it this often is enough. */
const SAVE_EVERY_MS = 10 * 60_000;

/**
 * Keeps what a station has learnt of its printer under the printer's serial number: takes it up
 * when the printer is first identified (a restart, or a printer moved here from another office),
 * saves it as evidence comes in, and starts afresh when a different printer is plugged in.
 */
export class BeliefKeeper {
  readonly #station: LearningStation;
  readonly #beliefs: BeliefStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #unsubscribe: () => void;
  #serial: string | undefined;
  #saved: BeliefEvidence | undefined;
  #savedAtMs = Number.NEGATIVE_INFINITY;

  constructor(station: LearningStation, beliefs: BeliefStore, clock: Clock, log: Logger) {
    this.#station = station;
    this.#beliefs = beliefs;
    this.#clock = clock;
    this.#log = log;
    this.#unsubscribe = station.onChange(() => this.#onChange());
  }

  /** Saves now (the daemon is stopping). */
  flush(): void {
    this.#save();
  }

  /** Forgets what was learnt of this station's printer; it starts again from the datasheet. */
  relearn(): void {
    this.#station.model.relearn();
    if (this.#serial !== undefined) this.#attempt(() => this.#beliefs.forget(this.#serial as string));
    this.#saved = undefined;
    this.#log.info(
      { station: this.#station.id, serial: this.#serial },
      'thermal learning reset to the datasheet',
    );
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #onChange(): void {
    const serial = this.#station.serial();
    if (serial === undefined) return;
    if (serial !== this.#serial) this.#adopt(serial);
    const evidence = this.#station.model.evidence;
    const saved = this.#saved;
    if (saved === undefined) {
      this.#save();
      return;
    }
    const grown = evidence.cards !== saved.cards || evidence.readings !== saved.readings;
    if (struckSince(saved, evidence) || (grown && this.#clock.now() - this.#savedAtMs >= SAVE_EVERY_MS))
      this.#save();
  }

  #adopt(serial: string): void {
    // Another printer on this station: what was learnt belongs to the one that left.
    if (this.#serial !== undefined) {
      this.#save();
      this.#station.model.relearn();
    }
    this.#serial = serial;
    const stored = this.#attempt(() => this.#beliefs.load(serial));
    if (stored) {
      this.#station.model.restore(stored);
      this.#log.info(
        {
          station: this.#station.id,
          serial,
          cards: stored.evidence.cards,
          shutoffs: stored.evidence.shutoffs,
        },
        'took up what was learnt of this printer before',
      );
    }
    this.#saved = stored?.evidence;
  }

  #save(): void {
    const serial = this.#serial;
    if (serial === undefined) return;
    const belief = this.#station.model.toStored();
    this.#attempt(() => this.#beliefs.save(serial, belief, this.#clock.now()));
    this.#saved = belief.evidence;
    this.#savedAtMs = this.#clock.now();
  }

  /** Learning is worth keeping, never worth stopping a station for: a failed write is logged. */
  #attempt<T>(write: () => T): T | undefined {
    try {
      return write();
    } catch (error) {
      this.#log.warn({ station: this.#station.id, err: errorMessage(error) }, 'thermal learning not stored');
      return undefined;
    }
  }
}
