import { z } from 'zod';
import { ackSchema } from '../../events/alert-book.js';
import { fleetStatusSchema } from '../../fleet/fleet-status-schema.js';
import {
  access,
  changeErrors,
  EXAMPLE_JOB_ID,
  EXAMPLE_TIME,
  isoTime,
  json,
  maybeTime,
  other,
  probeErrors,
  readErrors,
} from './common.js';

/** `GET /api/temperatures?minutes=`: how far back the history goes. */
export const temperatureQuerySchema = z.strictObject({
  minutes: z.coerce.number().int().min(1).max(120).default(120),
});

const storeExample = { writable: true, reason: null, since: null };
const store = z
  .object({
    writable: z.boolean(),
    reason: z.string().nullable().describe('Why not (`disk full: 0.2 MB free, need 1 MB`)'),
    since: maybeTime,
  })
  .meta({ id: 'StoreCondition', examples: [storeExample] });

const readiness = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    reason: z.string().optional().describe('Only when not ready'),
    stations: z.object({ total: z.int(), reachable: z.int() }),
    store,
  })
  .meta({ examples: [{ status: 'ready', stations: { total: 2, reachable: 2 }, store: storeExample }] });

/** `/api/status`: the fleet's schema (`src/fleet/fleet-status-schema.ts`, built on the station snapshot's) with the store's condition. */
const fleetStatus = fleetStatusSchema.extend({ store }).meta({
  id: 'FleetStatus',
  examples: [
    {
      schemaVersion: 1,
      site: 'Contoh site',
      now: EXAMPLE_TIME,
      day: '2026-01-05',
      stations: [],
      kecamatan: [
        {
          id: 'seberang-ulu-i',
          name: 'Seberang Ulu I',
          printsAt: 'seberang-ulu-i',
          queue: { walkIn: 1, backlog: 40 },
          walkIns: [{ id: EXAMPLE_JOB_ID, eta: EXAMPLE_TIME }],
        },
      ],
      store: storeExample,
    },
  ],
});

const alertExample = {
  id: 7,
  code: 'CARD-JAM',
  level: 'warning',
  station: 'sbu1-a',
  message: 'card jam: open the cover and take the card out',
  detail: null,
  at: EXAMPLE_TIME,
  lastSeen: EXAMPLE_TIME,
  clearedAt: null,
  active: true,
  acknowledgedBy: null,
  acknowledgedAt: null,
  ageSeconds: 120,
};

const alert = z
  .object({
    id: z.int(),
    code: z.string(),
    level: z.enum(['info', 'warning', 'critical']),
    station: z.string().nullable().describe('null: the whole fleet (the store, say)'),
    message: z.string().describe('What to do, in words'),
    detail: z
      .record(z.string(), z.union([z.number(), z.string(), z.array(z.string()), z.null()]))
      .nullable()
      .describe('Figures that go with it, if any'),
    at: isoTime.describe('When it was raised'),
    lastSeen: isoTime,
    clearedAt: maybeTime,
    active: z.boolean(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: maybeTime,
    ageSeconds: z.int().min(0),
  })
  .meta({ id: 'Alert', examples: [alertExample] });

const temperatures = z
  .object({
    stations: z.record(z.string(), z.array(z.object({ at: isoTime }).catchall(z.number()))),
    cutOffC: z.record(z.string(), z.number()).describe('Each station’s thermal cut-off, °C'),
  })
  .meta({
    examples: [
      {
        stations: { 'sbu1-a': [{ at: EXAMPLE_TIME, internalC: 31.5, rollerC: 171.2 }] },
        cutOffC: { 'sbu1-a': 56 },
      },
    ],
  });

const reportRowExample = {
  id: 'sbu1-a',
  kecamatan: 'seberang-ulu-i',
  good: 150,
  spoiled: 2,
  spoiledByReason: { 'card-jam': 2 },
  blanksRemaining: 48,
  target: 160,
  achievedPercent: 94,
};
const reportRow = z.object({
  id: z.string(),
  kecamatan: z.string(),
  good: z.int(),
  spoiled: z.int(),
  spoiledByReason: z.record(z.string(), z.int()),
  blanksRemaining: z.int(),
  target: z.int(),
  achievedPercent: z.number(),
});
const dailyReport = z
  .object({
    date: z.iso.date(),
    site: z.string(),
    stations: z.array(reportRow),
    kecamatan: z.array(reportRow),
  })
  .meta({
    id: 'DailyReport',
    examples: [
      {
        date: '2026-01-05',
        site: 'Contoh site',
        stations: [reportRowExample],
        kecamatan: [reportRowExample],
      },
    ],
  });

const reportQuery = z.strictObject({
  date: z.iso.date().optional().describe('The local day; default today'),
  format: z.enum(['json', 'csv']).default('json'),
});

const events = z
  .string()
  .describe(
    'Events `station`, `temperature`, `job`, `alert`, each `id: N`, `event: TYPE`, `data: JSON`; `hello` first, or `reset` when the missed events are no longer kept (reload /api/status)',
  );

/** The schemas of the probes, the fleet's status, alerts, temperatures, reports and metrics. */
export const statusSchemas = {
  healthz: {
    operationId: 'getHealth',
    summary: 'The process is up',
    tags: ['probes'],
    ...access.open,
    response: {
      200: json('Up', z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] })),
      ...probeErrors(),
    },
  },
  readyz: {
    operationId: 'getReadiness',
    summary: 'The fleet has started and the daemon is not stopping',
    tags: ['probes'],
    ...access.open,
    response: {
      200: json('Ready', readiness),
      503: json('Not ready, saying why', readiness),
      ...probeErrors(),
    },
  },
  status: {
    operationId: 'getFleetStatus',
    summary: 'The whole fleet at a glance',
    tags: ['fleet'],
    ...access.read,
    response: { 200: json('The fleet', fleetStatus), ...readErrors() },
  },
  events: {
    operationId: 'streamEvents',
    summary: 'Server-Sent Events of stations, temperatures, jobs and alerts',
    description: 'Resumable: send the last event id back as `Last-Event-ID` (or `?lastEventId=`).',
    tags: ['fleet'],
    ...access.read,
    querystring: z.object({
      lastEventId: z
        .string()
        .regex(/^\d{1,15}$/)
        .optional(),
    }),
    headers: z.object({ 'last-event-id': z.string().optional() }),
    response: { 200: other('The event stream', 'text/event-stream', events), ...readErrors() },
  },
  alerts: {
    operationId: 'listAlerts',
    summary: 'Alerts: the active ones (oldest first), then recent ones that are over',
    tags: ['alerts'],
    ...access.read,
    response: {
      200: json(
        'The alerts',
        z.object({ alerts: z.array(alert) }).meta({ examples: [{ alerts: [alertExample] }] }),
      ),
      ...readErrors(),
    },
  },
  ack: {
    operationId: 'acknowledgeAlert',
    summary: 'An operator acknowledges an alert with their name',
    tags: ['alerts'],
    ...access.token,
    params: z.object({
      id: z
        .string()
        .describe('The alert id')
        .meta({ examples: ['7'] }),
    }),
    body: ackSchema.meta({ examples: [{ by: 'Siti' }] }),
    response: { 200: json('The alert', alert), ...changeErrors(404) },
  },
  temperatures: {
    operationId: 'getTemperatures',
    summary: 'Recent printer temperatures (up to two hours) and each cut-off',
    tags: ['fleet'],
    ...access.read,
    querystring: temperatureQuerySchema,
    response: { 200: json('Readings by station, oldest first', temperatures), ...readErrors(400) },
  },
  daily: {
    operationId: 'getDailyReport',
    summary: 'The day’s numbers per station and kecamatan',
    tags: ['reports'],
    ...access.read,
    querystring: reportQuery,
    response: {
      200: {
        description: 'The report, as JSON or (format=csv) a CSV file',
        content: {
          'application/json': { schema: dailyReport },
          'text/csv': { schema: z.string().meta({ examples: ['station,kecamatan,good,spoiled\n'] }) },
        },
      },
      ...readErrors(400),
    },
  },
  metrics: {
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'Open on loopback; otherwise the operator’s token or the read-only scrape token.',
    tags: ['monitoring'],
    ...access.scrape,
    response: {
      200: other(
        'Prometheus text format',
        'text/plain',
        z.string().meta({ examples: ['cetak_build_info{version="0.1.0"} 1\n'] }),
      ),
      ...readErrors(),
    },
  },
};
