import type { FastifyInstance } from 'fastify';
import { parseBody } from '../../operations/parse-body.js';
import { statusSchemas, temperatureQuerySchema } from '../schemas/status-schemas.js';
import type { StatusPortServices } from '../services.js';

/** `GET /api/status`: the whole fleet at a glance; alerts and temperature history beside it. */
export async function statusRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/api/status', { schema: statusSchemas.status }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(services.statusBody()),
  );

  app.get('/api/alerts', { schema: statusSchemas.alerts }, async () => ({ alerts: services.alerts.list() }));

  app.post<{ Params: { id: string } }>(
    '/api/alerts/:id/ack',
    { schema: statusSchemas.ack },
    async (request) => services.alerts.acknowledge(request.params.id, request.body),
  );

  app.get('/api/temperatures', { schema: statusSchemas.temperatures }, async (request) => {
    const { minutes } = parseBody(temperatureQuerySchema, request.query, 'temperature query');
    return {
      stations: services.temperatures.recent(minutes),
      cutOffC: Object.fromEntries(services.stations.map((s) => [s.id, s.snapshot().thermal.cutOffC])),
    };
  });
}
