import type { Clock, TimerHandle } from '../../src/clock/clock.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { intBetween } from '../../src/util/prng.js';
import type { LinkFault } from './emulator-schema.js';

const CR = 0x0d;
/** `no-reply` lasts this long unless the fault says otherwise. */
export const DEFAULT_SILENCE_SECONDS = 60;
/** `slow-reply` holds a reply back this long unless the fault says otherwise. */
export const DEFAULT_DELAY_SECONDS = 5;

/**
 * The printer's side of the link's output, where the link faults act on replies:
 * - `no-reply`: for `seconds`, the printer hears nothing and says nothing; a reply falling due
 *   then (a long step finishing) is lost.
 * - `slow-reply`: a reply is held back `seconds`; later replies queue behind it, never overtake.
 * - `garbage`: one to three lines of non-printable bytes, each ending in CR, go out before a
 *   reply (never CR, NUL, ACK or NACK inside them); the reply itself arrives intact, so a host that discards noise lines loses nothing.
 * - `drop-connection`: the printer closes the link (a reply due is lost).
 * Triggered once (time, card, `Xdbg`) a fault acts on the next reply; by probability, on the reply
 * it was rolled for.
 */
export class ReplyChannel {
  readonly #link: ByteLink;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #timers = new Set<TimerHandle>();
  #silentUntilMs = Number.NEGATIVE_INFINITY;
  #delayNextMs = 0;
  #garbageNext = false;
  #queueFreeAtMs = Number.NEGATIVE_INFINITY;
  /** The last write handed to the link: a drop waits for it, so an `OK` before a drop arrives. */
  #written: Promise<void> = Promise.resolve();

  constructor(link: ByteLink, clock: Clock, random: () => number) {
    this.#link = link;
    this.#clock = clock;
    this.#random = random;
  }

  get silent(): boolean {
    return this.#clock.now() < this.#silentUntilMs;
  }

  /** A link fault strikes. `drop-connection` closes once what is on its way has gone. */
  apply(fault: Exclude<LinkFault, 'printer-reset'>, seconds?: number): void {
    switch (fault) {
      case 'no-reply':
        this.#silentUntilMs = this.#clock.now() + (seconds ?? DEFAULT_SILENCE_SECONDS) * 1000;
        break;
      case 'slow-reply':
        this.#delayNextMs = (seconds ?? DEFAULT_DELAY_SECONDS) * 1000;
        break;
      case 'garbage':
        this.#garbageNext = true;
        break;
      case 'drop-connection':
        this.#after(0, () => {
          this.#written.then(() => this.#link.close()).catch(() => undefined);
        });
        break;
    }
  }

  /** Sends one reply's bytes through whatever faults are active. */
  send(reply: Buffer): void {
    if (this.silent || this.#link.closed) return;
    const delayMs = this.#delayNextMs;
    this.#delayNextMs = 0;
    const bytes: Uint8Array[] = [];
    if (this.#garbageNext) bytes.push(this.#noise());
    this.#garbageNext = false;
    bytes.push(reply);
    this.#after(delayMs, () => {
      // A silence that began while the reply was held back swallows it too.
      if (this.silent || this.#link.closed) return;
      this.#written = this.#link.write(Buffer.concat(bytes)).catch(() => undefined);
    });
  }

  /** Forgets replies still held back (the printer rebooted). */
  dropPending(): void {
    for (const handle of this.#timers) this.#clock.clearTimeout(handle);
    this.#timers.clear();
    this.#queueFreeAtMs = Number.NEGATIVE_INFINITY;
  }

  /** Runs `fn` after `delayMs`, but never before anything queued earlier. */
  #after(delayMs: number, fn: () => void): void {
    const now = this.#clock.now();
    const at = Math.max(now + delayMs, this.#queueFreeAtMs);
    if (at <= now && this.#timers.size === 0) {
      fn();
      return;
    }
    this.#queueFreeAtMs = at;
    const handle = this.#clock.setTimeout(() => {
      this.#timers.delete(handle);
      fn();
    }, at - now);
    this.#timers.add(handle);
  }

  #noise(): Buffer {
    const lines: number[] = [];
    const count = intBetween(this.#random, 1, 3);
    for (let line = 0; line < count; line++) {
      const length = intBetween(this.#random, 1, 12);
      for (let i = 0; i < length; i++) lines.push(noiseByte(this.#random));
      lines.push(CR);
    }
    return Buffer.from(lines);
  }
}

/**
 * A byte outside 0x20–0x7E that cannot end or be a reply: not CR or NUL (which end a text reply),
 * nor ACK or NACK (which are replies in that form). Noise of that kind would be indistinguishable
 * from an answer on any link; the fault models the noise a host can recover from.
 */
function noiseByte(random: () => number): number {
  for (;;) {
    const byte = intBetween(random, 0, 160);
    const value = byte < 32 ? byte : byte + 95; // 0–31, then 127–255
    if (value !== CR && value !== 0x00 && value !== 0x06 && value !== 0x15) return value;
  }
}
