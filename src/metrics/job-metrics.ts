import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Clock } from '../clock/clock.js';
import type { SpoilReason } from '../drivers/driver.js';
import type { EventBus, FleetEvent } from '../events/fleet-events.js';
import type { StationView } from '../station/station-view.js';
import { type JobStore, PRIORITIES } from '../store/job-store.js';
import { WalkInWaits } from './walk-in-waits.js';

/** Seconds; the walk-in target is 3 minutes, so the buckets are finest around it. */
const WALK_IN_WAIT_BUCKETS = [30, 60, 90, 120, 150, 180, 240, 300, 600, 1800];

/**
 * Spoil reasons a label may carry: the drivers' own, and an operator's verdict on an uncertain
 * job. Anything else is counted as `other`, so a label can never hold free text.
 */
const REASON_SET: Record<SpoilReason | 'operator-verdict', true> = {
  overheat: true,
  'card-jam': true,
  'chip-error': true,
  'ribbon-break': true,
  'printer-reset': true,
  'printer-error': true,
  'operator-verdict': true,
};
const SPOIL_REASONS = Object.keys(REASON_SET);

/** Alert codes are upper-case identifiers; anything else becomes `OTHER`. */
const ALERT_CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;

export interface JobMetricsOptions {
  readonly registry: Registry;
  readonly stations: readonly StationView[];
  readonly jobs: JobStore;
  readonly events: EventBus;
  readonly clock: Clock;
  /** Every kecamatan id of the config, so each queue shows 0 rather than nothing once drained. */
  readonly kecamatanIds: readonly string[];
}

/**
 * Job and alert metrics: counters and the walk-in wait histogram fed by the event bus, queue and
 * uncertain-job gauges read from the store at scrape time (two grouped queries). Returns the
 * function that unsubscribes from the bus.
 */
export function registerJobMetrics(options: JobMetricsOptions): () => void {
  const { stations, jobs, kecamatanIds } = options;
  const registers = [options.registry];

  const printed = new Counter({
    name: 'cetak_cards_printed_total',
    help: "Good cards since the daemon started, by station and the resident's kecamatan.",
    labelNames: ['station', 'kecamatan'] as const,
    registers,
  });
  const spoiled = new Counter({
    name: 'cetak_cards_spoiled_total',
    help: 'Blanks spoiled since the daemon started, by station and reason.',
    labelNames: ['station', 'reason'] as const,
    registers,
  });
  const walkInWait = new Histogram({
    name: 'cetak_walk_in_wait_seconds',
    help: "A walk-in's wait from submission (or promotion) to the printed card, by their kecamatan.",
    labelNames: ['kecamatan'] as const,
    buckets: WALK_IN_WAIT_BUCKETS,
    registers,
  });
  const alerts = new Counter({
    name: 'cetak_alerts_total',
    help: 'Alerts raised since the daemon started, by level and code.',
    labelNames: ['level', 'code'] as const,
    registers,
  });
  // Series that exist from the start, so rate() and increase() see their first increment.
  for (const station of stations) {
    for (const kecamatan of station.serves) printed.inc({ station: station.id, kecamatan }, 0);
    for (const reason of SPOIL_REASONS) spoiled.inc({ station: station.id, reason }, 0);
  }
  for (const kecamatan of kecamatanIds) walkInWait.zero({ kecamatan });

  new Gauge({
    name: 'cetak_queue_jobs',
    help: 'Jobs waiting to be printed, by kecamatan and priority.',
    labelNames: ['kecamatan', 'priority'] as const,
    registers,
    collect() {
      this.reset();
      for (const kecamatan of kecamatanIds)
        for (const priority of PRIORITIES) this.set({ kecamatan, priority }, 0);
      for (const { kecamatan, priority, count } of jobs.queueLengths())
        this.set({ kecamatan, priority }, count);
    },
  });
  new Gauge({
    name: 'cetak_jobs_uncertain',
    help: 'Jobs whose card may or may not have come out, awaiting an operator, by station.',
    labelNames: ['station'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of stations) this.set({ station: station.id }, 0);
      for (const [station, count] of jobs.unresolvedByStation())
        this.set({ station: station || 'none' }, count);
    },
  });

  const waits = new WalkInWaits();
  const onJob = (event: Extract<FleetEvent, { type: 'job' }>) => {
    const station = event.station ?? 'none';
    if (event.to === 'printed' && event.from !== 'printed') {
      printed.inc({ station, kecamatan: event.kecamatan });
    } else if (event.to === 'spoiled' && event.from !== 'spoiled') {
      const reason =
        event.spoilReason && Object.hasOwn(REASON_SET, event.spoilReason) ? event.spoilReason : 'other';
      spoiled.inc({ station, reason });
    }
    const wait = waits.observe(event, options.clock.now());
    if (wait !== undefined) walkInWait.observe({ kecamatan: event.kecamatan }, wait);
  };
  return options.events.subscribe(({ event }) => {
    if (event.type === 'job') onJob(event);
    else if (event.type === 'alert')
      alerts.inc({ level: event.level, code: ALERT_CODE.test(event.code) ? event.code : 'OTHER' });
  });
}
