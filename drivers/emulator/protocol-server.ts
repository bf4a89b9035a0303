import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../src/clock/clock.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { type CommandFrame, CommandStreamParser, encodeReply, type Reply } from '../evolis/protocol/index.js';
import type { Answer } from './answers.js';
import { handleFrame } from './command-handler.js';
import type { EmulatedMachine } from './machine.js';
import { ReplyChannel } from './reply-channel.js';

export interface ProtocolServerOptions {
  readonly clock: Clock;
  readonly log?: Logger;
  /** Answer Cetak's `X…` extensions; default false: the guide and nothing more. */
  readonly extensions?: boolean;
  /** Answer `Xt` with the printer's temperatures; default: whenever the extensions are answered. */
  readonly reportsTemperatures?: boolean;
  /**
   * Quiet time after which a half-received data command is given up (a stalled download) or one
   * of unknown length is answered; default 5 s.
   */
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
 * Attaches an emulated machine to the printer end of a byte link and speaks the Evolis guide
 * (A5013) through the shared protocol module: frames the host's bytes, carries out one command
 * at a time (what arrives meanwhile waits its turn, as in a real printer's input buffer), and
 * sends each answer through the link faults in the machine's reply form (CR, NUL or ACK/NACK).
 * While the machine is off or shut off to cool it hears and says nothing.
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
  readonly #reportsTemperatures: boolean;
  readonly #downloadIdleMs: number;
  readonly #channel: ReplyChannel;
  readonly #unsubscribe: Array<() => void>;
  #parser = new CommandStreamParser();
  #queue: CommandFrame[] = [];
  #busy = false;
  /** Bumped by a reboot or shut-off, so the answer to a command it interrupted is never sent. */
  #generation = 0;
  #idleTimer: TimerHandle | undefined;
  #detached = false;

  constructor(machine: EmulatedMachine, link: ByteLink, options: ProtocolServerOptions) {
    this.link = link;
    this.#machine = machine;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#extensions = options.extensions ?? false;
    this.#reportsTemperatures = options.reportsTemperatures ?? this.#extensions;
    this.#downloadIdleMs = options.downloadIdleMs ?? 5000;
    this.#channel = new ReplyChannel(link, options.clock, () => machine.noise());
    this.#unsubscribe = [
      link.onData((chunk) => this.#receive(chunk)),
      link.onClose(() => this.detach()),
      machine.onEvent((event) => {
        if (event.type === 'link-fault') this.#channel.apply(event.fault, event.seconds);
        else if (event.type === 'reset' || event.type === 'shut-off') this.#forget();
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
    // Off, shut off to cool, or hung by a `no-reply` fault: the bytes fall on deaf ears.
    if (this.#machine.silence || this.#channel.silent) {
      this.#parser = new CommandStreamParser();
      return;
    }
    this.#enqueue(this.#parser.push(chunk));
    this.#watchIdle();
  }

  #enqueue(frames: readonly CommandFrame[]): void {
    for (const frame of frames) if (this.#queue.length < MAX_QUEUED) this.#queue.push(frame);
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let frame = this.#queue.shift(); frame; frame = this.#queue.shift()) {
        const generation = this.#generation;
        const answer = await this.#handle(frame);
        if (generation !== this.#generation || this.#detached) continue;
        if (answer.reply) this.#reply(answer.reply, frame);
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

  #handle(frame: CommandFrame): Promise<Answer> {
    const machine = this.#machine;
    return handleFrame(frame, {
      machine,
      settings: machine.wire.settings,
      lastAnswer: machine.wire.lastAnswer,
      clock: this.#clock,
      extensions: this.#extensions,
      reportsTemperatures: this.#reportsTemperatures,
      setReplyStyle: (style) => machine.wire.setReplyStyle(style),
    });
  }

  #reply(reply: Reply, frame: CommandFrame): void {
    const isRlr = frame.kind === 'command' && frame.name === 'Rlr';
    if (!isRlr) this.#machine.wire.lastAnswer = reply;
    for (const strike of this.#machine.replyFaults()) {
      if (strike.fault === 'printer-reset') {
        this.#machine.trigger('printer-reset');
        return;
      }
      this.#channel.apply(strike.fault as Parameters<ReplyChannel['apply']>[0], strike.seconds);
      if (strike.fault === 'no-reply' || strike.fault === 'drop-connection') return;
    }
    this.#channel.send(encodeReply(reply, this.#machine.wire.replyStyle));
  }

  /**
   * A data command whose bytes stop coming would swallow the next commands as data, and one of
   * unknown length is answered only once the host pauses: both wait for a quiet spell.
   */
  #watchIdle(): void {
    if (this.#idleTimer) this.#clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#parser.inData) return;
    this.#idleTimer = this.#clock.setTimeout(() => {
      this.#idleTimer = undefined;
      this.#log?.debug('data command stalled or of unknown length; answered once the host paused');
      this.#enqueue(this.#parser.idle());
    }, this.#downloadIdleMs);
  }

  #forget(): void {
    this.#generation += 1;
    this.#queue = [];
    this.#parser = new CommandStreamParser();
    this.#channel.dropPending();
    if (this.#idleTimer) this.#clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
