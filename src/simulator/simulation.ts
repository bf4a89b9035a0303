import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { Config } from '../config/schema.js';
import { createDaemon, type Daemon } from '../daemon.js';
import { createLogger, type Logger } from '../log/logger.js';
import { Attendant } from './attendant.js';
import { auditFleet, type FleetAudit, type ReplyTally, tallyReplyFaults } from './audit.js';
import { CardTrail } from './card-trail.js';
import { DAY_START, type DayPlan, planDay } from './day-plan.js';
import { DayResults } from './day-results.js';
import { FrontDesk } from './front-desk.js';
import { addDays, localInstant } from './local-times.js';
import { machineOf } from './machine-handle.js';
import type { PlotDay } from './plot-svg.js';
import type { SimulationReport, StationResult } from './results.js';
import { totalsOf, waitStats } from './results.js';
import type { Scenario } from './scenario.js';
import { type Policy, type SimDriver, simulationConfig } from './sim-config.js';
import { StationProbe } from './station-probe.js';
import { UncertainCards } from './uncertain-cards.js';

export interface SimulationOptions {
  /** The fleet as loaded; its stations are switched to `driver` for the run. */
  readonly config: Readonly<Config>;
  readonly scenario: Scenario;
  /** Default: the config's `scheduler.policy`. */
  readonly policy?: Policy;
  readonly days?: number;
  /**
   * Default `emulator-direct` (the machine behind the driver contract, no bytes). `emulator` runs
   * the real protocol driver over an in-memory link, so link faults exercise reconnects and
   * `uncertain` jobs; it is several times slower.
   */
  readonly driver?: SimDriver;
  /**
   * Default `memory`, which grows with every job. `file-unsynced`: a real SQLite file in the run's
   * temporary data dir (synchronous=NORMAL), for runs long enough that memory is measured.
   */
  readonly store?: 'memory' | 'file-unsynced';
  /** Count every job and blank at the end (`SimulationOutcome.audit`). */
  readonly audit?: boolean;
  /** Keep the first day's temperatures and cards for a plot. */
  readonly plot?: boolean;
  /** The daemon's logger; default silent. */
  readonly log?: Logger;
  /**
   * Called after each simulated day with its index (0-based), the wall seconds so far and the
   * fleet's cards so far.
   */
  readonly onDay?: (day: number, wallSeconds: number, cards: DayProgress) => void;
}

/** Cards out of the fleet's printers since the run began. */
export interface DayProgress {
  readonly printed: number;
  readonly spoiled: number;
}

export interface SimulationOutcome {
  readonly report: SimulationReport;
  /** The first day, when `plot` was asked for. */
  readonly plot?: PlotDay;
  /** Every walk-in's wait in seconds (arrival → card out), for pooling across runs. */
  readonly waitsS: readonly number[];
  /** Every job and blank accounted for, when `audit` was asked for. */
  readonly audit?: FleetAudit;
}

const MINUTE = 60_000;

/**
 * Runs the real daemon — stations, scheduler, store (in memory by default), emulated printers
 * (`emulator-direct` by default) — on a virtual clock through `days` simulated days of the
 * scenario, and reports per station.
 *
 * Each day: printers cold at 07:00 (overnight rest), each printing kecamatan's backlog topped up
 * to the scenario's at 07:00 (yesterday's leftovers first), walk-ins as they arrive, faults at
 * their times. A job the daemon marks `uncertain` is settled by the attendant from where its card
 * went, soon after and again at 17:00. The day runs to 17:00 (or the latest closing), and on
 * while a walk-in still waits.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationOutcome> {
  // Wall time of the run itself, for the report; simulated time is all on the virtual clock.
  const wallStart = performance.now();
  const { config, scenario } = options;
  const days = options.days ?? 1;
  const timeZone = config.site.timezone;
  const simConfig = simulationConfig(config, scenario, options.policy, options.driver);
  const clock = new VirtualClock(localInstant(scenario.date, DAY_START, timeZone));
  const log = options.log ?? createLogger({ level: 'silent', destination: { write: () => undefined } });
  const dataDir = mkdtempSync(join(tmpdir(), 'cetak-sim-'));
  try {
    const store = options.store ?? 'memory';
    const daemon = await createDaemon({ config: simConfig, dataDir, clock, log, store });
    const desk = new FrontDesk(daemon, clock);
    const probes = daemon.stations.map(
      (station) =>
        new StationProbe(station, machineOf(station), {
          isWalkIn: (jobId) => desk.isWalkIn(jobId),
          walkInAtRisk: (jobId) => desk.walkInAtRisk(jobId),
        }),
    );
    const attendants = probes.map(
      (probe) =>
        new Attendant({
          clock,
          stationId: probe.station.id,
          machine: probe.machine,
          ledger: daemon.ledger,
          timeZone,
          reactMs: scenario.attendant.reactSeconds * 1000,
          tellStation: (action) => probe.station.operatorDid(action),
        }),
    );
    const trails = new Map(probes.map((p) => [p.station.id, new CardTrail(p.station, p.machine)]));
    const uncertain = new UncertainCards({
      clock,
      jobs: daemon.jobs,
      events: daemon.events,
      timeZone,
      trails,
      reactMs: scenario.attendant.reactSeconds * 1000,
      onSettled: (jobId) => {
        if (desk.isWalkIn(jobId)) desk.walkInAtRisk(jobId);
      },
    });
    const replies: ReplyTally = { sent: 0, faults: {} };
    for (const probe of probes) tallyReplyFaults(probe.machine, replies);
    await daemon.start();
    await clock.settle();

    const waits = new Map<string, number[]>();
    const bounds = new Map<string, number>();
    const dayResults = new DayResults(probes);
    let unserved = 0;
    let firstPlan: DayPlan | undefined;
    for (let day = 0; day < days; day++) {
      const plan = planDay(simConfig, scenario, addDays(scenario.date, day), day);
      firstPlan ??= plan;
      await clock.advanceTo(plan.startMs);
      dayResults.beginDay();
      for (const probe of probes) {
        const hours = plan.stations.find((s) => s.stationId === probe.station.id);
        if (!hours) continue;
        probe.beginDay({
          openMs: hours.openMs,
          closeMs: hours.closeMs,
          record: options.plot === true && day === 0,
        });
        bounds.set(probe.station.id, (bounds.get(probe.station.id) ?? 0) + hours.bound.cards);
      }
      for (const attendant of attendants) attendant.topUp();
      desk.topUpBacklog(plan.printingKecamatan, scenario.backlog);
      chain(clock, plan.arrivals, ({ kecamatan }) => desk.walkIn(kecamatan));
      chain(clock, plan.faults, ({ station, fault, seconds }) => {
        const index = probes.findIndex((p) => p.station.id === station);
        if (fault === 'cover-open' && seconds !== undefined)
          attendants[index]?.coverClosesItselfFor(seconds * 1000);
        probes[index]?.machine.trigger(fault, seconds);
      });
      const minutes = Array.from(
        { length: Math.floor((plan.endMs - plan.startMs) / MINUTE) + 1 },
        (_, i) => ({
          atMs: plan.startMs + i * MINUTE,
        }),
      );
      chain(clock, minutes, ({ atMs }) => {
        for (const probe of probes) probe.sample(atMs);
      });

      await clock.advanceTo(plan.endMs);
      uncertain.endOfDay();
      while (desk.waitingWalkIns() > 0 && clock.now() < plan.cutOffMs) await clock.advance(MINUTE);
      const closed = desk.closeDay();
      unserved += closed.unserved;
      for (const [stationId, list] of closed.byStation)
        waits.set(stationId, [...(waits.get(stationId) ?? []), ...list]);
      dayResults.endDay(
        plan.date,
        new Map(plan.stations.map((s) => [s.stationId, s.bound.cards])),
        closed.byStation,
      );
      options.onDay?.(day, (performance.now() - wallStart) / 1000, {
        printed: probes.reduce((n, p) => n + p.printed, 0),
        spoiled: probes.reduce((n, p) => n + p.spoiled, 0),
      });
    }

    let audit: FleetAudit | undefined;
    if (options.audit) {
      uncertain.endOfDay();
      audit = auditFleet({
        daemon,
        submitted: desk.submitted,
        probes,
        trails: [...trails.values()],
        uncertain: uncertain.tally,
        stillUncertain: uncertain.stillUncertain(),
        replies,
      });
    }
    await stopDaemon(daemon, clock);
    for (const probe of probes) probe.dispose();
    for (const attendant of attendants) attendant.dispose();
    for (const trail of trails.values()) trail.dispose();
    uncertain.dispose();

    const stations: StationResult[] = probes.map((probe) => ({
      id: probe.station.id,
      kecamatan: probe.station.kecamatan,
      printed: probe.printed,
      spoiled: probe.spoiled,
      shutdowns: probe.shutdowns,
      walkIns: waitStats(waits.get(probe.station.id) ?? []),
      thermalBound: bounds.get(probe.station.id) ?? 0,
      outsideHours: probe.outsideHours,
      spoiledBy: { ...probe.spoiledBy },
      peakC: Math.round(probe.peakC * 10) / 10,
      days: dayResults.of(probe.station.id),
    }));
    const report: SimulationReport = {
      policy: simConfig.scheduler.policy,
      days,
      wallSeconds: Math.round((performance.now() - wallStart) / 10) / 100,
      date: scenario.date,
      stations,
      totals: totalsOf(stations, [...waits.values()].flat(), unserved),
    };
    const plot = options.plot && firstPlan ? plotDay(firstPlan, probes, timeZone) : undefined;
    const waitsS = [...waits.values()].flat();
    return { report, waitsS, ...(plot && { plot }), ...(audit && { audit }) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `act` for each item at its `atMs`, one pending timer at a time (the clock's list stays short). */
function chain<T extends { readonly atMs: number }>(
  clock: VirtualClock,
  items: readonly T[],
  act: (item: T) => void,
): void {
  const next = (i: number) => {
    const item = items[i];
    if (!item) return;
    clock.setTimeout(() => {
      act(item);
      next(i + 1);
    }, item.atMs - clock.now());
  };
  next(0);
}

/** Stops the daemon, letting virtual time pass so its shutdown grace can run out. */
async function stopDaemon(daemon: Daemon, clock: VirtualClock): Promise<void> {
  let done = false;
  const stopped = daemon.stop().finally(() => {
    done = true;
  });
  await clock.until(() => done, daemon.config.daemon.shutdownGraceSeconds * 1000 + MINUTE);
  await stopped;
}

function plotDay(plan: DayPlan, probes: readonly StationProbe[], timeZone: string): PlotDay {
  return {
    date: plan.date,
    timeZone,
    fromMs: plan.startMs,
    toMs: plan.endMs,
    stations: plan.stations.map((station) => {
      const probe = probes.find((p) => p.station.id === station.stationId);
      return {
        id: station.stationId,
        kecamatan: station.kecamatan,
        openMs: station.openMs,
        closeMs: station.closeMs,
        cutoffC: station.profile.thermal.cutoffC,
        resumeBelowC: station.profile.thermal.resumeBelowC,
        ambient: station.ambient,
        samples: probe?.samples ?? [],
        marks: probe?.marks ?? [],
        boundStartsMs: station.bound.startsMs,
      };
    }),
  };
}
