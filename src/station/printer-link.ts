import type { Clock } from '../clock/clock.js';
import type { PrinterDriver, PrinterIdentity, PrinterStatus } from '../drivers/driver.js';
import type { Logger } from '../log/logger.js';
import { errorMessage } from '../util/error-message.js';
import { RetryTimer } from './backoff.js';
import type { StationState } from './station-options.js';

export interface PrinterLinkOptions {
  readonly driver: PrinterDriver;
  readonly clock: Clock;
  readonly log: Logger;
  /** Called after every status report and every connection attempt. */
  readonly onChange: () => void;
}

/**
 * Link supervision for one printer: connects, reconnects with a capped backoff after an unplug,
 * a power-off or a dropped TCP link, and turns the printer's reports into the station's state —
 * `offline`, with the time it was last heard from, while it is silent.
 */
export class PrinterLink {
  readonly #options: PrinterLinkOptions;
  readonly #reconnect: RetryTimer;
  #state: StationState = 'connecting';
  #printer: PrinterStatus | undefined;
  #identity: PrinterIdentity | undefined;
  #lastSeen: number | undefined;
  #connectError: string | undefined;
  #stopped = false;

  constructor(options: PrinterLinkOptions) {
    this.#options = options;
    this.#reconnect = new RetryTimer(options.clock);
  }

  async start(): Promise<void> {
    this.#options.driver.onStatus((status) => this.#onStatus(status));
    await this.#connect();
  }

  /** No more reconnecting; the station shows `stopped`. */
  stop(): void {
    this.#stopped = true;
    this.#state = 'stopped';
    this.#reconnect.cancel();
  }

  get state(): StationState {
    return this.#state;
  }

  get printer(): PrinterStatus | undefined {
    return this.#printer;
  }

  get identity(): PrinterIdentity | undefined {
    return this.#identity;
  }

  get lastSeen(): number | undefined {
    return this.#lastSeen;
  }

  /** Why the last connection attempt failed; cleared once one succeeds. */
  get connectError(): string | undefined {
    return this.#connectError;
  }

  get reconnects(): number {
    return this.#reconnect.attempts;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const { driver, log } = this.#options;
    try {
      this.#identity = await driver.connect();
      this.#reconnect.reset();
      this.#connectError = undefined;
      log.info({ printer: this.#identity }, 'printer connected');
      this.#onStatus(driver.status());
    } catch (error) {
      if (this.#stopped) return;
      this.#state = 'offline';
      this.#connectError = errorMessage(error);
      log.error({ err: this.#connectError }, 'printer did not connect; will retry');
      this.#reconnect.schedule(() => void this.#connect());
      this.#options.onChange();
    }
  }

  #onStatus(status: PrinterStatus): void {
    this.#printer = status;
    if (!this.#stopped) {
      const linkLost = status.problems.includes('link-lost');
      // A printer that stops answering (switched off, cable out, silent) is `offline` to operators.
      const silent = linkLost || status.state === 'off';
      if (!silent) this.#lastSeen = this.#options.clock.now();
      this.#state = silent ? 'offline' : status.state;
      if (linkLost) this.#reconnect.schedule(() => void this.#connect());
    }
    this.#options.onChange();
  }
}
