import type { ChipEncoder } from '../../src/chip/chip-encoder.js';
import { noneEncoder } from '../../src/chip/none-encoder.js';
import type { TimerHandle } from '../../src/clock/clock.js';
import type {
  CardToPrint,
  DriverContext,
  LinkStats,
  PrinterDriver,
  PrinterFix,
  PrinterIdentity,
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
import { rejectIfInside } from './card-presence.js';
import { RIBBON_PANELS, runCardSequence } from './card-sequence.js';
import { CommandChannel, DEFAULT_COMMAND_TIMEOUT_MS, type LinkCounters } from './command-channel.js';
import { handshake } from './handshake.js';
import { type CardCounters, recoverLostCard } from './lost-card.js';
import { makeStatus, sameStatus, statusOf } from './printer-state.js';
import { PrinterView } from './printer-view.js';
import { describeReply } from './protocol/index.js';
import { countOf, StatusReader } from './status-reader.js';

export interface EvolisDriverOptions {
  /** Reply timeout of reads and settings; default 30 s. */
  readonly commandTimeoutMs?: number;
  /** Reply timeout of the steps that move a card and of downloads; default 5 min. */
  readonly jobTimeoutMs?: number;
  /** How often an idle, connected printer's status is refreshed; default 10 s. */
  readonly pollIntervalMs?: number;
  /** How long a printer silent with a card inside is waited for; default 45 min (a shut-off cools). */
  readonly recoveryWindowMs?: number;
  /** What personalises the chip at the contactless station; default none. */
  readonly encoder?: ChipEncoder;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;
export const DEFAULT_RECOVERY_WINDOW_MS = 45 * 60_000;
/** How often `warmUp` reads the roller while it heats (extension printers only). */
export const WARM_UP_POLL_MS = 2_000;

const OFF = makeStatus('off', []);
const LINK_LOST = makeStatus('off', ['link-lost']);

/**
 * A printer speaking the Evolis escape-command protocol (Programming Guide A5013, see
 * `PROTOCOL.md`) over any byte link. Every exchange goes through one {@link CommandChannel}, and
 * multi-command operations (a card, a status read) hold the driver's turn, so polls never slip in
 * between a card's steps. The guide has no state read: the driver tells the state from what it
 * sees (answers, silence, its own cards) and, where the printer has them, Cetak's extensions.
 */
export class EvolisDriver implements PrinterDriver {
  /** The printer prints the bitmaps it is sent: the daemon renders each card's face for it. */
  readonly printsPanels = true;
  readonly #context: DriverContext;
  readonly #openLink: LinkOpener;
  readonly #options: EvolisDriverOptions;
  readonly #log: Logger;
  readonly #reader: StatusReader;
  readonly #encoder: ChipEncoder;
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
  #pollTimer: TimerHandle | undefined;
  #turn: Promise<unknown> = Promise.resolve();
  readonly #view = new PrinterView();
  /** Shared by every channel this driver opens, so the counts survive reconnects. */
  readonly #linkStats: LinkCounters = { messages: 0, timeouts: 0 };

  constructor(context: DriverContext, openLink: LinkOpener, options: EvolisDriverOptions = {}) {
    this.#context = context;
    this.#openLink = openLink;
    this.#options = options;
    this.#log = context.log.child({ driver: 'evolis' });
    this.#reader = new StatusReader(this.#log);
    this.#encoder = options.encoder ?? noneEncoder();
  }

  /** Who the printer said it is, once connected. */
  get identity(): PrinterIdentity | undefined {
    return this.#identity;
  }

  /** Whether the printer answered the extension probe (temperatures, heater control). */
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

  /** `Rco;c`: cards the printer has taken in, ever; read in its turn, never between a card's steps. */
  async cardCounter(): Promise<number | undefined> {
    const channel = this.#requireChannel();
    return this.#exclusive(async () => countOf(await channel.send('Rco', ['c'])));
  }

  /**
   * With the heater extension: `Xh;1`, then `Xt` every 2 s until the roller is in its band.
   * Without, the host cannot heat the printer: it heats for the card that needs it and holds the
   * card's `Se` until then, so it can take a card now and is reported `ready` (for the profile's
   * idle-off time, as after a card).
   */
  async warmUp(signal?: AbortSignal): Promise<void> {
    const channel = this.#requireChannel();
    signal?.throwIfAborted();
    this.#assertCanWarm();
    if (!this.#extensions) {
      // Nothing to switch on: the printer takes a card now and heats for it. `ready` says so.
      this.#view.warmRequested(this.#context.clock.now());
      this.#emit();
      return;
    }
    await abortable(
      this.#exclusive(() => this.#heater(channel, true)),
      signal,
    );
    for (;;) {
      await abortable(
        this.#exclusive(() => this.#refresh(channel)),
        signal,
      );
      this.#assertCanWarm();
      if (this.#status.state === 'ready') return;
      await this.#context.clock.sleep(WARM_UP_POLL_MS, signal);
    }
  }

  async standby(): Promise<void> {
    const channel = this.#requireChannel();
    this.#view.standby();
    await this.#exclusive(async () => {
      if (this.#extensions) await this.#heater(channel, false);
      await this.#refresh(channel).catch(() => undefined);
    });
  }

  /** A real printer's operator acts with their hands: the problem is taken as fixed, and re-read. */
  async operatorDid(action: PrinterFix, _count?: number): Promise<void> {
    const channel = this.#requireChannel();
    this.#view.operatorDid(action);
    await this.#exclusive(() => this.#refresh(channel));
  }

  async printCard(card: CardToPrint, signal?: AbortSignal): Promise<PrintOutcome> {
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'the evolis driver was closed');
    const channel = this.#channel;
    if (!channel) return { result: 'not-started', reason: 'printer not connected' };
    this.#view.cardsInFlight++;
    try {
      return await this.#exclusive(async () => {
        const outcome = await runCardSequence(card, {
          channel,
          log: this.#log.child({ job: card.jobId }),
          encoder: this.#encoder,
          signal,
          onRefusal: (reason) => {
            if (this.#view.latch(reason, this.#context.clock.now())) this.#emit();
          },
          onFed: () => {
            this.#view.cardFed();
            this.#emit();
          },
          recover: (before) => this.#recover(channel, before),
        });
        this.#view.cardDone(this.#context.clock.now(), outcome);
        await this.#refresh(channel).catch(() => undefined);
        return outcome;
      });
    } finally {
      this.#view.cardsInFlight--;
      this.#emit();
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
      const { identity, extensions } = await handshake(channel, clock, this.#log);
      this.#extensions = extensions;
      // A card left inside by an interrupted job (its job is already uncertain) goes to the
      // reject box, where the operator can judge it, and the printer is free again.
      if (await rejectIfInside(channel, this.#log))
        this.#log.warn('a card was left in the printer by an interrupted job; sent to the reject box');
      this.#view.read(await this.#reader.read(channel, extensions));
      this.#handshake = undefined;
      this.#channel = channel;
      this.#identity = identity;
      this.#log.debug({ link: link.description, extensions }, 'handshake done');
      this.#emit(true);
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

  /** A card step went unanswered: the printer is silent with the card inside. */
  #recover(channel: CommandChannel, before: CardCounters | undefined): Promise<PrintOutcome> {
    this.#view.silentWithCard();
    this.#emit();
    const pollMs = this.#options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    return recoverLostCard({
      channel,
      clock: this.#context.clock,
      log: this.#log,
      before,
      panelsPerCard: RIBBON_PANELS,
      silentSinceMs: this.#context.clock.now(),
      windowMs: this.#options.recoveryWindowMs ?? DEFAULT_RECOVERY_WINDOW_MS,
      probeEveryMs: pollMs,
      probeTimeoutMs: Math.min(this.#options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, pollMs),
      onBack: () => {
        this.#view.back();
        this.#emit();
      },
    });
  }

  #requireChannel(): CommandChannel {
    if (this.#closed) throw new CetakError('DRIVER_CLOSED', 'the evolis driver was closed');
    if (this.#channel) return this.#channel;
    if (this.#identity) throw new CetakError('LINK_LOST', 'the printer link is lost');
    throw new CetakError('DRIVER_NOT_READY', 'the printer is not connected');
  }

  /** Off, overheated or a problem someone must fix: waiting would not help, so say so at once. */
  #assertCanWarm(): void {
    const { state, problems } = this.#status;
    const blocking = problems.filter(isBlockingProblem);
    if (state === 'off' || state === 'overheated' || blocking.length > 0) {
      const why = blocking.length > 0 ? blocking.join(', ') : state;
      throw new CetakError('DRIVER_NOT_READY', `printer cannot warm up: ${why}`);
    }
  }

  async #heater(channel: CommandChannel, on: boolean): Promise<void> {
    const reply = await channel.send('Xh', [on ? 1 : 0]);
    if (reply.kind === 'ok') return;
    if (!on) return this.#log.warn({ reply: describeReply(reply) }, 'Xh;0 refused');
    throw new CetakError('DRIVER_NOT_READY', `printer refused to warm up: ${describeReply(reply)}`);
  }

  /**
   * Reads the printer; one that stops answering is `off` until it answers again. One that answers
   * again after a silence may hold a card an abandoned job left inside: it goes to the reject box.
   */
  async #refresh(channel: CommandChannel): Promise<void> {
    try {
      if (!this.#view.answering && (await rejectIfInside(channel, this.#log)))
        this.#log.warn('the printer answers again with a card inside; sent to the reject box');
      const reading = await this.#reader.read(channel, this.#extensions, this.#view.problems);
      if (this.#channel !== channel) return;
      this.#view.read(reading);
      this.#emit();
    } catch (error) {
      if (isCetakError(error, 'LINK_TIMEOUT') && this.#channel === channel) {
        this.#view.answering = false;
        this.#emit();
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
      if (this.#view.cardsInFlight === 0) {
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

  /** Works out the status from what was seen and reports it if it changed. */
  #emit(force = false): void {
    if (!this.#channel && !this.#handshake) return;
    this.#setStatus(
      statusOf(
        this.#view.observed(this.#context.clock.now()),
        this.#context.clock.now(),
        this.#context.profile,
      ),
      force,
    );
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
