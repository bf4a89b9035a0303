import PQueue from 'p-queue';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { cycleSeconds } from '../config/profile-schema.js';
import type { StationConfig } from '../config/schema.js';
import {
  isBlockingProblem,
  type PrinterDriver,
  type PrinterIdentity,
  type PrinterState,
  type PrinterStatus,
  type ProblemReason,
} from '../drivers/driver.js';
import { isCetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Pacer } from '../scheduler/pacing.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { Hours } from '../scheduler/service-hours.js';
import type { WalkInRate } from '../scheduler/walk-in-rate.js';
import type { Job, JobStore } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';
import { Backoff } from './backoff.js';
import { bookOutcome } from './book-outcome.js';
import { Shift } from './shift.js';

/** A station's state: the printer's own, or why the daemon cannot reach it. */
export type StationState = PrinterState | 'connecting' | 'offline' | 'stopped';

export interface StationOptions {
  readonly config: StationConfig;
  /** The kecamatan this station belongs to. */
  readonly kecamatan: string;
  /** Kecamatan whose residents' cards this station prints: its own and those routed to it. */
  readonly serves: readonly string[];
  readonly driverName: string;
  readonly driver: PrinterDriver;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly timeZone: string;
  /** When the next card may start (the scheduling policy). */
  readonly pacer: Pacer;
  /** The running estimate of the printer's temperatures, fed with its status reports. */
  readonly model: PrinterModel;
  readonly hours: Hours;
  /** How long before opening this printer's heater starts (its warm-up and its place in the stagger). */
  readonly warmLeadMs: () => number;
  readonly walkIns: WalkInRate;
}

/** A pacing wait longer than this is re-planned (a new job re-plans it at once anyway). */
const MAX_PACING_MS = 15 * 60_000;

/** After a refusal or a fault, wait at most this long for the printer's status to change. */
const RETRY_AFTER_FAULT_MS = 30_000;

/** Printer states in which no card can be started, whatever the queue holds. */
const UNAVAILABLE: ReadonlySet<StationState> = new Set([
  'off',
  'overheated',
  'offline',
  'connecting',
  'stopped',
]);

/**
 * One printer and the loop that feeds it: take the next job of the kecamatan it serves, warm the
 * printer, print, record the outcome. A p-queue with concurrency 1 is the executor, so at most one
 * card is ever in flight per printer. A printer with a problem takes no jobs (its siblings, which
 * share the kecamatan's queue, do) and resumes by itself once its status says the problem is gone.
 */
export class Station {
  readonly id: string;
  readonly kecamatan: string;
  readonly serves: readonly string[];
  readonly driverName: string;
  readonly driver: PrinterDriver;
  readonly #store: JobStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #timeZone: string;
  readonly #executor = new PQueue({ concurrency: 1 });
  readonly #stop = new AbortController();
  readonly #reconnectBackoff = new Backoff();
  #reconnectTimer: TimerHandle | undefined;
  #state: StationState = 'connecting';
  #printer: PrinterStatus | undefined;
  #identity: PrinterIdentity | undefined;
  #currentJobId: string | undefined;
  #lastError: string | undefined;
  #lastSeen: number | undefined;
  #draining = false;
  #statusChanged: (() => void) | undefined;
  #pacing: AbortController | undefined;
  #cardEndsAt = 0;
  #wakeTimer: TimerHandle | undefined;
  readonly #pacer: Pacer;
  readonly #hours: Hours;
  readonly #shift: Shift;
  readonly model: PrinterModel;
  /** Walk-in arrivals at this station's counter. */
  readonly walkIns: WalkInRate;

  constructor(options: StationOptions) {
    this.id = options.config.id;
    this.kecamatan = options.kecamatan;
    this.serves = options.serves;
    this.driverName = options.driverName;
    this.driver = options.driver;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log.child({ station: this.id });
    this.#timeZone = options.timeZone;
    this.#pacer = options.pacer;
    this.#hours = options.hours;
    this.model = options.model;
    this.walkIns = options.walkIns;
    this.#shift = new Shift({
      clock: options.clock,
      hours: options.hours,
      leadMs: options.warmLeadMs,
      warm: () => this.#keepWarm(),
      rest: () => this.#rest(),
    });
  }

  /** Connects to the printer (retrying in the background if it is not there) and starts printing. */
  async start(): Promise<void> {
    this.driver.onStatus((status) => this.#onPrinterStatus(status));
    await this.#connect();
    this.#shift.start();
  }

  /** Tells the station there may be new work. Cheap to call often. */
  wake(): void {
    if (this.#stop.signal.aborted || UNAVAILABLE.has(this.#state)) return;
    // A new job (a walk-in, say) re-plans a pacing wait at once.
    this.#pacing?.abort();
    // The drain loop re-reads the queue before every card and clears this flag in the same tick as
    // its last look, so a job stored while it runs is never missed.
    if (this.#draining) return;
    this.#draining = true;
    this.#executor
      .add(() => this.#drain())
      .catch((error: unknown) => {
        this.#log.error({ err: errorMessage(error) }, 'station loop failed');
      });
  }

  /**
   * Stops taking jobs, waits up to `graceMs` for a card in progress, then closes the printer link.
   * A card still in the printer after the grace period stays `printing` in the store and becomes
   * `uncertain` at the next start.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stop.abort(new Error('station stopping'));
    this.#shift.stop();
    if (this.#reconnectTimer) this.#clock.clearTimeout(this.#reconnectTimer);
    if (this.#wakeTimer) this.#clock.clearTimeout(this.#wakeTimer);
    const timer = new AbortController();
    const graceOver = this.#clock.sleep(graceMs, timer.signal).then(
      () => false,
      () => true,
    );
    const finished = await Promise.race([this.#executor.onIdle().then(() => true), graceOver]);
    timer.abort();
    if (!finished)
      this.#log.warn({ job: this.#currentJobId }, 'card still printing at shutdown; it will be uncertain');
    this.#state = 'stopped';
    await this.driver.close().catch(() => undefined);
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

  get currentJobId(): string | undefined {
    return this.#currentJobId;
  }

  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** When the card in the printer is due out (epoch ms); in the past when none is. */
  get cardEndsAt(): number {
    return this.#currentJobId ? this.#cardEndsAt : 0;
  }

  get pacer(): Pacer {
    return this.#pacer;
  }

  get hours(): Hours {
    return this.#hours;
  }

  /** When the printer last answered (epoch ms), if ever. */
  get lastSeen(): number | undefined {
    return this.#lastSeen;
  }

  /** Problems that keep this station from taking a card. */
  get blockingProblems(): ProblemReason[] {
    return (this.#printer?.problems ?? []).filter((p) => isBlockingProblem(p) && p !== 'link-lost');
  }

  async #connect(): Promise<void> {
    if (this.#stop.signal.aborted) return;
    try {
      this.#identity = await this.driver.connect();
      this.#reconnectBackoff.reset();
      this.#log.info({ printer: this.#identity }, 'printer connected');
      this.#onPrinterStatus(this.driver.status());
    } catch (error) {
      this.#state = 'offline';
      this.#lastError = errorMessage(error);
      this.#log.error({ err: this.#lastError }, 'printer did not connect; will retry');
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (this.#stop.signal.aborted || this.#reconnectTimer) return;
    const delay = this.#reconnectBackoff.next();
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      void this.#connect();
    }, delay);
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stop.signal.aborted) {
        // A blocked printer leaves the loop; its next status change wakes the station again.
        if (this.#blocked()) return;
        const priority = this.#store.nextPriority(this.serves);
        if (!priority) return;
        const now = this.#clock.now();
        // The backlog is printed in opening hours, when staff take the cards; walk-ins any time.
        if (priority === 'backlog' && !this.#hours.isOpen(now)) {
          this.#wakeAt(this.#hours.nextOpen(now));
          return;
        }
        if (!(await this.#ready())) continue;
        // Decide on the freshest reading the driver has, not on the last change it reported.
        this.model.observe(this.driver.status());
        const delay = this.#pacer.delayBeforeCard(priority, this.#clock.now());
        if (delay > 0) {
          await this.#pace(Math.min(delay, MAX_PACING_MS));
          continue;
        }
        if (this.#stop.signal.aborted) return;
        const job = this.#store.claimNext(this.id, this.serves, this.#clock.now());
        if (!job) return;
        await this.#print(job);
      }
    } finally {
      // Synchronous with the loop's last look at the queue: see wake().
      this.#draining = false;
    }
  }

  /** Waits for the printer to cool; a new job or a stop cuts the wait short. */
  async #pace(ms: number): Promise<void> {
    this.#pacing = new AbortController();
    const signal = AbortSignal.any([this.#pacing.signal, this.#stop.signal]);
    await this.#clock.sleep(ms, signal).catch(() => undefined);
    this.#pacing = undefined;
  }

  #wakeAt(when: number): void {
    if (this.#wakeTimer) this.#clock.clearTimeout(this.#wakeTimer);
    this.#wakeTimer = this.#clock.setTimeout(() => {
      this.#wakeTimer = undefined;
      this.wake();
    }, when - this.#clock.now());
  }

  /** Keeps the heater on while idle in opening hours (a busy printer is warm anyway). */
  #keepWarm(): void {
    if (this.#draining || this.#blocked()) return;
    this.driver.warmUp(this.#stop.signal).catch((error: unknown) => {
      if (!this.#stop.signal.aborted)
        this.#log.debug({ err: errorMessage(error) }, 'could not keep the printer warm');
    });
  }

  /** After closing, an idle printer's heater goes off; it cools and rests overnight. */
  #rest(): void {
    if (this.#draining || this.#blocked()) return;
    this.driver
      .standby()
      .catch((error: unknown) => this.#log.debug({ err: errorMessage(error) }, 'could not rest the printer'));
  }

  #blocked(): boolean {
    return UNAVAILABLE.has(this.#state) || this.blockingProblems.length > 0;
  }

  /**
   * Warms the printer before a job is claimed: a job only becomes `printing` when a card can really
   * go in, so a restart during a long warm-up never leaves a resident's job uncertain.
   */
  async #ready(): Promise<boolean> {
    try {
      await this.driver.warmUp(this.#stop.signal);
      return true;
    } catch (error) {
      if (this.#stop.signal.aborted) return false;
      this.#lastError = errorMessage(error);
      this.#log.warn({ err: this.#lastError }, 'printer did not become ready');
      await this.#nextStatusChange();
      return false;
    }
  }

  async #print(job: Job): Promise<void> {
    this.#currentJobId = job.id;
    this.#cardEndsAt = this.#clock.now() + cycleSeconds(this.model.profile) * 1000;
    const log = this.#log.child({ job: job.id });
    log.info({ priority: job.priority }, 'printing card');
    try {
      const outcome = await this.driver.printCard({ jobId: job.id, fields: job.card ?? {} });
      // Past the shutdown grace the store is closed; the job stays `printing` and is recovered
      // as `uncertain` at the next start.
      if (this.#state === 'stopped') return;
      const now = this.#clock.now();
      const started = bookOutcome(this.#store, job, outcome, now, localDay(now, this.#timeZone), log);
      if (!started) await this.#nextStatusChange();
      this.#lastError = undefined;
    } catch (error) {
      if (this.#state === 'stopped') return;
      // Whether a card came out is unknown: never print it again without an operator's word.
      this.#lastError = errorMessage(error);
      this.#store.markUncertain(job.id, this.#clock.now(), `print failed: ${this.#lastError}`);
      log.error({ err: this.#lastError }, 'card outcome unknown; job marked uncertain');
      await this.#nextStatusChange();
    } finally {
      this.#currentJobId = undefined;
    }
  }

  /** Resolves at the printer's next status change, or after a while, or when stopping. */
  #nextStatusChange(): Promise<void> {
    return new Promise((resolve) => {
      const timer = new AbortController();
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        timer.abort();
        if (this.#statusChanged === done) this.#statusChanged = undefined;
        resolve();
      };
      this.#statusChanged = done;
      this.#clock
        .sleep(RETRY_AFTER_FAULT_MS, AbortSignal.any([timer.signal, this.#stop.signal]))
        .then(done, done);
    });
  }

  #onPrinterStatus(status: PrinterStatus): void {
    this.#printer = status;
    this.model.observe(status);
    if (this.#state === 'stopped') return;
    const linkLost = status.problems.includes('link-lost');
    // A printer that stops answering (switched off, cable out, silent) is `offline` to operators,
    // with the time it was last heard from.
    const silent = linkLost || status.state === 'off';
    if (!silent) this.#lastSeen = this.#clock.now();
    this.#state = silent ? 'offline' : status.state;
    if (linkLost) this.#scheduleReconnect();
    this.#statusChanged?.();
    this.wake();
  }
}

function errorMessage(error: unknown): string {
  if (isCetakError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
