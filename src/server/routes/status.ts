import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseBody } from '../../operations/parse-body.js';
import type { StatusPortServices } from '../server.js';

export const temperatureQuerySchema = z.strictObject({
  minutes: z.coerce.number().int().min(1).max(120).default(120),
});

/** `GET /api/status`: the whole fleet at a glance; alerts and temperature history beside it. */
export async function statusRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/api/status', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(services.statusJson()),
  );

  app.get('/api/alerts', async () => ({ alerts: services.alerts.list() }));

  app.post<{ Params: { id: string } }>('/api/alerts/:id/ack', async (request) =>
    services.alerts.acknowledge(request.params.id, request.body),
  );

  app.get('/api/temperatures', async (request) => {
    const { minutes } = parseBody(temperatureQuerySchema, request.query, 'temperature query');
    return {
      stations: services.temperatures.recent(minutes),
      cutOffC: Object.fromEntries(services.stations.map((s) => [s.id, s.snapshot().thermal.cutOffC])),
    };
  });
}
