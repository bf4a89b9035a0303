import type { Clock } from '../clock/clock.js';
import type { PrinterStatus, ProblemReason } from '../drivers/driver.js';
import type { StationState } from '../station/station-options.js';
import type { StationChange, StationView } from '../station/station-view.js';
import { elapsedMs } from '../util/elapsed.js';
import type { AlertBook } from './alert-book.js';
import type { EventBus, FleetEvent } from './fleet-events.js';
import type { TemperatureHistory } from './temperature-history.js';

/** Temperatures go out at most this often per station: a dashboard needs no more. */
const TEMPERATURE_EVERY_MS = 1000;

/** How often temperatures are kept for the dashboard's chart. */
const HISTORY_SAMPLE_MS = 30_000;

/** Below this many blanks in the feeder an operator is told to load more. */
const LOW_BLANKS = 10;

const PROBLEM_WORDS: Record<ProblemReason, string> = {
  'ribbon-out': 'ribbon used up: replace the ribbon',
  'film-out': 'retransfer film used up: replace the film',
  'feeder-empty': 'no blanks in the feeder: load blanks',
  'hopper-full': 'output hopper full: take the cards out',
  'cover-open': 'cover open: close it',
  'card-jam': 'card jammed: open the printer and take the card out',
  'chip-error': 'chip could not be written on the last card',
  'link-lost': 'printer not answering: check its cable and power',
};

type StationEvent = Extract<FleetEvent, { type: 'station' }>;

const PROBLEMS = Object.keys(PROBLEM_WORDS) as ProblemReason[];

/** Whether the printer is heard from: only then does a condition it had end. */
function answering(state: StationState): boolean {
  return state !== 'connecting' && state !== 'offline' && state !== 'stopped';
}

/**
 * Whether two station events say the same. Compared field by field, not as JSON: a station reports
 * a possible change several times a card, and stringifying each was 1 % of a simulated fleet day.
 */
function sameStationEvent(a: StationEvent, b: StationEvent): boolean {
  return (
    a.station === b.station &&
    a.state === b.state &&
    a.paused === b.paused &&
    a.currentJob === b.currentJob &&
    a.lastError === b.lastError &&
    a.problems.length === b.problems.length &&
    a.problems.every((problem, i) => problem === b.problems[i])
  );
}

/**
 * Turns what stations and their printers report into events: state changes, throttled
 * temperatures and the alerts an operator must act on, raised while their condition holds and
 * cleared when it ends. Returns the function that stops watching.
 */
export function watchStations(
  stations: readonly StationView[],
  bus: EventBus,
  clock: Clock,
  history: TemperatureHistory,
  alerts: AlertBook,
  unresolved: () => ReadonlyMap<string, number>,
): () => void {
  const stops = stations.flatMap((station) => {
    let lastEvent: StationEvent | undefined;
    let lastState: StationState | undefined;
    let lastProblems: readonly ProblemReason[] = [];
    let lastTemperatureAt = Number.NEGATIVE_INFINITY;
    // Unknown until the printer reports: a low feeder or a problem from before a restart may be over.
    let blanksLow: boolean | undefined;
    let swept = false;
    const alert = (level: 'info' | 'warning' | 'critical', code: string, message: string) =>
      alerts.raise({ level, code, station: station.id, message: `${station.id}: ${message}` });
    const clear = (code: string) => alerts.clear(code, station.id);

    const onChange = (change: StationChange) => {
      const snapshot = change.snapshot();
      const { problems, printerState } = snapshot;
      const event = {
        type: 'station' as const,
        station: station.id,
        state: snapshot.state,
        problems,
        paused: snapshot.pausedSince !== null,
        currentJob: snapshot.currentJob,
        lastError: snapshot.lastError,
      };
      if (lastEvent && sameStationEvent(event, lastEvent)) return;
      // The snapshot's problems are its own copy: a driver may reuse its array.
      lastEvent = event;
      bus.publish(event);
      if (printerState !== lastState) {
        if (printerState === 'overheated')
          alert('critical', 'OVERHEATED', 'printer shut itself off to cool down; it restarts by itself');
        else if (printerState === 'offline' && lastState !== undefined)
          alert('warning', 'OFFLINE', 'printer not reachable; retrying');
        else if (lastState === 'offline' && printerState !== 'stopped')
          alerts.note({
            level: 'info',
            code: 'ONLINE',
            station: station.id,
            message: `${station.id}: printer answering again`,
          });
        // Until the printer answers nothing is known of it: what held (before a restart, say) holds.
        if (answering(printerState)) {
          if (printerState !== 'overheated') clear('OVERHEATED');
          clear('OFFLINE');
        }
        lastState = printerState;
      }
      if (!swept && answering(printerState) && snapshot.lastSeen !== null) {
        swept = true;
        for (const problem of PROBLEMS) if (!problems.includes(problem)) clear(problem.toUpperCase());
      }
      for (const problem of problems) {
        if (!lastProblems.includes(problem) && problem !== 'link-lost')
          alert(problem === 'chip-error' ? 'info' : 'warning', problem.toUpperCase(), PROBLEM_WORDS[problem]);
      }
      for (const problem of lastProblems)
        if (!problems.includes(problem) && answering(printerState)) clear(problem.toUpperCase());
      lastProblems = problems;
    };

    const onStatus = (status: PrinterStatus) => {
      const blanks = status.consumables.blanksRemaining;
      if (blanks !== undefined && blanks < LOW_BLANKS && !blanksLow)
        alert('warning', 'BLANKS_LOW', `${blanks} blanks left in the feeder`);
      else if (blanks !== undefined && blanks >= LOW_BLANKS && blanksLow !== false) clear('BLANKS_LOW');
      if (blanks !== undefined) blanksLow = blanks < LOW_BLANKS;
      const { internalC, rollerC } = status.temperatures;
      if (internalC === undefined && rollerC === undefined) return;
      const now = clock.now();
      if (elapsedMs(now, lastTemperatureAt) < TEMPERATURE_EVERY_MS) return;
      lastTemperatureAt = now;
      bus.publish({
        type: 'temperature',
        station: station.id,
        internalC: internalC ?? null,
        rollerC: rollerC ?? null,
      });
    };
    return [station.onChange(onChange), station.onPrinterReport(onStatus)];
  });

  // The chart wants an even series, also while nothing changes (a printer cooling at night).
  let sampler = clock.setTimeout(function sample() {
    for (const station of stations) {
      // A printer that reports no temperatures is charted by its estimated inside.
      const { temperatures, thermal } = station.snapshot();
      history.record(station.id, thermal.inside.c, temperatures.rollerC ?? null);
    }
    sampler = clock.setTimeout(sample, HISTORY_SAMPLE_MS);
  }, 0);

  const stopJobs = bus.subscribe(({ event }) => {
    if (event.type !== 'job') return;
    if (event.to === 'uncertain') {
      // After the job event has reached every watcher, so ids arrive in order everywhere.
      queueMicrotask(() =>
        alerts.raise({
          level: 'warning',
          code: 'JOB_UNCERTAIN',
          station: event.station,
          message: `job ${event.id}: whether its card came out is unknown; look in the printer and resolve it`,
        }),
      );
    } else if (event.from === 'uncertain' && !unresolved().get(event.station ?? '')) {
      queueMicrotask(() => alerts.clear('JOB_UNCERTAIN', event.station));
    }
  });
  return () => {
    clock.clearTimeout(sampler);
    for (const stop of [...stops, stopJobs]) stop();
  };
}
