import PQueue from 'p-queue';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { cycleSeconds } from '../config/profile-schema.js';
import type { PrinterDriver, PrinterFix, PrinterIdentity, PrinterStatus } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import { childLogger, type Logger } from '../log/logger.js';
import type { Job, JobStore } from '../store/job-store.js';
import { isStoreUnwritable } from '../store/store-health.js';
import type { BeliefSummary } from '../thermal/belief/thermal-belief.js';
import { errorMessage } from '../util/error-message.js';
import { finishedWithin } from '../util/finished-within.js';
import { linkedAbort } from '../util/linked-abort.js';
import { ListenerSet } from '../util/listener-set.js';
import { runCard } from './card-run.js';
import { blockingProblemsOf } from './displayed-state.js';
import { STORE_RETRY_MS } from './durable-write.js';
import { Forecaster, type StationForecast } from './forecast.js';
import { PrinterLink } from './printer-link.js';
import { Shift } from './shift.js';
import { type StationOptions, type StationState, UNAVAILABLE } from './station-options.js';
import { buildStationSnapshot, type StationSnapshot, sharedChange } from './station-snapshot.js';
import { MAX_PACING_MS, RETRY_AFTER_FAULT_MS } from './station-timings.js';
import type { StationChange, StationHandle } from './station-view.js';
import { StatusWaiter } from './status-waiter.js';

export type { StationOptions, StationState } from './station-options.js';

/**
 * One printer and the loop that feeds it: take the next job of the kecamatan it serves, warm the
 * printer, print, record the outcome. A p-queue with concurrency 1 is the executor, so at most one
 * card is ever in flight per printer. A printer with a problem takes no jobs (its siblings, which
 * share the kecamatan's queue, do) and resumes by itself once its status says the problem is gone.
 * Its parts (driver, thermal model, pacer, hours, walk-in rate) are its own: views read its
 * `snapshot()`, operators act through its methods.
 */
export class Station implements StationHandle {
  readonly id: string;
  readonly kecamatan: string;
  readonly serves: readonly string[];
  readonly driverName: string;
  readonly #driver: PrinterDriver;
  readonly #store: JobStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  /** Its parts (pacer, hours, thermal model, walk-in rate) and what each card's run needs. */
  readonly #options: StationOptions;
  readonly #executor = new PQueue({ concurrency: 1 });
  readonly #stop = new AbortController();
  readonly #statusWaiter: StatusWaiter;
  readonly #link: PrinterLink;
  #currentJobId: string | undefined;
  #cardInPrinter = false;
  #lastError: string | undefined;
  #draining = false;
  #pacing: { abort(): void; readonly until: number } | undefined;
  #cardEndsAt = 0;
  #wakeTimer: TimerHandle | undefined;
  #pausedSince: number | undefined;
  readonly #changes = new ListenerSet<StationChange>();
  readonly #shift: Shift;
  readonly #forecaster: Forecaster;

  constructor(options: StationOptions) {
    this.id = options.config.id;
    this.kecamatan = options.kecamatan;
    this.serves = options.serves;
    this.driverName = options.driverName;
    this.#driver = options.driver;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log.child({ station: this.id });
    this.#options = options;
    this.#forecaster = new Forecaster({
      ...options,
      facts: () => ({ state: this.state, cardEndsAt: this.#cardEnd(), blocked: this.#blocking().length > 0 }),
    });
    this.#link = new PrinterLink({ ...options, log: this.#log, onChange: () => this.#onPrinterStatus() });
    this.#statusWaiter = new StatusWaiter(options.clock, this.#stop.signal, RETRY_AFTER_FAULT_MS);
    const [warm, rest] = [() => this.#keepWarm(), () => this.#rest()];
    this.#shift = new Shift({ ...options, leadMs: options.warmLeadMs, warm, rest });
  }

  /** Connects to the printer (retrying in the background if it is not there) and starts printing. */
  async start(): Promise<void> {
    await this.#link.start();
    this.#shift.start();
  }

  /** Tells the station there may be new work. Cheap to call often. */
  wake(): void {
    if (this.#stop.signal.aborted || UNAVAILABLE.has(this.state)) return;
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
    if (this.#wakeTimer) this.#clock.clearTimeout(this.#wakeTimer);
    const finished = await finishedWithin(this.#clock, this.#executor.onIdle(), graceMs);
    if (!finished)
      this.#log.warn({ job: this.#currentJobId }, 'card still printing at shutdown; it will be uncertain');
    this.#link.stop();
    this.#changed();
    await this.#driver.close().catch(() => undefined);
  }

  /** Calls `listener` whenever state, problems, pause, current card or last error may have changed. */
  onChange(listener: (change: StationChange) => void): () => void {
    return this.#changes.add(listener);
  }

  /** An operator's pause: the card in the printer finishes, no new card starts until resumed. */
  pause(): void {
    this.#pausedSince ??= this.#clock.now();
    this.#pacing?.abort();
    this.#log.info('paused by operator');
    this.#changed();
  }

  resume(): void {
    if (this.#pausedSince === undefined) return;
    this.#pausedSince = undefined;
    this.#log.info('resumed by operator');
    this.#changed();
    this.wake();
  }

  /**
   * Switches the heater on now (before opening, say); resolves at once, the printer reports
   * `warming` and then `ready`.
   */
  warm(): void {
    this.#assertReachable('warm up');
    this.#driver.warmUp(this.#stop.signal).catch((error: unknown) => {
      this.#lastError = errorMessage(error);
      this.#log.warn({ err: this.#lastError }, 'operator warm-up failed');
      this.#changed();
    });
  }

  /** Pauses the station and switches the heater off (a break, maintenance); `resume` to go on. */
  async standby(): Promise<void> {
    this.#assertReachable('go to standby');
    this.pause();
    await this.#driver.standby();
  }

  /** An operator reports acting at the printer; the station re-reads it and goes on if it can. */
  async operatorDid(fix: PrinterFix, count?: number): Promise<void> {
    this.#assertReachable('re-read after the operator acted');
    await this.#driver.operatorDid(fix, count);
    this.wake();
  }

  noteWalkIn(createdAtMs: number): void {
    this.#options.walkIns.note(createdAtMs);
  }

  readCardCounter(): Promise<number | undefined> | undefined {
    return this.#driver.cardCounter?.();
  }

  onPrinterReport(listener: (status: PrinterStatus) => void): () => void {
    return this.#driver.onStatus(listener);
  }

  forecast(nowMs: number, printedToday: number, queueShare: number): StationForecast {
    return this.#forecaster.forecast(nowMs, printedToday, queueShare);
  }

  walkInEtas(nowMs: number, count: number): number[] {
    return this.#forecaster.walkInEtas(nowMs, count);
  }

  belief(): BeliefSummary {
    return this.#options.model.belief();
  }

  #cardEnd(): number {
    return this.#currentJobId ? this.#cardEndsAt : 0;
  }

  /** The machine behind an emulator driver (training, the simulator); undefined for a real printer. */
  get emulatedMachine(): unknown {
    return (this.#driver as { readonly machine?: unknown }).machine;
  }

  /** This station now: see `station-snapshot.ts`. */
  snapshot(nowMs = this.#clock.now()): StationSnapshot {
    return buildStationSnapshot(
      {
        station: this,
        parts: this.#options,
        link: this.#link,
        busy: this.#draining,
        currentJobId: this.#currentJobId,
        cardInPrinter: this.#cardInPrinter,
        cardEndsAt: this.#cardEnd(),
        pacingUntil: this.#pacing?.until,
        pausedSince: this.#pausedSince,
      },
      nowMs,
    );
  }

  #assertReachable(what: string): void {
    if (this.state === 'offline' || this.state === 'connecting' || this.state === 'stopped') {
      throw new CetakError('STATION_UNAVAILABLE', `station ${this.id} is ${this.state}; cannot ${what}`);
    }
  }

  #changed(): void {
    this.#changes.emit(sharedChange(() => this.snapshot()));
  }

  get state(): StationState {
    return this.#link.state;
  }
  get printer(): PrinterStatus | undefined {
    return this.#link.printer;
  }
  get identity(): PrinterIdentity | undefined {
    return this.#link.identity;
  }
  get currentJobId(): string | undefined {
    return this.#currentJobId;
  }

  get lastError(): string | undefined {
    return this.#lastError ?? this.#link.connectError;
  }

  #blocking() {
    return blockingProblemsOf(this.#link.printer);
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
        if (priority === 'backlog' && !this.#options.hours.isOpen(now)) {
          this.#wakeAt(this.#options.hours.nextOpen(now));
          return;
        }
        if (!(await this.#ready())) continue;
        // Decide on the freshest reading the driver has, not on the last change it reported.
        this.#options.model.observe(this.#driver.status());
        const delay = this.#options.pacer.delayBeforeCard(priority, this.#clock.now());
        if (delay > 0) {
          await this.#pace(Math.min(delay, MAX_PACING_MS));
          continue;
        }
        if (this.#stop.signal.aborted) return;
        const job = this.#claim();
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
    const pacing = linkedAbort(this.#stop.signal);
    this.#pacing = { abort: () => pacing.abort(), until: this.#clock.now() + ms };
    this.#changed();
    await this.#clock.sleep(ms, pacing.signal).catch(() => undefined);
    pacing.dispose();
    this.#pacing = undefined;
    this.#changed();
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
    this.#driver.warmUp(this.#stop.signal).catch((error: unknown) => {
      if (!this.#stop.signal.aborted)
        this.#log.debug({ err: errorMessage(error) }, 'could not keep the printer warm');
    });
  }

  /** After closing, an idle printer's heater goes off; it cools and rests overnight. */
  #rest(): void {
    if (this.#draining || this.#blocked()) return;
    this.#driver
      .standby()
      .catch((error: unknown) => this.#log.debug({ err: errorMessage(error) }, 'could not rest the printer'));
  }

  #blocked(): boolean {
    return UNAVAILABLE.has(this.state) || this.#blocking().length > 0 || this.#pausedSince !== undefined;
  }

  /**
   * Warms the printer before a job is claimed: a job only becomes `printing` when a card can really
   * go in, so a restart during a long warm-up never leaves a resident's job uncertain.
   */
  async #ready(): Promise<boolean> {
    try {
      await this.#driver.warmUp(this.#stop.signal);
      return true;
    } catch (error) {
      if (this.#stop.signal.aborted) return false;
      this.#lastError = errorMessage(error);
      this.#log.warn({ err: this.#lastError }, 'printer did not become ready');
      await this.#statusWaiter.next();
      return false;
    }
  }

  async #print(job: Job): Promise<void> {
    this.#currentJobId = job.id;
    this.#cardInPrinter = true;
    this.#cardEndsAt = this.#clock.now() + cycleSeconds(this.#options.model.profile) * 1000;
    this.#changed();
    const log = childLogger(this.#log, { job: job.id });
    log.info({ priority: job.priority }, 'printing card');
    try {
      const result = await runCard(job, {
        driver: this.#driver,
        store: this.#store,
        clock: this.#clock,
        timeZone: this.#options.timeZone,
        log,
        signal: this.#stop.signal,
        stopped: () => this.state === 'stopped',
        onStoreUnavailable: (error) => this.#onStoreUnavailable(error),
        render: this.#options.render,
      });
      this.#lastError = result.error;
      if (result.waitForPrinter) {
        this.#cardInPrinter = false; // left to an operator: the printer's own state shows meanwhile
        this.#changed();
        await this.#statusWaiter.next();
      }
    } finally {
      this.#cardInPrinter = false;
      this.#currentJobId = undefined;
      this.#changed();
    }
  }

  /** The next job, marked `printing`; none while the store cannot be written (retried shortly). */
  #claim(): Job | undefined {
    try {
      return this.#store.claimNext(this.id, this.serves, this.#clock.now());
    } catch (error) {
      if (!isStoreUnwritable(error)) throw error;
      this.#onStoreUnavailable(error);
      this.#wakeAt(this.#clock.now() + STORE_RETRY_MS);
      return undefined;
    }
  }

  #onStoreUnavailable(error: CetakError): void {
    if (this.#lastError !== errorMessage(error))
      this.#log.error({ err: errorMessage(error) }, 'job store cannot be written; no new card starts');
    this.#lastError = errorMessage(error);
    this.#changed();
  }

  #onPrinterStatus(): void {
    const status = this.#link.printer;
    if (status) this.#options.model.observe(status);
    this.#changed();
    this.#statusWaiter.changed();
    this.wake();
  }
}
