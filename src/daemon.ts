import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock/clock.js';
import { retentionMs } from './config/privacy-schema.js';
import type { Config } from './config/schema.js';
import { AlertBook } from './events/alert-book.js';
import { EventBus } from './events/fleet-events.js';
import { watchLearning } from './events/learning-watch.js';
import { observeJobStore } from './events/observed-job-store.js';
import { watchStations } from './events/station-watch.js';
import { watchStoreHealth } from './events/store-watch.js';
import { TemperatureHistory } from './events/temperature-history.js';
import { fleetStatus } from './fleet/fleet-status.js';
import { StatusCache } from './fleet/status-cache.js';
import { storeView } from './fleet/store-view.js';
import { JobIntake } from './jobs/job-intake.js';
import type { Logger } from './log/logger.js';
import { createFleetMetrics, type FleetMetrics } from './metrics/fleet-metrics.js';
import type { TimerLateness } from './metrics/loop-metrics.js';
import { JobActions } from './operations/job-actions.js';
import { StationControls } from './operations/station-controls.js';
import { StockKeeper } from './operations/stock-keeper.js';
import { StockReconciler } from './operations/stock-reconciler.js';
import { BigCardWork } from './render/big-card-work.js';
import { type CardWork, inlineCardWork } from './render/card-work.js';
import { cardWorkBySize } from './render/card-work-by-size.js';
import { dailyReport } from './reports/daily-report.js';
import { isLoopback } from './server/auth.js';
import { listenOn } from './server/listen.js';
import { buildStatusPort } from './server/server.js';
import { assembleStations } from './station/assemble-stations.js';
import type { BeliefKeeper } from './station/belief-keeper.js';
import type { Station } from './station/station.js';
import { readOrCreateToken, removeDaemonInfo, writeDaemonInfo } from './store/daemon-files.js';
import { type DataDir, ownerOnly, prepareDataDir } from './store/data-dir.js';
import { lockDataDir } from './store/data-dir-lock.js';
import { freeBytes } from './store/disk-space.js';
import type { JobStore } from './store/job-store.js';
import type { LedgerStore } from './store/ledger-store.js';
import { PrivacySweep } from './store/privacy-sweep.js';
import { openSqliteStore, type SqliteStore, type Store } from './store/sqlite-store.js';
import { guardStore, JOB_STORE_WRITES, LEDGER_STORE_WRITES, StoreHealth } from './store/store-health.js';
import { RoomSensor, roomReader } from './thermal/room-sensor.js';
import { localDay } from './util/local-day.js';

export interface DaemonOptions {
  readonly config: Readonly<Config>;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * `memory` keeps jobs in memory only: for simulations, where a day of fsyncs would cost more
   * than the day itself. Never for a print PC. `file-unsynced` is a file store with
   * synchronous=NORMAL: for soak simulations only, never for a print PC.
   */
  readonly store?: 'file' | 'memory' | 'file-unsynced';
  /**
   * Where big photos are decoded and checked: `queued` (the daemon: libvips on libuv's thread pool,
   * off the event loop, `daemon.cardWork` at once) or `inline` (default: tests and simulations on
   * the virtual clock, where a thread's real time would race the virtual one).
   */
  readonly cardWork?: 'queued' | 'inline';
  /** How late the daemon's real timers fire, for `cetak_thermal_ticks_missed_total`. */
  readonly timers?: TimerLateness;
}

/** What `createDaemon` opens and builds for the daemon. */
export interface DaemonParts {
  readonly dataDir: DataDir;
  readonly store: Store;
  readonly stations: readonly Station[];
  /** Each station's keeper of what it learns of its printer, by station id. */
  readonly learning: ReadonlyMap<string, BeliefKeeper>;
  /** Releases the data dir's lock. */
  readonly unlock: () => void;
  readonly events: EventBus;
  readonly storeHealth: StoreHealth;
  readonly database: SqliteStore['database'];
  /** The print room's thermometer, where `site.roomSensor` names one. */
  readonly room?: RoomSensor | undefined;
  readonly cardWork: CardWork;
  /** The big-photo queue behind `cardWork`, if it uses one (for the metrics). */
  readonly bigCards?: BigCardWork | undefined;
}

/**
 * The daemon: store, stations and status port wired together. Build it with `createDaemon`, then
 * `start()` the stations and, outside tests, `listen()` on the status port.
 */
export class Daemon {
  readonly config: Readonly<Config>;
  readonly jobs: JobStore;
  readonly ledger: LedgerStore;
  readonly stations: readonly Station[];
  readonly server: FastifyInstance;
  readonly stock: StockKeeper;
  /** Compares the blank-card books with each printer's own counter. */
  readonly reconciler: StockReconciler;
  /** Validates and stores submitted jobs, waking the stations that serve them. */
  readonly intake: JobIntake;
  /** The bearer token every change through the status port needs; the read-only one for `/metrics`. */
  readonly token: string;
  readonly scrapeToken: string;
  /** Everything that happens, for the dashboard, `GET /api/events` and the metrics. */
  readonly events: EventBus;
  /** Alerts as records: raised, cleared, acknowledged, kept across restarts. */
  readonly alerts: AlertBook;
  readonly temperatures: TemperatureHistory;
  /** The Prometheus metrics served at `GET /metrics`. */
  readonly metrics: FleetMetrics;
  /** Whether the store can be written (a full or read-only disk makes it refuse new jobs). */
  readonly storeHealth: StoreHealth;
  /** The SQLite connection: for diagnostics and fault tests only. */
  readonly database: SqliteStore['database'];
  /** What each station has learnt of its printer, kept under the printer's serial (by station id). */
  readonly learning: ReadonlyMap<string, BeliefKeeper>;
  #started = false;
  #stopWatching: () => void = () => undefined;
  readonly #dataDir: DataDir;
  readonly #clock: Clock;
  readonly #log: Logger;
  #guardReads = false;
  #listening = false;
  #stopping: Promise<void> | undefined;
  readonly #unlock: () => void;
  readonly #room: RoomSensor | undefined;
  readonly #privacySweep: PrivacySweep;
  readonly #cardWork: CardWork;

  constructor(options: DaemonOptions, parts: DaemonParts) {
    const { dataDir, store, stations, unlock, events } = parts;
    this.#room = parts.room;
    this.#cardWork = parts.cardWork;
    this.events = events;
    this.storeHealth = parts.storeHealth;
    this.database = parts.database;
    this.alerts = new AlertBook({ store: store.alerts, bus: events, clock: options.clock, log: options.log });
    watchStoreHealth(parts.storeHealth, this.alerts, options.log);
    this.temperatures = new TemperatureHistory(options.clock);
    this.metrics = createFleetMetrics({
      ...options, // its clock, config and timers
      stations,
      jobs: store.jobs,
      events,
      unacknowledgedAlerts: () => this.alerts.unacknowledged(),
      cardWork: parts.bigCards,
      diskFreeBytes: () => parts.storeHealth.diskFreeBytes,
    });
    this.#unlock = unlock;
    this.config = options.config;
    this.jobs = store.jobs;
    this.ledger = store.ledger;
    this.stations = stations;
    this.learning = parts.learning;
    this.#dataDir = dataDir;
    this.#clock = options.clock;
    this.#privacySweep = new PrivacySweep({
      jobs: store.jobs,
      database: parts.database,
      clock: options.clock,
      everyMs: options.config.privacy.sweepEveryMinutes * 60_000,
      events,
      log: options.log.child({ component: 'privacy' }),
    });
    this.#log = options.log;
    this.token = readOrCreateToken(dataDir, options.config.server.token);
    this.scrapeToken = readOrCreateToken(dataDir, options.config.server.scrapeToken, dataDir.scrapeToken);
    const timeZone = options.config.site.timezone;
    this.intake = new JobIntake({
      store: store.jobs,
      clock: options.clock,
      kecamatanIds: options.config.kecamatan.map((k) => k.id),
      cardWork: parts.cardWork,
      onQueued: (job) => {
        for (const station of stations) {
          if (!station.serves.includes(job.kecamatan)) continue;
          if (job.priority === 'walk-in') station.noteWalkIn(job.createdAt);
          station.wake();
        }
      },
    });
    this.stock = new StockKeeper({
      ledger: store.ledger,
      jobs: store.jobs,
      clock: options.clock,
      timeZone,
      stationIds: stations.map((s) => s.id),
      log: options.log,
      checks: store.stockChecks,
      onCounted: async (id) => {
        const station = stations.find((s) => s.id === id);
        if (station) await this.reconciler.counted(station);
      },
    });
    this.reconciler = new StockReconciler({
      stations,
      checks: store.stockChecks,
      jobs: store.jobs,
      alerts: this.alerts,
      clock: options.clock,
      log: options.log,
      everyCards: options.config.daemon.reconcileEveryCards,
    });
    const status = new StatusCache(
      () => ({
        ...fleetStatus(this.config, this.stations, this.jobs, this.#clock, () => this.alerts.active()),
        store: storeView(parts.storeHealth.condition),
      }),
      options.clock,
      events,
    );
    parts.storeHealth.onChange(() => status.invalidate());
    this.server = buildStatusPort({
      stations,
      controls: new StationControls(stations, (id) => this.learning.get(id)?.relearn(), options.log),
      events,
      alerts: this.alerts,
      temperatures: this.temperatures,
      ready: () => this.#started && !this.#stopping && this.storeHealth.condition.ok,
      storeHealth: parts.storeHealth,
      clock: options.clock,
      intake: this.intake,
      jobs: store.jobs,
      jobActions: new JobActions({
        jobs: store.jobs,
        clock: options.clock,
        timeZone,
        cardWork: parts.cardWork,
      }),
      stock: this.stock,
      status: () => status.get(),
      statusBody: () => status.body(),
      metrics: this.metrics,
      dailyReport: (date) =>
        dailyReport(this.config, this.ledger, date ?? localDay(this.#clock.now(), timeZone)),
      auth: { token: this.token, scrapeToken: this.scrapeToken, guardReads: () => this.#guardReads },
      allowedHosts: options.config.server.allowedHosts,
      log: options.log,
    });
  }

  /** Connects every station, opens the books of new ones, and starts printing what is queued. */
  async start(): Promise<void> {
    // Building the status port's routes holds the event loop ~0.5 s: done before the fleet's
    // timers run, it delays no printer (and `listen` then only opens the socket).
    await this.server.ready();
    this.#room?.start();
    this.#privacySweep.start();
    // A store that could not be written when the daemon last ran can now (it opened and migrated).
    if (this.storeHealth.condition.ok) this.alerts.clear('STORE_UNAVAILABLE', null);
    const stopStations = watchStations(
      this.stations,
      this.events,
      this.#clock,
      this.temperatures,
      this.alerts,
      () => this.jobs.unresolvedByStation(),
    );
    const stopLearning = watchLearning(this.stations, this.alerts, this.#clock);
    const stopReconciling = this.reconciler.watch(this.events);
    this.#stopWatching = () => {
      stopStations();
      stopLearning();
      stopReconciling();
    };
    await Promise.all(this.stations.map((station) => station.start()));
    for (const station of this.stations)
      if (station.printer) this.stock.openWith(station.id, station.printer);
    // At connect: the books against each printer's counter. Not awaited: a card that started
    // meanwhile holds the printer's turn, and the start must not wait for it.
    for (const station of this.stations) void this.reconciler.check(station);
    this.#started = true;
    this.#log.info({ stations: this.stations.length }, 'fleet started');
  }

  /** Opens the status port; resolves to the address it listens on. */
  async listen(host: string, port: number): Promise<string> {
    this.#guardReads = !isLoopback(host);
    if (this.#guardReads) {
      this.#log.warn({ host }, 'status port reachable from other machines: every request needs the token');
    }
    const address = await listenOn(this.server, host, port);
    writeDaemonInfo(this.#dataDir, address, this.#clock.now(), this.config.site.timezone);
    this.#listening = true;
    this.#log.info({ url: address }, 'status port listening');
    return address;
  }

  /** Stops taking requests and jobs, lets cards in progress finish (bounded), closes the store. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#log.info('shutting down');
    if (this.#listening) removeDaemonInfo(this.#dataDir);
    await this.server.close();
    const graceMs = this.config.daemon.shutdownGraceSeconds * 1000;
    await Promise.all(this.stations.map((station) => station.stop(graceMs)));
    this.#stopWatching();
    // After the stations: a card in progress at shutdown may still need its face rendered.
    await this.#cardWork.close();
    this.#room?.stop();
    this.metrics.stop();
    for (const keeper of this.learning.values()) {
      keeper.flush();
      keeper.dispose();
    }
    // Whatever ended during the grace period is erased, and the log emptied, before the store closes.
    this.#privacySweep.stop();
    this.#privacySweep.sweep();
    this.jobs.close();
    this.#unlock();
    this.#log.info('stopped');
  }
}

/** Opens the store, recovers interrupted jobs, loads each station's driver by name. */
export async function createDaemon(options: DaemonOptions): Promise<Daemon> {
  const { config, clock, log } = options;
  const dataDir = prepareDataDir(options.dataDir);
  const unlock =
    options.store === 'memory' ? () => undefined : lockDataDir(dataDir.root, new Date(clock.now()));
  const inMemory = options.store === 'memory';
  let opened: SqliteStore;
  try {
    opened = openSqliteStore(inMemory ? ':memory:' : dataDir.database, {
      synchronous: options.store === 'file-unsynced' ? 'NORMAL' : 'FULL',
      ...(!inMemory && { secretFile: dataDir.secret }),
      retainPersonalDataMs: retentionMs(config.privacy.retainPersonalData),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const events = new EventBus(clock);
  const storeHealth = new StoreHealth(clock, () => (inMemory ? undefined : freeBytes(dataDir.root)));
  const store: Store = {
    jobs: observeJobStore(guardStore(opened.jobs, storeHealth, JOB_STORE_WRITES), events),
    ledger: guardStore(opened.ledger, storeHealth, LEDGER_STORE_WRITES),
    beliefs: opened.beliefs,
    alerts: opened.alerts,
    stockChecks: opened.stockChecks,
  };
  if (!inMemory) ownerOnly(dataDir.database);
  try {
    const interrupted = store.jobs.markInterrupted(clock.now());
    if (interrupted > 0) {
      log.warn({ jobs: interrupted }, 'cards were printing when the daemon last stopped; marked uncertain');
    }
    const sensor = config.site.roomSensor;
    const room = sensor
      ? new RoomSensor({
          clock,
          read: roomReader(sensor),
          everySeconds: sensor.everySeconds,
          timeoutSeconds: sensor.timeoutSeconds,
          log: log.child({ component: 'room-sensor' }),
        })
      : undefined;
    const bigCards = options.cardWork === 'queued' ? new BigCardWork(config.daemon.cardWork) : undefined;
    const cardWork = bigCards ? cardWorkBySize(bigCards) : inlineCardWork;
    const { stations, learning } = await assembleStations({
      ...{ config, clock, log, cardWork, room },
      ...{ jobs: store.jobs, beliefs: store.beliefs },
    });
    return new Daemon(options, {
      dataDir,
      store,
      stations,
      learning,
      unlock,
      events,
      storeHealth,
      database: opened.database,
      room,
      cardWork,
      bigCards,
    });
  } catch (error) {
    store.jobs.close();
    unlock();
    throw error;
  }
}
