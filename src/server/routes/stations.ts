import type { FastifyInstance } from 'fastify';
import type { StatusPortServices } from '../server.js';

type WithId = { Params: { id: string } };

/** Stock an operator puts into a station, and the station's books. */
export async function stationRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.post<WithId>('/api/stations/:id/blanks', async (request, reply) => {
    return reply.status(201).send(services.stock.load(request.params.id, request.body));
  });

  app.get<WithId>('/api/stations/:id/ledger', async (request) => services.stock.books(request.params.id));
}
