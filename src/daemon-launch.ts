import type { FastifyInstance } from 'fastify';
import type { Clock, TimerHandle } from './clock/clock.js';
import type { Daemon } from './daemon.js';
import type { Logger } from './log/logger.js';
import { buildDegradedPort } from './server/degraded-port.js';
import { listenOn } from './server/listen.js';
import { diskFullReason, freeBytes, isDiskFull, NEEDED_FREE_BYTES } from './store/disk-space.js';

/** How often a daemon waiting for disk space tries again to open its store. */
export const DEFAULT_STORE_RETRY_MS = 10_000;

export interface LaunchOptions {
  /** Opens the store and builds the daemon (`createDaemon`). */
  readonly create: () => Promise<Daemon>;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Shown on the waiting status port. */
  readonly site: string;
  readonly allowedHosts: readonly string[];
  readonly retryMs?: number;
  /** Measures the data dir's disk; default {@link freeBytes}. */
  readonly freeBytes?: (dir: string) => number | undefined;
  /** A later attempt failed for another reason than space (a damaged store, a lock): the process must end. */
  readonly onFatal: (error: unknown) => void;
}

/**
 * Starts the daemon, or, when the disk is full, a status port that says so and keeps trying:
 * a full disk degrades the office's printing, it does not make the service vanish. Every
 * `retryMs` (on the injected clock) it measures the disk again and, once there is room, opens the
 * store, hands the port over to the real status port and starts printing.
 */
export class DaemonLauncher {
  readonly #options: LaunchOptions;
  readonly #free: (dir: string) => number | undefined;
  #daemon: Daemon | undefined;
  #waiting: FastifyInstance | undefined;
  #timer: TimerHandle | undefined;
  #stopped = false;
  #port: number;
  #started: (daemon: Daemon) => void = () => undefined;

  /** Settles with the running daemon once it has started (at once, or when space returns). */
  readonly started: Promise<Daemon>;

  constructor(options: LaunchOptions) {
    this.#options = options;
    this.#free = options.freeBytes ?? freeBytes;
    this.#port = options.port;
    this.started = new Promise((resolve) => {
      this.#started = resolve;
    });
  }

  /** The daemon once it runs. */
  get daemon(): Daemon | undefined {
    return this.#daemon;
  }

  /** Starts (or starts waiting); resolves with the status port's address. */
  async launch(): Promise<string> {
    const attempt = await this.#attempt();
    if (attempt.daemon) return this.#run(attempt.daemon);
    const since = this.#options.clock.now();
    let reason = attempt.reason;
    this.#waiting = buildDegradedPort({
      reason: () => reason,
      since,
      site: this.#options.site,
      clock: this.#options.clock,
      allowedHosts: this.#options.allowedHosts,
      log: this.#options.log,
    });
    const address = await listenOn(this.#waiting, this.#options.host, this.#options.port);
    // The real status port takes over the same port (one the OS chose, for `--port 0`).
    this.#port = Number(new URL(address).port);
    this.#options.log.error(
      { reason, url: address },
      'job store cannot be opened: waiting for disk space; nothing prints, the status port says why',
    );
    const retry = async () => {
      this.#timer = undefined;
      if (this.#stopped) return;
      try {
        const next = await this.#attempt();
        if (this.#stopped) {
          await next.daemon?.stop();
          return;
        }
        if (!next.daemon) {
          reason = next.reason;
          this.#timer = this.#options.clock.setTimeout(retry, this.#retryMs);
          return;
        }
        await this.#waiting?.close();
        this.#waiting = undefined;
        await this.#run(next.daemon);
        this.#options.log.info('disk has room again: job store open, printing');
      } catch (error) {
        this.#options.onFatal(error);
      }
    };
    this.#timer = this.#options.clock.setTimeout(retry, this.#retryMs);
    return address;
  }

  /** Stops the daemon, or stops waiting. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) this.#options.clock.clearTimeout(this.#timer);
    await this.#waiting?.close();
    await this.#daemon?.stop();
  }

  get #retryMs(): number {
    return this.#options.retryMs ?? DEFAULT_STORE_RETRY_MS;
  }

  /** The daemon, or why the disk cannot take it yet. Any other failure is thrown. */
  async #attempt(): Promise<{ daemon: Daemon; reason?: never } | { daemon?: never; reason: string }> {
    const free = this.#free(this.#options.dataDir);
    // Below the need, nothing is tried: a half-created store file helps no one.
    if (free !== undefined && free < NEEDED_FREE_BYTES) return { reason: diskFullReason(free) };
    try {
      return { daemon: await this.#options.create() };
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      return { reason: diskFullReason(this.#free(this.#options.dataDir)) };
    }
  }

  async #run(daemon: Daemon): Promise<string> {
    this.#daemon = daemon;
    await daemon.start();
    const address = await daemon.listen(this.#options.host, this.#port);
    this.#started(daemon);
    return address;
  }
}
