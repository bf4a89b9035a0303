import type { FastifyInstance, FastifySchema } from 'fastify';
import type { StatusPortServices } from '../services.js';

/**
 * `GET /api/jobs/:id/preview.png`: the card's front as it will print. Unlike other reads it needs
 * the token even on loopback (`personalData`): every other answer masks the NIK and leaves the
 * card out, while this one is the resident's name, address and face.
 */
export function jobPreviewRoute(
  app: FastifyInstance,
  services: StatusPortServices,
  schema: FastifySchema,
): void {
  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id/preview.png',
    { config: { personalData: true }, schema },
    async (request, reply) =>
      reply
        .type('image/png')
        // Personal data: no cache keeps a copy.
        .header('cache-control', 'no-store')
        .send(await services.jobActions.preview(services.jobs.resolveJobId(request.params.id))),
  );
}
