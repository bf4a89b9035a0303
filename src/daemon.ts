import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock/clock.js';
import type { Config, KecamatanConfig } from './config/schema.js';
import { loadDriver } from './drivers/registry.js';
import { CetakError } from './errors.js';
import { AlertLog } from './events/alert-log.js';
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
import { type CardWork, inlineCardWork } from './render/card-work.js';
import { cardWorkBySize } from './render/card-work-by-size.js';
import { CardWorkPool } from './render/card-work-pool.js';
import { dailyReport } from './reports/daily-report.js';
import { stationScheduling } from './scheduler/station-scheduling.js';
import { isLoopback } from './server/auth.js';
import { buildStatusPort } from './server/server.js';
import { BeliefKeeper } from './station/belief-keeper.js';
import { Station } from './station/station.js';
import { readOrCreateToken, removeDaemonInfo, writeDaemonInfo } from './store/daemon-files.js';
import { type DataDir, ownerOnly, prepareDataDir } from './store/data-dir.js';
import { lockDataDir } from './store/data-dir-lock.js';
import type { JobStore } from './store/job-store.js';
import type { LedgerStore } from './store/ledger-store.js';
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
   * Where photos are decoded and checked and card faces rendered: `threads` (the daemon's
   * `daemon.cardWork` pool, off the event loop) or `inline` (default: tests and simulations on the
   * virtual clock, where a thread's real time would race the virtual one).
   */
  readonly cardWork?: 'threads' | 'inline';
  /** How late the daemon's real timers fire, for `cetak_thermal_ticks_missed_total`. */
  readonly timers?: TimerLateness;
  /**
   * Real time whatever `--speed` says, for waits about the PC rather than the fleet: how long an
   * idle card-work thread is kept. Default `clock`.
   */
  readonly realClock?: Clock;
}

/** What `createDaemon` opens and builds for the daemon. */
export interface DaemonParts {
  readonly dataDir: DataDir;
  readonly store: Store;
  readonly stations: readonly Station[];
  /** Releases the data dir's lock. */
  readonly unlock: () => void;
  readonly events: EventBus;
  readonly storeHealth: StoreHealth;
  readonly database: SqliteStore['database'];
  /** The print room's thermometer, where `site.roomSensor` names one. */
  readonly room?: RoomSensor | undefined;
  readonly cardWork: CardWork;
  /** The card-work threads behind `cardWork`, if it uses any (for the metrics). */
  readonly threads?: CardWorkPool | undefined;
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
  /** Validates and stores submitted jobs, waking the stations that serve them. */
  readonly intake: JobIntake;
  /** The bearer token every change through the status port needs. */
  readonly token: string;
  /** Everything that happens, for the dashboard, `GET /api/events` and the metrics. */
  readonly events: EventBus;
  readonly alerts: AlertLog;
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
  readonly #cardWork: CardWork;

  constructor(options: DaemonOptions, parts: DaemonParts) {
    const { dataDir, store, stations, unlock, events } = parts;
    this.#room = parts.room;
    this.#cardWork = parts.cardWork;
    this.events = events;
    this.storeHealth = parts.storeHealth;
    this.database = parts.database;
    watchStoreHealth(parts.storeHealth, events, options.log);
    this.alerts = new AlertLog(events);
    this.temperatures = new TemperatureHistory(options.clock);
    this.metrics = createFleetMetrics({
      stations,
      jobs: store.jobs,
      events,
      clock: options.clock,
      config: options.config,
      timers: options.timers,
      cardWork: parts.threads,
    });
    this.#unlock = unlock;
    this.config = options.config;
    this.jobs = store.jobs;
    this.ledger = store.ledger;
    this.stations = stations;
    this.learning = new Map(
      stations.map((station) => [
        station.id,
        new BeliefKeeper(station, store.beliefs, options.clock, options.log),
      ]),
    );
    this.#dataDir = dataDir;
    this.#clock = options.clock;
    this.#log = options.log;
    this.token = readOrCreateToken(dataDir, options.config.server.token);
    const timeZone = options.config.site.timezone;
    this.intake = new JobIntake({
      store: store.jobs,
      clock: options.clock,
      kecamatanIds: options.config.kecamatan.map((k) => k.id),
      cardWork: parts.cardWork,
      onQueued: (job) => {
        for (const station of stations) {
          if (!station.serves.includes(job.kecamatan)) continue;
          if (job.priority === 'walk-in') station.walkIns.note(job.createdAt);
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
    });
    const status = new StatusCache(
      () => ({
        ...fleetStatus(this.config, this.stations, this.jobs, this.#clock),
        store: storeView(parts.storeHealth.condition),
      }),
      options.clock,
      events,
    );
    parts.storeHealth.onChange(() => status.invalidate());
    this.server = buildStatusPort({
      stations,
      controls: new StationControls(stations, (id) => this.learning.get(id)?.relearn()),
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
      statusJson: () => status.json(),
      metrics: this.metrics,
      dailyReport: (date) =>
        dailyReport(this.config, this.ledger, date ?? localDay(this.#clock.now(), timeZone)),
      auth: { token: this.token, guardReads: () => this.#guardReads },
      log: options.log,
    });
  }

  /** Connects every station, opens the books of new ones, and starts printing what is queued. */
  async start(): Promise<void> {
    // Building the status port's routes holds the event loop ~0.5 s: done before the fleet's
    // timers run, it delays no printer (and `listen` then only opens the socket).
    await this.server.ready();
    this.#room?.start();
    const stopStations = watchStations(this.stations, this.events, this.#clock, this.temperatures);
    const stopLearning = watchLearning(this.stations, this.events, this.#clock);
    this.#stopWatching = () => {
      stopStations();
      stopLearning();
    };
    await Promise.all(this.stations.map((station) => station.start()));
    for (const station of this.stations)
      if (station.printer) this.stock.openWith(station.id, station.printer);
    this.#started = true;
    this.#log.info({ stations: this.stations.length }, 'fleet started');
  }

  /** Opens the status port; resolves to the address it listens on. */
  async listen(host: string, port: number): Promise<string> {
    this.#guardReads = !isLoopback(host);
    if (this.#guardReads) {
      this.#log.warn({ host }, 'status port reachable from other machines: every request needs the token');
    }
    let address: string;
    try {
      address = await this.server.listen({ host, port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        const why = {
          EADDRINUSE: 'is in use (another cetakd?)',
          EACCES: 'needs privileges',
          EADDRNOTAVAIL: 'is not an address of this PC',
        }[code];
        throw new CetakError(
          'STATUS_PORT_UNAVAILABLE',
          `status port ${host}:${port} ${why}; choose another with --port or --host`,
          { cause: error },
        );
      }
      throw error;
    }
    writeDaemonInfo(this.#dataDir, address, this.#clock.now());
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
  const opened = openSqliteStore(inMemory ? ':memory:' : dataDir.database, {
    synchronous: options.store === 'file-unsynced' ? 'NORMAL' : 'FULL',
  });
  const events = new EventBus(clock);
  const storeHealth = new StoreHealth(clock);
  const store: Store = {
    jobs: observeJobStore(guardStore(opened.jobs, storeHealth, JOB_STORE_WRITES), events),
    ledger: guardStore(opened.ledger, storeHealth, LEDGER_STORE_WRITES),
    beliefs: opened.beliefs,
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
    const threads = options.cardWork === 'threads' ? createCardWorkPool(options) : undefined;
    const cardWork = threads ? cardWorkBySize(threads) : inlineCardWork;
    const stations: Station[] = [];
    let index = 0;
    for (const kecamatan of config.kecamatan) {
      for (const station of kecamatan.stations) {
        const profile = config.profiles[station.profile];
        if (!profile) throw new Error(`profile ${station.profile} vanished after validation`);
        const createDriver = await loadDriver(station.driver);
        const stationLog = log.child({ station: station.id });
        stations.push(
          new Station({
            config: station,
            kecamatan: kecamatan.id,
            serves: servedBy(config, kecamatan),
            driverName: station.driver,
            driver: createDriver({
              clock,
              log: stationLog,
              station,
              profile,
              site: { timeZone: config.site.timezone, ambient: config.site.ambient },
            }),
            store: store.jobs,
            clock,
            log,
            timeZone: config.site.timezone,
            render: (card, issue) => cardWork.render(card, issue),
            ...stationScheduling(config, kecamatan, profile, index++, clock, room),
          }),
        );
      }
    }
    return new Daemon(options, {
      dataDir,
      store,
      stations,
      unlock,
      events,
      storeHealth,
      database: opened.database,
      room,
      cardWork,
      threads,
    });
  } catch (error) {
    store.jobs.close();
    unlock();
    throw error;
  }
}

function createCardWorkPool(options: DaemonOptions): CardWorkPool {
  const { threads, queue, idleSeconds } = options.config.daemon.cardWork;
  return new CardWorkPool({
    threads,
    queue,
    idleMs: idleSeconds * 1000,
    clock: options.realClock ?? options.clock,
    log: options.log.child({ component: 'card-work' }),
  });
}

/** A kecamatan's stations print for it and for every kecamatan that names it as parent. */
function servedBy(config: Readonly<Config>, kecamatan: KecamatanConfig): string[] {
  return [kecamatan.id, ...config.kecamatan.filter((k) => k.parent === kecamatan.id).map((k) => k.id)];
}
