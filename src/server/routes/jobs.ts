import type { FastifyInstance } from 'fastify';
import { CetakError } from '../../errors.js';
import { MAX_BATCH } from '../../jobs/job-intake.js';
import { jobView } from '../job-view.js';
import { jobSchemas } from '../schemas/job-schemas.js';
import type { StatusPortServices } from '../services.js';
import { jobPreviewRoute } from './job-preview.js';

type WithId = { Params: { id: string } };

/** An import batch of 1000 full records stays well under this. */
const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

/** Job submission, lookup and the operator's actions on a job. */
export async function jobRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  const schemas = jobSchemas(services.intake.kecamatanIds);
  app.post('/api/jobs', { schema: schemas.submit }, async (request, reply) => {
    // A repeated requestId gets the same answer as the first time; nothing new is stored.
    const { job } = await services.intake.submitAsync(request.body);
    return reply.status(201).send({ id: job.id, state: job.state });
  });

  app.post('/api/jobs/batch', { bodyLimit: BATCH_BODY_LIMIT, schema: schemas.batch }, async (request) => {
    const { rows, lines } = batchRows(request.body);
    const results = await services.intake.submitBatchAsync(rows, lines);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return {
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  });

  app.get('/api/jobs', { schema: schemas.list }, async (request) => {
    const page = services.jobActions.list(request.query);
    return {
      jobs: page.jobs.map((job) => jobView(job)),
      next: page.nextBefore === null ? null : String(page.nextBefore),
    };
  });

  app.post('/api/jobs/find', { schema: schemas.find }, async (request) => ({
    jobs: services.jobActions.findByNik(request.body).map((job) => jobView(job)),
  }));

  app.post('/api/jobs/promote', { schema: schemas.promote }, async (request) => {
    const job = services.jobActions.promote(request.body);
    return jobView(job, services.jobs.journal(job.id));
  });

  app.get<WithId>('/api/jobs/:id', { schema: schemas.get }, async (request) => {
    const id = services.jobs.resolveJobId(request.params.id);
    const job = services.jobs.getJob(id);
    if (!job) throw new CetakError('JOB_NOT_FOUND', `no job with id "${id}"`);
    return jobView(job, services.jobs.journal(job.id));
  });

  jobPreviewRoute(app, services, schemas.preview);

  app.post<WithId>('/api/jobs/:id/cancel', { schema: schemas.cancel }, async (request) => {
    const job = services.jobActions.cancel(services.jobs.resolveJobId(request.params.id));
    return jobView(job, services.jobs.journal(job.id));
  });

  app.post<WithId>('/api/jobs/:id/resolve', { schema: schemas.resolve }, async (request) => {
    const job = services.jobActions.resolve(services.jobs.resolveJobId(request.params.id), request.body);
    return jobView(job, services.jobs.journal(job.id));
  });

  app.post('/api/reprints', { schema: schemas.reprint }, async (request, reply) => {
    return reply.status(201).send(services.jobActions.authoriseReprint(request.body));
  });
}

/** `{jobs: [{line?, ...fields}]}` → the rows (without `line`) and their line numbers. */
function batchRows(body: unknown): { rows: unknown[]; lines: number[] } {
  const jobs = (body as { jobs?: unknown } | null)?.jobs;
  const extra = body && typeof body === 'object' ? Object.keys(body).filter((key) => key !== 'jobs') : [];
  if (!Array.isArray(jobs) || extra.length > 0) {
    throw new CetakError('REQUEST_INVALID', 'a batch is {"jobs": [ … ]} and nothing else', {
      details:
        extra.length > 0 ? extra.map((key) => `${key}: unknown key`) : ['jobs: must be a list of jobs'],
    });
  }
  if (jobs.length > MAX_BATCH) {
    throw new CetakError('REQUEST_INVALID', `a batch holds at most ${MAX_BATCH} jobs (got ${jobs.length})`, {
      details: [`jobs: at most ${MAX_BATCH} jobs`],
    });
  }
  const rows: unknown[] = [];
  const lines: number[] = [];
  jobs.forEach((entry, index) => {
    if (entry && typeof entry === 'object' && !Array.isArray(entry) && 'line' in entry) {
      const { line, ...row } = entry as { line: unknown };
      rows.push(row);
      lines.push(Number.isSafeInteger(line) ? (line as number) : index);
    } else {
      rows.push(entry);
      lines.push(index);
    }
  });
  return { rows, lines };
}
