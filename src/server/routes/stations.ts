import type { FastifyInstance } from 'fastify';
import { CetakError } from '../../errors.js';
import { STATION_COMMANDS } from '../../operations/station-controls.js';
import { stationSchemas as schemas } from '../schemas/station-schemas.js';
import type { StatusPortServices } from '../services.js';

type WithId = { Params: { id: string } };

/** The fleet's printers: what each is doing, and what operators do to them. */
export async function stationRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  const view = (id: string) => {
    services.controls.station(id);
    const entry = services.status().stations.find((s) => s.id === id);
    if (!entry) throw new CetakError('STATION_NOT_FOUND', `no station "${id.slice(0, 64)}"`);
    return entry;
  };

  app.get('/api/stations', { schema: schemas.list }, async () => ({ stations: services.status().stations }));

  app.get<WithId>('/api/stations/:id', { schema: schemas.get }, async (request) => ({
    ...view(request.params.id),
    books: services.stock.books(request.params.id),
  }));

  for (const command of STATION_COMMANDS) {
    app.post<WithId>(
      `/api/stations/:id/${command}`,
      { schema: schemas.command(command) },
      async (request) => {
        await services.controls.command(request.params.id, command, request.body);
        return view(request.params.id);
      },
    );
  }

  app.post<WithId>('/api/stations/:id/actions', { schema: schemas.actions }, async (request) => {
    await services.controls.act(request.params.id, request.body);
    return view(request.params.id);
  });

  app.post<WithId>('/api/stations/:id/blanks', { schema: schemas.blanks }, async (request, reply) => {
    const books = services.stock.load(request.params.id, request.body);
    const { item, count } = request.body as { item?: string; count: number };
    if (item === undefined || item === 'blanks')
      await services.controls.blanksLoaded(request.params.id, count);
    return reply.status(201).send(books);
  });

  app.get<WithId>('/api/stations/:id/ledger', { schema: schemas.ledger }, async (request) =>
    services.stock.books(request.params.id),
  );

  app.post<WithId>('/api/stations/:id/stock-count', { schema: schemas.count }, async (request, reply) =>
    reply.status(201).send(await services.stock.count(request.params.id, request.body)),
  );

  app.get('/api/stock', { schema: schemas.stock }, async () => ({
    stations: services.stations.map((station) => ({
      id: station.id,
      blanks: services.stock.books(station.id).blanks,
      lastCount: services.stock.counts(station.id)[0] ?? null,
    })),
    counts: services.stock.counts(),
  }));
}
