import { z } from 'zod';
import { ackSchema } from '../events/alert-book.js';
import { makeJobInputSchema } from '../jobs/job-input.js';
import {
  findByNikSchema,
  jobListQuerySchema,
  promoteSchema,
  reprintSchema,
  resolveSchema,
} from '../operations/job-actions.js';
import { operatorActionBodySchema } from '../operations/operator-action.js';
import { STATION_COMMANDS } from '../operations/station-controls.js';
import { countSchema, loadSchema } from '../operations/stock-keeper.js';
import { temperatureQuerySchema } from './routes/status.js';

interface RouteDoc {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  /** Success status and what it returns, in words. */
  readonly ok: readonly [number, string];
  /** Whether the request changes something, or reads personal data: it needs the token even on loopback. */
  readonly change?: boolean;
  readonly errors?: readonly number[];
}

const reportQuery = z.strictObject({
  date: z.iso.date().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/**
 * Every route of the status port, with the zod schemas that validate its input: the OpenAPI
 * document is generated from the same schemas the handlers parse with, so it cannot drift.
 */
function routes(kecamatanIds: readonly string[]): RouteDoc[] {
  const jobInput = makeJobInputSchema(kecamatanIds, () => new Date(0));
  const stationCommands = STATION_COMMANDS.map(
    (command): RouteDoc => ({
      method: 'post',
      path: `/api/stations/{id}/${command}`,
      summary: {
        pause: 'Stop starting new cards (the card in the printer finishes)',
        resume: 'Start taking cards again',
        warm: 'Switch the roller heater on now',
        standby: 'Pause and switch the heater off',
        relearn: "Forget what was learnt of the printer's thermal figures (moved or serviced)",
      }[command],
      ok: [200, 'the station'],
      change: true,
      errors: [404, 409],
    }),
  );
  return [
    { method: 'get', path: '/healthz', summary: 'The process is up', ok: [200, '{status: "ok"}'] },
    {
      method: 'get',
      path: '/readyz',
      summary: 'The fleet has started and the daemon is not stopping',
      ok: [200, '{status, stations}'],
      errors: [503],
    },
    { method: 'get', path: '/api/status', summary: 'The whole fleet at a glance', ok: [200, 'fleet status'] },
    {
      method: 'get',
      path: '/api/events',
      summary: 'Server-Sent Events: station, temperature, job, alert (resumable with Last-Event-ID)',
      ok: [200, 'text/event-stream'],
    },
    {
      method: 'get',
      path: '/api/alerts',
      summary:
        'Alerts as records: the active ones (oldest first), then recent ones that are over, each with its age',
      ok: [200, '{alerts}'],
    },
    {
      method: 'post',
      path: '/api/alerts/{id}/ack',
      summary: 'An operator acknowledges an alert with their name',
      body: ackSchema,
      ok: [200, 'the alert'],
      change: true,
      errors: [400, 404],
    },
    {
      method: 'get',
      path: '/api/temperatures',
      summary: 'The last two hours of printer temperatures and each cut-off',
      query: temperatureQuerySchema,
      ok: [200, '{stations, cutOffC}'],
      errors: [400],
    },
    { method: 'get', path: '/metrics', summary: 'Prometheus metrics', ok: [200, 'text/plain'] },
    {
      method: 'post',
      path: '/api/jobs',
      summary: 'Submit one print-ready record',
      body: jobInput,
      ok: [201, '{id, state}'],
      change: true,
      errors: [400, 409],
    },
    {
      method: 'post',
      path: '/api/jobs/batch',
      summary: 'Submit up to 1,000 records in one transaction',
      body: z.strictObject({ jobs: z.array(jobInput).max(1000) }),
      ok: [200, '{accepted, duplicates, rejected, results}'],
      change: true,
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/jobs',
      summary: 'Jobs newest first, filtered and paged (`next` is the next page’s `before`)',
      query: jobListQuerySchema,
      ok: [200, '{jobs, next}'],
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/jobs/{id}',
      summary: 'One job with its transition journal',
      ok: [200, 'job'],
      errors: [404],
    },
    {
      method: 'get',
      path: '/api/jobs/{id}/preview.png',
      summary:
        'The card’s front as it will print (PNG); personal data, so it needs the token even on loopback',
      ok: [200, 'image/png'],
      change: true,
      errors: [404, 410],
    },
    {
      method: 'post',
      path: '/api/jobs/find',
      summary:
        'Every job of one resident, newest first, printed ones too (by the NIK’s keyed hash); a POST so the NIK stays out of URLs, and it needs the token',
      body: findByNikSchema,
      ok: [200, '{jobs}'],
      change: true,
      errors: [400],
    },
    {
      method: 'post',
      path: '/api/jobs/promote',
      summary: 'The resident is at the counter: their queued job becomes a walk-in',
      body: promoteSchema,
      ok: [200, 'job'],
      change: true,
      errors: [400, 404, 409],
    },
    {
      method: 'post',
      path: '/api/jobs/{id}/cancel',
      summary: 'Withdraw a queued job',
      ok: [200, 'job'],
      change: true,
      errors: [404, 409],
    },
    {
      method: 'post',
      path: '/api/jobs/{id}/resolve',
      summary: 'Settle an uncertain job: printed or spoiled',
      body: resolveSchema,
      ok: [200, 'job'],
      change: true,
      errors: [400, 404, 409],
    },
    {
      method: 'post',
      path: '/api/reprints',
      summary: 'Authorise one more card for a printed NIK',
      body: reprintSchema,
      ok: [201, '{nik, reason, at}'],
      change: true,
      errors: [400, 409],
    },
    { method: 'get', path: '/api/stations', summary: 'Every station', ok: [200, '{stations}'] },
    {
      method: 'get',
      path: '/api/stations/{id}',
      summary: 'One station with its stock books',
      ok: [200, 'station'],
      errors: [404],
    },
    ...stationCommands,
    {
      method: 'post',
      path: '/api/stations/{id}/actions',
      summary: 'Any operator action ({kind}); the old {action: <fix>} body is deprecated, read as at-printer',
      body: operatorActionBodySchema,
      ok: [200, 'the station'],
      change: true,
      errors: [400, 404, 409],
    },
    {
      method: 'post',
      path: '/api/stations/{id}/blanks',
      summary: 'Stock loaded into a station (blanks, ribbon or film)',
      body: loadSchema,
      ok: [201, 'the books'],
      change: true,
      errors: [400, 404],
    },
    {
      method: 'get',
      path: '/api/stations/{id}/ledger',
      summary: 'A station’s stock books',
      ok: [200, 'the books'],
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/stations/{id}/stock-count',
      summary:
        'An operator counted the blanks in a station’s printer (kept with their name and the books’ figure)',
      body: countSchema,
      ok: [201, '{station, at, counted, by, books, difference}'],
      change: true,
      errors: [400, 404],
    },
    {
      method: 'get',
      path: '/api/stock',
      summary: 'Blank cards per station by the books, with operators’ counts',
      ok: [200, '{stations, counts}'],
    },
    {
      method: 'get',
      path: '/api/reports/daily',
      summary: 'The day’s numbers per station and kecamatan',
      query: reportQuery,
      ok: [200, 'report (JSON or CSV)'],
      errors: [400],
    },
  ];
}

const ERROR_WORDS: Record<number, string> = {
  400: 'invalid request; `problems` names each bad field',
  401: 'missing or wrong bearer token; nothing changed',
  404: 'no such job or station',
  409: 'not possible in the current state',
  403: "a change from another site's page (its Origin is not one of this port's names)",
  410: 'gone: the card text is no longer kept (printed or cancelled)',
  421: "the Host is not one of this port's names (localhost, an IP address, this PC's name, server.allowedHosts)",
  503: 'not ready',
  507: 'the disk is full (`disk full: N MB free, need M`); nothing was stored',
};

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** The OpenAPI 3.1 document of the status port. */
export function openApiDocument(kecamatanIds: readonly string[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorBody = {
    type: 'object',
    properties: {
      error: { type: 'string' },
      message: { type: 'string' },
      problems: { type: 'array', items: { type: 'string' } },
    },
  };
  for (const route of routes(kecamatanIds)) {
    const parameters = [
      ...(route.path.includes('{id}')
        ? [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: route.path.startsWith('/api/jobs/')
                ? 'the job id, or its first 8 or more characters as the dashboard and the CLI show it (409 JOB_ID_AMBIGUOUS when two jobs start so)'
                : 'the id',
              schema: { type: 'string' },
            },
          ]
        : []),
      ...Object.entries(route.query ? (jsonSchema(route.query).properties ?? {}) : {}).map(
        ([name, schema]) => ({
          name,
          in: 'query',
          schema,
        }),
      ),
    ];
    // Every route answers a foreign Host with 421; every change may meet a foreign Origin or a full disk.
    const errors = [
      ...(route.change ? [401, 403] : []),
      ...(route.errors ?? []),
      421,
      ...(route.change ? [507] : []),
    ];
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        ...(parameters.length > 0 && { parameters }),
        ...(route.body && {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body) } },
          },
        }),
        ...(route.change && { security: [{ bearer: [] }] }),
        responses: {
          [route.ok[0]]: { description: route.ok[1] },
          ...Object.fromEntries(
            errors.map((status) => [
              status,
              { description: ERROR_WORDS[status], content: { 'application/json': { schema: errorBody } } },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cetak status port',
      version,
      description:
        'Reads are open on loopback; every change needs `Authorization: Bearer <token>` (the token is in <data-dir>/token). Off loopback every route needs it.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
