import { z } from 'zod';
import { HTTP_STATUS } from '../http-errors.js';

/**
 * The pieces every route's schema is built from: the error body, the id parameter, who may call
 * and the error statuses. Route schemas are for the OpenAPI document only; handlers keep
 * validating their input themselves (see `openapi.ts`).
 */

/** An obviously synthetic NIK for examples: region 16 01 00, born 01-01-90, number 0001. */
export const EXAMPLE_NIK = '1601000101900001';
export const EXAMPLE_NIK_MASKED = '160100**********';
export const EXAMPLE_JOB_ID = '3f6c2a9e-8d41-4b7a-9c55-0e1d2f3a4b5c';
export const EXAMPLE_TIME = '2026-01-05T02:30:00.000Z';

/** Codes a status-port error body can carry: the CetakError codes and the port's own three. */
const ERROR_CODES: [string, ...string[]] = [
  'NOT_FOUND',
  'BAD_REQUEST',
  'INTERNAL',
  ...Object.keys(HTTP_STATUS),
];

export const errorBody = z
  .object({
    error: z.enum(ERROR_CODES).describe('A stable code to branch on'),
    message: z.string().describe('What went wrong, in words an operator can act on'),
    problems: z
      .array(z.string())
      .optional()
      .describe('For 400: each bad field, named with its value where that is not personal data'),
  })
  .meta({
    id: 'Error',
    examples: [
      {
        error: 'REQUEST_INVALID',
        message: 'the request body is not valid',
        problems: ['limit: must be at most 500 (got 900)'],
      },
    ],
  });

const ERROR_WORDS: Record<number, string> = {
  400: 'Invalid request; `problems` names each bad field',
  401: 'Missing or wrong bearer token; nothing changed',
  403: "A change from another site's page (its Origin is not one of this port's names)",
  404: 'No such job, station or alert',
  409: 'Not possible in the current state',
  410: 'Gone: the card text is no longer kept (printed or cancelled)',
  421: "The Host is not one of this port's names (localhost, an IP address, this PC's name, server.allowedHosts)",
  500: 'Internal error; the daemon log has the details',
  503: 'Not ready, or the store cannot be used',
  507: 'The disk is full (`disk full: N MB free, need M`); nothing was stored',
};

/** A JSON response with its description, in the form `@fastify/swagger` keeps descriptions of. */
export function json(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

/** A response of another media type (`image/png`, `text/csv`…), described as a string. */
export function other(description: string, mediaType: string, schema: z.ZodType = z.string()) {
  return { description, content: { [mediaType]: { schema } } };
}

/** The error responses a route can give, each with the shared error body. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, json(ERROR_WORDS[status] ?? 'Error', errorBody)]),
  );
}

/**
 * Who may call. Reads are open on loopback (the anonymous `{}` alternative) and need the token
 * off loopback; changes and personal data always need it; probes need nothing.
 */
export const access = {
  read: { security: [{ bearer: [] }, {}] },
  token: { security: [{ bearer: [] }] },
  scrape: { security: [{ bearer: [] }, { scrapeToken: [] }, {}] },
  open: { security: [] },
} as const;

/** Statuses every route can answer: a foreign Host, an internal fault. */
const ALWAYS = [421, 500];

/** Error responses of a loopback-open read: the token off loopback, a foreign Host. */
export const readErrors = (...more: number[]) => errors(401, ...more, ...ALWAYS);

/** Error responses of a change: no token, a foreign Origin, a full disk. */
export const changeErrors = (...more: number[]) => errors(400, 401, 403, ...more, ...ALWAYS, 507);

/** Error responses of an open probe. */
export const probeErrors = (...more: number[]) => errors(...more, ...ALWAYS);

/** `:id` of a job: the whole id or its first 8+ characters. */
export const jobIdParams = z.object({
  id: z
    .string()
    .min(1)
    .describe(
      'The job id, or its first 8 or more characters as the dashboard and the CLI show it (409 JOB_ID_AMBIGUOUS when two jobs start so)',
    )
    .meta({ examples: [EXAMPLE_JOB_ID] }),
});

export const stationIdParams = z.object({
  id: z
    .string()
    .min(1)
    .describe('The station id from the config')
    .meta({ examples: ['sbu1-a'] }),
});

/** An ISO 8601 UTC time, or null. */
export const isoTime = z.iso.datetime().meta({ examples: [EXAMPLE_TIME] });
export const maybeTime = isoTime.nullable();
