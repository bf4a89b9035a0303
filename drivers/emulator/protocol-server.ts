import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../src/clock/clock.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { handleFrame } from './command-handler.js';
import { CommandParser, type Frame } from './command-parser.js';
import type { EmulatedMachine } from './machine.js';
import { ReplyChannel } from './reply-channel.js';

export interface ProtocolServerOptions {
  readonly clock: Clock;
  readonly log?: Logger;
  /** False emulates a printer without the `X…` extensions; default true. */
  readonly extensions?: boolean;
  /** A `Db` whose data stalls this long is dropped without a reply, so framing recovers; default 5 s. */
  readonly downloadIdleMs?: number;
}

/** A machine served on one link. */
export interface ProtocolServer {
  readonly link: ByteLink;
  /** Stops serving (the link stays as it is); called by itself when the link closes. */
  detach(): void;
}

/** Commands waiting behind the one in progress; more are dropped (a host that floods gets silence). */
const MAX_QUEUED = 64;

/**
 * Attaches an emulated machine to the printer end of a byte link and speaks PROTOCOL.md: parses
 * the host's bytes, carries out one command at a time (a long step answers when it is done; what
 * arrives meanwhile waits its turn), and sends replies through the link faults.
 */
export function serveProtocol(
  machine: EmulatedMachine,
  link: ByteLink,
  options: ProtocolServerOptions,
): ProtocolServer {
  return new Server(machine, link, options);
}

class Server implements ProtocolServer {
  readonly link: ByteLink;
  readonly #machine: EmulatedMachine;
  readonly #clock: Clock;
  readonly #log: Logger | undefined;
  readonly #extensions: boolean;
  readonly #downloadIdleMs: number;
  readonly #parser = new CommandParser();
  readonly #channel: ReplyChannel;
  readonly #unsubscribe: Array<() => void>;
  #queue: Frame[] = [];
  #busy = false;
  /** Bumped by a reboot, so the answer to a command it interrupted is never sent. */
  #generation = 0;
  #downloadTimer: TimerHandle | undefined;
  #detached = false;

  constructor(machine: EmulatedMachine, link: ByteLink, options: ProtocolServerOptions) {
    this.link = link;
    this.#machine = machine;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#extensions = options.extensions ?? true;
    this.#downloadIdleMs = options.downloadIdleMs ?? 5000;
    this.#channel = new ReplyChannel(link, options.clock, () => machine.noise());
    this.#unsubscribe = [
      link.onData((chunk) => this.#receive(chunk)),
      link.onClose(() => this.detach()),
      machine.onEvent((event) => {
        if (event.type === 'link-fault') this.#channel.apply(event.fault, event.seconds);
        else if (event.type === 'reset') this.#forget();
      }),
    ];
  }

  detach(): void {
    if (this.#detached) return;
    this.#detached = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#forget();
  }

  #receive(chunk: Buffer): void {
    if (this.#detached) return;
    // Off, or hung by a `no-reply` fault: the bytes fall on deaf ears.
    if (!this.#machine.powered || this.#channel.silent) {
      this.#parser.reset();
      return;
    }
    for (const frame of this.#parser.push(chunk)) {
      if (this.#queue.length < MAX_QUEUED) this.#queue.push(frame);
    }
    this.#watchDownload();
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let frame = this.#queue.shift(); frame; frame = this.#queue.shift()) {
        const generation = this.#generation;
        const answer = await handleFrame(this.#machine, frame, { extensions: this.#extensions });
        if (generation !== this.#generation || this.#detached) continue;
        if (answer.text !== undefined) this.#reply(answer.text);
        answer.afterwards?.();
      }
    } catch (error) {
      // A bug in a handler must not kill the printer's link; say so and keep serving.
      this.#log?.error(
        { err: error instanceof Error ? error.message : String(error) },
        'emulator command failed',
      );
    } finally {
      this.#busy = false;
    }
    if (this.#queue.length > 0) void this.#pump();
  }

  #reply(text: string): void {
    for (const strike of this.#machine.replyFaults()) {
      if (strike.fault === 'printer-reset') {
        this.#machine.trigger('printer-reset');
        return;
      }
      this.#channel.apply(strike.fault as Parameters<ReplyChannel['apply']>[0], strike.seconds);
      if (strike.fault === 'no-reply' || strike.fault === 'drop-connection') return;
    }
    this.#channel.send(text);
  }

  /** A stalled `Db` would swallow the next commands as data; give up on it after a while. */
  #watchDownload(): void {
    if (this.#downloadTimer) this.#clock.clearTimeout(this.#downloadTimer);
    this.#downloadTimer = undefined;
    if (!this.#parser.inDownload) return;
    this.#downloadTimer = this.#clock.setTimeout(() => {
      this.#downloadTimer = undefined;
      this.#log?.debug('download stalled; dropped');
      this.#parser.reset();
    }, this.#downloadIdleMs);
  }

  #forget(): void {
    this.#generation += 1;
    this.#queue = [];
    this.#parser.reset();
    this.#channel.dropPending();
    if (this.#downloadTimer) this.#clock.clearTimeout(this.#downloadTimer);
    this.#downloadTimer = undefined;
  }
}
