import { z } from 'zod';
import { makeJobInputSchema } from '../../jobs/job-input.js';
import {
  findByNikSchema,
  jobListQuerySchema,
  promoteSchema,
  reprintSchema,
  resolveSchema,
} from '../../operations/job-actions.js';
import { JOB_STATES, PRIORITIES, REPRINT_REASONS } from '../../store/job-store.js';
import {
  access,
  changeErrors,
  EXAMPLE_JOB_ID,
  EXAMPLE_NIK,
  EXAMPLE_NIK_MASKED,
  EXAMPLE_TIME,
  isoTime,
  jobIdParams,
  json,
  maybeTime,
  other,
  readErrors,
} from './common.js';

const jobState = z.enum(JOB_STATES as [string, ...string[]]);

const jobExample = {
  id: EXAMPLE_JOB_ID,
  state: 'printed',
  nik: EXAMPLE_NIK_MASKED,
  kecamatan: 'seberang-ulu-i',
  priority: 'backlog',
  stationId: 'sbu1-a',
  chipUid: '04A1B2C3D4E5F6',
  spoilReason: null,
  createdAt: '2026-01-05T02:00:00.000Z',
  startedAt: '2026-01-05T02:28:40.000Z',
  finishedAt: EXAMPLE_TIME,
};

const jobFields = {
  id: z.string().describe('The job id (a UUID)'),
  state: jobState,
  nik: z.string().describe('The NIK masked: its region code, then asterisks'),
  kecamatan: z.string(),
  priority: z.enum(PRIORITIES as [string, ...string[]]),
  stationId: z.string().nullable().describe('The station that took it, once one has'),
  chipUid: z.string().nullable().describe("The card chip's UID, once personalised"),
  spoilReason: z.string().nullable(),
  createdAt: isoTime,
  startedAt: maybeTime,
  finishedAt: maybeTime,
};

/** A job as lists show it: NIK masked, card text left out. */
export const jobSummary = z.object(jobFields).meta({ id: 'JobSummary', examples: [jobExample] });

/** One job with its transition journal. */
export const jobDetail = z
  .object({
    ...jobFields,
    journal: z.array(
      z.object({
        at: isoTime,
        from: jobState.nullable(),
        to: jobState,
        stationId: z.string().nullable(),
        detail: z.string().nullable().describe('Why, in words (a spoil reason, a resolution)'),
      }),
    ),
  })
  .meta({
    id: 'Job',
    examples: [
      {
        ...jobExample,
        journal: [
          { at: '2026-01-05T02:00:00.000Z', from: null, to: 'queued', stationId: null, detail: null },
          {
            at: '2026-01-05T02:28:40.000Z',
            from: 'queued',
            to: 'printing',
            stationId: 'sbu1-a',
            detail: null,
          },
          { at: EXAMPLE_TIME, from: 'printing', to: 'printed', stationId: 'sbu1-a', detail: null },
        ],
      },
    ],
  });

const jobList = z.object({ jobs: z.array(jobSummary) }).meta({ examples: [{ jobs: [jobExample] }] });

const jobPage = z
  .object({
    jobs: z.array(jobSummary),
    next: z.string().nullable().describe('The next page’s `before`; null on the last page'),
  })
  .meta({ examples: [{ jobs: [jobExample], next: '41' }] });

const created = z
  .object({ id: z.string(), state: jobState })
  .meta({ examples: [{ id: EXAMPLE_JOB_ID, state: 'queued' }] });

const batchResult = z
  .object({
    accepted: z.int().min(0),
    duplicates: z.int().min(0),
    rejected: z.int().min(0),
    results: z.array(
      z.object({
        line: z.int().describe('The row’s `line`, or its index in `jobs`'),
        outcome: z.enum(['accepted', 'duplicate', 'rejected']),
        id: z.string().optional(),
        state: jobState.optional(),
        problems: z.array(z.string()).optional(),
      }),
    ),
  })
  .meta({
    examples: [
      {
        accepted: 1,
        duplicates: 0,
        rejected: 1,
        results: [
          { line: 2, outcome: 'accepted', id: EXAMPLE_JOB_ID, state: 'queued' },
          { line: 3, outcome: 'rejected', problems: ['sex: must be L or P (got "X")'] },
        ],
      },
    ],
  });

const reprint = z
  .object({
    nik: z.string().describe('Masked'),
    reason: z.enum(REPRINT_REASONS as [string, ...string[]]),
    at: isoTime,
  })
  .meta({ examples: [{ nik: EXAMPLE_NIK_MASKED, reason: 'lost', at: EXAMPLE_TIME }] });

const residentExample = {
  nik: EXAMPLE_NIK,
  name: 'CONTOH SINTETIS',
  birthPlace: 'PALEMBANG',
  birthDate: '1990-01-01',
  sex: 'L',
  address: 'JL. CONTOH NO. 1',
  rtRw: '001/002',
  kelurahan: 'CONTOH',
  kecamatan: 'seberang-ulu-i',
  religion: 'ISLAM',
  maritalStatus: 'BELUM KAWIN',
  occupation: 'KARYAWAN SWASTA',
  citizenship: 'WNI',
  bloodType: 'O',
};

const nikBody = (schema: z.ZodType) => schema.meta({ examples: [{ nik: EXAMPLE_NIK }] });

/** The schemas of the job routes; the job body lists the configured kecamatan. */
export function jobSchemas(kecamatanIds: readonly string[]) {
  // No `id`: ids are global in zod's registry, and this schema is built per status port.
  const jobInput = makeJobInputSchema(kecamatanIds, () => new Date(0)).meta({ examples: [residentExample] });
  const tags = ['jobs'];
  return {
    submit: {
      operationId: 'submitJob',
      summary: 'Submit one print-ready record',
      description: 'A repeated `requestId` gets the same answer as the first time; nothing new is stored.',
      tags,
      ...access.token,
      body: jobInput,
      response: {
        201: json('Queued (or the earlier answer to the same requestId)', created),
        ...changeErrors(409),
      },
    },
    batch: {
      operationId: 'submitJobBatch',
      summary: 'Submit up to 1,000 records in one transaction',
      tags,
      ...access.token,
      body: z
        .strictObject({
          jobs: z
            .array(jobInput)
            .max(1000)
            .describe('The records; each may also carry `line` (an integer) that its result repeats'),
        })
        .meta({ examples: [{ jobs: [residentExample] }] }),
      response: { 200: json('Each row’s outcome, in order', batchResult), ...changeErrors() },
    },
    list: {
      operationId: 'listJobs',
      summary: 'Jobs newest first, filtered and paged',
      description: '`next` is the next page’s `before`.',
      tags,
      ...access.read,
      querystring: jobListQuerySchema,
      response: { 200: json('One page of jobs', jobPage), ...readErrors(400) },
    },
    get: {
      operationId: 'getJob',
      summary: 'One job with its transition journal',
      tags,
      ...access.read,
      params: jobIdParams,
      response: { 200: json('The job', jobDetail), ...readErrors(404, 409) },
    },
    preview: {
      operationId: 'getJobPreview',
      summary: 'The card’s front as it will print (PNG)',
      description:
        'Personal data: it needs the token even on loopback, and is sent with `cache-control: no-store`.',
      tags,
      ...access.token,
      params: jobIdParams,
      response: {
        200: other('The card front', 'image/png', z.string().meta({ format: 'binary' })),
        ...readErrors(404, 409, 410),
      },
    },
    find: {
      operationId: 'findJobsByNik',
      summary: 'Every job of one resident, newest first, printed ones too',
      description: 'Found by the NIK’s keyed hash. A POST so the NIK stays out of URLs; it needs the token.',
      tags,
      ...access.token,
      body: nikBody(findByNikSchema),
      response: { 200: json('The resident’s jobs', jobList), ...changeErrors() },
    },
    promote: {
      operationId: 'promoteJob',
      summary: 'The resident is at the counter: their queued job becomes a walk-in',
      tags,
      ...access.token,
      body: nikBody(promoteSchema),
      response: { 200: json('The promoted job', jobDetail), ...changeErrors(404, 409) },
    },
    cancel: {
      operationId: 'cancelJob',
      summary: 'Withdraw a queued job',
      tags,
      ...access.token,
      params: jobIdParams,
      response: { 200: json('The cancelled job', jobDetail), ...changeErrors(404, 409) },
    },
    resolve: {
      operationId: 'resolveJob',
      summary: 'Settle an uncertain job: printed or spoiled',
      tags,
      ...access.token,
      params: jobIdParams,
      body: resolveSchema.meta({ examples: [{ outcome: 'printed', chipUid: '04A1B2C3D4E5F6' }] }),
      response: { 200: json('The settled job', jobDetail), ...changeErrors(404, 409) },
    },
    reprint: {
      operationId: 'authoriseReprint',
      summary: 'Authorise one more card for a printed NIK',
      tags,
      ...access.token,
      body: reprintSchema.meta({ examples: [{ nik: EXAMPLE_NIK, reason: 'lost' }] }),
      response: { 201: json('The authorisation', reprint), ...changeErrors(409) },
    },
  };
}
