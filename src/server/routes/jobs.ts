import type { FastifyInstance } from 'fastify';
import { CetakError } from '../../errors.js';
import { jobView } from '../job-view.js';
import type { StatusPortServices } from '../server.js';

/** Job submission and lookup. */
export async function jobRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.post('/api/jobs', async (request, reply) => {
    const job = services.intake.submit(request.body);
    return reply.status(201).send({ id: job.id, state: job.state });
  });

  app.get<{ Params: { id: string } }>('/api/jobs/:id', async (request) => {
    const job = services.store.getJob(request.params.id);
    if (!job) throw new CetakError('JOB_NOT_FOUND', `no job with id "${request.params.id.slice(0, 64)}"`);
    return jobView(job, services.store.journal(job.id));
  });
}
