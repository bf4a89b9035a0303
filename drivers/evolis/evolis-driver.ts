import type { TimerHandle } from '../../src/clock/clock.js';
import type {
  CardToPrint,
  DriverContext,
  LinkStats,
  OperatorAction,
  PrinterDriver,
  PrinterIdentity,
  PrinterState,
  PrinterStatus,
  PrintOutcome,
  StatusListener,
} from '../../src/drivers/driver.js';
import { isBlockingProblem } from '../../src/drivers/driver.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { LinkOpener } from '../../src/transport/transport.js';
import { ListenerSet } from '../../src/util/listener-set.js';
import { abortable, errorText } from './abortable.js';
import { runCardSequence } from './card-sequence.js';
import { CommandChannel, type LinkCounters } from './command-channel.js';
import { handshake } from './handshake.js';
import { describeReply } from './reply.js';
import { makeStatus, StatusReader, sameStatus } from './status-reader.js';

export interface EvolisDriverOptions {
  /** Reply timeout of ordinary commands; default 30 s. */
  readonly commandTimeoutMs?: number;
  /** Reply timeout of the card steps that answer when done (`Sr`, `Sic`, `Xce`); default 5 min. */
  readonly jobTimeoutMs?: number;
  /** How often an idle, connected printer's status is refreshed; default 10 s. */
  readonly pollIntervalMs?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;
/** How often `warmUp` asks `Rst` whether the roller is ready. */
export const WARM_UP_POLL_MS = 2_000;

/** States `warmUp` cannot wait out. `printing` with no card of ours means one was left inside. */
const NOT_WARMABLE: ReadonlySet<PrinterState> = new Set(['off', 'overheated', 'printing']);

const OFF = makeStatus('off', []);
const LINK_LOST = makeStatus('off', ['link-lost']);

/**
 * A printer speaking the escape-command dialect of `drivers/evolis/PROTOCOL.md`, over any byte
 * link. Every exchange goes through one {@link CommandChannel}, and multi-command operations
 * (a card, a status read) hold the driver's turn, so polls never slip in between a card's steps.
 */
export class EvolisDriver implements PrinterDriver {
  /** The printer prints the bitmaps it is sent: the daemon renders each card's face for it. */
  readonly printsPanels = true;
  readonly #context: DriverContext;
  readonly #openLink: LinkOpener;
  readonly #options: EvolisDriverOptions;
  readonly #log: Logger;
  readonly #reader: StatusReader;
  readonly #listeners = new ListenerSet<PrinterStatus>();
  /** The channel of a connected printer; set only once `connect` has read the printer. */
  #channel: CommandChannel | undefined;
  /** The channel `connect` is reading the printer on. */
  #handshake: CommandChannel | undefined;
  #connecting: Promise<PrinterIdentity> | undefined;
  #identity: PrinterIdentity | undefined;
  #extensions = false;
  #status: PrinterStatus = OFF;
  #closed = false;
  #cardsInFlight = 0;
  #pollTimer: TimerHandle | undefined;
  #turn: Promise<unknown> = Promise.resolve();
  /** Shared by every channel this driver opens, so the counts survive reconnects. */
  readonly #linkStats: LinkCounters = { messages: 0, timeouts: 0 };

  constructor(context: DriverContext, openLink: LinkOpener, options: EvolisDriverOptions = {}) {
    this.#context = context;
    this.#openLink = openLink;
    this.#options = options;
    this.#log = context.log.child({ driver: 'evolis' });
    this.#reader = new StatusReader(this.#log);
  }

  /** Whether the printer answered `Xv` (heater control, temperatures, chip encoding). */
  get extensions(): boolean {
    return this.#extensions;
  }

  connect(): Promise<PrinterIdentity> {
    if (this.#channel && this.#identity) return Promise.resolve(this.#identity);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopPolling();
    const channels = [this.#channel, this.#handshake];
    this.#channel = undefined;
    this.#handshake = undefined;
    const closed = new CetakError('DRIVER_CLOSED', 'the evolis driver was closed');
    await Promise.all(channels.map((channel) => channel?.close(closed)));
    this.#setStatus(OFF);
  }

  status(): PrinterStatus {
    return this.#status;
  }

  onStatus(listener: StatusListener): () => void {
    return this.#listeners.add(listener);
  }

  /** Commands sent and replies timed out since this driver was created, over every connection. */
  linkStats(): LinkStats {
    return { ...this.#linkStats };
  }

  /**
   * With extensions: `Xh;1`, then `Rst` every 2 s until `READY`. Without, the host cannot switch
   * the heater on: a printer in `STANDBY` heats when `Ss` arrives (refusing that card with
   * `ERR NOT READY`, so no blank is used), hence `STANDBY` counts as warmed up; `WARMING` is
   * waited out.
   */
  async warmUp(signal?: AbortSignal): Promise<void> {
    const channel = this.#requireChannel();
    signal?.throwIfAborted();
    if (this.#status.state === 'printing' && this.#cardsInFlight === 0) {
      await abortable(this.#rejectLeftoverCard(channel), signal);
    }
    this.#assertCanWarm();
    if (this.#extensions) await abortable(this.#heaterOn(channel), signal);
    for (;;) {
      const state = await abortable(this.#readState(channel), signal);
      if (state === 'ready' || (state === 'standby' && !this.#extensions)) {
        // One full read, so temperatures and counters match the state just seen.
        await abortable(
          this.#exclusive(() => this.#refresh(channel)),
          signal,
        ).catch(() => undefined);
        return;
      }
      this.#assertCanWarm();
      if (state === 'standby') await abortable(this.#heaterOn(channel), signal);
      await this.#context.clock.sleep(WARM_UP_POLL_MS, signal);
    }
  }

  /** A real printer's operator acts with their hands; the host re-reads what changed. */
  async operatorDid(_action: OperatorAction, _count?: number): Promise<void> {
    const channel = this.#requireChannel();
    await this.#exclusive(() => this.#refresh(channel));
  }

  async standby(): Promise<void> {
    const channel = this.#requireChannel();
    await this.#exclusive(async () => {
      if (!this.#extensions) return;
      const reply = await channel.send('Xh', [0]);
      if (reply.kind !== 'ok') this.#log.warn({ reply: describeReply(reply) }, 'Xh;0 refused');
    });
    await this.#readState(channel);
  }

  async printCard(card: CardToPrint, signal?: AbortSignal): Promise<PrintOutcome> {
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'the evolis driver was closed');
    const channel = this.#channel;
    if (!channel) return { result: 'not-started', reason: 'printer not connected' };
    this.#cardsInFlight++;
    try {
      return await this.#exclusive(async () => {
        const outcome = await runCardSequence(card, {
          channel,
          extensions: this.#extensions,
          log: this.#log.child({ job: card.jobId }),
          signal,
        });
        await this.#refresh(channel).catch(() => undefined);
        return outcome;
      });
    } finally {
      this.#cardsInFlight--;
    }
  }

  async #connect(): Promise<PrinterIdentity> {
    this.#closed = false;
    const link = await this.#openLink();
    if (this.#closed) {
      await link.close();
      throw new CetakError('DRIVER_CLOSED', 'the evolis driver was closed while connecting');
    }
    const { clock } = this.#context;
    const { commandTimeoutMs, jobTimeoutMs } = this.#options;
    const channel = new CommandChannel(link, {
      clock,
      commandTimeoutMs,
      jobTimeoutMs,
      stats: this.#linkStats,
    });
    this.#handshake = channel;
    void channel.failed.then((error) => this.#onChannelFailed(channel, error));
    try {
      const { identity, extensions } = await handshake(channel, this.#log);
      this.#extensions = extensions;
      const status = await this.#reader.read(channel, this.#extensions, OFF);
      this.#handshake = undefined;
      this.#channel = channel;
      this.#identity = identity;
      this.#log.debug({ link: link.description, extensions: this.#extensions }, 'handshake done');
      this.#setStatus(status, true);
      this.#schedulePoll(channel);
      return identity;
    } catch (error) {
      if (this.#handshake === channel) this.#handshake = undefined;
      await channel.close(isCetakError(error) ? error : undefined).catch(() => undefined);
      throw error;
    }
  }

  #onChannelFailed(channel: CommandChannel, error: CetakError): void {
    // A deliberate close has let go of this channel; a failing connect reports for itself.
    if (this.#channel !== channel) return;
    this.#channel = undefined;
    this.#stopPolling();
    this.#log.warn({ err: error.message }, 'printer link lost');
    this.#setStatus(LINK_LOST);
  }

  #requireChannel(): CommandChannel {
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'the evolis driver was closed');
    if (this.#channel) return this.#channel;
    if (this.#identity) throw new CetakError('LINK_LOST', 'the printer link is lost');
    throw new CetakError('DRIVER_NOT_READY', 'the printer is not connected');
  }

  /**
   * Overheated, off, a problem someone must fix, or a card (not ours) still inside: waiting would
   * not help, so say so at once and let the caller decide.
   */
  #assertCanWarm(): void {
    const { state, problems } = this.#status;
    const blocking = problems.filter(isBlockingProblem);
    if (NOT_WARMABLE.has(state) || blocking.length > 0) {
      const why = blocking.length > 0 ? blocking.join(', ') : state;
      throw new CetakError('DRIVER_NOT_READY', `printer cannot warm up: ${why}`);
    }
  }

  /**
   * A card nobody here is printing is one whose link was lost mid-card. Its job is already
   * `uncertain`; the card goes to the reject tray, where the operator can look at it and decide,
   * and the printer is free for the next card.
   */
  async #rejectLeftoverCard(channel: CommandChannel): Promise<void> {
    await this.#exclusive(async () => {
      this.#log.warn('a card was left in the printer by an interrupted job; ejecting it to the reject tray');
      const reply = await channel.send('Ser', [], { timeoutMs: this.#options.jobTimeoutMs });
      if (reply.kind !== 'ok') this.#log.warn({ reply: describeReply(reply) }, 'Ser refused');
      await this.#refresh(channel).catch(() => undefined);
    });
  }

  async #heaterOn(channel: CommandChannel): Promise<void> {
    const reply = await this.#exclusive(async () => {
      const reply = await channel.send('Xh', [1]);
      if (reply.kind !== 'ok') await this.#refresh(channel).catch(() => undefined);
      return reply;
    });
    if (reply.kind === 'ok') return;
    throw new CetakError('DRIVER_NOT_READY', `printer refused to warm up: ${describeReply(reply)}`);
  }

  /** `Rst` alone, in the driver's turn; an unreadable reply leaves the state as it was. */
  #readState(channel: CommandChannel): Promise<PrinterState> {
    return this.#exclusive(async () => {
      const state = await this.#reader.readState(channel);
      const { problems, temperatures, consumables } = this.#status;
      if (state && this.#channel === channel)
        this.#setStatus(makeStatus(state, problems, temperatures, consumables));
      return state ?? this.#status.state;
    });
  }

  /** Reads the whole status; a printer that stops answering is `off` until it answers again. */
  async #refresh(channel: CommandChannel): Promise<void> {
    try {
      const status = await this.#reader.read(channel, this.#extensions, this.#status);
      if (this.#channel === channel) this.#setStatus(status);
    } catch (error) {
      if (isCetakError(error, 'LINK_TIMEOUT') && this.#channel === channel) {
        const { problems, temperatures, consumables } = this.#status;
        this.#setStatus(makeStatus('off', problems, temperatures, consumables));
      }
      throw error;
    }
  }

  #schedulePoll(channel: CommandChannel): void {
    this.#stopPolling();
    const interval = this.#options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.#pollTimer = this.#context.clock.setTimeout(async () => {
      this.#pollTimer = undefined;
      // One command at a time: never between a card's steps, so skip while a card is queued or running.
      if (this.#cardsInFlight === 0) {
        await this.#exclusive(() => this.#refresh(channel)).catch((error: unknown) => {
          this.#log.debug({ err: errorText(error) }, 'status poll failed');
        });
      }
      if (this.#channel === channel && !this.#pollTimer) this.#schedulePoll(channel);
    }, interval);
  }

  #stopPolling(): void {
    if (this.#pollTimer) this.#context.clock.clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  /** Runs `task` once every earlier exclusive task is done. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(task);
    this.#turn = result.catch(() => undefined);
    return result;
  }

  #setStatus(status: PrinterStatus, force = false): void {
    if (!force && sameStatus(this.#status, status)) return;
    this.#status = status;
    try {
      this.#listeners.emit(status);
    } catch (error) {
      this.#log.error({ err: errorText(error) }, 'status listener threw');
    }
  }
}
