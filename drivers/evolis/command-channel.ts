import type { Clock, TimerHandle } from '../../src/clock/clock.js';
import { CetakError } from '../../src/errors.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { type CommandParam, encodeCommand, type Reply, ReplyParser } from './protocol/index.js';

/** Reply timeout of an ordinary command: a read or a setting answers at once. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
/** Reply timeout of the steps that move a card and answer only when done. */
export const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;
/**
 * The commands that get {@link DEFAULT_JOB_TIMEOUT_MS}: those that move a card (`Se` answers once
 * the roller has warmed and the card is printed and out) and the downloads, whose clock runs from
 * the first byte (a raw 576 kB colour panel takes about a minute at 115 200 baud).
 */
export const LONG_COMMANDS: ReadonlySet<string> = new Set([
  'Ss',
  'Si',
  'Sic',
  'Sis',
  'Se',
  'Ser',
  'Db',
  'Dbc',
]);

/** Running totals of a link's traffic (the driver's `linkStats`). */
export interface LinkCounters {
  messages: number;
  timeouts: number;
}

export interface CommandChannelOptions {
  readonly clock: Clock;
  /** Reply timeout of ordinary commands; default 30 s. */
  readonly commandTimeoutMs?: number;
  /** Reply timeout of the steps that move a card (`Se`…) and of downloads; default 5 min. */
  readonly jobTimeoutMs?: number;
  /**
   * Counters this channel adds its commands and timeouts to. The driver owns them, so they outlive
   * the channel (a reconnect opens a new one).
   */
  readonly stats?: LinkCounters;
}

export interface SendOptions {
  /** Overrides the command's default reply timeout. */
  readonly timeoutMs?: number;
}

interface Request {
  readonly name: string;
  readonly frame: Buffer;
  readonly timeoutMs: number;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: CetakError) => void;
}

/**
 * One command at a time over a {@link ByteLink}: the host waits for each reply before the next
 * command (PROTOCOL.md). Callers are served first come, first served. A printer's `ERR …` is a reply,
 * not a rejection; sends reject only with `LINK_TIMEOUT`, `LINK_LOST` or the error given to
 * {@link close}.
 */
export class CommandChannel {
  readonly #link: ByteLink;
  readonly #clock: Clock;
  readonly #commandTimeoutMs: number;
  readonly #jobTimeoutMs: number;
  readonly #stats: LinkCounters;
  readonly #parser = new ReplyParser();
  readonly #queue: Request[] = [];
  readonly #unsubscribe: Array<() => void>;
  #current: { readonly request: Request; readonly timer: TimerHandle } | undefined;
  #failure: CetakError | undefined;
  #announceFailure: (error: CetakError) => void = () => {};
  #strayReplies = 0;

  /** Settles once, with the error every pending and later send gets, when the channel stops. */
  readonly failed: Promise<CetakError>;

  constructor(link: ByteLink, options: CommandChannelOptions) {
    this.#link = link;
    this.#clock = options.clock;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.#jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.#stats = options.stats ?? { messages: 0, timeouts: 0 };
    this.failed = new Promise((resolve) => {
      this.#announceFailure = resolve;
    });
    this.#unsubscribe = [
      link.onData((chunk) => this.#onData(chunk)),
      link.onClose((error) => this.#fail(linkLost(link, error))),
    ];
    if (link.closed) this.#fail(linkLost(link));
  }

  /** Why the channel stopped, once it has. */
  get failure(): CetakError | undefined {
    return this.#failure;
  }

  /** Replies dropped as line noise. */
  get noiseLines(): number {
    return this.#parser.noiseReplies;
  }

  /** Reply lines that arrived with no command waiting, and were dropped. */
  get strayReplies(): number {
    return this.#strayReplies;
  }

  /** Sends `ESC name;params CR` once every earlier send is done; resolves with its reply. */
  send(name: string, params: readonly CommandParam[] = [], options: SendOptions = {}): Promise<Reply> {
    let frame: Buffer;
    try {
      frame = encodeCommand(name, params);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.sendFrame(name, frame, options);
  }

  /** Like {@link send}, for a frame already encoded (a `Db`/`Dbc` download). */
  sendFrame(name: string, frame: Buffer, options: SendOptions = {}): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const timeoutMs =
      options.timeoutMs ?? (LONG_COMMANDS.has(name) ? this.#jobTimeoutMs : this.#commandTimeoutMs);
    return new Promise((resolve, reject) => {
      this.#queue.push({ name, frame, timeoutMs, resolve, reject });
      if (!this.#current) this.#next();
    });
  }

  /** Stops the channel (pending and later sends reject with `error`) and closes the link. */
  async close(error = new CetakError('LINK_LOST', `${this.#link.description}: closed by the host`)) {
    this.#fail(error);
    await this.#link.close();
  }

  #next(): void {
    const request = this.#failure || this.#current ? undefined : this.#queue.shift();
    if (!request) return;
    // Whatever arrived before this command cannot be its reply.
    this.#parser.reset();
    const noiseBefore = this.noiseLines;
    const timer = this.#clock.setTimeout(() => {
      this.#stats.timeouts++;
      // Something answering in another language is not a silent printer: say which it is.
      const unreadable = this.noiseLines - noiseBefore;
      const message =
        unreadable > 0
          ? `${request.name}: ${this.#link.description} answers, but not in the Evolis escape-command protocol (${unreadable} unreadable line${unreadable === 1 ? '' : 's'} in ${request.timeoutMs} ms); is it a supported card printer, and is the port's speed (baud) right?`
          : `${request.name}: no reply from ${this.#link.description} within ${request.timeoutMs} ms`;
      this.#settle(request, new CetakError('LINK_TIMEOUT', message));
    }, request.timeoutMs);
    this.#current = { request, timer };
    this.#stats.messages++;
    this.#link.write(request.frame).catch((error: unknown) => {
      // Part of the frame may be out: the printer's framing can no longer be trusted.
      this.#fail(linkLost(this.#link, error));
      void this.#link.close().catch(() => {});
    });
  }

  #onData(chunk: Buffer): void {
    for (const reply of this.#parser.push(chunk)) {
      const current = this.#current;
      if (current) this.#settle(current.request, reply);
      else this.#strayReplies++;
    }
  }

  #settle(request: Request, outcome: Reply | CetakError): void {
    if (this.#current?.request !== request) return;
    this.#clock.clearTimeout(this.#current.timer);
    this.#current = undefined;
    if (outcome instanceof CetakError) request.reject(outcome);
    else request.resolve(outcome);
    // Later lines of the same chunk arrived before the next command went out: they are stray.
    queueMicrotask(() => this.#next());
  }

  #fail(error: CetakError): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    const current = this.#current;
    if (current) {
      this.#clock.clearTimeout(current.timer);
      this.#current = undefined;
      current.request.reject(error);
    }
    for (const request of this.#queue.splice(0)) request.reject(error);
    this.#announceFailure(error);
  }
}

function linkLost(link: ByteLink, cause?: unknown): CetakError {
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  return new CetakError('LINK_LOST', `${link.description}: link closed${why}`, { cause });
}
